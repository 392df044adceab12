package io.vnft.api;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The firing rule of {@code TriggerBook}, written once in Java: the operator, the client and the
 * token verifier all ask this class, and a table test runs every case here and on a real chain and
 * asserts the same {@link Verdict}.
 *
 * <p>A trigger fires at round {@code R} iff, with {@code C} the trigger's checkpoint (its
 * {@code startRound} until {@code advanceCheckpoint} moves it):
 * <ol>
 *   <li>{@code R > C} ({@link Verdict#ROUND_NOT_AFTER_CHECKPOINT});
 *   <li>{@code R - C - 1 <= }{@value #MAX_SCAN} ({@link Verdict#SCAN_BOUND_EXCEEDED});
 *   <li>round {@code R} exists with {@code updatedAt > 0} ({@link Verdict#ROUND_UNAVAILABLE});
 *   <li>its answer is {@code > 0} ({@link Verdict#NON_POSITIVE_ANSWER});
 *   <li>it is fresh: {@code updatedAt <= now} and {@code now - updatedAt <= heartbeat}, with
 *       {@code now} the latest block's timestamp ({@link Verdict#STALE_ROUND});
 *   <li>its answer meets the threshold in the trigger's direction ({@link Verdict#NOT_CROSSING});
 *   <li>no round {@code r} in {@code (C, R)} satisfies {@code cond(r)} — exists, answer {@code > 0}
 *       and meets the threshold ({@link Verdict#EARLIER_CROSSING}; an unreadable round in between
 *       is {@link Verdict#ROUND_UNAVAILABLE}).
 * </ol>
 * The checks run in this order, as the contract's do, so the first failing one is the verdict.
 * A round with a non-positive answer never counts as a crossing, neither at {@code R} nor before
 * it: rounds 3800, -1, 3500 fire a {@code BELOW 3600} trigger at the third round.
 *
 * <p>Stateless and thread-safe; every method reads the feed it is given and nothing else.
 */
public final class FiringRule {
  /** Rounds read per crossing check or checkpoint advance: the contract's {@code MAX_SCAN}. */
  public static final int MAX_SCAN = 64;

  private FiringRule() {}

  /** Why a trigger does or does not fire at a round; names follow the contract's errors. */
  public enum Verdict {
    /** The trigger fires at this round. */
    FIRES,
    /** The trigger is not open (taken by a batch, fired or cancelled): {@code TriggerNotOpen}. */
    TRIGGER_NOT_OPEN,
    /** The round is not after the checkpoint: {@code RoundNotAfterCreation}. */
    ROUND_NOT_AFTER_CHECKPOINT,
    /** More than {@value FiringRule#MAX_SCAN} rounds lie between checkpoint and round: {@code ScanBoundExceeded}. */
    SCAN_BOUND_EXCEEDED,
    /** The round (or one before it) cannot be read or was never updated: {@code RoundUnavailable}. */
    ROUND_UNAVAILABLE,
    /** The round's answer is zero or negative: {@code NonPositiveAnswer}. */
    NON_POSITIVE_ANSWER,
    /** The round is older than the feed's heartbeat (or in the future): {@code StaleRound}. */
    STALE_ROUND,
    /** The round's answer does not meet the threshold: {@code NotCrossing}. */
    NOT_CROSSING,
    /** An earlier round after the checkpoint already met the threshold: {@code EarlierCrossing}. */
    EARLIER_CROSSING
  }

  /**
   * What a scan for the firing round found.
   *
   * @param firing the firing, when the trigger fires now
   * @param advanceTo when the first {@value FiringRule#MAX_SCAN} rounds after the checkpoint hold no
   *     crossing and later rounds exist, the round {@code advanceCheckpoint} may move the checkpoint
   *     to (proving those rounds non-crossing) so the first crossing stays provable
   * @param waiting when a crossing round was found but is not fireable now, why (stale, for example);
   *     empty otherwise
   */
  public record Scan(Optional<Firing> firing, Optional<BigInteger> advanceTo, Optional<Verdict> waiting) {
    /** @throws InvalidInputException if a field is null */
    public Scan {
      Checks.notNull("firing", firing);
      Checks.notNull("advanceTo", advanceTo);
      Checks.notNull("waiting", waiting);
    }

    static Scan none() {
      return new Scan(Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /**
   * {@code cond(r)}: the round has been reported, its answer is positive and meets the threshold.
   *
   * @param trigger the trigger
   * @param round a round of its feed
   * @return whether the round satisfies the trigger's condition
   */
  public static boolean cond(Trigger trigger, PriceRound round) {
    return round.updatedAt() > 0 && round.answer().signum() > 0
        && trigger.direction().holds(round.answer(), trigger.threshold());
  }

  /**
   * Checks whether an open trigger fires at {@code roundId}, exactly as the contract would.
   *
   * @param trigger the trigger (assumed open; the chain's status is not read here)
   * @param checkpoint the trigger's checkpoint ({@code checkpointOf} on chain), {@code >= startRound}
   * @param roundId the candidate round
   * @param feed a reader of the trigger's feed
   * @param nowEpochSeconds the latest block's timestamp
   * @return the verdict
   * @throws ChainException if the feed cannot be read for a reason other than a missing round
   */
  public static Verdict check(Trigger trigger, BigInteger checkpoint, BigInteger roundId, PriceFeed feed,
      long nowEpochSeconds) {
    Objects.requireNonNull(trigger, "trigger");
    Checks.nonNegative("checkpoint", checkpoint);
    Checks.nonNegative("roundId", roundId);
    Objects.requireNonNull(feed, "feed");
    if (roundId.compareTo(checkpoint) <= 0) {
      return Verdict.ROUND_NOT_AFTER_CHECKPOINT;
    }
    if (roundId.subtract(checkpoint).subtract(BigInteger.ONE).compareTo(BigInteger.valueOf(MAX_SCAN)) > 0) {
      return Verdict.SCAN_BOUND_EXCEEDED;
    }
    return crossing(trigger, checkpoint, roundId, feed, OptionalLong.of(nowEpochSeconds));
  }

  /**
   * Re-checks, after the fact, that a minted token's round was its trigger's first crossing: the
   * same checks as {@link #check} from the trigger's {@code startRound}, except freshness (judged by
   * the contract when the token's batch was committed; the chain's time has moved on since) and the
   * scan bound (rounds a checkpoint skipped were proven non-crossing and are simply read again).
   *
   * @param trigger the token's trigger
   * @param roundId the token's round
   * @param feed a reader of the trigger's feed
   * @return {@link Verdict#FIRES} iff the round is the first crossing after the trigger's creation
   * @throws ChainException if the feed cannot be read
   */
  public static Verdict checkMinted(Trigger trigger, BigInteger roundId, PriceFeed feed) {
    Objects.requireNonNull(trigger, "trigger");
    Checks.nonNegative("roundId", roundId);
    Objects.requireNonNull(feed, "feed");
    if (roundId.compareTo(trigger.startRound()) <= 0) {
      return Verdict.ROUND_NOT_AFTER_CHECKPOINT;
    }
    return crossing(trigger, trigger.startRound(), roundId, feed, OptionalLong.empty());
  }

  private static Verdict crossing(Trigger trigger, BigInteger from, BigInteger roundId, PriceFeed feed,
      OptionalLong now) {
    Optional<PriceRound> r = read(feed, roundId);
    if (r.isEmpty()) {
      return Verdict.ROUND_UNAVAILABLE;
    }
    PriceRound round = r.get();
    if (round.answer().signum() <= 0) {
      return Verdict.NON_POSITIVE_ANSWER;
    }
    long updated = round.updatedAt();
    if (now.isPresent() && (updated > now.getAsLong() || now.getAsLong() - updated > feed.heartbeatSeconds())) {
      return Verdict.STALE_ROUND;
    }
    if (!trigger.direction().holds(round.answer(), trigger.threshold())) {
      return Verdict.NOT_CROSSING;
    }
    for (BigInteger i = from.add(BigInteger.ONE); i.compareTo(roundId) < 0; i = i.add(BigInteger.ONE)) {
      Optional<PriceRound> before = read(feed, i);
      if (before.isEmpty()) {
        return Verdict.ROUND_UNAVAILABLE;
      }
      if (cond(trigger, before.get())) {
        return Verdict.EARLIER_CROSSING;
      }
    }
    return Verdict.FIRES;
  }

  /**
   * Finds the round at which an open trigger fires: the first round after the checkpoint that
   * satisfies {@link #cond}, within {@value #MAX_SCAN} rounds of the checkpoint and up to the feed's
   * latest round, then {@link #check}s it. Reads at most {@value #MAX_SCAN} + 1 rounds.
   *
   * @param trigger the trigger
   * @param checkpoint its checkpoint on chain
   * @param feed a reader of its feed
   * @param nowEpochSeconds the latest block's timestamp
   * @return the firing, or where to advance the checkpoint, or nothing yet
   * @throws ChainException if the feed cannot be read
   */
  public static Scan scan(Trigger trigger, BigInteger checkpoint, PriceFeed feed, long nowEpochSeconds) {
    Objects.requireNonNull(trigger, "trigger");
    Checks.nonNegative("checkpoint", checkpoint);
    BigInteger latest = feed.latestRound().roundId();
    BigInteger last = checkpoint.add(BigInteger.valueOf(MAX_SCAN + 1L)).min(latest);
    for (BigInteger i = checkpoint.add(BigInteger.ONE); i.compareTo(last) <= 0; i = i.add(BigInteger.ONE)) {
      Optional<PriceRound> round = read(feed, i);
      if (round.isEmpty()) {
        return Scan.none(); // a gap the contract cannot read past either
      }
      if (cond(trigger, round.get())) {
        Verdict v = check(trigger, checkpoint, i, feed, nowEpochSeconds);
        return v == Verdict.FIRES
            ? new Scan(Optional.of(new Firing(trigger, round.get())), Optional.empty(), Optional.empty())
            : new Scan(Optional.empty(), Optional.empty(), Optional.of(v));
      }
    }
    BigInteger bound = checkpoint.add(BigInteger.valueOf(MAX_SCAN));
    if (latest.compareTo(bound.add(BigInteger.ONE)) > 0) {
      return new Scan(Optional.empty(), Optional.of(bound), Optional.empty());
    }
    return Scan.none();
  }

  private static Optional<PriceRound> read(PriceFeed feed, BigInteger roundId) {
    try {
      PriceRound r = feed.round(roundId);
      return r.updatedAt() == 0 ? Optional.empty() : Optional.of(r);
    } catch (ChainException e) {
      return Optional.empty();
    }
  }
}
