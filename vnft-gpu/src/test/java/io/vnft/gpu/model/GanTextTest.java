package io.vnft.gpu.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text encoder of vnft-gan-1 as {@code docs/model-vnft-gan-1.md} section 6 specifies it. */
class GanTextTest {
  private static final GanWeights W = GanWeights.random(7, 500);
  private static final GanText TEXT = new GanText(W);

  @Test
  void segmentsSplitAtTheFirstConnectorAndDropStopwords() {
    assertEquals(List.of(List.of("cat"), List.of("fire")), GanText.segments("A Cat turning INTO fire"));
    assertEquals(List.of(List.of("rocket"), List.of("moon", "sun")),
        GanText.segments("a rocket to the moon then the sun"));
    assertEquals(List.of(List.of("red", "rose"), List.of("red", "rose")), GanText.segments("a red rose!"));
    assertEquals(List.of(List.of("fire"), List.of("fire")), GanText.segments("into fire"));
    assertEquals(List.of(List.of("ice"), List.of("ice")), GanText.segments("ice into"));
    assertEquals(List.of(List.of(), List.of()), GanText.segments("the a an 42 ..."));
    assertEquals(List.of(List.of("caf"), List.of("caf")), GanText.segments("café"), "non-ASCII letters split words");
  }

  @Test
  void aSegmentIsTheLevelOfTheFloorOfTheWeightedMeanOfItsKnownWords() {
    String a = W.vocabulary().get(10);
    String b = W.vocabulary().get(20);
    int[] va = W.vector(10);
    int[] vb = W.vector(20);
    int wa = W.wordWeight(10);
    int wb = W.wordWeight(20);
    assertNotEquals(wa, wb, "the test needs two different weights");
    int[] got = TEXT.vector(List.of(a, "unknownword", b));
    for (int j = 0; j < GanSpec.DIMS; j++) {
      assertEquals(GanSpec.level(Math.floorDiv(wa * va[j] + wb * vb[j], wa + wb)), got[j], "value " + j);
    }
    assertArrayEquals(got, TEXT.vector(List.of(b, a)), "order does not matter");
    assertArrayEquals(levels(va), TEXT.vector(List.of(a)));
  }

  @Test
  void suffixRulesReachTheVocabularyAndOtherWordsAreSkipped() {
    String w = W.vocabulary().get(42);
    assertEquals(42, TEXT.lookup(w + "s"));
    assertEquals(42, TEXT.lookup(w + "ing"));
    assertEquals(42, TEXT.lookup(w + "ed"));
    assertEquals(-1, TEXT.lookup("zzzzzz"));
  }

  @Test
  void aSegmentWithNoKnownWordTakesAFixedFallbackWord() {
    int[] v1 = TEXT.vector(List.of("qqq", "zzz"));
    assertArrayEquals(v1, TEXT.vector(List.of("qqq", "zzz")), "deterministic");
    assertArrayEquals(levels(W.vector(GanText.fallback(List.of("qqq", "zzz"), W.vocabulary().size()))), v1);
    int i = GanText.fallback(List.of(), 500);
    assertTrue(i >= 0 && i < 500);
  }

  @Test
  void packAndUnpackRoundTripWithinTwoHundredFortyBits() {
    int[] a = new int[GanSpec.DIMS];
    int[] b = new int[GanSpec.DIMS];
    for (int j = 0; j < GanSpec.DIMS; j++) {
      a[j] = j % 2 == 0 ? -128 : 96;
      b[j] = GanSpec.STEP * (j % 8 - 4);
    }
    Bytes32 c = GanText.pack(a, b);
    assertTrue(c.toBigInteger().bitLength() <= GanSpec.CONDITIONING_BITS);
    assertEquals(0, c.bytes()[0]);
    assertEquals(0, c.bytes()[1]);
    int[][] ab = GanText.unpack(c);
    assertArrayEquals(a, ab[0]);
    assertArrayEquals(b, ab[1]);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GanText.unpack(Bytes32.fromBigInteger(BigInteger.ONE.shiftLeft(240))));
    assertTrue(e.getMessage().startsWith("conditioning:"), e.getMessage());
    int[] off = a.clone();
    off[3] = 127; // not a level: the encoder never makes it, pack refuses it
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> GanText.pack(off, b));
    assertTrue(bad.getMessage().contains("value 127 is not a multiple of 32"), bad.getMessage());
    assertArrayEquals(new int[][] {new int[GanSpec.DIMS], new int[GanSpec.DIMS]}, GanText.unpack(Bytes32.ZERO));
    // the first value of A is in the top LEVEL_BITS bits: level -1 (two's complement 111) there
    int[] first = new int[GanSpec.DIMS];
    first[0] = -GanSpec.STEP;
    assertEquals(BigInteger.valueOf(7).shiftLeft(GanSpec.CONDITIONING_BITS - GanSpec.LEVEL_BITS),
        GanText.pack(first, new int[GanSpec.DIMS]).toBigInteger());
  }

  private static int[] levels(int[] v) {
    int[] out = new int[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = GanSpec.level(v[j]);
    }
    return out;
  }

  @Test
  void aMorphPromptCarriesTwoConceptsAndAOneConceptPromptTheSameTwice() {
    String a = W.vocabulary().get(1);
    String b = W.vocabulary().get(2);
    int[][] one = GanText.unpack(TEXT.conditioningOf("the " + a));
    assertArrayEquals(one[0], one[1]);
    int[][] morph = GanText.unpack(TEXT.conditioningOf(a + " becoming " + b));
    assertArrayEquals(levels(W.vector(1)), morph[0]);
    assertArrayEquals(levels(W.vector(2)), morph[1]);
    assertNotEquals(TEXT.conditioningOf(a), TEXT.conditioningOf(b));
  }

  @Test
  void theBuiltInWeightsKnowTheDemoWords() {
    GanText builtIn = new GanText(GanWeights.builtIn());
    for (String w : List.of("cat", "fire", "rocket", "moon", "snowflake", "sun", "pizza", "tree", "heart")) {
      assertTrue(builtIn.lookup(w) >= 0, w);
    }
    assertEquals(GanWeights.BUILT_IN_SHA256, GanWeights.builtIn().sha256().hex());
  }
}
