package io.vnft.gpu.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.GenerationException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The weights file of vnft-gan-1: round trip and every refusal names its field. */
class GanWeightsTest {
  private static final GanWeights W = GanWeights.random(3, 40);

  private static byte[] file(GanWeights w) {
    return GanWeights.write(w.vocabulary(),
        IntStream.range(0, w.vocabulary().size()).mapToObj(w::vector).toArray(int[][]::new),
        IntStream.range(0, w.vocabulary().size()).map(w::wordWeight).toArray(),
        IntStream.range(0, GanSpec.LAYERS).map(w::shift).toArray(),
        IntStream.range(0, GanSpec.LAYERS).mapToObj(w::weights).toArray(int[][][]::new),
        IntStream.range(0, GanSpec.LAYERS).mapToObj(w::biases).toArray(int[][]::new));
  }

  private static String refusal(byte[] f) {
    return assertThrows(GenerationException.class, () -> GanWeights.parse(f)).getMessage();
  }

  @Test
  void writeAndParseRoundTrip() {
    byte[] f = file(W);
    GanWeights back = GanWeights.parse(f);
    assertEquals(W.sha256(), back.sha256());
    assertEquals(W.vocabulary(), back.vocabulary());
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      assertEquals(W.shift(l), back.shift(l));
      assertArrayEquals(W.biases(l), back.biases(l));
      assertTrue(Arrays.deepEquals(W.weights(l), back.weights(l)));
    }
    assertEquals(5, back.indexOf(W.vocabulary().get(5)));
    assertEquals(-1, back.indexOf("notaword"));
  }

  @Test
  void corruptFilesAreRefusedNamingTheField() {
    byte[] f = file(W);
    byte[] magic = f.clone();
    magic[0] = 'X';
    assertTrue(refusal(magic).contains("magic"), refusal(magic));
    byte[] header = f.clone();
    header[9] = 16; // dims
    assertTrue(refusal(header).contains("header"), refusal(header));
    header = f.clone();
    header[8] = 1; // version 1: 15 signed bytes per concept, no word weights
    assertTrue(refusal(header).contains("expected 2/"), refusal(header));
    header = f.clone();
    header[11] = (byte) 200; // hidden: a u8, so 200 (not -56); a width of 128 once read as -128
    assertTrue(refusal(header).contains("/200/"), refusal(header));
    byte[] zeroWeight = f.clone();
    int vectorsEnd = 8 + 5 + 2 + W.vocabulary().stream().mapToInt(s -> 1 + s.length()).sum()
        + W.vocabulary().size() * GanSpec.DIMS;
    zeroWeight[vectorsEnd + 3] = 0;
    assertTrue(refusal(zeroWeight).contains("word weight 3 = 0"), refusal(zeroWeight));
    assertTrue(refusal(header).contains("header"), refusal(header));
    assertTrue(refusal(Arrays.copyOf(f, f.length - 1)).contains("truncated"));
    assertTrue(refusal(Arrays.copyOf(f, f.length + 1)).contains("after the last layer"));
    byte[] weight = f.clone();
    weight[f.length - 4 * GanSpec.OUTPUTS - 1] = (byte) 0x80; // the last weight of the output layer
    assertTrue(refusal(weight).contains("W3[3][" + (GanSpec.INPUTS_N - 1) + "] = -128"), refusal(weight));
    byte[] bias = f.clone();
    ByteBuffer.wrap(bias).putInt(f.length - 4, GanSpec.MAX_BIAS + 1);
    assertTrue(refusal(bias).contains("B3[3]"), refusal(bias));
    byte[] order = file(W);
    int firstWord = 8 + 5 + 2 + 1; // magic, header, V, length of word 0
    order[firstWord] = 'z'; // word 0 now sorts after word 1
    assertTrue(refusal(order).contains("word 1"), refusal(order));
  }

  @Test
  void wordsMustBeLowerCaseLetters() {
    assertThrows(GenerationException.class, () -> GanWeights.write(List.of("Cat"), new int[1][GanSpec.DIMS], new int[] {1},
        IntStream.range(0, GanSpec.LAYERS).map(W::shift).toArray(),
        IntStream.range(0, GanSpec.LAYERS).mapToObj(W::weights).toArray(int[][][]::new),
        IntStream.range(0, GanSpec.LAYERS).mapToObj(W::biases).toArray(int[][]::new)));
  }

  /**
   * The faces are compared on random weights, so those must draw something: every output takes many
   * values over the pixels (none sits at 0 or 255 throughout), and the conditioning changes them.
   */
  @Test
  void randomWeightsDrawWhatTheConditioningAsks() {
    for (long seed : new long[] {3, 7, 20_240_501L}) {
      ReferenceGan g = new ReferenceGan(GanWeights.random(seed, 500)); // as the face tests draw them
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      List<java.util.Set<Integer>> seen = IntStream.range(0, GanSpec.OUTPUTS)
          .mapToObj(i -> (java.util.Set<Integer>) new java.util.HashSet<Integer>()).toList();
      int changed = 0;
      for (int t = 0; t < 200; t++) {
        int[] in = new int[GanSpec.INPUTS_1];
        for (int i = 0; i < in.length; i++) {
          in[i] = r.nextInt(-128, 128);
        }
        int[] out = g.network(in);
        for (int o = 0; o < out.length; o++) {
          seen.get(o).add(out[o]);
        }
        in[GanSpec.SPATIAL] += in[GanSpec.SPATIAL] < 0 ? 96 : -96; // another value of the first conditioning input
        changed += Arrays.equals(out, g.network(in)) ? 0 : 1;
      }
      for (int o = 0; o < GanSpec.OUTPUTS; o++) {
        assertTrue(seen.get(o).size() >= 20, "seed " + seed + ", output " + o + " takes " + seen.get(o));
      }
      assertTrue(changed >= 100, "seed " + seed + ": the conditioning changed " + changed + " of 200 outputs");
    }
  }

  @Test
  void theBuiltInFileIsPinned() {
    assertEquals(GanWeights.BUILT_IN_SHA256, GanWeights.builtIn().sha256().hex());
    assertTrue(GanWeights.builtIn().vocabulary().size() > 1000, "the trained vocabulary");
  }
}
