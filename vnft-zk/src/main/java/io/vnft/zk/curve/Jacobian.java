package io.vnft.zk.curve;

import io.vnft.zk.field.FieldElement;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp2;
import java.math.BigInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A point (X, Y, Z) = affine (X/Z^2, Y/Z^3) of y^2 = x^3 + b in Jacobian coordinates over the field
 * F, with affine points of type P; Z = 0 is infinity. One set of formulas for G1 (F = Fp) and G2
 * (F = Fp2), on immutable field objects: the object-level path (point addition and doubling on
 * {@link G2Point}, test oracles), not the limb-level hot loops. Package-private; immutable.
 *
 * @param <F> the coordinate field
 * @param <P> the affine point type
 */
final class Jacobian<F extends FieldElement<F>, P> {
  /** What a group supplies: its field's 0 and 1, and its affine points. */
  record Group<F extends FieldElement<F>, P>(F zero, F one, P infinity, Predicate<P> isInfinity,
      Function<P, F> x, Function<P, F> y, BiFunction<F, F, P> affine) {}

  static final Group<Fp, G1Point> G1 = new Group<>(Fp.ZERO, Fp.ONE, G1Point.INFINITY,
      G1Point::isInfinity, G1Point::xFp, G1Point::yFp, G1Point::fromUnchecked);
  static final Group<Fp2, G2Point> G2 = new Group<>(Fp2.ZERO, Fp2.ONE, G2Point.INFINITY,
      G2Point::isInfinity, G2Point::xFp2, G2Point::yFp2, G2Point::fromUnchecked);

  final Group<F, P> group;
  final F x;
  final F y;
  final F z;

  Jacobian(Group<F, P> group, F x, F y, F z) {
    this.group = group;
    this.x = x;
    this.y = y;
    this.z = z;
  }

  static <F extends FieldElement<F>, P> Jacobian<F, P> infinity(Group<F, P> g) {
    return new Jacobian<>(g, g.one(), g.one(), g.zero());
  }

  static <F extends FieldElement<F>, P> Jacobian<F, P> of(Group<F, P> g, P p) {
    return g.isInfinity().test(p) ? infinity(g) : new Jacobian<>(g, g.x().apply(p), g.y().apply(p), g.one());
  }

  boolean isInf() {
    return z.isZero();
  }

  // dbl-2009-l (a = 0)
  Jacobian<F, P> dbl() {
    if (isInf() || y.isZero()) {
      return infinity(group);
    }
    F a = x.square();
    F b = y.square();
    F c = b.square();
    F d = x.add(b).square().sub(a).sub(c).dbl();
    F e = a.dbl().add(a);
    F f = e.square();
    F x3 = f.sub(d.dbl());
    F y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    F z3 = y.mul(z).dbl();
    return new Jacobian<>(group, x3, y3, z3);
  }

  // madd-2007-bl
  Jacobian<F, P> addAffine(P q) {
    if (group.isInfinity().test(q)) {
      return this;
    }
    if (isInf()) {
      return of(group, q);
    }
    F z1z1 = z.square();
    F u2 = group.x().apply(q).mul(z1z1);
    F s2 = group.y().apply(q).mul(z).mul(z1z1);
    F h = u2.sub(x);
    F r = s2.sub(y).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : infinity(group);
    }
    F hh = h.square();
    F i = hh.dbl().dbl();
    F j = h.mul(i);
    F v = x.mul(i);
    F x3 = r.square().sub(j).sub(v.dbl());
    F y3 = r.mul(v.sub(x3)).sub(y.mul(j).dbl());
    F z3 = z.add(h).square().sub(z1z1).sub(hh);
    return new Jacobian<>(group, x3, y3, z3);
  }

  // add-2007-bl
  Jacobian<F, P> add(Jacobian<F, P> o) {
    if (isInf()) {
      return o;
    }
    if (o.isInf()) {
      return this;
    }
    F z1z1 = z.square();
    F z2z2 = o.z.square();
    F u1 = x.mul(z2z2);
    F u2 = o.x.mul(z1z1);
    F s1 = y.mul(o.z).mul(z2z2);
    F s2 = o.y.mul(z).mul(z1z1);
    F h = u2.sub(u1);
    F r = s2.sub(s1).dbl();
    if (h.isZero()) {
      return r.isZero() ? dbl() : infinity(group);
    }
    F i = h.dbl().square();
    F j = h.mul(i);
    F v = u1.mul(i);
    F x3 = r.square().sub(j).sub(v.dbl());
    F y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    F z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new Jacobian<>(group, x3, y3, z3);
  }

  P toAffine() {
    if (isInf()) {
      return group.infinity();
    }
    F zi = z.inverse();
    F zi2 = zi.square();
    return group.affine().apply(x.mul(zi2), y.mul(zi2).mul(zi));
  }

  /** k * p by double-and-add over the bits of k (k >= 0; no reduction mod r). */
  static <F extends FieldElement<F>, P> Jacobian<F, P> mul(Group<F, P> g, P p, BigInteger k) {
    Jacobian<F, P> acc = infinity(g);
    if (g.isInfinity().test(p) || k.signum() == 0) {
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
