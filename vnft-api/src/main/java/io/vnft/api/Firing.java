package io.vnft.api;

/**
 * A trigger together with the round at which it fires. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} if a field is null or the round is from another feed.
 *
 * @param trigger the trigger
 * @param round its first crossing round on the trigger's feed
 */
public record Firing(Trigger trigger, PriceRound round) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a field is null or the round is
   * from another feed.
   *
   * @param trigger the trigger
   * @param round its first crossing round on the trigger's feed
   */
  public Firing {
    Checks.notNull("trigger", trigger);
    Checks.notNull("round", round);
    if (!round.feed().equals(trigger.feed())) {
      throw new InvalidInputException("round.feed: " + round.feed() + " is not the trigger's feed "
          + trigger.feed());
    }
  }
}
