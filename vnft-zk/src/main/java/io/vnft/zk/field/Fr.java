package io.vnft.zk.field;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.util.Random;

/**
 * An element of the BN254 scalar field Fr (the order of G1 and G2; circuit values live here), immutable.
 *
 * <p>Modulus r = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001 (254 bits). Internally the value is kept in Montgomery form on four 64-bit limbs
 * (see {@link FrOps} for the allocation-free limb operations used in hot loops).
 *
 * <p>Construction from outside data is canonical: {@link #of(BigInteger)}, {@link
 * #fromBytesBE(byte[])} and {@link #fromBytesLE(byte[])} throw {@link InvalidInputException} for
 * values outside {@code [0, MODULUS)}; {@link #reduce(BigInteger)} reduces any integer instead.
 *
 * <p>Thread-safety: immutable, safe to share. Exceptions: {@link ArithmeticException} for the
 * inverse of (or division by) zero.
 */
public final class Fr {
  /** The modulus r = 21888242871839275222246405745257275088548364400416034343698204186575808495617. */
  public static final BigInteger MODULUS = new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");

  /** Zero. */
  public static final Fr ZERO = new Fr(0, 0, 0, 0);

  /** One. */
  public static final Fr ONE = new Fr(FrOps.ONE0, FrOps.ONE1, FrOps.ONE2, FrOps.ONE3);

  // Montgomery limbs, little-endian, reduced.
  private final long l0, l1, l2, l3;

  private Fr(long l0, long l1, long l2, long l3) {
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
    this.l3 = l3;
  }

  private static Fr of4(long[] t) {
    return new Fr(t[0], t[1], t[2], t[3]);
  }

  private long[] limbs() {
    return new long[] {l0, l1, l2, l3};
  }

  /** The element v mod r; a negative v means r - |v|. */
  public static Fr of(long v) {
    if (v >= 0) {
      long[] t = {v, 0, 0, 0};
      FrOps.toMont(t, 0, t, 0);
      return of4(t);
    }
    return reduce(BigInteger.valueOf(v));
  }

  /**
   * The element with canonical value v.
   *
   * @throws InvalidInputException if v is null, negative or not below r
   */
  public static Fr of(BigInteger v) {
    if (v == null) {
      throw new InvalidInputException("Fr value is null");
    }
    if (v.signum() < 0 || v.compareTo(MODULUS) >= 0) {
      throw new InvalidInputException("Fr value " + v + " is out of range: must be in [0, r) with r = " + MODULUS);
    }
    long[] t = new long[4];
    FrOps.fromBigInteger(v, t, 0);
    return of4(t);
  }

  /** The element v mod r, for any integer v (negative values wrap). */
  public static Fr reduce(BigInteger v) {
    BigInteger m = v.mod(MODULUS);
    long[] t = new long[4];
    FrOps.fromBigInteger(m, t, 0);
    return of4(t);
  }

  /**
   * Decodes a 32-byte big-endian canonical encoding.
   *
   * @throws InvalidInputException if b is not 32 bytes or encodes a value not below r
   */
  public static Fr fromBytesBE(byte[] b32) {
    return fromBytes(b32, true);
  }

  /**
   * Decodes a 32-byte little-endian canonical encoding (the iden3/snarkjs binary layout).
   *
   * @throws InvalidInputException if b is not 32 bytes or encodes a value not below r
   */
  public static Fr fromBytesLE(byte[] b32) {
    return fromBytes(b32, false);
  }

  private static Fr fromBytes(byte[] b, boolean bigEndian) {
    if (b == null || b.length != 32) {
      throw new InvalidInputException("Fr encoding must be exactly 32 bytes, got "
          + (b == null ? "null" : b.length + " bytes"));
    }
    long[] t = new long[4];
    for (int i = 0; i < 32; i++) {
      int byteIndex = bigEndian ? 31 - i : i; // i = significance (0 = least significant byte)
      t[i >>> 3] |= (b[byteIndex] & 0xFFL) << (8 * (i & 7));
    }
    if (!FrOps.isCanonical(t, 0)) {
      throw new InvalidInputException("Fr encoding is not canonical: value "
          + FrOps.limbsToBigInteger(t, 0) + " is not below r = " + MODULUS);
    }
    FrOps.toMont(t, 0, t, 0);
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
    FrOps.fromMont(t, 0, t, 0);
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      byte v = (byte) (t[i >>> 3] >>> (8 * (i & 7)));
      out[bigEndian ? 31 - i : i] = v;
    }
    return out;
  }

  /** The canonical value in [0, r). */
  public BigInteger toBigInteger() {
    return FrOps.toBigInteger(limbs(), 0);
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
  public static Fr fromMontLimbs(long[] a, int ao) {
    if (!FrOps.isCanonical(a, ao)) {
      throw new InvalidInputException("Fr Montgomery limbs are not reduced below r");
    }
    return new Fr(a[ao], a[ao + 1], a[ao + 2], a[ao + 3]);
  }

  /** this + o. */
  public Fr add(Fr o) {
    long[] t = limbs();
    long[] u = o.limbs();
    FrOps.add(t, 0, u, 0, t, 0);
    return of4(t);
  }

  /** this - o. */
  public Fr sub(Fr o) {
    long[] t = limbs();
    long[] u = o.limbs();
    FrOps.sub(t, 0, u, 0, t, 0);
    return of4(t);
  }

  /** this * o. */
  public Fr mul(Fr o) {
    long[] t = new long[4];
    FrOps.mulInto(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3, t, 0);
    return of4(t);
  }

  /** this^2. */
  public Fr square() {
    long[] t = new long[4];
    FrOps.mulInto(l0, l1, l2, l3, l0, l1, l2, l3, t, 0);
    return of4(t);
  }

  /** 2 * this. */
  public Fr dbl() {
    return add(this);
  }

  /** -this. */
  public Fr neg() {
    long[] t = limbs();
    FrOps.neg(t, 0, t, 0);
    return of4(t);
  }

  /**
   * this^-1.
   *
   * @throws ArithmeticException if this is zero
   */
  public Fr inverse() {
    long[] t = limbs();
    FrOps.inverse(t, 0, t, 0);
    return of4(t);
  }

  /**
   * this / o.
   *
   * @throws ArithmeticException if o is zero
   */
  public Fr div(Fr o) {
    return mul(o.inverse());
  }

  /**
   * this^e for e >= 0 (a negative e means the inverse raised to -e).
   *
   * @throws ArithmeticException if this is zero and e is negative
   */
  public Fr pow(BigInteger e) {
    if (e.signum() < 0) {
      return inverse().pow(e.negate());
    }
    long[] t = limbs();
    int n = Math.max(1, (e.bitLength() + 63) / 64);
    long[] el = new long[n];
    for (int i = 0; i < n; i++) {
      el[i] = e.shiftRight(64 * i).longValue();
    }
    FrOps.powLimbs(t, 0, el, t, 0);
    return of4(t);
  }

  /** True if this is zero. */
  public boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  /** True if this is one. */
  public boolean isOne() {
    return l0 == FrOps.ONE0 && l1 == FrOps.ONE1 && l2 == FrOps.ONE2 && l3 == FrOps.ONE3;
  }

  /** A uniformly random element drawn from rnd (rejection sampling of 254-bit values). */
  public static Fr random(Random rnd) {
    long[] t = new long[4];
    do {
      t[0] = rnd.nextLong();
      t[1] = rnd.nextLong();
      t[2] = rnd.nextLong();
      t[3] = rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL;
    } while (!FrOps.isCanonical(t, 0));
    FrOps.toMont(t, 0, t, 0);
    return of4(t);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Fr)) {
      return false;
    }
    Fr x = (Fr) o;
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
