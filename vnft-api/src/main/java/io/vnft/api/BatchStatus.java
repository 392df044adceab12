package io.vnft.api;

/** Where a rollup batch stands on chain. */
public enum BatchStatus {
  /** Committed; the challenge window is running or has passed without finalization yet. */
  PENDING,
  /** At least one challenge is open. */
  CHALLENGED,
  /** Tokens minted and fees paid. */
  FINALIZED,
  /** A challenge went unanswered: the batch is void, its triggers reopened, the bond slashed. */
  REVERTED
}
