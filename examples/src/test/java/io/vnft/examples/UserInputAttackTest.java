package io.vnft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.Bytes32;
import io.vnft.api.Direction;
import io.vnft.api.Firing;
import io.vnft.api.InvalidInputException;
import io.vnft.api.MintReceipt;
import io.vnft.api.PipelineException;
import io.vnft.api.PixelChallenge;
import io.vnft.api.RegeneratedVideo;
import io.vnft.api.Trigger;
import io.vnft.api.VideoEncoder;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.RoleListener;
import io.vnft.api.roles.TokenVerifier;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.VnftDeployment;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.gpu.model.CppnRequests;
import io.vnft.gpu.model.CppnSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol v2 rules 6 and 7 end to end on a real anvil with the real model, Groth16 proofs and
 * contracts: what a user chooses cannot get an honest operator slashed, and what an operator
 * chooses for a token's files is detected by {@code vnft verify}.
 */
class UserInputAttackTest {
  static final VideoFormat FORMAT = new VideoFormat(16, 16, 4, 8);
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger FEE = ETHER.divide(BigInteger.valueOf(100));

  @TempDir Path dir;

  /** An encoder that writes whatever it likes: an operator pointing animation_url at arbitrary bytes. */
  static final class ArbitraryFileEncoder implements VideoEncoder {
    @Override
    public String fileExtension() {
      return "gif";
    }

    @Override
    public String mimeType() {
      return "image/gif";
    }

    @Override
    public byte[] encode(VideoFrames frames) {
      return new byte[] {'n', 'o', 't', ' ', 'i', 't'};
    }
  }

  @Test
  void anOddConditioningIsAnsweredARenditionMismatchIsDetectedAnotherFormatIsRefused() {
    VnftDeployment.Params params = SmallNetworks.PARAMS;
    try (DevNetwork net = SmallNetworks.start(dir, FORMAT)) {
      Vnft user = net.client(5);
      Web3jChainBackend userChain = (Web3jChainBackend) user.chain();
      Address me = userChain.account();
      BigInteger threshold = BigInteger.valueOf(4000).multiply(BigInteger.TEN.pow(DevNetwork.FEED_DECIMALS));
      // Rule 6: the case, style 2 for a prompt whose keywords give another style.
      String prompt = "ocean waves calm";
      Bytes32 odd = Bytes32.fromBigInteger(BigInteger.TWO);
      assertNotEquals(CppnRequests.conditioningOf(prompt), odd);
      BigInteger oddId = userChain.createTrigger(net.feed(), Direction.ABOVE, threshold, prompt, odd,
          CppnSpec.MODEL_ID, me, FEE);
      // Rule 7: a trigger whose token an operator will give an arbitrary video file.
      BigInteger fileId = userChain.createTrigger(net.feed(), Direction.ABOVE, threshold, "sunset over dunes",
          CppnRequests.conditioningOf("sunset over dunes"), CppnSpec.MODEL_ID, me, FEE);
      net.reportPrice(new BigDecimal(4100));

      // Rule 6: a client set to another format refuses before anything is committed.
      Vnft wrongFormat = net.client(2).toBuilder().format(new VideoFormat(8, 8, 4, 8)).build();
      Trigger fileTrigger = wrongFormat.chain().trigger(fileId);
      Firing firing = wrongFormat.firing(fileTrigger).join().orElseThrow();
      CompletionException e = assertThrows(CompletionException.class, () -> wrongFormat.prepare(firing).join());
      PipelineException pe = assertInstanceOf(PipelineException.class, e.getCause());
      assertTrue(pe.getCause() instanceof InvalidInputException && pe.getCause().getMessage().startsWith("format:"),
          pe.getMessage());
      assertEquals(0, net.owner().batches().size(), "nothing was committed");

      // The honest operator mints the odd-conditioning trigger; the other operator mints the second one
      // with an arbitrary file as animation_url (its frames and root are right).
      Vnft honestClient = net.client(1);
      Operator honest = Operator.builder().vnft(honestClient).journal(dir.resolve("honest.journal")).maxBatch(1)
          .maxWaitSeconds(0).listener(RoleListener.NONE).build();
      Vnft sloppyClient = net.client(2).toBuilder().encoder(new ArbitraryFileEncoder()).build();
      Operator sloppy = Operator.builder().vnft(sloppyClient).journal(dir.resolve("sloppy.journal")).maxBatch(1)
          .maxWaitSeconds(0).listener(RoleListener.NONE).build();
      Operator.TickReport first = honest.tick();
      assertEquals(1, first.committed().size());
      assertEquals(List.of(oddId), first.committed().get(0).committedTriggers(), "the lower trigger id goes first");
      assertEquals(1, sloppy.tick().committed().size());

      // The stored conditioning, not the prompt's keywords, is what was generated.
      Trigger oddTrigger = user.chain().trigger(oddId);
      assertEquals(odd, oddTrigger.conditioning());
      RegeneratedVideo stored = user.regenerate(oddTrigger, BigInteger.TWO).join();
      Trigger asIfDefault = new Trigger(oddTrigger.triggerId(), oddTrigger.feed(), oddTrigger.direction(),
          oddTrigger.threshold(), oddTrigger.promptHash(), oddTrigger.prompt(), CppnRequests.conditioningOf(prompt),
          oddTrigger.modelId(), oddTrigger.recipient(), oddTrigger.feeWei(), oddTrigger.startRound());
      assertNotEquals(user.regenerate(asIfDefault, BigInteger.TWO).join().framesRoot(), stored.framesRoot());
      BigInteger oddBatch = first.committed().get(0).batchId();
      assertEquals(stored.framesRoot(), net.owner().batches().stream().filter(b -> b.batchId().equals(oddBatch))
          .findFirst().orElseThrow().leaves().get(0).framesRoot());

      // An auditor challenges a pixel of the odd-conditioning token: answered with a real proof on chain.
      Vnft auditor = net.client(3);
      PixelChallenge c = auditor.chain().challenge(oddBatch, 0, FORMAT.totalPixels() - 3);
      Operator.TickReport answered = honest.tick();
      assertEquals(1, answered.answered());
      assertEquals(0, answered.unanswerable());
      assertFalse(auditor.chain().openChallenges().stream().anyMatch(o -> o.challengeId().equals(c.challengeId())));

      net.increaseTime(params.challengeWindowSeconds() + 1);
      List<MintReceipt> minted = new java.util.ArrayList<>(honest.tick().minted());
      minted.addAll(sloppy.tick().minted());
      assertEquals(2, minted.size());
      TokenVerifier verifier = TokenVerifier.of(auditor);
      for (MintReceipt m : minted) {
        TokenVerifier.Report r = verifier.verify(m.tokenId());
        if (m.triggerId().equals(oddId)) {
          assertTrue(r.verified(), r.checks().toString());
        } else {
          assertFalse(r.verified(), "an arbitrary animation_url must fail vnft verify");
          List<String> failed = r.checks().stream().filter(x -> !x.passed()).map(TokenVerifier.Check::name).toList();
          assertEquals(List.of("video file (rendition)"), failed, r.checks().toString());
        }
      }
    }
  }
}
