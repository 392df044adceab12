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
        Bytes32.keccak256("p".getBytes(StandardCharsets.UTF_8)), "p", 0, "vnft-cppn-1",
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
    assertEquals(Verdict.STALE_ROUND, check(t, 0, 2, f, 102 + 3601));
    assertEquals(Verdict.STALE_ROUND, check(t, 0, 2, f, 101), "a round reported after now");
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

  @Test
  void aMintedTokenIsRecheckedWithoutFreshness() {
    Trigger t = trigger(Direction.ABOVE, 4000, 0);
    PriceFeed f = feed(3900, 4100, 4200);
    assertEquals(Verdict.FIRES, FiringRule.checkMinted(t, BigInteger.TWO, f));
    assertEquals(Verdict.EARLIER_CROSSING, FiringRule.checkMinted(t, BigInteger.valueOf(3), f));
  }
}
