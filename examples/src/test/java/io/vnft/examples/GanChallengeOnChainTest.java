package io.vnft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.BatchReceipt;
import io.vnft.api.Bytes32;
import io.vnft.api.ChainException;
import io.vnft.api.Direction;
import io.vnft.api.MintReceipt;
import io.vnft.api.PixelChallenge;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.RegeneratedVideo;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.RoleListener;
import io.vnft.api.roles.TokenVerifier;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.encode.GifEncoder;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vnft-gan-1} on a real anvil: the model registered by {@link DevNetwork} with the
 * build-time Groth16 verifier holding the gan circuit's key; a challenged pixel of a minted
 * text-conditioned (morphing) token is answered by the operator with a Java Groth16 proof that
 * Rollup.respond verifies on chain, a proof for another pixel is refused there, and the token
 * verifies end to end.
 */
class GanChallengeOnChainTest {
  /** Small, so the insecure setup (about 9 000 constraints) runs in the test. */
  static final VideoFormat FORMAT = new VideoFormat(8, 8, 4, 8);
  static final BigInteger FEE = SmallNetworks.ETHER.divide(BigInteger.valueOf(100));

  @TempDir Path dir;

  @Test
  void aChallengedPixelOfAGanTokenIsAnsweredWithAProofTheChainVerifies() {
    Groth16PixelProofSystem proofs =
        Groth16PixelProofSystem.insecureDevelopmentSetup(GanSpec.MODEL_ID, FORMAT, new SecureRandom());
    Vnft.Builder base = Vnft.builder().generator(new ReferenceGanVideoGenerator())
        .commitments(new PoseidonCommitmentScheme()).encoder(new GifEncoder()).proofSystem(proofs).format(FORMAT);
    try (DevNetwork net = DevNetwork.start(base, dir, SmallNetworks.PARAMS, new BigDecimal(3800))) {
      Vnft user = net.client(5);
      assertEquals(GanSpec.MODEL_ID, user.generator().model().modelId());
      assertEquals(GanWeights.builtIn().sha256(), user.generator().model().weightsHash());
      Web3jChainBackend userChain = (Web3jChainBackend) user.chain();
      Address me = userChain.account();
      String prompt = "a red apple turning into a blue fish";
      Bytes32 conditioning = user.generator().conditioningOf(prompt);
      assertEquals(GanRequests.conditioningOf(prompt), conditioning);
      BigInteger threshold = BigInteger.valueOf(4000).multiply(BigInteger.TEN.pow(DevNetwork.FEED_DECIMALS));
      BigInteger id = userChain.createTrigger(net.feed(), Direction.ABOVE, threshold, prompt, conditioning,
          GanSpec.MODEL_ID, me, FEE);
      net.reportPrice(new BigDecimal(4100));

      Operator operator = Operator.builder().vnft(net.client(1)).journal(dir.resolve("op.journal")).maxBatch(1)
          .maxWaitSeconds(0).listener(RoleListener.NONE).build();
      Operator.TickReport first = operator.tick();
      assertEquals(1, first.committed().size());
      BatchReceipt batch = first.committed().get(0);
      assertEquals(List.of(id), batch.committedTriggers());

      // an auditor challenges pixels of the first and the last frame (morph level 0 and 8)
      Vnft auditor = net.client(3);
      Trigger trigger = auditor.chain().trigger(id);
      assertEquals(conditioning, trigger.conditioning());
      RegeneratedVideo regenerated = auditor.regenerate(trigger, BigInteger.TWO).join();
      List<PixelChallenge> challenges = new ArrayList<>();
      for (long p : new long[] {5, FORMAT.totalPixels() - 2}) {
        challenges.add(auditor.chain().challenge(batch.batchId(), 0, p));
      }
      Operator.TickReport answered = operator.tick();
      assertEquals(2, answered.answered());
      assertEquals(0, answered.unanswerable());
      for (PixelChallenge c : challenges) {
        assertFalse(auditor.chain().openChallenges().stream().anyMatch(o -> o.challengeId().equals(c.challengeId())),
            "challenge at pixel " + c.pixelIndex() + " is answered");
      }

      // a valid proof of another pixel does not answer a challenge: the chain's verifier checks the statement
      PixelChallenge third = auditor.chain().challenge(batch.batchId(), 0, 17);
      ProofEnvelope otherPixel = proofs.provePixel(new io.vnft.api.PixelStatement(GanSpec.MODEL_ID,
          regenerated.framesRoot(), id, BigInteger.TWO, trigger.promptHash(), conditioning, 18), regenerated.frames());
      assertTrue(proofs.verify(otherPixel));
      ChainException refused = assertThrows(ChainException.class,
          () -> net.client(1).chain().respond(third, new ProofEnvelope(otherPixel.proofSystem(), otherPixel.modelId(),
              net.owner().publicInputs(third.challengeId()), otherPixel.proof())));
      assertTrue(refused.revertReason().orElse("").startsWith("InvalidProof("), refused.getMessage());
      assertEquals(1, operator.tick().answered());

      net.increaseTime(SmallNetworks.PARAMS.challengeWindowSeconds() + 1);
      List<MintReceipt> minted = operator.tick().minted();
      assertEquals(1, minted.size());
      TokenVerifier.Report r = TokenVerifier.of(auditor).verify(minted.get(0).tokenId());
      assertTrue(r.verified(), r.checks().toString());
    }
  }
}
