package io.vnft.gpu.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.PixelStatement;
import io.vnft.api.ProofException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.commit.FramesRoot;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.CppnWeights;
import io.vnft.gpu.model.PromptStyle;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reference vs circuit witness: the circuit is satisfiable exactly for the reference's pixels. */
class PixelCircuitTest {
  static final VideoFormat FORMAT = new VideoFormat(9, 7, 3, 24);
  static final String PROMPT = "fast golden mirror";
  static final BigInteger TRIGGER = BigInteger.valueOf(41);
  static final BigInteger ROUND = new BigInteger("18446744073709551999");
  static CompiledCircuit compiled;
  static PixelCircuit circuit;
  static VideoFrames frames;
  static PoseidonMerkleTree tree;
  static Bytes32 promptHash;

  @BeforeAll
  static void setUp() {
    circuit = new PixelCircuit(CppnWeights.builtIn(), FORMAT);
    compiled = CircuitCompiler.compile(circuit);
    promptHash = Bytes32.keccak256(PROMPT.getBytes(StandardCharsets.UTF_8));
    Bytes32 seed = new PoseidonCommitmentScheme().seed(TRIGGER, ROUND, promptHash);
    try (ReferenceVideoGenerator g = new ReferenceVideoGenerator()) {
      frames = g.generate(new GenerationRequest(CppnSpec.MODEL_ID, seed, PROMPT, io.vnft.gpu.model.CppnRequests.conditioningOf(PROMPT), FORMAT));
    }
    tree = FramesRoot.tree(frames);
  }

  static PixelStatement statement(Bytes32 root, long style, long pixel) {
    return new PixelStatement(CppnSpec.MODEL_ID, root, TRIGGER, ROUND, promptHash, Bytes32.fromBigInteger(BigInteger.valueOf(style)), pixel);
  }

  @Test
  void publicInputsAreTheProtocolOrder() {
    assertEquals(List.of(PixelCircuit.PUBLIC_INPUTS), compiled.publicInputNames());
  }

  @Test
  void sampledPixelsOfTheReferenceSatisfyTheCircuit() {
    Bytes32 root = Bytes32.of(tree.root().toBytesBE());
    long style = PromptStyle.of(PROMPT);
    assertTrue(CppnSpec.mirrorXOf(style));
    long total = FORMAT.totalPixels();
    for (long p : new long[] {0, 1, 9, 10, 37, 62, 63, 100, 150, total - 1}) {
      compiled.solve(circuit.inputs(statement(root, style, p), frames, tree));
    }
  }

  @Test
  void aWrongPixelValueDoesNotSatisfyTheCircuit() {
    long p = 75;
    byte[] rgb = frames.rgb();
    rgb[(int) (3 * p + 1)] ^= 4; // green of pixel 75
    VideoFrames bad = new VideoFrames(FORMAT, rgb);
    PoseidonMerkleTree badTree = FramesRoot.tree(bad);
    Bytes32 badRoot = Bytes32.of(badTree.root().toBytesBE());
    long style = PromptStyle.of(PROMPT);
    ProofException e = assertThrows(ProofException.class,
        () -> compiled.solve(circuit.inputs(statement(badRoot, style, p), bad, badTree)));
    assertTrue(e.getMessage().contains("commitment"), e.getMessage());
    // the other pixels of the same tampered video still prove
    compiled.solve(circuit.inputs(statement(badRoot, style, p + 1), bad, badTree));
  }

  @Test
  void aWrongStyleOrRootOrPositionDoesNotSatisfyTheCircuit() {
    Bytes32 root = Bytes32.of(tree.root().toBytesBE());
    long style = PromptStyle.of(PROMPT);
    assertThrows(ProofException.class,
        () -> compiled.solve(circuit.inputs(statement(root, style ^ 1, 20), frames, tree)));
    Bytes32 otherRoot = Bytes32.of(tree.root().add(Fr.ONE).toBytesBE());
    assertThrows(ProofException.class,
        () -> compiled.solve(circuit.inputs(statement(otherRoot, style, 20), frames, tree)));
    Map<String, Fr> in = circuit.inputs(statement(root, style, 20), frames, tree);
    in.put("pixelIndex", Fr.of(FORMAT.totalPixels()));
    assertThrows(ProofException.class, () -> compiled.solve(in));
    Map<String, Fr> big = circuit.inputs(statement(root, style, 20), frames, tree);
    big.put("style", Fr.of(BigInteger.ONE.shiftLeft(32).add(BigInteger.valueOf(style))));
    assertThrows(ProofException.class, () -> compiled.solve(big));
  }

  @Test
  void constraintCountFitsTheBudgetForLargeVideos() {
    CompiledCircuit big = CircuitCompiler.compile(
        new PixelCircuit(CppnWeights.builtIn(), new VideoFormat(256, 256, 64, 24)));
    int n = big.nConstraints();
    System.out.println("vnft-cppn-1 pixel circuit, 256x256x64 (depth 19): " + n + " constraints; by scope "
        + big.constraintsByScope());
    assertTrue(n <= 1 << 16, n + " constraints");
    CompiledCircuit max = CircuitCompiler.compile(
        new PixelCircuit(CppnWeights.builtIn(), new VideoFormat(4096, 4096, 42, 24)));
    System.out.println("vnft-cppn-1 pixel circuit, 4096x4096x42 (depth " + FramesRoot.depth(4096L * 4096 * 42)
        + "): " + max.nConstraints() + " constraints");
    assertTrue(max.nConstraints() <= 1 << 16);
  }
}
