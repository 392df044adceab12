package io.vnft.zk.field;

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
    long[] t = limbs();
    long[] u = o.limbs();
    FpOps.add(t, 0, u, 0, t, 0);
    return of4(t);
  }

  /** this - o. */
  public Fp sub(Fp o) {
    long[] t = limbs();
    long[] u = o.limbs();
    FpOps.sub(t, 0, u, 0, t, 0);
    return of4(t);
  }

  /** this * o. */
  public Fp mul(Fp o) {
    long[] t = new long[4];
    FpOps.mulInto(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, t, 0);
    return of4(t);
  }

  /** this^2. */
  public Fp square() {
    long[] t = new long[4];
    FpOps.mulInto(l0, l1, l2, l3, l0, l1, l2, l3, t, 0);
    return of4(t);
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
