package io.vnft.zk.curve;

import static io.vnft.zk.curve.internal.G2LimbOps.add2;
import static io.vnft.zk.curve.internal.G2LimbOps.copy2;
import static io.vnft.zk.curve.internal.G2LimbOps.neg2;
import static io.vnft.zk.curve.internal.G2LimbOps.sub2;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.internal.Fp12LimbOps;
import io.vnft.zk.curve.internal.G2LimbOps;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp12;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.FpOps;
import java.math.BigInteger;

/**
 * The optimal ate pairing e: G1 x G2 -> GT on BN254 (GT = the order-r subgroup of Fp12*), with the
 * full final exponentiation f^((p^12 - 1)/r), so {@link #pair} returns the same GT element as
 * EIP-197 / ffjavascript / gnark define, and {@link #pairingCheck} answers exactly the ecPairing
 * precompile's question (is the product of pairings one?).
 *
 * <p>Miller loop over the signed digits (NAF) of 6x + 2 (x = 4965661367192848881, the BN
 * parameter), then the two Frobenius lines. The twisted point runs in homogeneous projective
 * coordinates with the doubling and mixed-addition formulas of Aranha, Karabina, Longa, Gebotys,
 * Lopez, "Faster explicit formulas for computing pairings over ordinary curves" (Eurocrypt 2011,
 * sec. 4; also Costello, Lange, Naehrig, PKC 2010), which give each line as three Fp2
 * coefficients (at w^0, w^1, w^3) scaled by an Fp2 factor the final exponentiation removes; f is
 * multiplied by each line with a sparse product (13 Fp2 multiplications instead of 18). The lines
 * of a G2 point depend only on that point: {@link #prepare} computes them once and divides each by
 * its w^3 coefficient (one batch inversion), so a fixed point (a verifying key's) costs only the
 * evaluation at P and a 9-multiplication sparse product per line. All pairs share one squaring of
 * f per step. Everything runs on Montgomery limbs without allocation inside the loops ({@code
 * io.vnft.zk.curve.internal.Fp12LimbOps}); {@link #millerLoop} values therefore differ from the
 * earlier Jacobian implementation's by such Fp2 factors, while every reduced value ({@link #pair},
 * {@link #finalExponentiation}, the checks) is unchanged.
 *
 * <p>Final exponentiation: easy part f^((p^6 - 1)(p^2 + 1)) with one Fp12 inversion and a
 * Frobenius; hard part f^((p^4 - p^2 + 1)/r) with the vectorial addition chain of Scott,
 * Benger, Charlemagne, Dominguez Perez, Kachisa, "On the final exponentiation for calculating
 * pairings on ordinary elliptic curves" (Pairing 2009, sec. 5: three exponentiations by x, 13
 * multiplications, 4 squarings), which gives exactly this exponent (not a multiple of it, as the
 * Fuentes-Castaneda et al. chain would, so results equal the plain definition and ffjavascript's).
 * The exponentiations by x use Granger-Scott cyclotomic squarings and a width-4 signed window
 * (inversion is conjugation in the cyclotomic subgroup): 62 squarings and 17 multiplications each.
 *
 * <p>Thread-safety: stateless (scratch space is per call). Exceptions: {@link
 * InvalidInputException} if the arrays given to {@link #pairingCheck} or {@link #millerLoop} are
 * null, hold nulls, or differ in length. Inputs are assumed valid group elements (the {@code
 * G1Point}/{@code G2Point} factories check that).
 */
public final class Pairing {
  private Pairing() {}

  /** The BN parameter x. */
  static final BigInteger BN_X = new BigInteger("4965661367192848881");
  /** 6x + 2, the optimal ate loop count. */
  static final BigInteger ATE_LOOP = BN_X.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO);

  /** NAF of 6x + 2, least significant first: 66 digits, 22 non-zero (65 doublings, 21 additions). */
  private static final int[] ATE_NAF = signedDigits(ATE_LOOP, 2);
  /** Width-4 NAF of x, least significant first (digits in {0, +-1, +-3, +-5, +-7}). */
  private static final int[] X_WNAF = signedDigits(BN_X, 4);
  /** Number of lines per G2 point: one per doubling, one per non-zero digit, two Frobenius lines. */
  static final int LINES;
  private static final int LINE = 24; // three Fp2: a (times yP), b (times xP), c

  // Frobenius on the twist: pi(x, y) = (conj(x) * FROB_X, conj(y) * FROB_Y)
  private static final long[] FROB_X = new long[8];
  private static final long[] FROB_Y = new long[8];
  // 3 b' for the twist y^2 = x^3 + b', b' = 3 / xi
  private static final long[] TWIST_B3 = new long[8];

  static {
    int n = ATE_NAF.length - 1;
    for (int i = ATE_NAF.length - 2; i >= 0; i--) {
      if (ATE_NAF[i] != 0) {
        n++;
      }
    }
    LINES = n + 2;
    BigInteger pm1 = Fp.MODULUS.subtract(BigInteger.ONE);
    Fp2.XI.pow(pm1.divide(BigInteger.valueOf(3))).copyLimbsTo(FROB_X, 0);
    Fp2.XI.pow(pm1.divide(BigInteger.TWO)).copyLimbsTo(FROB_Y, 0);
    Fp2.of(BigInteger.valueOf(9), BigInteger.ZERO).mul(Fp2.XI.inverse()).copyLimbsTo(TWIST_B3, 0);
  }

  // signed digits of k in width w (w = 2: the NAF), least significant first
  private static int[] signedDigits(BigInteger k, int w) {
    int[] d = new int[k.bitLength() + 1];
    int len = 0;
    BigInteger mod = BigInteger.ONE.shiftLeft(w);
    while (k.signum() > 0) {
      int z = 0;
      if (k.testBit(0)) {
        z = k.mod(mod).intValue();
        if (z >= (1 << (w - 1))) {
          z -= 1 << w;
        }
        k = k.subtract(BigInteger.valueOf(z));
      }
      d[len++] = z;
      k = k.shiftRight(1);
    }
    return java.util.Arrays.copyOf(d, len);
  }

  /**
   * The Miller-loop lines of a fixed G2 point, computed once by {@link Pairing#prepare} and
   * reused for any number of pairings with it (a Groth16 verifying key's gamma and delta).
   * Holds 88 lines of three Fp2 coefficients (about 17 KiB). Immutable and thread-safe.
   */
  public static final class G2Prepared {
    private final long[] lines; // LINES * LINE longs; null for the point at infinity
    private final boolean unit; // every line divided by its w^3 coefficient (c = 1, not stored)
    private final G2Point point;

    private G2Prepared(G2Point point, long[] lines, boolean unit) {
      this.point = point;
      this.lines = lines;
      this.unit = unit;
    }

    /** @return the point these lines belong to */
    public G2Point point() {
      return point;
    }

    /** @return true if the point is the point at infinity (its pairings are one) */
    public boolean isInfinity() {
      return lines == null;
    }
  }

  /**
   * Precomputes the Miller-loop lines of q (about the cost of the G2 half of one Miller loop,
   * plus a batch inversion that divides each line by its w^3 coefficient so that each later use
   * multiplies f by a sparser line: 9 instead of 13 Fp2 multiplications).
   *
   * @param q the G2 point
   * @return its lines, reusable across pairings and threads
   * @throws InvalidInputException if q is null
   */
  public static G2Prepared prepare(G2Point q) {
    if (q == null) {
      throw new InvalidInputException("prepare: G2 point must not be null");
    }
    if (q.isInfinity()) {
      return new G2Prepared(q, null, false);
    }
    Fp12LimbOps ops = new Fp12LimbOps();
    long[] lines = lines(q, ops);
    boolean unit = normalize(lines, ops);
    return new G2Prepared(q, lines, unit);
  }

  /**
   * The Miller-loop lines of q without the batch inversion of {@link #prepare}: cheaper when q
   * takes part in one pairing only (a proof's B), as the inversion and the per-line divisions cost
   * more than the 4 Fp2 multiplications per line they save in a single Miller loop.
   *
   * @param q the G2 point
   * @return its lines, unscaled
   * @throws InvalidInputException if q is null
   */
  public static G2Prepared prepareOnce(G2Point q) {
    if (q == null) {
      throw new InvalidInputException("prepareOnce: G2 point must not be null");
    }
    if (q.isInfinity()) {
      return new G2Prepared(q, null, false);
    }
    return new G2Prepared(q, lines(q, new Fp12LimbOps()), false);
  }

  /**
   * e(p, q), the reduced pairing (an element of GT). e(O, q) = e(p, O) = 1.
   *
   * @param p the G1 point
   * @param q the G2 point
   * @return e(p, q) in GT
   */
  public static Fp12 pair(G1Point p, G2Point q) {
    return finalExponentiation(millerLoop(new G1Point[] {p}, new G2Point[] {q}));
  }

  /**
   * True if prod_i e(ps[i], qs[i]) == 1 (one shared final exponentiation). Empty arrays give true,
   * like the EIP-197 precompile.
   *
   * @param ps the G1 points
   * @param qs the G2 points, one per G1 point
   * @return whether prod_i e(ps[i], qs[i]) == 1 (one shared final exponentiation)
   * @throws InvalidInputException if the arrays are null, contain null, or differ in length
   */
  public static boolean pairingCheck(G1Point[] ps, G2Point[] qs) {
    return pairingCheck(ps, prepareAll(ps, qs));
  }

  /**
   * True if prod_i e(ps[i], qs[i]) == 1, with the G2 lines precomputed by {@link #prepare}.
   *
   * @param ps the G1 points
   * @param qs the prepared G2 points, one per G1 point
   * @return whether the product is one
   * @throws InvalidInputException if the arrays are null, contain null, or differ in length
   */
  public static boolean pairingCheck(G1Point[] ps, G2Prepared[] qs) {
    return Fp12LimbOps.isOne12(reducedProduct(ps, qs), 0);
  }

  /**
   * True if prod_i e(ps[i], qs[i]) equals {@code target}, an element of GT. With a precomputed
   * target this replaces a pair of fixed points in a check: a Groth16 verifier compares
   * e(-A, B) e(vk_x, gamma) e(C, delta) with e(alpha, beta)^-1 (the conjugate of e(alpha, beta))
   * instead of running a fourth Miller loop. Empty arrays give a product of one.
   *
   * @param ps the G1 points
   * @param qs the prepared G2 points, one per G1 point
   * @param target the expected product, an element of GT
   * @return whether prod_i e(ps[i], qs[i]) equals {@code target}, an element of GT
   * @throws InvalidInputException if an argument is null, the arrays contain null, or differ in
   *     length
   */
  public static boolean pairingProductEquals(G1Point[] ps, G2Prepared[] qs, Fp12 target) {
    if (target == null) {
      throw new InvalidInputException("pairingProductEquals: target must not be null");
    }
    long[] t = new long[Fp12LimbOps.FP12];
    target.copyLimbsTo(t, 0);
    return java.util.Arrays.equals(reducedProduct(ps, qs), t);
  }

  // prod_i e(ps[i], qs[i]) as 48 Montgomery limbs: one shared Miller loop, one final exponentiation
  private static long[] reducedProduct(G1Point[] ps, G2Prepared[] qs) {
    Fp12LimbOps ops = new Fp12LimbOps();
    long[] f = new long[Fp12LimbOps.FP12];
    millerLoop(ps, qs, ops, f);
    long[] r = new long[Fp12LimbOps.FP12];
    finalExponentiation(f, ops, r);
    return r;
  }

  /**
   * A Miller loop value of (p, q): f_{6x+2,Q}(P) times the Frobenius lines, each line scaled by an
   * Fp2 factor; only its final exponentiation is canonical (the scaling, and so this value,
   * depends on the coordinates the loop runs in).
   *
   * @param p the G1 point
   * @param q the G2 point
   * @return the Miller loop value, before the final exponentiation
   */
  public static Fp12 millerLoop(G1Point p, G2Point q) {
    return millerLoop(new G1Point[] {p}, new G2Point[] {q});
  }

  /**
   * The product of the Miller loop values of all pairs, sharing the squarings (no final
   * exponentiation). Pairs with a point at infinity contribute one.
   *
   * @param ps the G1 points
   * @param qs the G2 points, one per G1 point
   * @return the product of the Miller loop values
   * @throws InvalidInputException if the arrays are null, contain null, or differ in length
   */
  public static Fp12 millerLoop(G1Point[] ps, G2Point[] qs) {
    G2Prepared[] pq = prepareAll(ps, qs);
    long[] f = new long[Fp12LimbOps.FP12];
    millerLoop(ps, pq, new Fp12LimbOps(), f);
    return Fp12.fromMontLimbs(f, 0);
  }

  private static G2Prepared[] prepareAll(G1Point[] ps, G2Point[] qs) {
    checkPairs(ps, qs);
    G2Prepared[] out = new G2Prepared[qs.length];
    Fp12LimbOps ops = null;
    for (int i = 0; i < qs.length; i++) {
      if (ps[i].isInfinity() || qs[i].isInfinity()) {
        out[i] = new G2Prepared(qs[i], null, false); // contributes one; no lines needed
      } else {
        if (ops == null) {
          ops = new Fp12LimbOps();
        }
        out[i] = new G2Prepared(qs[i], lines(qs[i], ops), false); // used once: not normalized
      }
    }
    return out;
  }

  private static void checkPairs(Object[] ps, Object[] qs) {
    if (ps == null || qs == null) {
      throw new InvalidInputException("pairing inputs must not be null");
    }
    if (ps.length != qs.length) {
      throw new InvalidInputException("pairing needs as many G1 points as G2 points, got "
          + ps.length + " and " + qs.length);
    }
    for (int i = 0; i < ps.length; i++) {
      if (ps[i] == null || qs[i] == null) {
        throw new InvalidInputException("pairing input " + i + " is null");
      }
    }
  }

  // f = prod_i (Miller loop of pair i), into f[0..48)
  private static void millerLoop(G1Point[] ps, G2Prepared[] qs, Fp12LimbOps ops, long[] f) {
    checkPairs(ps, qs);
    int n = 0;
    for (int i = 0; i < ps.length; i++) {
      if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
        n++;
      }
    }
    Fp12LimbOps.setOne12(f, 0);
    if (n == 0) {
      return;
    }
    long[] pxy = new long[8 * n]; // xP at 8j, yP at 8j + 4
    long[][] lines = new long[n][];
    boolean[] unit = new boolean[n];
    int k = 0;
    for (int i = 0; i < ps.length; i++) {
      if (!ps[i].isInfinity() && !qs[i].isInfinity()) {
        ps[i].xFp().copyLimbsTo(pxy, 8 * k);
        ps[i].yFp().copyLimbsTo(pxy, 8 * k + 4);
        unit[k] = qs[i].unit;
        lines[k++] = qs[i].lines;
      }
    }
    long[] l = new long[LINE];
    int li = 0; // line index, the same for every pair
    boolean first = true;
    for (int i = ATE_NAF.length - 2; i >= 0; i--) {
      if (!first) {
        ops.sq12(f, 0, f, 0);
      }
      first = false;
      for (int j = 0; j < n; j++) {
        applyLine(ops, f, lines[j], unit[j], li, pxy, j, l);
      }
      li++;
      if (ATE_NAF[i] != 0) {
        for (int j = 0; j < n; j++) {
          applyLine(ops, f, lines[j], unit[j], li, pxy, j, l);
        }
        li++;
      }
    }
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < n; j++) {
        applyLine(ops, f, lines[j], unit[j], li, pxy, j, l);
      }
      li++;
    }
  }

  // f *= line li evaluated at P_j: (a yP) + (b xP) w + c w^3 (c = 1 if unit)
  private static void applyLine(Fp12LimbOps ops, long[] f, long[] lines, boolean unit, int li,
      long[] pxy, int j, long[] l) {
    int o = li * LINE;
    Fp12LimbOps.mulFp2(lines, o, pxy, 8 * j + 4, l, 0);
    Fp12LimbOps.mulFp2(lines, o + 8, pxy, 8 * j, l, 8);
    if (unit) {
      ops.mulBy034c1(f, 0, l, 0, 8);
    } else {
      copy2(lines, o + 16, l, 16);
      ops.mulBy034(f, 0, l, 0, 8, 16);
    }
  }

  // Divides every line by its w^3 coefficient c (one batch inversion, Montgomery's trick), so
  // that c = 1. Leaves the lines as they are and returns false if some c is zero (then the
  // division is impossible; a valid point gives such a line only with negligible probability).
  private static boolean normalize(long[] lines, Fp12LimbOps ops) {
    int n = lines.length / LINE;
    long[] prefix = new long[8 * n];
    for (int i = 0; i < n; i++) {
      if (G2LimbOps.isZero2(lines, LINE * i + 16)) {
        return false;
      }
      if (i == 0) {
        copy2(lines, 16, prefix, 0);
      } else {
        ops.mul2(prefix, 8 * (i - 1), lines, LINE * i + 16, prefix, 8 * i);
      }
    }
    long[] inv = new long[8];
    long[] ci = new long[8];
    ops.inv2(prefix, 8 * (n - 1), inv, 0); // (c_0 ... c_{n-1})^-1
    for (int i = n - 1; i >= 0; i--) {
      int o = LINE * i;
      if (i > 0) {
        ops.mul2(inv, 0, prefix, 8 * (i - 1), ci, 0);  // c_i^-1
        ops.mul2(inv, 0, lines, o + 16, inv, 0);      // (c_0 ... c_{i-1})^-1
      } else {
        copy2(inv, 0, ci, 0);
      }
      ops.mul2(lines, o, ci, 0, lines, o);
      ops.mul2(lines, o + 8, ci, 0, lines, o + 8);
      FpOps.setOne(lines, o + 16);
      FpOps.setZero(lines, o + 20);
    }
    return true;
  }

  // The LINES lines of q (affine, not infinity), in the order the Miller loop uses them.
  private static long[] lines(G2Point q, Fp12LimbOps ops) {
    long[] out = new long[LINES * LINE];
    long[] t = new long[24];        // T = (X, Y, Z) homogeneous
    long[] q0 = new long[16];       // Q (x, y)
    long[] qn = new long[16];       // -Q
    long[] q1 = new long[16];       // pi(Q)
    long[] q2 = new long[16];       // -pi^2(Q)
    long[] s = new long[96];
    q.xFp2().copyLimbsTo(q0, 0);
    q.yFp2().copyLimbsTo(q0, 8);
    copy2(q0, 0, qn, 0);
    neg2(q0, 8, qn, 8);
    frobeniusTwist(ops, q0, q1);
    frobeniusTwist(ops, q1, q2);
    neg2(q2, 8, q2, 8);
    copy2(q0, 0, t, 0);
    copy2(q0, 8, t, 8);
    FpOps.setOne(t, 16);
    FpOps.setZero(t, 20);
    int li = 0;
    for (int i = ATE_NAF.length - 2; i >= 0; i--) {
      doublingStep(ops, t, s, out, LINE * li++);
      if (ATE_NAF[i] == 1) {
        additionStep(ops, t, q0, s, out, LINE * li++);
      } else if (ATE_NAF[i] == -1) {
        additionStep(ops, t, qn, s, out, LINE * li++);
      }
    }
    additionStep(ops, t, q1, s, out, LINE * li++);
    additionStep(ops, t, q2, s, out, LINE * li++);
    return out;
  }

  // pi(x, y) = (conj(x) FROB_X, conj(y) FROB_Y), on 16-long (x, y) arrays
  private static void frobeniusTwist(Fp12LimbOps ops, long[] q, long[] r) {
    Fp12LimbOps.conj2(q, 0, r, 0);
    ops.mul2(r, 0, FROB_X, 0, r, 0);
    Fp12LimbOps.conj2(q, 8, r, 8);
    ops.mul2(r, 8, FROB_Y, 0, r, 8);
  }

  /** pi(Q): the p-power Frobenius endomorphism carried to the twist. */
  static G2Point frobeniusTwist(G2Point q) {
    long[] a = new long[16];
    long[] r = new long[16];
    q.xFp2().copyLimbsTo(a, 0);
    q.yFp2().copyLimbsTo(a, 8);
    frobeniusTwist(new Fp12LimbOps(), a, r);
    return G2Point.fromUnchecked(
        new Fp2(Fp.fromMontLimbs(r, 0), Fp.fromMontLimbs(r, 4)),
        new Fp2(Fp.fromMontLimbs(r, 8), Fp.fromMontLimbs(r, 12)));
  }

  private static final int B = 0, C = 8, E = 16, F = 24, H = 32, XX = 40, A = 48, U = 56, W = 64;

  // T = 2T and the tangent line at T (Aranha et al. 2011, eq. (11), all coordinates times 4 to
  // avoid halving): with B = Y^2, C = Z^2, E = 3b'C, F = 3E, H = (Y + Z)^2 - B - C = 2YZ:
  // X3 = 2XY (B - F), Y3 = (B + F)^2 - 12 E^2, Z3 = 4 B H; line (scaled by Z^2 from the affine
  // tangent times 2y) = H yP - 3X^2 xP w + (B - E) w^3.
  private static void doublingStep(Fp12LimbOps ops, long[] t, long[] s, long[] out, int o) {
    final int x = 0, y = 8, z = 16;
    ops.sq2(t, y, s, B);
    ops.sq2(t, z, s, C);
    ops.mul2(s, C, TWIST_B3, 0, s, E);
    add2(s, E, s, E, s, F);
    add2(s, F, s, E, s, F);
    add2(t, y, t, z, s, H);
    ops.sq2(s, H, s, H);
    sub2(s, H, s, B, s, H);
    sub2(s, H, s, C, s, H);
    ops.sq2(t, x, s, XX);
    // line: a = H, b = -3 XX, c = B - E
    copy2(s, H, out, o);
    add2(s, XX, s, XX, s, U);
    add2(s, U, s, XX, s, U);
    neg2(s, U, out, o + 8);
    sub2(s, B, s, E, out, o + 16);
    // X3 = 2XY (B - F)
    ops.mul2(t, x, t, y, s, A);
    add2(s, A, s, A, s, A);
    sub2(s, B, s, F, s, U);
    ops.mul2(s, A, s, U, t, x);
    // Y3 = (B + F)^2 - 12 E^2
    add2(s, B, s, F, s, U);
    ops.sq2(s, U, s, U);
    ops.sq2(s, E, s, W);
    add2(s, W, s, W, s, W);
    add2(s, W, s, W, s, W);
    sub2(s, U, s, W, s, U);
    sub2(s, U, s, W, s, U);
    sub2(s, U, s, W, t, y);
    // Z3 = 4 B H
    ops.mul2(s, B, s, H, s, U);
    add2(s, U, s, U, s, U);
    add2(s, U, s, U, t, z);
  }

  private static final int TH = 0, LA = 8, CC = 16, DD = 24, EE = 32, FF = 40, GG = 48, HH = 56,
      U2 = 64;

  // T = T + Q (Q affine) and the line through T and Q (Aranha et al. 2011, eq. (12)): theta =
  // Y - yQ Z, lambda = X - xQ Z, C = theta^2, D = lambda^2, E = lambda D, F = Z C, G = X D,
  // H = E + F - 2G, X3 = lambda H, Y3 = theta (G - H) - Y E, Z3 = Z E; line (the affine chord
  // times lambda) = lambda yP - theta xP w + (theta xQ - lambda yQ) w^3.
  private static void additionStep(Fp12LimbOps ops, long[] t, long[] q, long[] s, long[] out, int o) {
    final int x = 0, y = 8, z = 16;
    ops.mul2(q, 8, t, z, s, TH);
    sub2(t, y, s, TH, s, TH);
    ops.mul2(q, 0, t, z, s, LA);
    sub2(t, x, s, LA, s, LA);
    // line: a = lambda, b = -theta, c = theta xQ - lambda yQ
    copy2(s, LA, out, o);
    neg2(s, TH, out, o + 8);
    ops.mul2(s, TH, q, 0, s, U2);
    ops.mul2(s, LA, q, 8, s, CC);
    sub2(s, U2, s, CC, out, o + 16);
    ops.sq2(s, TH, s, CC);
    ops.sq2(s, LA, s, DD);
    ops.mul2(s, LA, s, DD, s, EE);
    ops.mul2(t, z, s, CC, s, FF);
    ops.mul2(t, x, s, DD, s, GG);
    add2(s, EE, s, FF, s, HH);
    sub2(s, HH, s, GG, s, HH);
    sub2(s, HH, s, GG, s, HH);
    ops.mul2(s, LA, s, HH, t, x);
    sub2(s, GG, s, HH, s, U2);
    ops.mul2(s, TH, s, U2, s, U2);
    ops.mul2(t, y, s, EE, s, GG);
    sub2(s, U2, s, GG, t, y);
    ops.mul2(t, z, s, EE, t, z);
  }

  /**
   * f^((p^12 - 1)/r): maps a Miller loop value to GT.
   *
   * @param f a non-zero Miller loop value
   * @return f^((p^12 - 1)/r), in GT
   * @throws ArithmeticException if f is zero
   */
  public static Fp12 finalExponentiation(Fp12 f) {
    long[] a = new long[Fp12LimbOps.FP12];
    f.copyLimbsTo(a, 0);
    long[] r = new long[Fp12LimbOps.FP12];
    finalExponentiation(a, new Fp12LimbOps(), r);
    return Fp12.fromMontLimbs(r, 0);
  }

  // slots of 48 longs in the final exponentiation's scratch
  private static final int T0 = 0, FP1 = 1, FP2 = 2, FP3 = 3, FU = 4, FU2 = 5, FU3 = 6, Y3 = 7,
      FU2P = 8, FU3P = 9, Y2 = 10, T1 = 11, SLOTS = 12;

  private static void finalExponentiation(long[] f, Fp12LimbOps ops, long[] out) {
    final int n = Fp12LimbOps.FP12;
    long[] s = new long[SLOTS * n];
    long[] tab = new long[8 * n];
    // easy part: t = f^((p^6 - 1)(p^2 + 1)) = (conj(f) / f)^(p^2) * (conj(f) / f)
    ops.inv12(f, 0, s, T1 * n);
    Fp12LimbOps.conj12(f, 0, s, T0 * n);
    ops.mul12(s, T0 * n, s, T1 * n, s, T0 * n);
    ops.frob12(s, T0 * n, 2, s, T1 * n);
    ops.mul12(s, T0 * n, s, T1 * n, s, T0 * n);
    // hard part, Scott et al. 2009 sec. 5 (t in the cyclotomic subgroup from here on)
    final int t = T0 * n;
    ops.frob12(s, t, 1, s, FP1 * n);
    ops.frob12(s, t, 2, s, FP2 * n);
    ops.frob12(s, FP2 * n, 1, s, FP3 * n);
    expByX(ops, s, t, s, FU * n, tab);
    expByX(ops, s, FU * n, s, FU2 * n, tab);
    expByX(ops, s, FU2 * n, s, FU3 * n, tab);
    ops.frob12(s, FU * n, 1, s, Y3 * n);
    ops.frob12(s, FU2 * n, 1, s, FU2P * n);
    ops.frob12(s, FU3 * n, 1, s, FU3P * n);
    ops.frob12(s, FU2 * n, 2, s, Y2 * n);
    // y0 = f^p f^(p^2) f^(p^3) (in FP1)
    ops.mul12(s, FP1 * n, s, FP2 * n, s, FP1 * n);
    ops.mul12(s, FP1 * n, s, FP3 * n, s, FP1 * n);
    final int y0 = FP1 * n;
    // y1 = conj(t) (in FP2)
    Fp12LimbOps.conj12(s, t, s, FP2 * n);
    final int y1 = FP2 * n;
    // y5 = conj(f^(x^2)) (in FP3)
    Fp12LimbOps.conj12(s, FU2 * n, s, FP3 * n);
    final int y5 = FP3 * n;
    // y3 = conj((f^x)^p)
    Fp12LimbOps.conj12(s, Y3 * n, s, Y3 * n);
    final int y3 = Y3 * n;
    // y4 = conj(f^x (f^(x^2))^p) (in FU)
    ops.mul12(s, FU * n, s, FU2P * n, s, FU * n);
    Fp12LimbOps.conj12(s, FU * n, s, FU * n);
    final int y4 = FU * n;
    // y6 = conj(f^(x^3) (f^(x^3))^p) (in FU3)
    ops.mul12(s, FU3 * n, s, FU3P * n, s, FU3 * n);
    Fp12LimbOps.conj12(s, FU3 * n, s, FU3 * n);
    final int y6 = FU3 * n;
    final int y2 = Y2 * n;
    final int t0 = T0 * n, t1 = T1 * n;
    // t0 = y6^2 y4 y5 ; t1 = y3 y5 t0 ; t0 = t0 y2 ; t1 = (t1^2 t0)^2 ; t0 = t1 y1 ; t1 = t1 y0 ;
    // result = t0^2 t1
    ops.cycSq12(s, y6, s, t0);
    ops.mul12(s, t0, s, y4, s, t0);
    ops.mul12(s, t0, s, y5, s, t0);
    ops.mul12(s, y3, s, y5, s, t1);
    ops.mul12(s, t1, s, t0, s, t1);
    ops.mul12(s, t0, s, y2, s, t0);
    ops.cycSq12(s, t1, s, t1);
    ops.mul12(s, t1, s, t0, s, t1);
    ops.cycSq12(s, t1, s, t1);
    ops.mul12(s, t1, s, y1, s, t0);
    ops.mul12(s, t1, s, y0, s, t1);
    ops.cycSq12(s, t0, s, t0);
    ops.mul12(s, t0, s, t1, out, 0);
  }

  // r = a^x for a in the cyclotomic subgroup: width-4 signed window over X_WNAF. tab: 8 Fp12
  // slots for a, a^3, a^5, a^7 and their conjugates (inverses).
  private static void expByX(Fp12LimbOps ops, long[] a, int ao, long[] r, int ro, long[] tab) {
    final int n = Fp12LimbOps.FP12;
    Fp12LimbOps.copy12(a, ao, tab, 0);
    ops.cycSq12(a, ao, tab, 7 * n); // a^2, overwritten last
    for (int i = 1; i < 4; i++) {
      ops.mul12(tab, (i - 1) * n, tab, 7 * n, tab, i * n);
    }
    for (int i = 0; i < 4; i++) {
      Fp12LimbOps.conj12(tab, i * n, tab, (4 + i) * n);
    }
    int top = X_WNAF.length - 1;
    int d = X_WNAF[top];
    Fp12LimbOps.copy12(tab, slot(d) * n, r, ro);
    for (int i = top - 1; i >= 0; i--) {
      ops.cycSq12(r, ro, r, ro);
      d = X_WNAF[i];
      if (d != 0) {
        ops.mul12(r, ro, tab, slot(d) * n, r, ro);
      }
    }
  }

  // table slot of digit d in {+-1, +-3, +-5, +-7}
  private static int slot(int d) {
    return d > 0 ? (d - 1) / 2 : 4 + (-d - 1) / 2;
  }
}
