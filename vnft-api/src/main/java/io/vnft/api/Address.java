package io.vnft.api;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte Ethereum account or contract address.
 *
 * <p>Parsing accepts {@code 0x}-prefixed hex in any case; if the string mixes upper and lower case it
 * must carry a valid EIP-55 checksum (checked with the Keccak-256 in this package, no third-party
 * code). Immutable and thread-safe; the byte array is copied in and out.
 *
 * @param bytes the 20 address bytes
 */
public record Address(byte[] bytes) {
  /** Length of an address in bytes. */
  public static final int LENGTH = 20;

  /** The zero address {@code 0x000…0}. */
  public static final Address ZERO = new Address(new byte[LENGTH]);

  /**
   * Validates the components.
   *
   * @param bytes the 20 address bytes
   * @throws InvalidInputException if {@code bytes} is null or not 20 bytes long
   */
  public Address {
    if (bytes == null) {
      throw new InvalidInputException("address: must not be null");
    }
    if (bytes.length != LENGTH) {
      throw new InvalidInputException("address: must be " + LENGTH + " bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /**
   * Parses {@code 0x} + 40 hex digits.
   *
   * @param hex the address text
   * @return the address
   * @throws InvalidInputException if the text is malformed or a mixed-case checksum is wrong
   */
  public static Address of(String hex) {
    if (hex == null) {
      throw new InvalidInputException("address: must not be null");
    }
    if (!hex.startsWith("0x") && !hex.startsWith("0X")) {
      throw new InvalidInputException("address: must start with 0x, got '" + abbreviate(hex) + "'");
    }
    String digits = hex.substring(2);
    if (digits.length() != 2 * LENGTH) {
      throw new InvalidInputException(
          "address: must have 40 hex digits after 0x, got " + digits.length());
    }
    byte[] raw;
    try {
      raw = HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("address: not hexadecimal: '" + abbreviate(hex) + "'", e);
    }
    Address a = new Address(raw);
    boolean mixed = !digits.equals(digits.toLowerCase()) && !digits.equals(digits.toUpperCase());
    if (mixed && !a.checksummed().substring(2).equals(digits)) {
      throw new InvalidInputException("address: EIP-55 checksum mismatch for '" + hex + "'");
    }
    return a;
  }

  /**
   * The 20 address bytes.
   *
   * @return a fresh copy of the 20 bytes
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** @return lowercase {@code 0x}-prefixed hex */
  public String hex() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  /** @return the EIP-55 mixed-case checksummed form */
  public String checksummed() {
    String lower = HexFormat.of().formatHex(bytes);
    byte[] hash = Keccak256.hash(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    StringBuilder sb = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      sb.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return checksummed();
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
