package io.vnft.gpu.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GanContactSheetTest {
  private static final GanWeights WEIGHTS = GanWeights.random(11, 60);

  @Test
  void pickedFramesAreThoseOfTheWholeVideo() {
    ReferenceGan model = new ReferenceGan(WEIGHTS);
    VideoFormat f = new VideoFormat(12, 8, 5, 12);
    GanLatent latent = GanLatent.of(Bytes32.fromBigInteger(java.math.BigInteger.valueOf(987654321987L)));
    int[][] c = GanText.unpack(new GanText(WEIGHTS).conditioningOf("wabc becoming wbcd"));
    byte[] whole = model.render(latent, c, f);
    VideoFrames picked = GanContactSheet.frames(model, latent, c, f, 4, 0, 2);
    assertEquals(new VideoFormat(12, 8, 3, 12), picked.format());
    int n = 12 * 8 * 3;
    byte[] rgb = picked.rgb();
    assertArrayEquals(Arrays.copyOfRange(whole, 4 * n, 5 * n), Arrays.copyOfRange(rgb, 0, n));
    assertArrayEquals(Arrays.copyOfRange(whole, 0, n), Arrays.copyOfRange(rgb, n, 2 * n));
    assertArrayEquals(Arrays.copyOfRange(whole, 2 * n, 3 * n), Arrays.copyOfRange(rgb, 2 * n, 3 * n));
    assertThrows(InvalidInputException.class, () -> GanContactSheet.frames(model, latent, c, f, 5));
  }

  @Test
  void theListHasTwelveOneConceptPromptsThenFourMorphs() {
    assertEquals(16, GanContactSheet.PROMPTS.size());
    for (int i = 0; i < GanContactSheet.PROMPTS.size(); i++) {
      var s = GanText.segments(GanContactSheet.PROMPTS.get(i));
      assertEquals(i >= GanContactSheet.SINGLE, !s.get(0).equals(s.get(1)), GanContactSheet.PROMPTS.get(i));
    }
  }

  @Test
  void refusesOtherSizes() {
    String m = assertThrows(InvalidInputException.class,
        () -> GanContactSheet.write(WEIGHTS, 96, 1, Path.of("unused.png"))).getMessage();
    assertTrue(m.contains("64 or 128"), m);
  }
}
