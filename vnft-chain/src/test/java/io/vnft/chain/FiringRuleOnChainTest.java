package io.vnft.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.Direction;
import io.vnft.api.FiringRule;
import io.vnft.api.FiringRule.Verdict;
import io.vnft.api.Trigger;
import io.vnft.api.Vnft;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One firing rule: every case of a table runs on a real anvil against TriggerBook's own
 * {@code checkFiring} and in Java ({@link FiringRule}, and {@link Vnft#firing} that the operator
 * uses), for every round from 0 to one past the latest, and the verdicts must be the same.
 */
class FiringRuleOnChainTest {
  static final long HEARTBEAT = 3600;
  static ChainFixture fx;

  @BeforeAll
  static void start() {
    fx = new ChainFixture(VnftDeployment.Params.defaults());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** A feed at {@code initial}, a trigger created on it, then {@code path} reported one round each. */
  record Case(String name, Direction direction, long threshold, long initial, long[] path) {}

  static final List<Case> TABLE = List.of(
      new Case("above: first crossing", Direction.ABOVE, 4000, 3800, new long[] {3900, 4100, 4200, 3000, 4300}),
      new Case("below over a negative round (3800, -1, 3500)", Direction.BELOW, 3600, 3800, new long[] {-1, 3500}),
      new Case("below over a zero round", Direction.BELOW, 3600, 3800, new long[] {0, 3600, 3500}),
      new Case("above at creation: the next round fires", Direction.ABOVE, 4000, 4100, new long[] {4200, 4300}),
      new Case("exactly at the threshold", Direction.ABOVE, 4000, 3999, new long[] {4000}),
      new Case("never crosses", Direction.BELOW, 3000, 3800, new long[] {3500, 3100, 3001}),
      new Case("negative answer meets a below threshold but never counts", Direction.BELOW, 3600, 3800,
          new long[] {-5, -7, 3700}));

  @Test
  void everyCaseGivesTheSameVerdictOnChainAndInJava() {
    for (Case c : TABLE) {
      Address feed = fx.newFeed(c.initial(), HEARTBEAT);
      BigInteger id = fx.trigger(feed, c.direction(), c.threshold(), c.name());
      for (long p : c.path()) {
        fx.report(feed, p);
      }
      compareAll(c.name(), id);
    }
  }

  @Test
  void freshnessIsAPropertyOfTheReportAndAGapAgrees() {
    Address feed = fx.newFeed(3800, HEARTBEAT);
    BigInteger id = fx.trigger(feed, Direction.ABOVE, 4000, "fresh then outage");
    fx.report(feed, 4100); // round 2 crosses, a fresh report ...
    fx.increaseTime(3 * HEARTBEAT); // ... and every operator was offline for three heartbeats
    List<Verdict> v = compareAll("after an outage", id);
    assertEquals(Verdict.FIRES, v.get(2), "the first crossing stays fireable after an outage");
    long now = fx.owner.chainTime();
    fx.reportAt(feed, BigInteger.valueOf(4), 4200, now); // round 3 is missing
    List<Verdict> after = compareAll("gap", id);
    assertEquals(Verdict.ROUND_UNAVAILABLE, after.get(3));
    assertEquals(Verdict.EARLIER_CROSSING, after.get(4), "the firing round is fixed: round 2");

    Address slowFeed = fx.newFeed(3800, HEARTBEAT);
    BigInteger slow = fx.trigger(slowFeed, Direction.ABOVE, 4000, "a report that was never fresh");
    now = fx.owner.chainTime();
    fx.reportAt(slowFeed, BigInteger.TWO, 4100, now, now - HEARTBEAT - 1);
    assertEquals(Verdict.STALE_ROUND, compareAll("slow report", slow).get(2));

    Address gapFeed = fx.newFeed(3800, HEARTBEAT);
    BigInteger gapped = fx.trigger(gapFeed, Direction.ABOVE, 4000, "gap before the crossing");
    fx.reportAt(gapFeed, BigInteger.valueOf(3), 4100, fx.owner.chainTime()); // round 2 never reported
    List<Verdict> gap = compareAll("gap before the crossing", gapped);
    assertEquals(Verdict.ROUND_UNAVAILABLE, gap.get(3), "round 2 cannot be read to prove round 3 first");
  }

  static BigInteger phased(int phase, long n) {
    return BigInteger.valueOf(phase).shiftLeft(64).or(BigInteger.valueOf(n));
  }

  private static Address chainlinkAggregator(long answer) {
    return fx.deployTestContract("chainlink/ChainlinkAggregator", List.of(new org.web3j.abi.datatypes.generated.Uint8(8),
        new org.web3j.abi.datatypes.generated.Int256(BigInteger.valueOf(answer).multiply(ChainFixture.E8))));
  }

  private static void chainlinkReport(Address aggregator, long answer) {
    fx.rpc().send(aggregator.hex(), new org.web3j.abi.datatypes.Function("updateAnswer", List.of(
        new org.web3j.abi.datatypes.generated.Int256(BigInteger.valueOf(answer).multiply(ChainFixture.E8))), List.of()),
        BigInteger.ZERO);
  }

  @Test
  void aTriggerSurvivesAChainlinkPhaseChangeAndLateOldPhaseRoundsAreSuperseded() {
    // Chainlink's own proxy (npm @chainlink/contracts@1.5.0) over Chainlink's mock aggregators.
    Address a = chainlinkAggregator(3800); // phase 1, round 1
    Address proxy = fx.deployTestContract("chainlink/ChainlinkProxy",
        List.of(new org.web3j.abi.datatypes.Address(a.hex())));
    fx.owner.configureFeed(proxy, HEARTBEAT);
    BigInteger id = fx.trigger(proxy, Direction.ABOVE, 4000, "across a phase change");
    assertEquals(phased(1, 1), fx.owner.trigger(id).startRound());
    chainlinkReport(a, 3900); // (1,2)
    Address b = chainlinkAggregator(3950); // its round 1, reported at deployment
    for (String step : List.of("proposeAggregator", "confirmAggregator")) {
      fx.rpc().send(proxy.hex(), new org.web3j.abi.datatypes.Function(step,
          List.of(new org.web3j.abi.datatypes.Address(b.hex())), List.of()), BigInteger.ZERO);
    }
    fx.increaseTime(5);
    chainlinkReport(a, 4500); // (1,3): the old aggregator reports after the switch
    chainlinkReport(b, 4100); // (2,2): the first crossing in publication order
    assertEquals(phased(2, 2), fx.owner.feed(proxy).latestRound().roundId());
    Trigger t = fx.owner.trigger(id);
    var feed = fx.owner.feed(proxy);
    BigInteger checkpoint = fx.owner.checkpoint(id);
    long now = fx.owner.chainTime();
    java.util.Map<BigInteger, Verdict> expected = new java.util.LinkedHashMap<>();
    expected.put(phased(1, 1), Verdict.ROUND_NOT_AFTER_CHECKPOINT);
    expected.put(phased(1, 2), Verdict.NOT_CROSSING);
    expected.put(phased(1, 3), Verdict.ROUND_SUPERSEDED);
    expected.put(phased(2, 1), Verdict.NOT_CROSSING);
    expected.put(phased(2, 2), Verdict.FIRES);
    expected.put(phased(2, 3), Verdict.ROUND_UNAVAILABLE);
    for (var e : expected.entrySet()) {
      assertEquals(e.getValue(), fx.owner.checkFiring(id, e.getKey()), "on chain, round " + e.getKey());
      assertEquals(e.getValue(), FiringRule.check(t, checkpoint, e.getKey(), feed, now), "in Java, round " + e.getKey());
    }
    Vnft vnft = Vnft.builder().discover(false).chain(fx.owner).build();
    assertEquals(phased(2, 2), vnft.firing(t).join().orElseThrow().round().roundId());
    RollupLifecycleTest.assertSkipped("ROUND_SUPERSEDED", fx.owner.commitBatch(List.of(fx.leaf(id, phased(1, 3)))));
    assertTrue(fx.owner.commitBatch(List.of(fx.leaf(id, phased(2, 2)))).committed());
  }

  @Test
  void anL2SequencerFeedDelaysFiringUntilItHasBeenUpForTheGracePeriod() {
    Address feed = fx.newFeed(3800, HEARTBEAT);
    // Chainlink's L2 sequencer-uptime pattern: answer 1 = down, 0 = up, startedAt = when it changed.
    Address sequencer = fx.newFeed(1, HEARTBEAT);
    fx.owner.configureFeed(feed, HEARTBEAT, sequencer, 3600);
    BigInteger id = fx.trigger(feed, Direction.ABOVE, 4000, "on an L2");
    fx.report(feed, 4100);
    assertEquals(Verdict.SEQUENCER_DOWN, fx.owner.checkFiring(id, BigInteger.TWO));
    fx.rpc().send(sequencer.hex(), new org.web3j.abi.datatypes.Function("updateAnswer",
        List.of(new org.web3j.abi.datatypes.generated.Int256(BigInteger.ZERO)), List.of()), BigInteger.ZERO);
    assertEquals(Verdict.SEQUENCER_DOWN, fx.owner.checkFiring(id, BigInteger.TWO), "up, but within the grace period");
    RollupLifecycleTest.assertSkipped("SEQUENCER_DOWN", fx.owner.commitBatch(List.of(fx.leaf(id, BigInteger.TWO))));
    fx.increaseTime(3601);
    assertEquals(Verdict.FIRES, fx.owner.checkFiring(id, BigInteger.TWO), "the round is still the first crossing");
    assertTrue(fx.owner.commitBatch(List.of(fx.leaf(id, BigInteger.TWO))).committed());
  }

  @Test
  void theScanBoundAndTheCheckpointAdvanceAgree() {
    Address feed = fx.newFeed(3000, HEARTBEAT);
    BigInteger id = fx.trigger(feed, Direction.ABOVE, 4000, "scan bound");
    int quiet = FiringRule.MAX_SCAN + 2;
    for (int i = 0; i < quiet; i++) {
      fx.report(feed, 3000);
    }
    fx.report(feed, 4100); // round quiet + 2
    BigInteger crossing = BigInteger.valueOf(quiet + 2);
    assertEquals(Verdict.SCAN_BOUND_EXCEEDED, fx.owner.checkFiring(id, crossing));
    List<Verdict> before = compareAll("before the advance", id);
    assertEquals(Verdict.SCAN_BOUND_EXCEEDED, before.get(crossing.intValueExact()));
    Vnft vnft = Vnft.builder().discover(false).chain(fx.owner).build();
    FiringRule.Scan scan = vnft.scan(fx.owner.trigger(id)).join();
    BigInteger to = scan.advanceTo().orElseThrow();
    fx.owner.advanceCheckpoint(id, to);
    assertEquals(to, fx.owner.checkpoint(id));
    List<Verdict> after = compareAll("after the advance", id);
    assertEquals(Verdict.FIRES, after.get(crossing.intValueExact()));
  }

  @Test
  void aCancelledTriggerIsNotOpen() {
    Address feed = fx.newFeed(3800, HEARTBEAT);
    BigInteger id = fx.trigger(feed, Direction.ABOVE, 4000, "cancelled");
    fx.report(feed, 4100);
    fx.user.cancelTrigger(id);
    assertEquals(Verdict.TRIGGER_NOT_OPEN, fx.owner.checkFiring(id, BigInteger.TWO));
  }

  /** @return the on-chain verdict per round 0..latest+1, after asserting Java agrees on each */
  private static List<Verdict> compareAll(String name, BigInteger id) {
    Trigger t = fx.owner.trigger(id);
    var feed = fx.owner.feed(t.feed());
    long latest = feed.latestRound().roundId().longValueExact();
    BigInteger checkpoint = fx.owner.checkpoint(id);
    long now = fx.owner.chainTime();
    List<Verdict> verdicts = new ArrayList<>();
    Optional<BigInteger> firstFires = Optional.empty();
    for (long r = 0; r <= latest + 1; r++) {
      BigInteger round = BigInteger.valueOf(r);
      Verdict onChain = fx.owner.checkFiring(id, round);
      Verdict java = FiringRule.check(t, checkpoint, round, feed, now);
      assertEquals(onChain, java, name + ": round " + r);
      verdicts.add(onChain);
      if (onChain == Verdict.FIRES && firstFires.isEmpty()) {
        firstFires = Optional.of(round);
      }
    }
    Vnft vnft = Vnft.builder().discover(false).chain(fx.owner).build();
    assertEquals(firstFires, vnft.firing(t).join().map(f -> f.round().roundId()),
        name + ": the operator's scan finds the round the contract accepts");
    return verdicts;
  }
}
