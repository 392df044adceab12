package io.vnft.api;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte value: a hash, a seed, a Merkle root or a field element in big-endian form.
 * Immutable and thread-safe; the byte array is copied in and out.
 *
 * <p>The constructor throws {@link InvalidInputException} if {@code bytes} is null or not 32 bytes long.
 *
 * @param bytes the 32 bytes, big-endian when read as a number
 */
public record Bytes32(byte[] bytes) {
  /** Length in bytes. */
  public static final int LENGTH = 32;

  /** All zero bytes. */
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  /**
   * Validates the components; throws {@link InvalidInputException} if {@code bytes} is null or not 32
   * bytes long.
   *
   * @param bytes the 32 bytes, big-endian when read as a number
   */
  public Bytes32 {
    if (bytes == null) {
      throw new InvalidInputException("bytes32: must not be null");
    }
    if (bytes.length != LENGTH) {
      throw new InvalidInputException("bytes32: must be 32 bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /**
   * @param bytes exactly 32 bytes
   * @return the value
   */
  public static Bytes32 of(byte[] bytes) {
    return new Bytes32(bytes);
  }

  /**
   * @param hex {@code 0x} + 64 hex digits (the prefix is optional)
   * @return the value
   * @throws InvalidInputException if malformed
   */
  public static Bytes32 fromHex(String hex) {
    if (hex == null) {
      throw new InvalidInputException("bytes32: must not be null");
    }
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 2 * LENGTH) {
      throw new InvalidInputException("bytes32: must have 64 hex digits, got " + digits.length());
    }
    try {
      return new Bytes32(HexFormat.of().parseHex(digits));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("bytes32: not hexadecimal: '" + Address.abbreviate(hex) + "'", e);
    }
  }

  /**
   * @param value a non-negative number below 2^256
   * @return its 32-byte big-endian form
   * @throws InvalidInputException if out of range
   */
  public static Bytes32 fromBigInteger(BigInteger value) {
    if (value == null || value.signum() < 0 || value.bitLength() > 256) {
      throw new InvalidInputException("bytes32: value must be in [0, 2^256), got " + value);
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[LENGTH];
    int n = Math.min(raw.length, LENGTH);
    System.arraycopy(raw, raw.length - n, out, LENGTH - n, n);
    return new Bytes32(out);
  }

  /**
   * @param data the bytes to hash (any length)
   * @return Keccak-256 of {@code data} (the Ethereum hash)
   */
  public static Bytes32 keccak256(byte[] data) {
    return new Bytes32(Keccak256.hash(data));
  }

  /**
   * The 32 bytes.
   *
   * @return a fresh copy of the 32 bytes
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** @return the bytes as an unsigned big-endian number */
  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /** @return lowercase {@code 0x}-prefixed hex */
  public String hex() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
