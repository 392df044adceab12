package io.vnft.api;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The firing rule of {@code TriggerBook} (protocol v2), written once in Java: the operator, the
 * client and the token verifier all ask this class, and a table test runs every case here and on a
 * real chain (a plain aggregator and Chainlink's own phased proxy) and asserts the same
 * {@link Verdict}.
 *
 * <p>Rounds are walked in the order a Chainlink proxy publishes them ({@link #next}): round ids are
 * {@code phase << 64 | n}; the successor of {@code (p, n)} is {@code (p, n + 1)} when it exists and
 * either {@code p} is the proxy's current phase (that of its latest round) or {@code (p, n + 1)} was
 * reported before the first round {@code (p + 1, 1)} of the next phase; otherwise it is
 * {@code (p + 1, 1)}. A plain aggregator is phase 0 and walks 1, 2, 3, ...
 *
 * <p>A trigger fires at round {@code R} iff, with {@code C} the trigger's checkpoint (its
 * {@code startRound} until {@code advanceCheckpoint} moves it), in this order:
 * <ol>
 *   <li>{@code R > C} ({@link Verdict#ROUND_NOT_AFTER_CHECKPOINT});
 *   <li>when {@code R} and {@code C} are in the same phase, {@code R - C - 1 <= }{@value #MAX_SCAN}
 *       ({@link Verdict#SCAN_BOUND_EXCEEDED});
 *   <li>round {@code R} was reported ({@code updatedAt > 0}; {@link Verdict#ROUND_UNAVAILABLE}), its
 *       answer is {@code > 0} ({@link Verdict#NON_POSITIVE_ANSWER}) and it was a fresh report when
 *       published: {@code startedAt <= updatedAt <= now} and {@code updatedAt - startedAt <=
 *       heartbeat} ({@link Verdict#STALE_ROUND}). Freshness is a fixed property of the round, so a
 *       first crossing stays fireable after an operator outage or a reverted batch;
 *   <li>its answer meets the threshold in the trigger's direction ({@link Verdict#NOT_CROSSING});
 *   <li>walking from {@code C}, {@code R} is reached within {@value #MAX_SCAN} + 1 steps, every round
 *       on the way is readable ({@link Verdict#ROUND_UNAVAILABLE}), the walk does not pass over
 *       {@code R} (a round an old aggregator reported after its phase ended is never on the walk:
 *       {@link Verdict#ROUND_SUPERSEDED}) and no round before {@code R} satisfies {@link #cond}
 *       ({@link Verdict#EARLIER_CROSSING}).
 * </ol>
 * The contract then checks the feed's sequencer-uptime feed, if one is configured
 * ({@link Verdict#SEQUENCER_DOWN}); that check only delays firing and is the contract's alone (the
 * operator asks {@link ChainBackend#checkFiring} before it commits). A round with a non-positive
 * answer never counts as a crossing: rounds 3800, -1, 3500 fire a {@code BELOW 3600} trigger at the
 * third round.
 *
 * <p>Stateless and thread-safe; every method reads the feed it is given and nothing else.
 */
public final class FiringRule {
  /** Rounds read per crossing check or checkpoint advance: the contract's {@code MAX_SCAN}. */
  public static final int MAX_SCAN = 64;

  private FiringRule() {}

  /** Why a trigger does or does not fire at a round; same order and names as the contract's {@code Verdict}. */
  public enum Verdict {
    /** The trigger fires at this round. */
    FIRES,
    /** The trigger is not open (taken by a batch, fired or cancelled). */
    TRIGGER_NOT_OPEN,
    /** The round is not after the checkpoint. */
    ROUND_NOT_AFTER_CHECKPOINT,
    /** More than {@value FiringRule#MAX_SCAN} rounds lie between checkpoint and round. */
    SCAN_BOUND_EXCEEDED,
    /** The round (or one on the walk to it) cannot be read or was never reported. */
    ROUND_UNAVAILABLE,
    /** The round's answer is zero or negative. */
    NON_POSITIVE_ANSWER,
    /** The round was not a fresh report when published (or claims a time in the future). */
    STALE_ROUND,
    /** The round's answer does not meet the threshold. */
    NOT_CROSSING,
    /** An earlier round after the checkpoint already met the threshold. */
    EARLIER_CROSSING,
    /** The round is not on the feed's publication walk: its aggregator reported it after the next phase began. */
    ROUND_SUPERSEDED,
    /** The feed's L2 sequencer is down or within its grace period (contract only). */
    SEQUENCER_DOWN
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
    /**
     * Validates the components.
     *
     * @param firing the firing, when the trigger fires now
     * @param advanceTo when the first {@value FiringRule#MAX_SCAN} rounds after the checkpoint hold no
     *     crossing and later rounds exist, the round {@code advanceCheckpoint} may move the checkpoint
     *     to (proving those rounds non-crossing) so the first crossing stays provable
     * @param waiting when a crossing round was found but is not fireable now, why (stale, for example);
     *     empty otherwise
     * @throws InvalidInputException if a field is null
     */
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
   * Checks whether an open trigger fires at {@code roundId}, exactly as the contract would (except
   * the sequencer check, see the class comment).
   *
   * @param trigger the trigger (assumed open; the chain's status is not read here)
   * @param checkpoint the trigger's checkpoint ({@code checkpointOf} on chain), {@code >= startRound}
   * @param roundId the candidate round
   * @param feed a reader of the trigger's feed
   * @param nowEpochSeconds the latest block's timestamp
   * @return the verdict
   * @throws ChainException if the feed's latest round cannot be read
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
    if (phase(roundId) == phase(checkpoint)
        && roundId.subtract(checkpoint).subtract(BigInteger.ONE).compareTo(BigInteger.valueOf(MAX_SCAN)) > 0) {
      return Verdict.SCAN_BOUND_EXCEEDED;
    }
    Verdict v = report(trigger, roundId, feed, nowEpochSeconds);
    return v != Verdict.FIRES ? v : walk(trigger, checkpoint, roundId, feed, MAX_SCAN + 1);
  }

  /**
   * Re-checks, after the fact, that a minted token's round was its trigger's first crossing: the
   * same checks as {@link #check} from the trigger's {@code startRound}, without the scan bound
   * (rounds a checkpoint skipped were proven non-crossing and are simply walked again). Freshness is
   * a property of the round, so it is checked as at minting.
   *
   * @param trigger the token's trigger
   * @param roundId the token's round
   * @param feed a reader of the trigger's feed
   * @return {@link Verdict#FIRES} iff the round is the first crossing after the trigger's creation
   * @throws ChainException if the feed's latest round cannot be read
   */
  public static Verdict checkMinted(Trigger trigger, BigInteger roundId, PriceFeed feed) {
    Objects.requireNonNull(trigger, "trigger");
    Checks.nonNegative("roundId", roundId);
    Objects.requireNonNull(feed, "feed");
    if (roundId.compareTo(trigger.startRound()) <= 0) {
      return Verdict.ROUND_NOT_AFTER_CHECKPOINT;
    }
    Verdict v = report(trigger, roundId, feed, Long.MAX_VALUE);
    return v != Verdict.FIRES ? v : walk(trigger, trigger.startRound(), roundId, feed, Integer.MAX_VALUE);
  }

  private static Verdict report(Trigger trigger, BigInteger roundId, PriceFeed feed, long now) {
    Optional<PriceRound> r = read(feed, roundId);
    return r.isEmpty() ? Verdict.ROUND_UNAVAILABLE : report(trigger, r.get(), feed, now);
  }

  /** Checks 3 and 4 of the rule on a round that was read. */
  private static Verdict report(Trigger trigger, PriceRound round, PriceFeed feed, long now) {
    if (round.answer().signum() <= 0) {
      return Verdict.NON_POSITIVE_ANSWER;
    }
    if (round.startedAt() > round.updatedAt() || round.updatedAt() > now
        || round.updatedAt() - round.startedAt() > feed.heartbeatSeconds()) {
      return Verdict.STALE_ROUND;
    }
    if (!trigger.direction().holds(round.answer(), trigger.threshold())) {
      return Verdict.NOT_CROSSING;
    }
    return Verdict.FIRES;
  }

  private static Verdict walk(Trigger trigger, BigInteger from, BigInteger roundId, PriceFeed feed, int maxSteps) {
    int current = phase(feed.latestRound().roundId());
    BigInteger r = from;
    for (int steps = 1; ; steps++) {
      if (steps > maxSteps) {
        return Verdict.SCAN_BOUND_EXCEEDED;
      }
      Optional<PriceRound> n = next(feed, r, current);
      if (n.isEmpty()) {
        return Verdict.ROUND_UNAVAILABLE;
      }
      int c = n.get().roundId().compareTo(roundId);
      if (c == 0) {
        return Verdict.FIRES;
      }
      if (c > 0) {
        return Verdict.ROUND_SUPERSEDED;
      }
      if (cond(trigger, n.get())) {
        return Verdict.EARLIER_CROSSING;
      }
      r = n.get().roundId();
    }
  }

  /**
   * The round after {@code roundId} in the feed's publication order (see the class comment).
   *
   * @param feed the feed
   * @param roundId a round id
   * @param currentPhase the phase of the feed's latest round ({@code latestRound().roundId() >> 64})
   * @return the next reported round, or empty when it is not (yet) readable
   */
  public static Optional<PriceRound> next(PriceFeed feed, BigInteger roundId, int currentPhase) {
    int phase = phase(roundId);
    Optional<PriceRound> cand = read(feed, roundId.add(BigInteger.ONE));
    if (phase >= currentPhase) {
      return cand;
    }
    Optional<PriceRound> first = read(feed, BigInteger.valueOf(phase + 1L).shiftLeft(64).or(BigInteger.ONE));
    if (cand.isPresent() && (first.isEmpty() || cand.get().updatedAt() < first.get().updatedAt())) {
      return cand;
    }
    return first;
  }

  /**
   * @param roundId a Chainlink proxy round id
   * @return its phase, {@code roundId >> 64} (0 for a plain aggregator)
   */
  public static int phase(BigInteger roundId) {
    return roundId.shiftRight(64).intValue() & 0xffff;
  }

  /**
   * Finds the round at which an open trigger fires: walks from the checkpoint ({@link #next}) to the
   * first round that satisfies {@link #cond}, at most {@value #MAX_SCAN} + 1 steps and up to the
   * feed's latest round, then {@link #check}s it.
   *
   * @param trigger the trigger
   * @param checkpoint its checkpoint on chain
   * @param feed a reader of its feed
   * @param nowEpochSeconds the latest block's timestamp
   * @return the firing, or where to advance the checkpoint, or nothing yet
   * @throws ChainException if the feed's latest round cannot be read
   */
  public static Scan scan(Trigger trigger, BigInteger checkpoint, PriceFeed feed, long nowEpochSeconds) {
    Objects.requireNonNull(trigger, "trigger");
    Checks.nonNegative("checkpoint", checkpoint);
    int current = phase(feed.latestRound().roundId());
    BigInteger r = checkpoint;
    BigInteger advanceTo = null;
    for (int steps = 1; steps <= MAX_SCAN + 1; steps++) {
      Optional<PriceRound> round = next(feed, r, current);
      if (round.isEmpty()) {
        return Scan.none(); // not yet reported, or a gap the contract cannot walk past either
      }
      if (cond(trigger, round.get())) {
        // The walk just reached this round from the checkpoint within the bound with no earlier crossing
        // (checks 1, 2 and 5); only the round itself is left to check, without walking again.
        Verdict v = report(trigger, round.get(), feed, nowEpochSeconds);
        return v == Verdict.FIRES
            ? new Scan(Optional.of(new Firing(trigger, round.get())), Optional.empty(), Optional.empty())
            : new Scan(Optional.empty(), Optional.empty(), Optional.of(v));
      }
      r = round.get().roundId();
      if (steps == MAX_SCAN) {
        advanceTo = r;
      }
    }
    return new Scan(Optional.empty(), Optional.ofNullable(advanceTo), Optional.empty());
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
