package io.vnft.chain;

import static io.vnft.chain.ChainFixture.ETHER;
import static io.vnft.chain.RollupLifecycleTest.assertReason;
import static io.vnft.chain.RollupLifecycleTest.assertSkipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchReceipt;
import io.vnft.api.Bytes32;
import io.vnft.api.ChainException;
import io.vnft.api.Direction;
import io.vnft.api.InvalidInputException;
import io.vnft.api.MintReceipt;
import io.vnft.api.PixelChallenge;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.Trigger;
import io.vnft.chain.contracts.Rollup;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Protocol v2 tried as an attacker would, on a real anvil: each test names the rule of
 * {@code docs/security-checklist.md} it holds. Models use test verifiers ({@code ConstantVerifier},
 * {@code SelectiveVerifier}) because these tests are about the Rollup's economics and state machine;
 * real Groth16 proofs on chain are in {@link Groth16OnChainTest} and the examples' tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolAttackTest {
  private static final long CHALLENGE_WINDOW = 600;
  private static final long RESPONSE_WINDOW = 300;
  private static final BigInteger CB = ETHER.divide(BigInteger.TEN); // challenge bond and reward
  private static final BigInteger FEE = ETHER.divide(BigInteger.valueOf(100)); // ChainFixture.trigger's fee
  /** A model whose committed content is wrong at pixel 7 only: proofs verify for every other pixel. */
  private static final String SELECTIVE = "cppn-selective";
  private static final long WRONG_PIXEL = 7;
  private static final String NARROW = "cppn-narrow";

  private ChainFixture f;
  private final AtomicInteger accounts = new AtomicInteger();
  private final List<Web3jChainBackend> opened = new ArrayList<>();

  @BeforeAll
  void start() {
    f = new ChainFixture(new VnftDeployment.Params(ETHER, CB, CHALLENGE_WINDOW, RESPONSE_WINDOW, 4));
    Address selective = f.deployTestContract("SelectiveVerifier", List.of(new Uint256(WRONG_PIXEL)));
    f.owner.registerModel(SELECTIVE, Bytes32.keccak256("s".getBytes(StandardCharsets.UTF_8)), selective,
        ChainFixture.FORMAT, 32, "");
    Address accept = f.deployTestContract("ConstantVerifier", List.of(new org.web3j.abi.datatypes.Bool(true)));
    f.owner.registerModel(NARROW, Bytes32.keccak256("n".getBytes(StandardCharsets.UTF_8)), accept,
        ChainFixture.FORMAT, 7, "");
  }

  @AfterAll
  void stop() {
    opened.forEach(Web3jChainBackend::close);
    if (f != null) {
      f.close();
    }
  }

  /** A fresh account with 100 ether (anvil_setBalance), as many as a test wants (puppets, copiers). */
  private Web3jChainBackend account(String role) {
    String key = Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1,
        Hash.sha3((role + accounts.incrementAndGet()).getBytes(StandardCharsets.UTF_8))), 64);
    String addr = Credentials.create(key).getAddress();
    new Request<>("anvil_setBalance", List.of(addr, "0x" + ETHER.multiply(BigInteger.valueOf(100)).toString(16)),
        new HttpService(f.anvil.rpcUrl()), VoidResponse.class).sendAsync().join();
    Web3jChainBackend b = Web3jChainBackend.builder().rpcUrl(f.anvil.rpcUrl()).privateKey(key)
        .chainId(f.anvil.chainId()).contracts(f.addresses).pollInterval(10).build();
    opened.add(b);
    return b;
  }

  private Web3jChainBackend operator(BigInteger bondWei) {
    Web3jChainBackend op = account("operator");
    op.bond(bondWei);
    return op;
  }

  private BigInteger pending(Web3jChainBackend who) {
    return who.pendingWithdrawal(who.address());
  }

  private static ProofEnvelope anyProof(Web3jChainBackend b, PixelChallenge c) {
    return new ProofEnvelope("groth16-bn254", SELECTIVE, b.publicInputs(c.challengeId()), new byte[256]);
  }

  // ------------------------------------------------------------------ rule 1: sock puppets

  /**
   * Rule 1. A cheat (wrong pixel 7) opens challenges on its own batch from sock puppets, before or
   * after the honest challenger, answers them or not, or fills every other slot: the honest
   * challenger always gets exactly its bond plus one challenge bond, the cheat's side (operator
   * plus puppets) always loses at least half the stake, and the owner gets nothing.
   */
  @Test
  void sockPuppetsCannotShrinkTheHonestRewardAndTheCheatAlwaysLosesHalfItsStake() {
    record Plan(String name, int puppetsBefore, int puppetsAfter, boolean answerPuppets) {}
    for (Plan p : List.of(new Plan("one puppet before, unanswered", 1, 0, false),
        new Plan("one puppet after, unanswered", 0, 1, false),
        new Plan("one puppet before, answered", 1, 0, true),
        new Plan("three puppets take every other slot, answered", 3, 0, true),
        new Plan("three puppets take every other slot, unanswered", 2, 1, false))) {
      Address feed = f.newFeed(3000, 3600);
      BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "puppets: " + p.name(), SELECTIVE, f.recipient);
      f.report(feed, 3600);
      Web3jChainBackend cheat = operator(ETHER.multiply(BigInteger.valueOf(3)));
      Web3jChainBackend honest = account("challenger");
      BatchReceipt batch = cheat.commitBatch(List.of(f.leaf(id, BigInteger.TWO)));
      BigInteger stake = cheat.stakeOf(batch.batchId());
      assertEquals(ETHER.add(FEE), stake, "stake = minOperatorBond + fees");
      BigInteger cheatBond = cheat.operatorAccount(cheat.address()).bondWei();
      BigInteger ownerBefore = pending(f.owner);
      BigInteger burnedBefore = f.owner.burnedWei();
      List<Web3jChainBackend> puppets = new ArrayList<>();
      List<PixelChallenge> puppetChallenges = new ArrayList<>();
      for (int i = 0; i < p.puppetsBefore(); i++) {
        Web3jChainBackend puppet = account("puppet");
        puppets.add(puppet);
        puppetChallenges.add(puppet.challenge(batch.batchId(), 0, i));
      }
      PixelChallenge mine = honest.challenge(batch.batchId(), 0, WRONG_PIXEL);
      for (int i = 0; i < p.puppetsAfter(); i++) {
        Web3jChainBackend puppet = account("puppet");
        puppets.add(puppet);
        puppetChallenges.add(puppet.challenge(batch.batchId(), 0, 10 + i));
      }
      if (p.answerPuppets()) {
        for (PixelChallenge c : puppetChallenges) {
          cheat.respond(c, anyProof(cheat, c));
        }
      }
      assertReason("InvalidProof", () -> cheat.respond(mine, anyProof(cheat, mine)));
      f.increaseTime(RESPONSE_WINDOW + 1);
      honest.timeout(mine.challengeId());
      for (int i = 0; i < puppetChallenges.size(); i++) {
        if (!p.answerPuppets()) {
          PixelChallenge c = puppetChallenges.get(i);
          assertReason("BatchNotPending", () -> cheat.respond(c, anyProof(cheat, c)));
          puppets.get(i).timeout(puppetChallenges.get(i).challengeId()); // settled at once: the batch is reverted
        }
      }
      assertEquals(CB.add(CB), pending(honest), p.name() + ": the honest challenger gets its bond + one reward");
      BigInteger sideAfter = cheat.operatorAccount(cheat.address()).bondWei().add(pending(cheat));
      for (Web3jChainBackend puppet : puppets) {
        sideAfter = sideAfter.add(pending(puppet)).subtract(CB); // each puppet posted one bond
      }
      BigInteger loss = cheatBond.subtract(sideAfter);
      assertTrue(loss.multiply(BigInteger.TWO).compareTo(stake) >= 0,
          p.name() + ": the cheat's side lost " + loss + " of a " + stake + " stake");
      assertTrue(cheat.operatorAccount(cheat.address()).slashed());
      assertEquals(ownerBefore, pending(f.owner), p.name() + ": no share goes to the owner");
      assertTrue(f.owner.burnedWei().compareTo(burnedBefore.add(stake.divide(BigInteger.TWO))) >= 0,
          p.name() + ": at least half the stake is burned");
      assertEquals(Web3jChainBackend.TriggerStatus.OPEN, f.owner.triggerStatus(id), "the trigger reopens");
    }
  }

  /**
   * Rule 8 / squatting. Puppets take every slot so the honest challenger is refused; while the slots
   * are full the challenge window does not run, so when the cheat answers one (to free it, or the
   * batch can never finalize) the window is extended and the honest challenge still gets in.
   */
  @Test
  void squattingEverySlotPausesTheWindowSoTheHonestChallengeStillGetsIn() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "squatted", SELECTIVE, f.recipient);
    f.report(feed, 3600);
    Web3jChainBackend cheat = operator(ETHER.multiply(BigInteger.valueOf(3)));
    BatchReceipt batch = cheat.commitBatch(List.of(f.leaf(id, BigInteger.TWO)));
    f.increaseTime(CHALLENGE_WINDOW - 100);
    List<PixelChallenge> squat = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      squat.add(account("puppet").challenge(batch.batchId(), 0, i));
    }
    Web3jChainBackend honest = account("challenger");
    assertReason("TooManyOpenChallenges", () -> honest.challenge(batch.batchId(), 0, WRONG_PIXEL));
    f.increaseTime(250); // the original window is over, the puppets' response windows are not
    assertTrue(f.owner.chainTime() > batch.challengeDeadline());
    assertFalse(cheat.isFinalizable(batch.batchId()), "four challenges are open");
    cheat.respond(squat.get(0), anyProof(cheat, squat.get(0)));
    long extended = f.owner.batches().stream().filter(b -> b.batchId().equals(batch.batchId())).findFirst()
        .orElseThrow().challengeDeadline();
    assertTrue(extended > f.owner.chainTime(), "the window was paused while full and is open again");
    PixelChallenge mine = honest.challenge(batch.batchId(), 0, WRONG_PIXEL);
    for (PixelChallenge c : squat.subList(1, 4)) {
      cheat.respond(c, anyProof(cheat, c));
    }
    f.increaseTime(RESPONSE_WINDOW + 1);
    honest.timeout(mine.challengeId());
    assertEquals(CB.add(CB), pending(honest));
    assertTrue(cheat.operatorAccount(cheat.address()).slashed());
  }

  // ------------------------------------------------------------------ rule 2: bond exposure

  /**
   * Rule 2. Every batch locks minOperatorBond + its fees, so pending exposure never exceeds the bond
   * (a third batch is refused). When the operator is slashed on one batch its free bond is burned,
   * its other pending batch cannot finalize, anyone reverts it (reopening its trigger for an honest
   * operator), and a challenge left on it is settled at once for bond + reward.
   */
  @Test
  void aBondCoversWhatItBacksAndASlashedOperatorsOtherBatchesCannotPayIt() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger wrong = f.trigger(feed, Direction.ABOVE, 3500, "exposure wrong", ChainFixture.MODEL_REJECTING,
        f.recipient);
    BigInteger other = f.trigger(feed, Direction.ABOVE, 3500, "exposure other");
    BigInteger third = f.trigger(feed, Direction.ABOVE, 3500, "exposure third");
    f.report(feed, 3600);
    BigInteger bond = ETHER.multiply(BigInteger.valueOf(5)).divide(BigInteger.TWO); // 2.5 ether
    Web3jChainBackend op = operator(bond);
    BatchReceipt b1 = op.commitBatch(List.of(f.leaf(wrong, BigInteger.TWO)));
    BatchReceipt b2 = op.commitBatch(List.of(f.leaf(other, BigInteger.TWO)));
    assertEquals(ETHER.add(FEE).multiply(BigInteger.TWO), op.operatorAccount(op.address()).lockedWei());
    assertReason("BondTooSmall", () -> op.commitBatch(List.of(f.leaf(third, BigInteger.TWO))));
    assertEquals(Web3jChainBackend.TriggerStatus.OPEN, f.owner.triggerStatus(third), "a refused commit changes nothing");

    PixelChallenge c1 = f.challenger.challenge(b1.batchId(), 0, 1);
    f.increaseTime(CHALLENGE_WINDOW + 1);
    BigInteger burnedBefore = f.owner.burnedWei();
    f.challenger.timeout(c1.challengeId());
    Web3jChainBackend.OperatorAccount slashed = op.operatorAccount(op.address());
    assertTrue(slashed.slashed());
    assertEquals(ETHER.add(FEE), slashed.bondWei(), "only b2's stake is left, still locked");
    assertEquals(burnedBefore.add(bond.subtract(ETHER.add(FEE).multiply(BigInteger.TWO)))
        .add(ETHER.add(FEE).subtract(CB)), f.owner.burnedWei(), "free bond and b1's stake (less one reward) burned");
    // b2's window is over and nobody challenged it, yet it cannot pay the slashed operator
    assertFalse(op.isFinalizable(b2.batchId()));
    assertReason("OperatorSlashed", () -> op.finalizeBatch(b2.batchId()));
    assertReason("OperatorSlashed", () -> op.commitBatch(List.of(f.leaf(third, BigInteger.TWO))));
    account("anyone").revertSlashed(b2.batchId());
    assertEquals(Web3jChainBackend.TriggerStatus.OPEN, f.owner.triggerStatus(other), "b2's trigger reopens");
    assertEquals(BigInteger.ZERO, op.operatorAccount(op.address()).bondWei());
    assertTrue(f.owner.commitBatch(List.of(f.leaf(other, BigInteger.TWO))).committed(), "an honest operator mints it");
    assertReason("BatchNotPending", () -> f.challenger.challenge(b2.batchId(), 0, 1));
  }

  /**
   * Rule 2. A cheat's challenge goes unanswered past its deadline and nobody has called timeout yet;
   * its other batch's window is over. It cannot cash that batch in the gap: while any challenge is
   * open on any of its batches, none finalizes. Timeout then slashes it.
   */
  @Test
  void aCheatCannotFinalizeAnotherBatchBetweenAnOverdueChallengeAndItsTimeout() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger wrong = f.trigger(feed, Direction.ABOVE, 3500, "race wrong", ChainFixture.MODEL_REJECTING, f.recipient);
    BigInteger other = f.trigger(feed, Direction.ABOVE, 3500, "race other");
    f.report(feed, 3600);
    Web3jChainBackend cheat = operator(ETHER.multiply(BigInteger.valueOf(3)));
    BatchReceipt b2 = cheat.commitBatch(List.of(f.leaf(other, BigInteger.TWO)));
    f.increaseTime(CHALLENGE_WINDOW - RESPONSE_WINDOW);
    BatchReceipt b1 = cheat.commitBatch(List.of(f.leaf(wrong, BigInteger.TWO)));
    PixelChallenge c = f.challenger.challenge(b1.batchId(), 0, 1);
    f.increaseTime(RESPONSE_WINDOW + 1); // c is overdue, b2's window is over
    assertEquals(1, cheat.operatorAccount(cheat.address()).openChallenges());
    assertFalse(cheat.isFinalizable(b2.batchId()));
    assertReason("OperatorChallengesOpen", () -> cheat.finalizeBatch(b2.batchId()));
    f.challenger.timeout(c.challengeId());
    assertReason("OperatorSlashed", () -> cheat.finalizeBatch(b2.batchId()));
    assertEquals(0, cheat.operatorAccount(cheat.address()).openChallenges());
  }

  // ------------------------------------------------------------------ rule 3: mempool copies

  /**
   * Rule 3. A bonded copier replays an honest operator's reserve and commit: its copy of the commit
   * matches no reservation of its own, its copy of the reserve neither delays nor takes the honest
   * one, and reserving and committing in one block (what it would need to beat the honest commit in
   * the mempool) is refused. The honest commit goes through.
   */
  @Test
  void aMempoolCopierGainsNothingAndTheHonestCommitGoesThrough() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "copied");
    f.report(feed, 3600);
    Web3jChainBackend honest = operator(ETHER.multiply(BigInteger.TWO));
    Web3jChainBackend copier = operator(ETHER.multiply(BigInteger.TWO));
    List<BatchLeaf> leaves = List.of(f.leaf(id, BigInteger.TWO));
    byte[] salt = Hash.sha3("honest salt".getBytes(StandardCharsets.UTF_8));
    honest.reserve(leaves, salt);
    // the copier resends the honest reserve's calldata from its own address: a reservation of its own
    byte[] honestCommitment = Web3jChainBackend.commitment(honest.address().hex(), salt,
        Web3jChainBackend.leafStructs(leaves));
    copier.rpc().send(f.addresses.rollup().hex(), new org.web3j.abi.datatypes.Function("reserve",
        List.of(new org.web3j.abi.datatypes.generated.Bytes32(honestCommitment)), List.of()), BigInteger.ZERO);
    assertReason("NoReservation", () -> copier.commitReserved(leaves, salt));
    Address sameBlock = f.deployTestContract("SameBlockCommitter",
        List.of(new org.web3j.abi.datatypes.Address(f.addresses.rollup().hex())));
    fundAndBond(sameBlock);
    assertReason("ReservationTooRecent", () -> copier.rpc().send(sameBlock.hex(),
        new org.web3j.abi.datatypes.Function("copy", List.of(
            new org.web3j.abi.datatypes.DynamicArray<>(Rollup.Leaf.class, Web3jChainBackend.leafStructs(leaves)),
            new org.web3j.abi.datatypes.generated.Bytes32(salt)), List.of()), BigInteger.ZERO));
    BatchReceipt r = honest.commitReserved(leaves, salt);
    assertTrue(r.committed());
    assertEquals(List.of(id), r.committedTriggers());
    assertEquals(0, copier.operatorAccount(copier.address()).pendingBatches());
    assertReason("NoReservation", () -> honest.commitReserved(leaves, salt)); // a reservation is used once
  }

  private void fundAndBond(Address contract) {
    f.rpc().send(contract.hex(), new org.web3j.abi.datatypes.Function("bondMe", List.of(), List.of()), ETHER);
  }

  /**
   * Rule 3. One honest batch of three: the creator of one trigger cancels it just ahead, another
   * trigger was taken by a different batch in between. Both leaves are skipped with their reason
   * and input index; the third commits.
   */
  @Test
  void leavesThatCannotFireAreSkippedAndTheRestOfTheBatchCommits() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger cancelled = f.trigger(feed, Direction.ABOVE, 3500, "cancelled ahead");
    BigInteger taken = f.trigger(feed, Direction.ABOVE, 3500, "taken ahead");
    BigInteger fine = f.trigger(feed, Direction.ABOVE, 3500, "fine");
    f.report(feed, 3600);
    Web3jChainBackend honest = operator(ETHER.multiply(BigInteger.TWO));
    List<BatchLeaf> leaves = List.of(f.leaf(cancelled, BigInteger.TWO), f.leaf(taken, BigInteger.TWO),
        f.leaf(fine, BigInteger.TWO));
    byte[] salt = Hash.sha3("batch of three".getBytes(StandardCharsets.UTF_8));
    honest.reserve(leaves, salt);
    f.user.cancelTrigger(cancelled);
    assertTrue(f.owner.commitBatch(List.of(f.leaf(taken, BigInteger.TWO))).committed());
    BatchReceipt r = honest.commitReserved(leaves, salt);
    assertTrue(r.committed());
    assertEquals(List.of(fine), r.committedTriggers());
    assertEquals(2, r.skipped().size());
    assertEquals(List.of(0, 1), r.skipped().stream().map(io.vnft.api.SkippedLeaf::inputIndex).toList());
    assertEquals(List.of("TRIGGER_NOT_OPEN", "TRIGGER_NOT_OPEN"),
        r.skipped().stream().map(io.vnft.api.SkippedLeaf::reason).toList());
    assertEquals(ETHER.add(FEE), honest.stakeOf(r.batchId()), "the stake covers only the committed leaf's fee");
    // a trigger id past the record's uint64 is skipped too (code 100), never truncated onto another trigger
    BatchReceipt big = honest.commitBatch(List.of(f.leaf(BigInteger.ONE.shiftLeft(64).add(fine), BigInteger.TWO)));
    assertFalse(big.committed());
    assertEquals("TRIGGER_ID_TOO_LARGE", big.skipped().get(0).reason());
    assertEquals(100, big.skipped().get(0).code());
  }

  // ------------------------------------------------------------------ rule 4: freshness with defaults

  /**
   * Rule 4 with the default parameters (challenge and response windows 3600 s, ETH/USD's heartbeat
   * 3600 s): a batch is reverted by an unanswered challenge more than a heartbeat after the crossing
   * was reported; the reopened trigger still fires at its first crossing, from an honest operator.
   */
  @Test
  void aTriggerReopenedAfterARevertedBatchStillFiresWithTheDefaultParameters() {
    try (ChainFixture d = new ChainFixture(VnftDeployment.Params.defaults())) {
      Address feed = d.newFeed(3000, 3600);
      BigInteger id = d.trigger(feed, Direction.ABOVE, 3500, "reopened", ChainFixture.MODEL_REJECTING, d.recipient);
      d.report(feed, 3600);
      Web3jChainBackend cheat = d.backend(4, d.addresses);
      cheat.bond(ETHER.multiply(BigInteger.TWO));
      BatchReceipt b = cheat.commitBatch(List.of(d.leaf(id, BigInteger.TWO)));
      PixelChallenge c = d.challenger.challenge(b.batchId(), 0, 1);
      d.increaseTime(VnftDeployment.Params.defaults().responseWindowSeconds() + 1);
      d.challenger.timeout(c.challengeId());
      d.increaseTime(3600); // and the honest operator comes a heartbeat later still
      assertEquals(io.vnft.api.FiringRule.Verdict.FIRES, d.owner.checkFiring(id, BigInteger.TWO));
      assertTrue(d.owner.commitBatch(List.of(d.leaf(id, BigInteger.TWO))).committed());
      cheat.close();
    }
  }

  // ------------------------------------------------------------------ rule 6: conditioning

  /**
   * Rule 6. The registry fixes how wide a model's conditioning is: a trigger with a value out of
   * range is refused at creation, so no operator is ever asked to prove one; in range it is stored
   * and is what the Rollup puts in the proof's public inputs. Bad registrations are refused.
   */
  @Test
  void conditioningOutOfTheModelsRangeIsRefusedAtCreationAndTheStoredValueIsProven() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger e8 = BigInteger.valueOf(3500).multiply(ChainFixture.E8);
    assertReason("ConditioningOutOfRange", () -> f.user.createTrigger(feed, Direction.ABOVE, e8, "wide",
        Bytes32.fromBigInteger(BigInteger.valueOf(128)), NARROW, f.recipient, FEE));
    BigInteger id = f.user.createTrigger(feed, Direction.ABOVE, e8, "narrow",
        Bytes32.fromBigInteger(BigInteger.valueOf(127)), NARROW, f.recipient, FEE);
    assertEquals(Bytes32.fromBigInteger(BigInteger.valueOf(127)), f.owner.trigger(id).conditioning());
    assertEquals(7, f.owner.conditioningBits(NARROW));
    assertEquals(ChainFixture.FORMAT, f.owner.modelFormat(NARROW));
    f.report(feed, 3600);
    BatchReceipt b = f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO)));
    PixelChallenge c = f.challenger.challenge(b.batchId(), 0, 2);
    assertEquals(BigInteger.valueOf(127), f.owner.publicInputs(c.challengeId()).get(4));
    f.owner.respond(c, new ProofEnvelope("groth16-bn254", NARROW, f.owner.publicInputs(c.challengeId()),
        new byte[256])); // answered (a test verifier), so the owner's other batches can finalize
    Address v = f.deployTestContract("ConstantVerifier", List.of(new org.web3j.abi.datatypes.Bool(true)));
    assertReason("InvalidConditioningBits", () -> f.owner.rpc().send(f.addresses.registry().hex(),
        registerModel("bits0", v, 4, 4, 2, 1, 0), BigInteger.ZERO));
    assertReason("InvalidConditioningBits", () -> f.owner.rpc().send(f.addresses.registry().hex(),
        registerModel("bits254", v, 4, 4, 2, 1, 254), BigInteger.ZERO));
    assertReason("InvalidFormat", () -> f.owner.rpc().send(f.addresses.registry().hex(),
        registerModel("fps0", v, 4, 4, 2, 0, 8), BigInteger.ZERO));
    assertThrows(InvalidInputException.class, () -> f.owner.registerModel("x", Bytes32.ZERO, v,
        ChainFixture.FORMAT, 254, ""));
  }

  private static org.web3j.abi.datatypes.Function registerModel(String name, Address verifier, int w, int h,
      int frames, int fps, int bits) {
    return new org.web3j.abi.datatypes.Function("registerModel", List.of(new org.web3j.abi.datatypes.Utf8String(name),
        new org.web3j.abi.datatypes.generated.Bytes32(new byte[32]), new org.web3j.abi.datatypes.Address(verifier.hex()),
        new org.web3j.abi.datatypes.generated.Uint32(w), new org.web3j.abi.datatypes.generated.Uint32(h),
        new org.web3j.abi.datatypes.generated.Uint32(frames), new org.web3j.abi.datatypes.generated.Uint32(fps),
        new org.web3j.abi.datatypes.generated.Uint16(bits), new org.web3j.abi.datatypes.Utf8String("")), List.of());
  }

  // ------------------------------------------------------------------ rule 8: parameters and events

  /** Rule 8. The Rollup's constructor refuses zero bonds, a zero or too short response window, and a bond too small for its challenges. */
  @Test
  void theRollupConstructorRefusesParametersThatWouldLetAnHonestPartyLose() {
    String zero = "0x0000000000000000000000000000000000000001";
    record Bad(String field, long minBondE, long cb, long cw, long rw, long maxOpen) {}
    for (Bad b : List.of(new Bad("challengeBond", 10, 0, 600, 300, 4), new Bad("maxOpenChallenges", 10, 1, 600, 300, 0),
        new Bad("maxOpenChallenges", 10_000, 1, 600, 300, 1025), new Bad("minOperatorBond", 7, 1, 600, 300, 4),
        new Bad("challengeWindow", 10, 1, 0, 300, 4), new Bad("responseWindow", 10, 1, 600, 0, 4),
        new Bad("responseWindow", 10, 1, 600, 59, 4))) {
      String ctor = FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.Address(zero),
          new org.web3j.abi.datatypes.Address(zero), new org.web3j.abi.datatypes.Address(zero),
          new Uint256(b.minBondE()), new Uint256(b.cb()), new Uint256(b.cw()), new Uint256(b.rw()),
          new Uint256(b.maxOpen())));
      ChainException e = assertThrows(ChainException.class, () -> f.rpc().deploy(Rollup.BINARY, ctor, "Rollup"));
      String why = e.revertReason().orElse(e.getMessage());
      assertTrue(why.startsWith("InvalidParameter(") && why.contains(b.field()), b + ": " + why);
    }
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new VnftDeployment.Params(ETHER, CB, 600, 0));
    assertTrue(e.getMessage().startsWith("responseWindowSeconds:"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new VnftDeployment.Params(ETHER, CB, 600, 300, 6));
    assertTrue(e.getMessage().startsWith("minOperatorBondWei:"), e.getMessage());
  }

  /** Rule 8. ERC-7007 addAigcData emits once per token; a second call and wrong data are refused. */
  @Test
  void addAigcDataCannotSpamEvents() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "aigc once");
    f.report(feed, 3600);
    BatchLeaf leaf = f.leaf(id, BigInteger.TWO);
    BatchReceipt b = f.owner.commitBatch(List.of(leaf));
    f.increaseTime(CHALLENGE_WINDOW + 1);
    MintReceipt m = f.owner.finalizeBatch(b.batchId()).get(0);
    assertReason("AigcDataNotVerified", () -> f.user.addAigcData(m.tokenId(), "aigc once!", leaf.framesRoot()));
    f.user.addAigcData(m.tokenId(), "aigc once", leaf.framesRoot());
    assertReason("AigcDataAlreadyAdded", () -> f.user.addAigcData(m.tokenId(), "aigc once", leaf.framesRoot()));
  }

  // ------------------------------------------------------------------ rule 9: bad trigger data

  /**
   * Rule 9. A trigger whose prompt bytes are not UTF-8 (its hash matches the bytes, so the contract
   * accepts it) is left out of openTriggers with one warning; the triggers around it are returned.
   */
  @Test
  void aTriggerWithAPromptThatIsNotUtf8IsSkippedAndTheOthersAreRead() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger before = f.trigger(feed, Direction.ABOVE, 3500, "before the bad one");
    byte[] bad = {(byte) 0xff, (byte) 0xfe, 'o', 'k'};
    List<Type> params = List.of(new org.web3j.abi.datatypes.Address(feed.hex()), new Uint8(0),
        new Int256(BigInteger.valueOf(3500).multiply(ChainFixture.E8)),
        new org.web3j.abi.datatypes.generated.Bytes32(Hash.sha3(bad)),
        new org.web3j.abi.datatypes.generated.Bytes32(new byte[32]),
        new org.web3j.abi.datatypes.generated.Bytes32(Hash.sha3(ChainFixture.MODEL.getBytes(StandardCharsets.UTF_8))),
        new org.web3j.abi.datatypes.Address(f.recipient.hex()), new DynamicBytes(bad)); // string and bytes encode alike
    String selector = Numeric.toHexString(Hash.sha3(
        "createTrigger(address,uint8,int256,bytes32,bytes32,bytes32,address,string)".getBytes(StandardCharsets.UTF_8)))
        .substring(0, 10);
    f.user.rpc().sendData(f.addresses.triggerBook().hex(), selector + FunctionEncoder.encodeConstructor(params),
        BigInteger.ZERO, BigInteger.valueOf(1_000_000), "createTrigger (not UTF-8)");
    BigInteger after = f.trigger(feed, Direction.ABOVE, 3500, "after the bad one");
    BigInteger badId = before.add(BigInteger.ONE);
    assertEquals(after, badId.add(BigInteger.ONE));
    try (Web3jChainBackend fresh = f.backend(5, f.addresses)) {
      List<BigInteger> open = fresh.openTriggers().stream().map(Trigger::triggerId).toList();
      assertTrue(open.contains(before) && open.contains(after) && !open.contains(badId), open.toString());
    }
  }
}
