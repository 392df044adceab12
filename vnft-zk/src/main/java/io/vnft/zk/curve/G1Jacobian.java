package io.vnft.zk.curve;

import io.vnft.zk.field.Fp;
import java.math.BigInteger;

/** Jacobian G1 point (X, Y, Z) = affine (X/Z^2, Y/Z^3); Z = 0 is infinity. Package-private helper. */
final class G1Jacobian {
  static final G1Jacobian INF = new G1Jacobian(Fp.ONE, Fp.ONE, Fp.ZERO);

  final Fp x;
  final Fp y;
  final Fp z;

  G1Jacobian(Fp x, Fp y, Fp z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }

  static G1Jacobian of(G1Point p) {
    return p.isInfinity() ? INF : new G1Jacobian(p.xFp(), p.yFp(), Fp.ONE);
  }

  boolean isInf() {
    return z.isZero();
  }

  // dbl-2009-l (a = 0)
  G1Jacobian dbl() {
    if (isInf() || y.isZero()) {
      return INF;
    }
    Fp a = x.square();
    Fp b = y.square();
    Fp c = b.square();
    Fp d = x.add(b).square().sub(a).sub(c).dbl();
    Fp e = a.dbl().add(a);
    Fp f = e.square();
    Fp x3 = f.sub(d.dbl());
    Fp y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    Fp z3 = y.mul(z).dbl();
    return new G1Jacobian(x3, y3, z3);
  }

  // madd-2007-bl
  G1Jacobian addAffine(G1Point q) {
    if (q.isInfinity()) {
      return this;
    }
    if (isInf()) {
      return of(q);
    }
    Fp z1z1 = z.square();
    Fp u2 = q.xFp().mul(z1z1);
    Fp s2 = q.yFp().mul(z).mul(z1z1);
    Fp h = u2.sub(x);
    Fp r = s2.sub(y).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : INF;
    }
    Fp hh = h.square();
    Fp i = hh.dbl().dbl();
    Fp j = h.mul(i);
    Fp v = x.mul(i);
    Fp x3 = r.square().sub(j).sub(v.dbl());
    Fp y3 = r.mul(v.sub(x3)).sub(y.mul(j).dbl());
    Fp z3 = z.add(h).square().sub(z1z1).sub(hh);
    return new G1Jacobian(x3, y3, z3);
  }

  // add-2007-bl
  G1Jacobian add(G1Jacobian o) {
    if (isInf()) {
      return o;
    }
    if (o.isInf()) {
      return this;
    }
    Fp z1z1 = z.square();
    Fp z2z2 = o.z.square();
    Fp u1 = x.mul(z2z2);
    Fp u2 = o.x.mul(z1z1);
    Fp s1 = y.mul(o.z).mul(z2z2);
    Fp s2 = o.y.mul(z).mul(z1z1);
    Fp h = u2.sub(u1);
    Fp r = s2.sub(s1).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : INF;
    }
    Fp i = h.dbl().square();
    Fp j = h.mul(i);
    Fp v = u1.mul(i);
    Fp x3 = r.square().sub(j).sub(v.dbl());
    Fp y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    Fp z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new G1Jacobian(x3, y3, z3);
  }

  G1Jacobian neg() {
    return new G1Jacobian(x, y.neg(), z);
  }

  G1Point toAffine() {
    if (isInf()) {
      return G1Point.INFINITY;
    }
    Fp zi = z.inverse();
    Fp zi2 = zi.square();
    return G1Point.fromUnchecked(x.mul(zi2), y.mul(zi2).mul(zi));
  }

  static G1Jacobian mul(G1Point p, BigInteger k) {
    G1Jacobian acc = INF;
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
