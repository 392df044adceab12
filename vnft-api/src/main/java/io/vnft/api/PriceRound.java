package io.vnft.api;

import java.math.BigInteger;

/**
 * One oracle round of a Chainlink {@code AggregatorV3Interface} feed. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field and the limit it broke.
 *
 * @param feed the feed's address
 * @param roundId the round id (uint80 on chain)
 * @param answer the price in the feed's decimals (int256 on chain; may be &lt;= 0 here — consumers
 *     refuse such rounds)
 * @param startedAt when the round started, epoch seconds
 * @param updatedAt when the answer was last updated, epoch seconds (0 means incomplete)
 */
public record PriceRound(Address feed, BigInteger roundId, BigInteger answer, long startedAt, long updatedAt) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field and the limit it broke.
   *
   * @param feed the feed's address
   * @param roundId the round id (uint80 on chain)
   * @param answer the price in the feed's decimals (int256 on chain; may be &lt;= 0 here — consumers
   *     refuse such rounds)
   * @param startedAt when the round started, epoch seconds
   * @param updatedAt when the answer was last updated, epoch seconds (0 means incomplete)
   */
  public PriceRound {
    Checks.notNull("feed", feed);
    Checks.uint("roundId", roundId, 80);
    Checks.notNull("answer", answer);
    if (startedAt < 0 || updatedAt < 0) {
      throw new InvalidInputException("startedAt/updatedAt: must be >= 0 epoch seconds");
    }
  }

  /**
   * @param nowEpochSeconds the current time
   * @param heartbeatSeconds the feed's heartbeat
   * @return true if the round was updated more than {@code heartbeatSeconds} before now, or never
   */
  public boolean isStale(long nowEpochSeconds, long heartbeatSeconds) {
    return updatedAt == 0 || nowEpochSeconds - updatedAt > heartbeatSeconds;
  }
}
