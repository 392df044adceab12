package io.vnft.gpu.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelStatement;
import io.vnft.api.ProofException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.commit.FramesRoot;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@code vnft-gan-1} pixel circuit against {@link ReferenceGan} on random weights: satisfiable
 * for the reference's pixels (so its output is the reference's), for several shapes, seeds and
 * conditionings, and for nothing else.
 */
class GanPixelCircuitTest {
  static final GanWeights WEIGHTS = GanWeights.random(20_240_501L, 500);
  static final ReferenceGan REFERENCE = new ReferenceGan(WEIGHTS);
  static final BigInteger ROUND = new BigInteger("18446744073709551999");
  static final String PROMPT = "a glowing cat";
  static final Bytes32 PROMPT_HASH = Bytes32.keccak256(PROMPT.getBytes(StandardCharsets.UTF_8));
  private static final Map<VideoFormat, CompiledCircuit> COMPILED = new HashMap<>();

  /** One video: shape, trigger (so seed), conditioning, and its frames and tree. */
  record Video(VideoFormat format, BigInteger trigger, Bytes32 conditioning, VideoFrames frames,
      PoseidonMerkleTree tree) {
    static Video of(VideoFormat format, BigInteger trigger, Bytes32 conditioning) {
      Bytes32 seed = new PoseidonCommitmentScheme().seed(trigger, ROUND, PROMPT_HASH);
      VideoFrames frames;
      try (ReferenceGanVideoGenerator g = new ReferenceGanVideoGenerator(WEIGHTS)) {
        frames = g.generate(new GenerationRequest(GanSpec.MODEL_ID, seed, PROMPT, conditioning, format));
      }
      return new Video(format, trigger, conditioning, frames, FramesRoot.tree(frames));
    }

    GanLatent latent() {
      return GanLatent.of(new PoseidonCommitmentScheme().seed(trigger, ROUND, PROMPT_HASH));
    }

    Bytes32 root() {
      return Bytes32.of(tree.root().toBytesBE());
    }

    PixelStatement statement(long pixel) {
      return statement(root(), conditioning, pixel);
    }

    PixelStatement statement(Bytes32 root, Bytes32 cond, long pixel) {
      return new PixelStatement(GanSpec.MODEL_ID, root, trigger, ROUND, PROMPT_HASH, cond, pixel);
    }
  }

  static PixelCircuit circuit(VideoFormat f) {
    return new PixelCircuit(new GanGadget(WEIGHTS), f);
  }

  static synchronized CompiledCircuit compiled(VideoFormat f) {
    return COMPILED.computeIfAbsent(f, k -> CircuitCompiler.compile(circuit(k)));
  }

  /** A trigger whose seed moves the video on both axes (amplitudes >= 1 pixel), if the shape allows any. */
  static BigInteger movingTrigger(VideoFormat f) {
    int m = Math.max(f.width(), f.height());
    for (int t = 1; t < 2000; t++) {
      BigInteger id = BigInteger.valueOf(t);
      GanLatent l = GanLatent.of(new PoseidonCommitmentScheme().seed(id, ROUND, PROMPT_HASH));
      if (l.amplitudeX(m) >= Math.max(1, (15 * m >> 8) - 1) && l.amplitudeY(m) >= 1) {
        return id;
      }
    }
    throw new AssertionError("no moving seed for " + f);
  }

  static Bytes32 randomConditioning(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] a = new int[GanSpec.DIMS];
    int[] b = new int[GanSpec.DIMS];
    for (int j = 0; j < GanSpec.DIMS; j++) {
      a[j] = GanSpec.STEP * r.nextInt(GanSpec.LEVEL_MIN, GanSpec.LEVEL_MAX + 1);
      b[j] = GanSpec.STEP * r.nextInt(GanSpec.LEVEL_MIN, GanSpec.LEVEL_MAX + 1);
    }
    return GanText.pack(a, b);
  }

  static Bytes32 extremeConditioning() {
    int[] a = new int[GanSpec.DIMS];
    int[] b = new int[GanSpec.DIMS];
    for (int j = 0; j < GanSpec.DIMS; j++) {
      int lo = GanSpec.STEP * GanSpec.LEVEL_MIN;
      int hi = GanSpec.STEP * GanSpec.LEVEL_MAX;
      a[j] = j % 2 == 0 ? lo : hi;
      b[j] = j % 2 == 0 ? hi : lo; // -128 / 96: the largest morph steps
    }
    return GanText.pack(a, b);
  }

  /** Pixels of frames 0, middle and last: the corners, the centre and a few random ones. */
  static Set<Long> samples(VideoFormat f, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long wh = (long) f.width() * f.height();
    Set<Long> p = new LinkedHashSet<>();
    for (int t : new int[] {0, f.frames() / 2, f.frames() - 1}) {
      long base = t * wh;
      for (long q : new long[] {0, f.width() - 1, wh - f.width(), wh - 1, wh / 2 + f.width() / 2}) {
        p.add(base + q);
      }
      for (int i = 0; i < 3; i++) {
        p.add(base + r.nextLong(wh));
      }
    }
    return p;
  }

  /** Solves the circuit at the samples; each pixel there is ReferenceGan's, so the circuit's output is too. */
  static void assertCircuitMatchesReference(Video v, long sampleSeed) {
    VideoFormat f = v.format();
    PixelCircuit c = circuit(f);
    CompiledCircuit cc = compiled(f);
    int[][] ab = GanText.unpack(v.conditioning());
    GanLatent latent = v.latent();
    long wh = (long) f.width() * f.height();
    for (long p : samples(f, sampleSeed)) {
      int t = (int) (p / wh);
      int y = (int) (p % wh / f.width());
      int x = (int) (p % f.width());
      assertEquals(REFERENCE.pixel(latent, ab, f, t, x, y), v.frames().pixel(p));
      cc.solve(c.inputs(v.statement(p), v.frames(), v.tree()));
    }
  }

  @Test
  void publicInputsAreTheProtocolOrderWithTheModelsConditioning() {
    VideoFormat f = new VideoFormat(8, 6, 5, 24);
    assertEquals(List.of("framesRoot", "triggerId", "roundId", "promptHash", "conditioning", "pixelIndex"),
        compiled(f).publicInputNames());
    assertEquals(GanSpec.MODEL_ID, circuit(f).modelId());
  }

  @Test
  void randomConditioningsMatchTheReferenceOnSeveralShapes() {
    int i = 0;
    for (VideoFormat f : List.of(new VideoFormat(8, 6, 5, 24), new VideoFormat(5, 9, 7, 24),
        new VideoFormat(16, 16, 4, 24))) {
      Video v = Video.of(f, BigInteger.valueOf(41 + i), randomConditioning(i));
      assertCircuitMatchesReference(v, i++);
    }
  }

  @Test
  void aMovingVideoMatchesTheReferenceIncludingNegativeShiftedCoordinates() {
    // M = 40: amplitudes up to 2 pixels, so the shifted coordinate x - dx leaves [0, W) at the edges
    VideoFormat f = new VideoFormat(40, 12, 6, 24);
    BigInteger trigger = movingTrigger(f);
    Video v = Video.of(f, trigger, randomConditioning(99));
    GanLatent l = v.latent();
    boolean negative = false;
    for (int t = 0; t < f.frames(); t++) {
      negative |= l.dx(t, f.frames(), 40) > 0 || l.dy(t, f.frames(), 40) > 0;
    }
    assertTrue(negative, "some frame shifts the top-left pixel to a negative coordinate");
    assertCircuitMatchesReference(v, 7);
    // every frame, at both edges
    long wh = (long) f.width() * f.height();
    PixelCircuit c = circuit(f);
    for (int t = 0; t < f.frames(); t++) {
      for (long q : new long[] {0, wh - 1}) {
        compiled(f).solve(c.inputs(v.statement(t * wh + q), v.frames(), v.tree()));
      }
    }
  }

  @Test
  void singleConceptMorphAndExtremeConditioningsMatchTheReference() {
    VideoFormat f = new VideoFormat(8, 6, 5, 24);
    GanText text = new GanText(WEIGHTS);
    List<String> vocab = WEIGHTS.vocabulary();
    Bytes32 single = text.conditioningOf(vocab.get(3));
    int[][] s = GanText.unpack(single);
    assertTrue(Arrays.equals(s[0], s[1]));
    Bytes32 morph = text.conditioningOf(vocab.get(5) + " into " + vocab.get(300));
    int[][] mo = GanText.unpack(morph);
    assertNotEquals(Arrays.toString(mo[0]), Arrays.toString(mo[1]));
    int i = 10;
    for (Bytes32 cond : List.of(single, morph, extremeConditioning(), GanText.pack(s[0], mo[1]))) {
      assertCircuitMatchesReference(Video.of(f, BigInteger.valueOf(100 + i), cond), i++);
    }
    VideoFormat long9 = new VideoFormat(5, 9, 9, 24); // every morph level 0..8 across its frames
    assertCircuitMatchesReference(Video.of(long9, BigInteger.valueOf(7), extremeConditioning()), 3);
  }

  @Test
  void aFramesFileWithOneWrongPixelDoesNotSolveAtThatPixel() {
    VideoFormat f = new VideoFormat(8, 6, 5, 24);
    Video v = Video.of(f, BigInteger.valueOf(5), randomConditioning(5));
    long p = 2L * 48 + 17; // frame 2
    byte[] rgb = v.frames().rgb();
    rgb[(int) (3 * p + 2)] ^= 1; // blue of that pixel
    VideoFrames bad = new VideoFrames(f, rgb);
    PoseidonMerkleTree badTree = FramesRoot.tree(bad);
    Bytes32 badRoot = Bytes32.of(badTree.root().toBytesBE());
    PixelCircuit c = circuit(f);
    ProofException e = assertThrows(ProofException.class,
        () -> compiled(f).solve(c.inputs(v.statement(badRoot, v.conditioning(), p), bad, badTree)));
    assertTrue(e.getMessage().contains("commitment"), e.getMessage());
    // its neighbour in the same tampered file still opens to the model's output
    compiled(f).solve(c.inputs(v.statement(badRoot, v.conditioning(), p + 1), bad, badTree));
    // and the right file does not open under the wrong conditioning, at a pixel the two conditionings
    // render differently (a background pixel, alpha 0, is the same under any conditioning; the
    // trained weights draw nothing for most random level vectors, so these are prompts' conditionings)
    GanText text = new GanText(GanWeights.builtIn());
    Video heart = Video.of(f, BigInteger.valueOf(5), text.conditioningOf("a red heart"));
    Bytes32 other = text.conditioningOf("a green frog");
    byte[] right = heart.frames().rgb();
    byte[] otherRgb = Video.of(f, BigInteger.valueOf(5), other).frames().rgb();
    int q = 0;
    while (q < right.length / 3 && otherRgb[3 * q] == right[3 * q] && otherRgb[3 * q + 1] == right[3 * q + 1]
        && otherRgb[3 * q + 2] == right[3 * q + 2]) {
      q++;
    }
    assertTrue(q < right.length / 3, "the two conditionings render the same video");
    long differing = q;
    assertThrows(ProofException.class,
        () -> compiled(f).solve(c.inputs(heart.statement(heart.root(), other, differing), heart.frames(), heart.tree())));
  }

  @Test
  void aConditioningOf240BitsOrMoreIsRefused() {
    VideoFormat f = new VideoFormat(8, 6, 5, 24);
    Video v = Video.of(f, BigInteger.valueOf(5), randomConditioning(5));
    PixelCircuit c = circuit(f);
    Map<String, Fr> in = c.inputs(v.statement(3), v.frames(), v.tree());
    // same low 240 bits (the bytes the model reads), plus bit 240
    in.put("conditioning", Fr.of(v.conditioning().toBigInteger().setBit(GanSpec.CONDITIONING_BITS)));
    ProofException e = assertThrows(ProofException.class, () -> compiled(f).solve(in));
    assertTrue(e.getMessage().contains("conditioning"), e.getMessage());
    byte[] big = v.conditioning().bytes();
    big[0] = (byte) 0xff; // above r
    InvalidInputException above = assertThrows(InvalidInputException.class,
        () -> c.inputs(v.statement(v.root(), Bytes32.of(big), 3), v.frames(), v.tree()));
    assertTrue(above.getMessage().startsWith("conditioning:"), above.getMessage());
  }

  @Test
  void anUnknownModelIsRefusedNamingTheKnownOnes() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PixelCircuits.of("vnft-gan-2", new VideoFormat(8, 6, 5, 24)));
    assertTrue(e.getMessage().contains("vnft-gan-2") && e.getMessage().contains("vnft-cppn-1")
        && e.getMessage().contains("vnft-gan-1"), e.getMessage());
  }

  @Test
  void constraintCountFitsTheBudgetForLargeVideos() {
    for (VideoFormat f : List.of(new VideoFormat(64, 64, 24, 24), new VideoFormat(256, 256, 64, 24))) {
      CompiledCircuit big = CircuitCompiler.compile(PixelCircuits.of(GanSpec.MODEL_ID, f));
      int n = big.nConstraints();
      System.out.println("vnft-gan-1 pixel circuit, " + f.width() + "x" + f.height() + "x" + f.frames()
          + " (depth " + FramesRoot.depth(f.totalPixels()) + "): " + n + " constraints; by scope "
          + big.constraintsByScope());
      assertTrue(n <= 1 << 16, n + " constraints");
    }
  }
}
