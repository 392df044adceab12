package io.vnft.gpu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromptStyleTest {
  @Test
  void keywordsPickPaletteSpeedAndSymmetry() {
    long s = PromptStyle.of("A FAST ocean under a kaleidoscope sky");
    assertEquals(1, CppnSpec.paletteOf(s));
    assertEquals(6, CppnSpec.speedStepOf(s)); // speed 2 -> step 6
    assertEquals(true, CppnSpec.mirrorXOf(s));
    assertEquals(true, CppnSpec.mirrorYOf(s));
    assertEquals("palette=ocean speed=2 symmetry=mirror-xy", PromptStyle.describe(s));
  }

  @Test
  void theFirstKeywordOfACategoryWins() {
    assertEquals(7, CppnSpec.paletteOf(PromptStyle.of("gold then neon")));
    assertEquals(3, CppnSpec.paletteOf(PromptStyle.of("neon then gold")));
    assertEquals(0, (PromptStyle.of("calm but frantic ice") >> 3) & 3);
  }

  @Test
  void wordsAreSplitAtNonLettersAndCaseIsIgnored() {
    assertEquals(5, CppnSpec.paletteOf(PromptStyle.of("x-ICE_y")));
    // "icy" is not a keyword: the palette falls back to the byte sum
    assertEquals(byteSum("icy") & 7, CppnSpec.paletteOf(PromptStyle.of("icy")));
  }

  @Test
  void withoutKeywordsPaletteIsByteSumMod8SpeedOneNoSymmetry() {
    String p = "a cat on a skateboard";
    long s = PromptStyle.of(p);
    assertEquals(byteSum(p) & 7, s & 7);
    assertEquals(1, (s >> 3) & 3);
    assertEquals(0, (s >> 5) & 3);
    assertEquals(0, s >> 7);
    assertEquals(1 << 3, PromptStyle.of("") & ~7L); // default speed 1, no symmetry
  }

  private static int byteSum(String s) {
    int sum = 0;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      sum += b & 0xff;
    }
    return sum;
  }
}
