package io.vnft.api;

import java.math.BigInteger;

/** Shared argument checks for the records of this package. */
final class Checks {
  private Checks() {}

  static <T> T notNull(String field, T v) {
    if (v == null) {
      throw new InvalidInputException(field + ": must not be null");
    }
    return v;
  }

  static BigInteger nonNegative(String field, BigInteger v) {
    notNull(field, v);
    if (v.signum() < 0) {
      throw new InvalidInputException(field + ": must be >= 0, got " + v);
    }
    return v;
  }

  static BigInteger uint(String field, BigInteger v, int bits) {
    nonNegative(field, v);
    if (v.bitLength() > bits) {
      throw new InvalidInputException(field + ": must be below 2^" + bits + ", got " + v);
    }
    return v;
  }

  static String txHash(String h) {
    if (h == null || !h.matches("0x[0-9a-fA-F]{64}")) {
      throw new InvalidInputException("txHash: must be 0x + 64 hex digits, got '" + h + "'");
    }
    return h;
  }
}
