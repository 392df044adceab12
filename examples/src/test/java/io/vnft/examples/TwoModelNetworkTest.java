package io.vnft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.CommittedBatch;
import io.vnft.api.Direction;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Challenger;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.RoleListener;
import io.vnft.api.roles.TokenVerifier;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.BuiltInVideoGenerator;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.encode.GifEncoder;
import io.vnft.gpu.model.CppnRequests;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both built-in models on one network: each registered with its own verifier, conditioning bits and
 * format; a trigger of each, minted and proved by an operator of its model (and left alone by the
 * other model's operator); one challenger and one
 * verifier, each holding a client whose default model is vnft-cppn-1, regenerate the tokens of both.
 */
class TwoModelNetworkTest {
  @TempDir Path dir;

  @Test
  void oneClientChecksTokensOfEitherModelAndEachModelIsProvedByItsOwnVerifier() {
    VideoFormat f = new VideoFormat(8, 6, 5, 12);
    SecureRandom rnd = new SecureRandom();
    Groth16PixelProofSystem cppnProofs = Groth16PixelProofSystem.insecureDevelopmentSetup(CppnSpec.MODEL_ID, f, rnd);
    Groth16PixelProofSystem ganProofs = Groth16PixelProofSystem.insecureDevelopmentSetup(GanSpec.MODEL_ID, f, rnd);
    BigInteger fee = BigInteger.TEN.pow(16);
    try (BuiltInVideoGenerator cppnFirst = BuiltInVideoGenerator.reference(CppnSpec.MODEL_ID);
        BuiltInVideoGenerator ganFirst = BuiltInVideoGenerator.reference(GanSpec.MODEL_ID);
        DevNetwork net = DevNetwork.start(Vnft.builder().discover(false).generator(cppnFirst)
            .commitments(new PoseidonCommitmentScheme()).encoder(new GifEncoder()).proofSystem(cppnProofs).format(f),
            dir, SmallNetworks.PARAMS, new BigDecimal(3800))) {
      Address ganVerifier = net.registerModel(BuiltInModels.modelInfo(GanSpec.MODEL_ID), f, ganProofs);
      Web3jChainBackend owner = net.owner();
      assertNotEquals(net.verifier(), ganVerifier);
      assertEquals(net.verifier(), net.verifier(CppnSpec.MODEL_ID));
      assertEquals(ganVerifier, net.verifier(GanSpec.MODEL_ID));
      assertEquals(GanSpec.CONDITIONING_BITS, owner.conditioningBits(GanSpec.MODEL_ID));
      assertEquals(CppnSpec.CONDITIONING_BITS, owner.conditioningBits(CppnSpec.MODEL_ID));
      assertEquals(f, owner.modelFormat(GanSpec.MODEL_ID));
      InvalidInputException again = assertThrows(InvalidInputException.class,
          () -> net.registerModel(BuiltInModels.modelInfo(GanSpec.MODEL_ID), f, ganProofs));
      assertTrue(again.getMessage().contains("registered"), again.getMessage());
      assertThrows(InvalidInputException.class, () -> net.verifier("vnft-gan-2"));

      // A client's default model is its generator's: alice's triggers are cppn, bob's gan.
      Vnft alice = net.client(5);
      Vnft bob = net.client(6).toBuilder().generator(ganFirst).build();
      String ganPrompt = "a cat turning into fire";
      BigInteger ganTrigger = bob.createTrigger(net.feed(), Direction.ABOVE, new BigDecimal(4000), ganPrompt,
          bob.chain().account(), fee).join();
      BigInteger cppnTrigger = alice.createTrigger(net.feed(), Direction.ABOVE, new BigDecimal(4200), "calm ocean",
          alice.chain().account(), fee).join();
      assertEquals(GanSpec.MODEL_ID, owner.trigger(ganTrigger).modelId());
      assertEquals(GanRequests.conditioningOf(ganPrompt), owner.trigger(ganTrigger).conditioning());
      assertEquals(CppnSpec.MODEL_ID, owner.trigger(cppnTrigger).modelId());
      assertEquals(CppnRequests.conditioningOf("calm ocean"), owner.trigger(cppnTrigger).conditioning());

      // Each model's trigger is minted by an operator holding that model's proof system.
      Vnft ganClient = net.client(2).toBuilder().generator(ganFirst).proofSystem(ganProofs).build();
      Operator ganOperator = operator(ganClient, "journal-gan.txt");
      Operator cppnOperator = operator(net.client(1), "journal-cppn.txt");
      net.reportPrice(new BigDecimal(4100));
      assertEquals(1, ganOperator.tick().committed().size());
      net.reportPrice(new BigDecimal(4300));
      // The gan operator leaves the crossed cppn trigger alone: its generator could make that token,
      // its proof system could not defend it (an honest operator is never slashed for a model it lacks).
      assertEquals(0, ganOperator.tick().committed().size());
      assertEquals(1, cppnOperator.tick().committed().size());

      // The challenger's client defaults to cppn, yet it regenerates the gan token too and finds both right.
      Challenger challenger = Challenger.builder().vnft(net.client(3)).listener(RoleListener.NONE).build();
      Challenger.TickReport checked = challenger.tick();
      assertEquals(2, checked.checked());
      assertEquals(0, checked.mismatches());

      // A spot-check on each batch: each operator proves its pixel, verified on chain by its model's verifier.
      Vnft auditor = net.client(4);
      List<CommittedBatch> batches = owner.batches();
      assertEquals(2, batches.size());
      for (CommittedBatch b : batches) {
        auditor.chain().challenge(b.batchId(), 0, f.totalPixels() / 2);
      }
      assertEquals(1, ganOperator.tick().answered());
      assertEquals(1, cppnOperator.tick().answered());
      assertTrue(owner.openChallenges().isEmpty(), "both challenges answered");

      net.increaseTime(net.params().challengeWindowSeconds() + 1);
      ganOperator.tick();
      cppnOperator.tick();
      TokenVerifier verifier = TokenVerifier.of(net.client(0));
      for (BigInteger token : List.of(BigInteger.ONE, BigInteger.TWO)) {
        TokenVerifier.Report report = verifier.verify(token);
        assertTrue(report.verified(), "token " + token + ": " + report.checks());
      }
    }
  }

  private Operator operator(Vnft client, String journal) {
    return Operator.builder().vnft(client).journal(dir.resolve(journal)).maxWaitSeconds(0)
        .listener(RoleListener.NONE).build();
  }
}
