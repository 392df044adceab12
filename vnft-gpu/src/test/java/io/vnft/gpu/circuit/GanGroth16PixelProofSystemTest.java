package io.vnft.gpu.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelStatement;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.ProofException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.commit.FramesRoot;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real Groth16 round trip of the {@code vnft-gan-1} circuit (built-in weights) at a small shape. */
class GanGroth16PixelProofSystemTest {
  static final VideoFormat FORMAT = new VideoFormat(8, 6, 5, 24);
  static final String PROMPT = "a red apple turning into a blue fish";
  static final BigInteger TRIGGER = BigInteger.valueOf(12);
  static final BigInteger ROUND = new BigInteger("18446744073709552001");
  static final Bytes32 PROMPT_HASH = Bytes32.keccak256(PROMPT.getBytes(StandardCharsets.UTF_8));
  static final Bytes32 CONDITIONING = GanRequests.conditioningOf(PROMPT);
  private static ProvingKey pk;
  private static Groth16PixelProofSystem system;
  private static VideoFrames frames;

  /** @return the shared system (one setup per JVM; the provider test loads its key too) */
  static synchronized Groth16PixelProofSystem system() {
    if (system == null) {
      long t0 = System.nanoTime();
      pk = Groth16.setup(Groth16PixelProofSystem.circuitFor(GanSpec.MODEL_ID, FORMAT).r1cs(), new SecureRandom());
      system = new Groth16PixelProofSystem(GanSpec.MODEL_ID, FORMAT, pk);
      System.out.printf("vnft-gan-1 pixel circuit %s: %d constraints, setup %.1f s%n", FORMAT,
          system.constraints(), (System.nanoTime() - t0) / 1e9);
      Bytes32 seed = new PoseidonCommitmentScheme().seed(TRIGGER, ROUND, PROMPT_HASH);
      try (ReferenceGanVideoGenerator g = new ReferenceGanVideoGenerator()) {
        frames = g.generate(new GenerationRequest(GanSpec.MODEL_ID, seed, PROMPT, CONDITIONING, FORMAT));
      }
    }
    return system;
  }

  /** @return the shared system's proving key */
  static synchronized ProvingKey provingKey() {
    system();
    return pk;
  }

  static PixelStatement statement(String model, Bytes32 root, long pixel) {
    return new PixelStatement(model, root, TRIGGER, ROUND, PROMPT_HASH, CONDITIONING, pixel);
  }

  @Test
  void aTrueStatementProvesAndVerifiesAndTamperedPublicInputsDoNot() {
    Groth16PixelProofSystem s = system();
    assertEquals(GanSpec.MODEL_ID, s.modelId());
    PixelStatement st = statement(GanSpec.MODEL_ID, FramesRoot.of(frames), FORMAT.totalPixels() - 5);
    long t0 = System.nanoTime();
    ProofEnvelope env = s.provePixel(st, frames);
    System.out.printf("vnft-gan-1 pixel proof: %.2f s%n", (System.nanoTime() - t0) / 1e9);
    assertEquals(GanSpec.MODEL_ID, env.modelId());
    assertEquals(st.publicInputs(Fr.MODULUS), env.publicInputs());
    assertTrue(s.verify(env));
    for (int i = 0; i < 6; i++) {
      List<BigInteger> other = new ArrayList<>(env.publicInputs());
      other.set(i, other.get(i).add(BigInteger.ONE));
      assertFalse(s.verify(new ProofEnvelope(env.proofSystem(), env.modelId(), other, env.proof())),
          "tampered public input " + i);
    }
  }

  @Test
  void aWrongPixelCannotBeProved() {
    Groth16PixelProofSystem s = system();
    byte[] rgb = frames.rgb();
    rgb[3 * 30] ^= 8;
    VideoFrames bad = new VideoFrames(FORMAT, rgb);
    ProofException e = assertThrows(ProofException.class,
        () -> s.provePixel(statement(GanSpec.MODEL_ID, FramesRoot.of(bad), 30), bad));
    assertTrue(e.getMessage().contains("commitment"), e.getMessage());
  }

  @Test
  void statementsAndEnvelopesOfAnotherModelAreRefusedNamingTheModel() {
    Groth16PixelProofSystem s = system();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> s.provePixel(statement(CppnSpec.MODEL_ID, FramesRoot.of(frames), 3), frames));
    assertTrue(e.getMessage().startsWith("modelId:") && e.getMessage().contains(GanSpec.MODEL_ID), e.getMessage());
    List<BigInteger> pub = statement(GanSpec.MODEL_ID, FramesRoot.of(frames), 3).publicInputs(Fr.MODULUS);
    InvalidInputException v = assertThrows(InvalidInputException.class,
        () -> s.verify(new ProofEnvelope(Groth16PixelProofSystem.PROOF_SYSTEM, CppnSpec.MODEL_ID, pub, new byte[256])));
    assertTrue(v.getMessage().startsWith("modelId:"), v.getMessage());
  }

  @Test
  void aKeyIsBoundToItsModelAndUnknownModelsAreNamed() {
    Groth16PixelProofSystem s = system();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new Groth16PixelProofSystem(CppnSpec.MODEL_ID, FORMAT, provingKey()));
    assertTrue(e.getMessage().startsWith("pk:") && e.getMessage().contains(CppnSpec.MODEL_ID), e.getMessage());
    assertEquals(s.verifyingKey(),
        new Groth16PixelProofSystem(GanSpec.MODEL_ID, FORMAT, provingKey()).verifyingKey());
    for (Runnable r : List.<Runnable>of(() -> Groth16PixelProofSystem.circuitFor("nope", FORMAT),
        () -> Groth16PixelProofSystem.insecureDevelopmentSetup("nope", FORMAT, new SecureRandom()))) {
      InvalidInputException u = assertThrows(InvalidInputException.class, r::run);
      assertTrue(u.getMessage().contains("'nope'") && u.getMessage().contains("vnft-cppn-1, vnft-gan-1"),
          u.getMessage());
    }
  }
}
