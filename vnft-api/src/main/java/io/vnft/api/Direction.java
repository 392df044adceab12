package io.vnft.api;

import java.math.BigInteger;

/** Which way a price must cross a trigger's threshold. */
public enum Direction {
  /** Fires when the answer is at or above the threshold. */
  ABOVE,
  /** Fires when the answer is at or below the threshold. */
  BELOW;

  /**
   * @param answer an oracle answer
   * @param threshold the trigger's threshold, in the feed's decimals
   * @return whether the condition holds for this answer
   */
  public boolean holds(BigInteger answer, BigInteger threshold) {
    int c = answer.compareTo(threshold);
    return this == ABOVE ? c >= 0 : c <= 0;
  }
}
