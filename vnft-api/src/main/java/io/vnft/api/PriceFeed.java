package io.vnft.api;

import java.math.BigInteger;

/**
 * Reads a Chainlink-compatible price feed. Calls block on the node. Thread-safe.
 */
public interface PriceFeed {
  /** @return the feed's address */
  Address address();

  /**
   * @return the latest round
   * @throws ChainException if the node cannot be read
   */
  PriceRound latestRound();

  /**
   * @param roundId a round id
   * @return that round
   * @throws ChainException if the round does not exist or the node cannot be read
   */
  PriceRound round(BigInteger roundId);

  /** @return the feed's heartbeat in seconds: a round older than this is stale */
  long heartbeatSeconds();

  /**
   * @return the number of decimals of the feed's answers (Chainlink's ETH/USD: 8)
   * @throws ChainException if the feed cannot be read
   */
  int decimals();
}
