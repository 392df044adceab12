package io.vnft.zk.curve;

import io.vnft.zk.field.Fp2;
import java.math.BigInteger;

/** Jacobian G2 point (X, Y, Z) = affine (X/Z^2, Y/Z^3); Z = 0 is infinity. Package-private helper. */
final class G2Jacobian {
  static final G2Jacobian INF = new G2Jacobian(Fp2.ONE, Fp2.ONE, Fp2.ZERO);

  final Fp2 x;
  final Fp2 y;
  final Fp2 z;

  G2Jacobian(Fp2 x, Fp2 y, Fp2 z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }

  static G2Jacobian of(G2Point p) {
    return p.isInfinity() ? INF : new G2Jacobian(p.xFp2(), p.yFp2(), Fp2.ONE);
  }

  boolean isInf() {
    return z.isZero();
  }

  // dbl-2009-l (a = 0)
  G2Jacobian dbl() {
    if (isInf() || y.isZero()) {
      return INF;
    }
    Fp2 a = x.square();
    Fp2 b = y.square();
    Fp2 c = b.square();
    Fp2 d = x.add(b).square().sub(a).sub(c).dbl();
    Fp2 e = a.dbl().add(a);
    Fp2 f = e.square();
    Fp2 x3 = f.sub(d.dbl());
    Fp2 y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    Fp2 z3 = y.mul(z).dbl();
    return new G2Jacobian(x3, y3, z3);
  }

  // madd-2007-bl
  G2Jacobian addAffine(G2Point q) {
    if (q.isInfinity()) {
      return this;
    }
    if (isInf()) {
      return of(q);
    }
    Fp2 z1z1 = z.square();
    Fp2 u2 = q.xFp2().mul(z1z1);
    Fp2 s2 = q.yFp2().mul(z).mul(z1z1);
    Fp2 h = u2.sub(x);
    Fp2 r = s2.sub(y).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : INF;
    }
    Fp2 hh = h.square();
    Fp2 i = hh.dbl().dbl();
    Fp2 j = h.mul(i);
    Fp2 v = x.mul(i);
    Fp2 x3 = r.square().sub(j).sub(v.dbl());
    Fp2 y3 = r.mul(v.sub(x3)).sub(y.mul(j).dbl());
    Fp2 z3 = z.add(h).square().sub(z1z1).sub(hh);
    return new G2Jacobian(x3, y3, z3);
  }

  // add-2007-bl
  G2Jacobian add(G2Jacobian o) {
    if (isInf()) {
      return o;
    }
    if (o.isInf()) {
      return this;
    }
    Fp2 z1z1 = z.square();
    Fp2 z2z2 = o.z.square();
    Fp2 u1 = x.mul(z2z2);
    Fp2 u2 = o.x.mul(z1z1);
    Fp2 s1 = y.mul(o.z).mul(z2z2);
    Fp2 s2 = o.y.mul(z).mul(z1z1);
    Fp2 h = u2.sub(u1);
    Fp2 r = s2.sub(s1).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : INF;
    }
    Fp2 i = h.dbl().square();
    Fp2 j = h.mul(i);
    Fp2 v = u1.mul(i);
    Fp2 x3 = r.square().sub(j).sub(v.dbl());
    Fp2 y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    Fp2 z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new G2Jacobian(x3, y3, z3);
  }

  G2Jacobian neg() {
    return new G2Jacobian(x, y.neg(), z);
  }

  G2Point toAffine() {
    if (isInf()) {
      return G2Point.INFINITY;
    }
    Fp2 zi = z.inverse();
    Fp2 zi2 = zi.square();
    return G2Point.fromUnchecked(x.mul(zi2), y.mul(zi2).mul(zi));
  }

  static G2Jacobian mul(G2Point p, BigInteger k) {
    G2Jacobian acc = INF;
    if (p.isInfinity() || k.signum() == 0) {
      return acc;
    }
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = acc.dbl();
      if (k.testBit(i)) {
        acc = acc.addAffine(p);
      }
    }
    return acc;
  }
}
