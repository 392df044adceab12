package io.vnft.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.vnft.api.FiringRule.Verdict;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Java rule in isolation (the same cases run against the contract in vnft-chain's
 * FiringRuleOnChainTest). Round r is reported at time 100 + r; heartbeat 3600 s.
 */
class FiringRuleTest {
  static final Address FEED = Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3");

  static Trigger trigger(Direction d, long threshold, long startRound) {
    return new Trigger(BigInteger.ONE, FEED, d, BigInteger.valueOf(threshold),
        Bytes32.keccak256("p".getBytes(StandardCharsets.UTF_8)), "p", Bytes32.ZERO, "vnft-cppn-1",
        Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), BigInteger.ZERO, BigInteger.valueOf(startRound));
  }

  /** answers[0] is round 1. */
  static PriceFeed feed(long... answers) {
    PriceFeed f = mock(PriceFeed.class);
    when(f.heartbeatSeconds()).thenReturn(3600L);
    when(f.latestRound()).thenReturn(round(answers.length, answers[answers.length - 1]));
    when(f.round(any())).thenAnswer(inv -> {
      int r = inv.getArgument(0, BigInteger.class).intValue();
      if (r < 1 || r > answers.length) {
        throw new ChainException("no data for round " + r);
      }
      return round(r, answers[r - 1]);
    });
    return f;
  }

  static PriceRound round(long id, long answer) {
    return new PriceRound(FEED, BigInteger.valueOf(id), BigInteger.valueOf(answer), 100 + id, 100 + id);
  }

  static Verdict check(Trigger t, long checkpoint, long round, PriceFeed f, long now) {
    return FiringRule.check(t, BigInteger.valueOf(checkpoint), BigInteger.valueOf(round), f, now);
  }

  @Test
  void aNegativeRoundBeforeTheCrossingDoesNotHideIt() {
    // The case Vnft.firing used to miss: BELOW 3600 over 3800, -1, 3500 fires at round 3.
    Trigger t = trigger(Direction.BELOW, 3600, 0);
    PriceFeed f = feed(3800, -1, 3500);
    assertEquals(Verdict.FIRES, check(t, 0, 3, f, 104));
    assertEquals(Verdict.NON_POSITIVE_ANSWER, check(t, 0, 2, f, 104));
    FiringRule.Scan s = FiringRule.scan(t, BigInteger.ZERO, f, 104);
    assertEquals(BigInteger.valueOf(3), s.firing().orElseThrow().round().roundId());
  }

  @Test
  void eachCheckInTheContractsOrder() {
    Trigger t = trigger(Direction.ABOVE, 4000, 0);
    PriceFeed f = feed(3900, 4100, 4200);
    assertEquals(Verdict.ROUND_NOT_AFTER_CHECKPOINT, check(t, 2, 2, f, 104));
    assertEquals(Verdict.ROUND_UNAVAILABLE, check(t, 0, 9, f, 104));
    assertEquals(Verdict.FIRES, check(t, 0, 2, f, 102 + 3601),
        "an operator outage longer than a heartbeat does not kill the first crossing");
    assertEquals(Verdict.STALE_ROUND, check(t, 0, 2, f, 101), "a round reported after now");
    PriceFeed late = rounds(new PriceRound(FEED, BigInteger.ONE, BigInteger.valueOf(3900), 100, 100),
        new PriceRound(FEED, BigInteger.TWO, BigInteger.valueOf(4100), 100, 100 + 3601));
    assertEquals(Verdict.STALE_ROUND, check(t, 0, 2, late, 100_000),
        "a round whose report came more than a heartbeat after it started was never fresh");
    assertEquals(Verdict.NOT_CROSSING, check(t, 0, 1, f, 104));
    assertEquals(Verdict.EARLIER_CROSSING, check(t, 0, 3, f, 104));
    assertEquals(Verdict.FIRES, check(t, 0, 2, f, 104));
    assertEquals(Verdict.FIRES, check(t, 2, 3, f, 104), "after a checkpoint past round 2");
    assertEquals(Verdict.SCAN_BOUND_EXCEEDED, check(t, 0, FiringRule.MAX_SCAN + 2, f, 104));
  }

  @Test
  void theScanAsksForACheckpointAdvanceWhenNothingCrossesWithinTheBound() {
    Trigger t = trigger(Direction.ABOVE, 4000, 0);
    long[] answers = new long[FiringRule.MAX_SCAN + 3];
    java.util.Arrays.fill(answers, 3000);
    answers[answers.length - 1] = 4100;
    PriceFeed f = feed(answers);
    FiringRule.Scan s = FiringRule.scan(t, BigInteger.ZERO, f, 100 + answers.length);
    assertTrue(s.firing().isEmpty());
    assertEquals(BigInteger.valueOf(FiringRule.MAX_SCAN), s.advanceTo().orElseThrow());
    FiringRule.Scan after = FiringRule.scan(t, BigInteger.valueOf(FiringRule.MAX_SCAN), f, 100 + answers.length);
    assertEquals(BigInteger.valueOf(answers.length), after.firing().orElseThrow().round().roundId());
  }

  static PriceFeed rounds(PriceRound... rounds) {
    PriceFeed f = mock(PriceFeed.class);
    when(f.heartbeatSeconds()).thenReturn(3600L);
    PriceRound latest = rounds[0];
    for (PriceRound r : rounds) {
      if (r.roundId().compareTo(latest.roundId()) > 0) {
        latest = r;
      }
    }
    when(f.latestRound()).thenReturn(latest);
    when(f.round(any())).thenAnswer(inv -> {
      BigInteger id = inv.getArgument(0, BigInteger.class);
      for (PriceRound r : rounds) {
        if (r.roundId().equals(id)) {
          return r;
        }
      }
      throw new ChainException("no data for round " + id);
    });
    return f;
  }

  static BigInteger id(int phase, long n) {
    return BigInteger.valueOf(phase).shiftLeft(64).or(BigInteger.valueOf(n));
  }

  static PriceRound phased(int phase, long n, long answer, long updatedAt) {
    return new PriceRound(FEED, id(phase, n), BigInteger.valueOf(answer), updatedAt, updatedAt);
  }

  @Test
  void aCrossingAfterAChainlinkPhaseChangeFiresAndLateOldPhaseRoundsAreSuperseded() {
    // Phase 1 reports rounds 1..3 (the trigger starts at (1,2)); the proxy moves to phase 2 at t=200;
    // the old aggregator reports (1,4) afterwards, at t=250.
    Trigger t = trigger(Direction.ABOVE, 4000, 0);
    t = new Trigger(t.triggerId(), t.feed(), t.direction(), t.threshold(), t.promptHash(), t.prompt(),
        t.conditioning(), t.modelId(), t.recipient(), t.feeWei(), id(1, 2));
    PriceFeed f = rounds(phased(1, 1, 3000, 100), phased(1, 2, 3100, 110), phased(1, 3, 3200, 120),
        phased(2, 1, 3300, 200), phased(1, 4, 4500, 250), phased(2, 2, 4100, 260));
    BigInteger c = id(1, 2);
    assertEquals(Verdict.ROUND_SUPERSEDED, FiringRule.check(t, c, id(1, 4), f, 300),
        "a round the old aggregator reported after the switch is not on the walk");
    assertEquals(Verdict.FIRES, FiringRule.check(t, c, id(2, 2), f, 300), "phase 2's first crossing fires");
    assertEquals(id(2, 2), FiringRule.scan(t, c, f, 300).firing().orElseThrow().round().roundId());
    assertEquals(id(2, 1), FiringRule.next(f, id(1, 3), 2).orElseThrow().roundId());
    assertEquals(Verdict.FIRES, FiringRule.checkMinted(t, id(2, 2), f));
  }

  @Test
  void aMintedTokenIsRecheckedWithoutFreshness() {
    Trigger t = trigger(Direction.ABOVE, 4000, 0);
    PriceFeed f = feed(3900, 4100, 4200);
    assertEquals(Verdict.FIRES, FiringRule.checkMinted(t, BigInteger.TWO, f));
    assertEquals(Verdict.EARLIER_CROSSING, FiringRule.checkMinted(t, BigInteger.valueOf(3), f));
  }
}
