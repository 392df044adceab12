package io.vnft.zk.field;

import static io.vnft.zk.field.FpOps.INV;
import static io.vnft.zk.field.FpOps.Q0;
import static io.vnft.zk.field.FpOps.Q1;
import static io.vnft.zk.field.FpOps.Q2;
import static io.vnft.zk.field.FpOps.Q3;
import static io.vnft.zk.field.FpOps.borrow;
import static io.vnft.zk.field.FpOps.carry;
import static io.vnft.zk.field.FpOps.mulHi;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.util.Random;

/**
 * An element of the BN254 base field Fp (curve coordinates live here), immutable.
 *
 * <p>Modulus p = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47 (254 bits). Internally the value is kept in Montgomery form on four 64-bit limbs
 * (see {@link FpOps} for the allocation-free limb operations used in hot loops).
 *
 * <p>Construction from outside data is canonical: {@link #of(BigInteger)}, {@link
 * #fromBytesBE(byte[])} and {@link #fromBytesLE(byte[])} throw {@link InvalidInputException} for
 * values outside {@code [0, MODULUS)}; {@link #reduce(BigInteger)} reduces any integer instead.
 *
 * <p>Thread-safety: immutable, safe to share. Exceptions: {@link ArithmeticException} for the
 * inverse of (or division by) zero.
 */
public final class Fp {
  /** The modulus p = 21888242871839275222246405745257275088696311157297823662689037894645226208583. */
  public static final BigInteger MODULUS = new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");

  /** Zero. */
  public static final Fp ZERO = new Fp(0, 0, 0, 0);

  /** One. */
  public static final Fp ONE = new Fp(FpOps.ONE0, FpOps.ONE1, FpOps.ONE2, FpOps.ONE3);

  // Montgomery limbs, little-endian, reduced.
  private final long l0, l1, l2, l3;

  private Fp(long l0, long l1, long l2, long l3) {
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
    this.l3 = l3;
  }

  private static Fp of4(long[] t) {
    return new Fp(t[0], t[1], t[2], t[3]);
  }

  private long[] limbs() {
    return new long[] {l0, l1, l2, l3};
  }

  /** The element v mod p; a negative v means p - |v|. */
  public static Fp of(long v) {
    if (v >= 0) {
      long[] t = {v, 0, 0, 0};
      FpOps.toMont(t, 0, t, 0);
      return of4(t);
    }
    return reduce(BigInteger.valueOf(v));
  }

  /**
   * The element with canonical value v.
   *
   * @throws InvalidInputException if v is null, negative or not below p
   */
  public static Fp of(BigInteger v) {
    if (v == null) {
      throw new InvalidInputException("Fp value is null");
    }
    if (v.signum() < 0 || v.compareTo(MODULUS) >= 0) {
      throw new InvalidInputException("Fp value " + v + " is out of range: must be in [0, p) with p = " + MODULUS);
    }
    long[] t = new long[4];
    FpOps.fromBigInteger(v, t, 0);
    return of4(t);
  }

  /** The element v mod p, for any integer v (negative values wrap). */
  public static Fp reduce(BigInteger v) {
    BigInteger m = v.mod(MODULUS);
    long[] t = new long[4];
    FpOps.fromBigInteger(m, t, 0);
    return of4(t);
  }

  /**
   * Decodes a 32-byte big-endian canonical encoding.
   *
   * @throws InvalidInputException if b is not 32 bytes or encodes a value not below p
   */
  public static Fp fromBytesBE(byte[] b32) {
    return fromBytes(b32, true);
  }

  /**
   * Decodes a 32-byte little-endian canonical encoding (the iden3/snarkjs binary layout).
   *
   * @throws InvalidInputException if b is not 32 bytes or encodes a value not below p
   */
  public static Fp fromBytesLE(byte[] b32) {
    return fromBytes(b32, false);
  }

  private static Fp fromBytes(byte[] b, boolean bigEndian) {
    if (b == null || b.length != 32) {
      throw new InvalidInputException("Fp encoding must be exactly 32 bytes, got "
          + (b == null ? "null" : b.length + " bytes"));
    }
    long[] t = new long[4];
    for (int i = 0; i < 32; i++) {
      int byteIndex = bigEndian ? 31 - i : i; // i = significance (0 = least significant byte)
      t[i >>> 3] |= (b[byteIndex] & 0xFFL) << (8 * (i & 7));
    }
    if (!FpOps.isCanonical(t, 0)) {
      throw new InvalidInputException("Fp encoding is not canonical: value "
          + FpOps.limbsToBigInteger(t, 0) + " is not below p = " + MODULUS);
    }
    FpOps.toMont(t, 0, t, 0);
    return of4(t);
  }

  /** The canonical 32-byte big-endian encoding. */
  public byte[] toBytesBE() {
    return toBytes(true);
  }

  /** The canonical 32-byte little-endian encoding. */
  public byte[] toBytesLE() {
    return toBytes(false);
  }

  private byte[] toBytes(boolean bigEndian) {
    long[] t = limbs();
    FpOps.fromMont(t, 0, t, 0);
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      byte v = (byte) (t[i >>> 3] >>> (8 * (i & 7)));
      out[bigEndian ? 31 - i : i] = v;
    }
    return out;
  }

  /** The canonical value in [0, p). */
  public BigInteger toBigInteger() {
    return FpOps.toBigInteger(limbs(), 0);
  }

  /** Writes the four Montgomery limbs to out[oo..oo+3]. */
  public void copyLimbsTo(long[] out, int oo) {
    out[oo] = l0;
    out[oo + 1] = l1;
    out[oo + 2] = l2;
    out[oo + 3] = l3;
  }

  /**
   * The element whose Montgomery limbs are a[ao..ao+3].
   *
   * @throws InvalidInputException if the limbs are not below the modulus
   */
  public static Fp fromMontLimbs(long[] a, int ao) {
    if (!FpOps.isCanonical(a, ao)) {
      throw new InvalidInputException("Fp Montgomery limbs are not reduced below p");
    }
    return new Fp(a[ao], a[ao + 1], a[ao + 2], a[ao + 3]);
  }

  /** this + o. */
  public Fp add(Fp o) {
    long s0 = l0 + o.l0; long c = carry(l0, o.l0, s0);
    long s1 = l1 + o.l1 + c; c = carry(l1, o.l1, s1);
    long s2 = l2 + o.l2 + c; c = carry(l2, o.l2, s2);
    long s3 = l3 + o.l3 + c; // no overflow: both < 2^254
    long d0 = s0 - Q0; long br = borrow(s0, Q0, d0);
    long d1 = s1 - Q1 - br; br = borrow(s1, Q1, d1);
    long d2 = s2 - Q2 - br; br = borrow(s2, Q2, d2);
    long d3 = s3 - Q3 - br; br = borrow(s3, Q3, d3);
    long keep = -br; // all ones if t < q
    long r0 = (d0 & ~keep) | (s0 & keep);
    long r1 = (d1 & ~keep) | (s1 & keep);
    long r2 = (d2 & ~keep) | (s2 & keep);
    long r3 = (d3 & ~keep) | (s3 & keep);
    return new Fp(r0, r1, r2, r3);
  }

  /** this - o. */
  public Fp sub(Fp o) {
    long e0 = l0 - o.l0; long bw = borrow(l0, o.l0, e0);
    long e1 = l1 - o.l1 - bw; bw = borrow(l1, o.l1, e1);
    long e2 = l2 - o.l2 - bw; bw = borrow(l2, o.l2, e2);
    long e3 = l3 - o.l3 - bw; bw = borrow(l3, o.l3, e3);
    long mk = -bw; // add q back if we borrowed
    long f0 = e0 + (Q0 & mk); long cc = carry(e0, Q0 & mk, f0);
    long f1 = e1 + (Q1 & mk) + cc; cc = carry(e1, Q1 & mk, f1);
    long f2 = e2 + (Q2 & mk) + cc; cc = carry(e2, Q2 & mk, f2);
    long f3 = e3 + (Q3 & mk) + cc;
    long r0 = f0;
    long r1 = f1;
    long r2 = f2;
    long r3 = f3;
    return new Fp(r0, r1, r2, r3);
  }

  /** this * o. */
  public Fp mul(Fp o) {
    final long a0 = l0, a1 = l1, a2 = l2, a3 = l3, b0 = o.l0, b1 = o.l1, b2 = o.l2, b3 = o.l3;
    long t0, t1, t2, t3, A, C, m, lo, hi, s, x;
    t0 = a0 * b0; A = mulHi(a0, b0);
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b0; hi = mulHi(a1, b0); s = lo + A; A = hi + carry(lo, A, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b0; hi = mulHi(a2, b0); s = lo + A; A = hi + carry(lo, A, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b0; hi = mulHi(a3, b0); s = lo + A; A = hi + carry(lo, A, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * b1; hi = mulHi(a0, b1); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b1; hi = mulHi(a1, b1); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b1; hi = mulHi(a2, b1); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b1; hi = mulHi(a3, b1); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * b2; hi = mulHi(a0, b2); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b2; hi = mulHi(a1, b2); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b2; hi = mulHi(a2, b2); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b2; hi = mulHi(a3, b2); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * b3; hi = mulHi(a0, b3); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * b3; hi = mulHi(a1, b3); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * b3; hi = mulHi(a2, b3); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * b3; hi = mulHi(a3, b3); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    long d0 = t0 - Q0; long br = borrow(t0, Q0, d0);
    long d1 = t1 - Q1 - br; br = borrow(t1, Q1, d1);
    long d2 = t2 - Q2 - br; br = borrow(t2, Q2, d2);
    long d3 = t3 - Q3 - br; br = borrow(t3, Q3, d3);
    long keep = -br; // all ones if t < q
    long r0 = (d0 & ~keep) | (t0 & keep);
    long r1 = (d1 & ~keep) | (t1 & keep);
    long r2 = (d2 & ~keep) | (t2 & keep);
    long r3 = (d3 & ~keep) | (t3 & keep);
    return new Fp(r0, r1, r2, r3);
  }

  /** this^2. */
  public Fp square() {
    final long a0 = l0, a1 = l1, a2 = l2, a3 = l3;
    long t0, t1, t2, t3, A, C, m, lo, hi, s, x;
    t0 = a0 * a0; A = mulHi(a0, a0);
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * a0; hi = mulHi(a1, a0); s = lo + A; A = hi + carry(lo, A, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * a0; hi = mulHi(a2, a0); s = lo + A; A = hi + carry(lo, A, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * a0; hi = mulHi(a3, a0); s = lo + A; A = hi + carry(lo, A, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * a1; hi = mulHi(a0, a1); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * a1; hi = mulHi(a1, a1); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * a1; hi = mulHi(a2, a1); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * a1; hi = mulHi(a3, a1); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * a2; hi = mulHi(a0, a2); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * a2; hi = mulHi(a1, a2); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * a2; hi = mulHi(a2, a2); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * a2; hi = mulHi(a3, a2); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    lo = a0 * a3; hi = mulHi(a0, a3); s = lo + t0; A = hi + carry(lo, t0, s); t0 = s;
    m = t0 * INV;
    lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + carry(lo, t0, s);
    lo = a1 * a3; hi = mulHi(a1, a3); x = t1 + A; hi += carry(t1, A, x); s = lo + x; A = hi + carry(lo, x, s); t1 = s;
    lo = m * Q1; hi = mulHi(m, Q1); x = t1 + C; hi += carry(t1, C, x); s = lo + x; C = hi + carry(lo, x, s); t0 = s;
    lo = a2 * a3; hi = mulHi(a2, a3); x = t2 + A; hi += carry(t2, A, x); s = lo + x; A = hi + carry(lo, x, s); t2 = s;
    lo = m * Q2; hi = mulHi(m, Q2); x = t2 + C; hi += carry(t2, C, x); s = lo + x; C = hi + carry(lo, x, s); t1 = s;
    lo = a3 * a3; hi = mulHi(a3, a3); x = t3 + A; hi += carry(t3, A, x); s = lo + x; A = hi + carry(lo, x, s); t3 = s;
    lo = m * Q3; hi = mulHi(m, Q3); x = t3 + C; hi += carry(t3, C, x); s = lo + x; C = hi + carry(lo, x, s); t2 = s;
    t3 = C + A;
    long d0 = t0 - Q0; long br = borrow(t0, Q0, d0);
    long d1 = t1 - Q1 - br; br = borrow(t1, Q1, d1);
    long d2 = t2 - Q2 - br; br = borrow(t2, Q2, d2);
    long d3 = t3 - Q3 - br; br = borrow(t3, Q3, d3);
    long keep = -br; // all ones if t < q
    long r0 = (d0 & ~keep) | (t0 & keep);
    long r1 = (d1 & ~keep) | (t1 & keep);
    long r2 = (d2 & ~keep) | (t2 & keep);
    long r3 = (d3 & ~keep) | (t3 & keep);
    return new Fp(r0, r1, r2, r3);
  }

  /** 2 * this. */
  public Fp dbl() {
    return add(this);
  }

  /** -this. */
  public Fp neg() {
    long[] t = limbs();
    FpOps.neg(t, 0, t, 0);
    return of4(t);
  }

  /**
   * this^-1.
   *
   * @throws ArithmeticException if this is zero
   */
  public Fp inverse() {
    long[] t = limbs();
    FpOps.inverse(t, 0, t, 0);
    return of4(t);
  }

  /**
   * this / o.
   *
   * @throws ArithmeticException if o is zero
   */
  public Fp div(Fp o) {
    return mul(o.inverse());
  }

  /**
   * this^e for e >= 0 (a negative e means the inverse raised to -e).
   *
   * @throws ArithmeticException if this is zero and e is negative
   */
  public Fp pow(BigInteger e) {
    if (e.signum() < 0) {
      return inverse().pow(e.negate());
    }
    long[] t = limbs();
    int n = Math.max(1, (e.bitLength() + 63) / 64);
    long[] el = new long[n];
    for (int i = 0; i < n; i++) {
      el[i] = e.shiftRight(64 * i).longValue();
    }
    FpOps.powLimbs(t, 0, el, t, 0);
    return of4(t);
  }

  /** True if this is zero. */
  public boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  /** True if this is one. */
  public boolean isOne() {
    return l0 == FpOps.ONE0 && l1 == FpOps.ONE1 && l2 == FpOps.ONE2 && l3 == FpOps.ONE3;
  }

  /** A uniformly random element drawn from rnd (rejection sampling of 254-bit values). */
  public static Fp random(Random rnd) {
    long[] t = new long[4];
    do {
      t[0] = rnd.nextLong();
      t[1] = rnd.nextLong();
      t[2] = rnd.nextLong();
      t[3] = rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL;
    } while (!FpOps.isCanonical(t, 0));
    FpOps.toMont(t, 0, t, 0);
    return of4(t);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Fp)) {
      return false;
    }
    Fp x = (Fp) o;
    return l0 == x.l0 && l1 == x.l1 && l2 == x.l2 && l3 == x.l3;
  }

  @Override
  public int hashCode() {
    long h = l0 * 31 + l1;
    h = h * 31 + l2;
    h = h * 31 + l3;
    return (int) (h ^ (h >>> 32));
  }

  /** The canonical value in decimal. */
  @Override
  public String toString() {
    return toBigInteger().toString();
  }
}
