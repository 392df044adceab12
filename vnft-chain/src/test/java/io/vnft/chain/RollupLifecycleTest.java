package io.vnft.chain;

import static io.vnft.chain.ChainFixture.ETHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchReceipt;
import io.vnft.api.ChainException;
import io.vnft.api.Direction;
import io.vnft.api.MintReceipt;
import io.vnft.api.PixelChallenge;
import io.vnft.api.PriceRound;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.Trigger;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/** The rollup on a real anvil: lifecycle, crossing rules, challenges, slashing, refunds, reentrancy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupLifecycleTest {
  private static final long WINDOW = 600;
  private ChainFixture f;

  @BeforeAll
  void start() {
    f = new ChainFixture(new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), WINDOW, WINDOW));
  }

  @AfterAll
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  static String reason(Executable e) {
    ChainException ex = assertThrows(ChainException.class, e);
    return ex.revertReason().orElseThrow(() -> new AssertionError("no revert reason in " + ex.getMessage()));
  }

  static void assertReason(String errorName, Executable e) {
    String r = reason(e);
    assertTrue(r.startsWith(errorName + "("), "expected " + errorName + " but got " + r);
  }

  /** The commit went through, nothing was created, and the one leaf was skipped for {@code verdict}. */
  static void assertSkipped(String verdict, BatchReceipt r) {
    assertFalse(r.committed(), "a batch was created: " + r);
    assertEquals(1, r.skipped().size(), r.toString());
    assertEquals(verdict, r.skipped().get(0).reason(), r.toString());
  }

  @Test
  void triggerCrossingCommitFinalizeMintsToRecipientWithTokenUriAndErc7007Verify() {
    Address feed = f.newFeed(3000, 3600);
    String prompt = "a red fox running through snow";
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, prompt);
    Trigger t = f.user.trigger(id);
    assertEquals(prompt, t.prompt());
    assertEquals(ChainFixture.MODEL, t.modelId());
    assertTrue(f.owner.openTriggers().stream().anyMatch(o -> o.triggerId().equals(id)));

    f.report(feed, 3400); // round 2: below
    f.report(feed, 3600); // round 3: first crossing
    PriceRound round = f.owner.feed(feed).latestRound();
    assertEquals(BigInteger.valueOf(3), round.roundId());
    BatchLeaf leaf = f.leaf(id, round.roundId());
    BatchReceipt receipt = f.owner.commitBatch(List.of(leaf));
    assertEquals(Web3jChainBackend.TriggerStatus.TAKEN, f.owner.triggerStatus(id));
    assertFalse(f.owner.openTriggers().stream().anyMatch(o -> o.triggerId().equals(id)));
    assertFalse(f.owner.isFinalizable(receipt.batchId()));
    assertReason("ChallengeWindowOpen", () -> f.owner.finalizeBatch(receipt.batchId()));

    f.increaseTime(WINDOW + 1);
    assertTrue(f.owner.isFinalizable(receipt.batchId()));
    BigInteger pendingBefore = f.owner.pendingWithdrawal(f.owner.address());
    List<MintReceipt> minted = f.owner.finalizeBatch(receipt.batchId());
    assertEquals(1, minted.size());
    MintReceipt m = minted.get(0);
    assertEquals(id, m.triggerId());
    assertEquals(f.recipient, m.owner());
    assertEquals(f.recipient, f.owner.ownerOf(m.tokenId()));
    String json = io.vnft.api.roles.TokenVerifier.expectedTokenJson(m.tokenId(), leaf, t);
    assertEquals("data:application/json;base64," + java.util.Base64.getEncoder().encodeToString(
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), f.owner.tokenUri(m.tokenId()),
        "tokenURI is built on chain, byte-equal to what the verifier expects");
    assertTrue(json.contains("\"animation_url\":\"ipfs://" + leaf.contentCid().value() + "\""), json);
    assertTrue(json.contains("\"frames\":\"ipfs://" + leaf.framesCid().value() + "\""), json);
    assertTrue(f.owner.verifyAigc(prompt, leaf.framesRoot(), m.tokenId()));
    assertFalse(f.owner.verifyAigc(prompt + "!", leaf.framesRoot(), m.tokenId()));
    assertFalse(f.owner.verifyAigc(prompt, f.leaf(id, round.roundId()).framesRoot(), m.tokenId()));
    assertEquals(pendingBefore.add(t.feeWei()), f.owner.pendingWithdrawal(f.owner.address()));
    assertReason("BatchNotPending", () -> f.owner.finalizeBatch(receipt.batchId()));
    // double fire: the trigger was taken; the leaf is skipped, nothing is created
    assertSkipped("TRIGGER_NOT_OPEN", f.owner.commitBatch(List.of(f.leaf(id, round.roundId()))));
  }

  @Test
  void nonCrossingRoundIsSkipped() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 5000, "prompt nc");
    f.report(feed, 4000);
    assertSkipped("NOT_CROSSING", f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO))));
    assertEquals(Web3jChainBackend.TriggerStatus.OPEN, f.owner.triggerStatus(id));
  }

  @Test
  void roundAtOrBeforeCreationIsSkipped() {
    Address feed = f.newFeed(3000, 3600);
    f.report(feed, 3600); // round 2 already crosses before the trigger exists
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "prompt early");
    assertSkipped("ROUND_NOT_AFTER_CHECKPOINT", f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO))));
    f.report(feed, 3700); // round 3: the first round after creation, crossing (round 2 predates the trigger)
    assertTrue(f.owner.commitBatch(List.of(f.leaf(id, BigInteger.valueOf(3)))).committed());
  }

  @Test
  void laterCrossingThanTheFirstIsSkipped() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.BELOW, 2500, "prompt below");
    f.report(feed, 2400); // round 2: first crossing
    f.report(feed, 2300); // round 3: also below, but not the first
    assertSkipped("EARLIER_CROSSING", f.owner.commitBatch(List.of(f.leaf(id, BigInteger.valueOf(3)))));
    assertTrue(f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO))).committed());
  }

  @Test
  void freshnessIsJudgedWhenTheRoundWasReported() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "prompt stale");
    long now = f.rpc().latestTimestamp();
    // crossing, but the report came 7200 s after its round started: never a fresh report
    f.reportAt(feed, BigInteger.TWO, 3600, now - 10, now - 7210);
    assertSkipped("STALE_ROUND", f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO))));
    assertEquals(io.vnft.api.FiringRule.Verdict.STALE_ROUND, f.owner.checkFiring(id, BigInteger.TWO));
    // a fresh report fires however long ago it came (operators offline for two heartbeats)
    BigInteger late = f.trigger(feed, Direction.BELOW, 2000, "prompt late");
    f.reportAt(feed, BigInteger.valueOf(3), 1900, now - 1, now - 1);
    f.increaseTime(7200);
    assertTrue(f.owner.commitBatch(List.of(f.leaf(late, BigInteger.valueOf(3)))).committed());
    ChainlinkPriceFeed pf = (ChainlinkPriceFeed) f.owner.feed(feed);
    assertEquals(3600, pf.heartbeatSeconds());
    assertThrows(ChainException.class, () -> pf.requireFresh(pf.round(BigInteger.TWO)));
  }

  @Test
  void nonPositiveAnswerIsSkipped() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.BELOW, 2500, "prompt negative");
    f.report(feed, -5);
    assertSkipped("NON_POSITIVE_ANSWER", f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO))));
    ChainlinkPriceFeed pf = (ChainlinkPriceFeed) f.owner.feed(feed);
    assertThrows(ChainException.class, () -> pf.requireFresh(pf.latestRound()));
    // a missing round is a typed error, not a web3j exception
    assertThrows(ChainException.class, () -> pf.round(BigInteger.valueOf(99)));
  }

  @Test
  void unansweredChallengeRevertsBatchSlashesOperatorAndReopensTrigger() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "prompt slashed");
    f.report(feed, 3600);
    Web3jChainBackend operator = f.backend(4, f.addresses);
    operator.bond(ETHER.multiply(BigInteger.TWO));
    BatchReceipt batch = operator.commitBatch(List.of(f.leaf(id, BigInteger.TWO)));
    assertReason("PixelIndexOutOfRange", () -> f.challenger.challenge(batch.batchId(), 0, 4 * 4 * 2));
    PixelChallenge c = f.challenger.challenge(batch.batchId(), 0, 5);
    List<PixelChallenge> seen = operator.openChallenges();
    assertTrue(seen.stream().anyMatch(o -> o.challengeId().equals(c.challengeId())), seen + " vs " + c);
    assertReason("ResponseWindowOpen", () -> f.challenger.timeout(c.challengeId()));
    f.increaseTime(WINDOW + 1);
    assertReason("ChallengesOpen", () -> operator.finalizeBatch(batch.batchId()));
    BigInteger before = f.challenger.pendingWithdrawal(f.challenger.address());
    f.challenger.timeout(c.challengeId());
    // challenger: its 0.1 ether bond back + the 0.1 ether reward; the rest of the stake is burned
    assertEquals(before.add(ETHER.divide(BigInteger.TEN).multiply(BigInteger.TWO)),
        f.challenger.pendingWithdrawal(f.challenger.address()));
    assertEquals(Web3jChainBackend.TriggerStatus.OPEN, f.owner.triggerStatus(id));
    assertReason("BatchNotPending", () -> operator.finalizeBatch(batch.batchId()));
    assertReason("OperatorSlashed", () -> operator.commitBatch(List.of(f.leaf(id, BigInteger.TWO))));
    assertTrue(operator.openChallenges().stream().noneMatch(o -> o.challengeId().equals(c.challengeId())));
    BigInteger bal = f.challenger.balance(f.challenger.address());
    f.challenger.withdrawFromRollup();
    assertTrue(f.challenger.balance(f.challenger.address()).compareTo(bal.add(ETHER.divide(BigInteger.TEN))) > 0);
    // the reopened trigger fires again at the same (first) crossing round, from an honest operator
    assertTrue(f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO))).committed());
    operator.close();
  }

  @Test
  void answeredChallengePaysTheBondToTheOperatorAndAWrongProofIsRefused() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger ok = f.trigger(feed, Direction.ABOVE, 3500, "prompt answered");
    BigInteger bad = f.trigger(feed, Direction.ABOVE, 3500, "prompt refused", ChainFixture.MODEL_REJECTING, f.recipient);
    f.report(feed, 3600);
    // its own operator: the challenge left open on the rejecting model's leaf blocks that operator's
    // finalizations (while any challenge of an operator is open, none of its batches finalizes)
    Web3jChainBackend op = f.backend(7, f.addresses);
    op.bond(ETHER.multiply(BigInteger.TWO));
    BatchReceipt batch = op.commitBatch(List.of(f.leaf(ok, BigInteger.TWO), f.leaf(bad, BigInteger.TWO)));
    PixelChallenge c0 = f.challenger.challenge(batch.batchId(), 0, 3);
    PixelChallenge c1 = f.challenger.challenge(batch.batchId(), 1, 3);
    List<BigInteger> inputs = op.publicInputs(c0.challengeId());
    assertEquals(6, inputs.size());
    assertEquals(ok, inputs.get(1));
    assertEquals(BigInteger.TWO, inputs.get(2));
    assertEquals(BigInteger.valueOf(7), inputs.get(4));
    assertEquals(BigInteger.valueOf(3), inputs.get(5));
    ProofEnvelope proof = new ProofEnvelope("groth16-bn254", ChainFixture.MODEL, inputs, new byte[256]);
    BigInteger before = op.pendingWithdrawal(op.address());
    op.respond(c0, proof);
    assertEquals(before.add(ETHER.divide(BigInteger.TEN)), op.pendingWithdrawal(op.address()));
    assertReason("ChallengeNotOpen", () -> op.respond(c0, proof));
    ProofEnvelope proof1 = new ProofEnvelope("groth16-bn254", ChainFixture.MODEL_REJECTING,
        op.publicInputs(c1.challengeId()), new byte[256]);
    assertReason("InvalidProof", () -> op.respond(c1, proof1));
    op.close();
  }

  @Test
  void cancelRefundsTheFeeAndAReentrantReceiverGainsNothing() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "prompt cancel");
    assertReason("NotCreator", () -> f.owner.cancelTrigger(id));
    f.user.cancelTrigger(id);
    assertEquals(Web3jChainBackend.TriggerStatus.CANCELLED, f.user.triggerStatus(id));
    assertEquals(ETHER.divide(BigInteger.valueOf(100)), f.user.pendingWithdrawal(f.user.address()));
    assertReason("TriggerNotOpen", () -> f.user.cancelTrigger(id));
    f.report(feed, 3600);
    assertSkipped("TRIGGER_NOT_OPEN", f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO))));
    f.user.withdrawFromTriggerBook();
    assertEquals(BigInteger.ZERO, f.user.pendingWithdrawal(f.user.address()));
    assertReason("NothingToWithdraw", f.user::withdrawFromTriggerBook);

    Address attacker = f.deployTestContract("ReentrantCanceller",
        List.of(new org.web3j.abi.datatypes.Address(f.addresses.triggerBook().hex())));
    BigInteger bookBefore = f.owner.balance(f.addresses.triggerBook());
    f.rpc().send(attacker.hex(), new org.web3j.abi.datatypes.Function("open", List.of(
        new org.web3j.abi.datatypes.Address(feed.hex()), new org.web3j.abi.datatypes.generated.Int256(BigInteger.ONE),
        new org.web3j.abi.datatypes.generated.Bytes32(io.vnft.api.Bytes32.keccak256(
            ChainFixture.MODEL.getBytes(java.nio.charset.StandardCharsets.UTF_8)).bytes()),
        new org.web3j.abi.datatypes.Utf8String("attack")), List.of()), ETHER);
    assertEquals(bookBefore.add(ETHER), f.owner.balance(f.addresses.triggerBook()));
    f.rpc().send(attacker.hex(), new org.web3j.abi.datatypes.Function("cancelAndWithdraw", List.of(), List.of()),
        BigInteger.ZERO);
    assertEquals(ETHER, f.owner.balance(attacker)); // paid once, exactly the fee
    assertEquals(bookBefore, f.owner.balance(f.addresses.triggerBook()));
    List<org.web3j.abi.datatypes.Type> refused = f.rpc().call(attacker.hex(), new org.web3j.abi.datatypes.Function(
        "reentryRefused", List.of(), List.of(new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.Bool>() {})));
    assertEquals(Boolean.TRUE, refused.get(0).getValue());
  }

  @Test
  void eventScansResumeFromASavedBlockAndBatchesReportTheirStatus() {
    Address feed = f.newFeed(3000, 3600);
    long start = f.rpc().blockNumber() + 1;
    BigInteger a = f.trigger(feed, Direction.ABOVE, 3500, "scan a");
    long mid = f.rpc().blockNumber();
    BigInteger b = f.trigger(feed, Direction.BELOW, 2500, "scan b");
    Web3jChainBackend.EventPage<Trigger> first = f.owner.triggersCreated(start, mid);
    assertEquals(List.of(a), first.items().stream().map(Trigger::triggerId).toList());
    assertEquals("scan a", first.items().get(0).prompt());
    Web3jChainBackend.EventPage<Trigger> second = f.owner.triggersCreated(first.nextFromBlock(), f.rpc().blockNumber());
    assertEquals(List.of(b), second.items().stream().map(Trigger::triggerId).toList());
    assertEquals(Direction.BELOW, second.items().get(0).direction());
    // a backend started from a saved block sees only what came after it
    try (Web3jChainBackend resumed = Web3jChainBackend.builder().rpcUrl(f.anvil.rpcUrl())
        .privateKey(f.anvil.privateKey(5)).contracts(f.addresses).fromBlock(first.nextFromBlock()).build()) {
      List<BigInteger> open = resumed.openTriggers().stream().map(Trigger::triggerId).toList();
      assertTrue(open.contains(b) && !open.contains(a), open.toString());
    }

    f.report(feed, 3600);
    BatchLeaf leaf = f.leaf(a, BigInteger.TWO);
    Web3jChainBackend operator = f.backend(6, f.addresses);
    operator.bond(ETHER.multiply(BigInteger.TWO));
    BatchReceipt batch = operator.commitBatch(List.of(leaf));
    PixelChallenge c = f.challenger.challenge(batch.batchId(), 0, 1);
    io.vnft.api.CommittedBatch cb = f.owner.batches().stream().filter(x -> x.batchId().equals(batch.batchId()))
        .findFirst().orElseThrow();
    assertEquals(io.vnft.api.BatchStatus.CHALLENGED, cb.status());
    assertEquals(List.of(leaf), cb.leaves());
    assertEquals(operator.account(), cb.operator());
    assertEquals(batch.challengeDeadline(), cb.challengeDeadline());
    f.increaseTime(WINDOW + 1);
    f.challenger.timeoutChallenge(c);
    assertEquals(io.vnft.api.BatchStatus.REVERTED, f.owner.batches().stream()
        .filter(x -> x.batchId().equals(batch.batchId())).findFirst().orElseThrow().status());
    BigInteger owed = f.challenger.pendingWithdrawal(f.challenger.address());
    assertTrue(owed.signum() > 0);
    assertEquals(owed, f.challenger.withdraw());
    assertEquals(BigInteger.ZERO, f.challenger.withdraw());
    operator.close();
  }
}
