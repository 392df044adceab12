package io.vnft.benchmarks.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vnft.api.InvalidInputException;
import io.vnft.gpu.model.GanSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageSimilarityTest {
  private static byte[] randomFrame(SplittableRandom rnd, int w, int h) {
    byte[] f = new byte[w * h * 3];
    for (int i = 0; i < f.length; i++) {
      f[i] = (byte) rnd.nextInt(256);
    }
    return f;
  }

  private static List<double[]> gallery(SplittableRandom rnd, int n) {
    List<double[]> g = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      g.add(ImageSimilarity.thumbnail(randomFrame(rnd, 64, 64), 0, 64, 64));
    }
    return g;
  }

  @Test
  void anExactCopyRanksFirstWithScoreZero() {
    SplittableRandom rnd = new SplittableRandom(1);
    List<double[]> g = gallery(rnd, 50);
    for (int target : new int[] {0, 17, 49}) {
      ImageSimilarity.Ranking r = ImageSimilarity.rank(g.get(target).clone(), g, target);
      assertEquals(1, r.rank());
      assertEquals(target, r.best());
      assertEquals(0.0, r.targetScore());
    }
  }

  @Test
  void aNoisyCopyStillRanksFirstAndAnotherImageDoesNot() {
    SplittableRandom rnd = new SplittableRandom(2);
    byte[] frame = randomFrame(rnd, 64, 64);
    List<double[]> g = gallery(rnd, 30);
    g.set(7, ImageSimilarity.thumbnail(frame, 0, 64, 64));
    byte[] noisy = frame.clone();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] = (byte) Math.max(0, Math.min(255, (noisy[i] & 0xff) + rnd.nextInt(-20, 21)));
    }
    double[] q = ImageSimilarity.thumbnail(noisy, 0, 64, 64);
    assertEquals(1, ImageSimilarity.rank(q, g, 7).rank());
    ImageSimilarity.Ranking other = ImageSimilarity.rank(q, g, 8);
    assertEquals(7, other.best());
    assertEquals(true, other.rank() > 1);
  }

  @Test
  void tiesCountAgainstTheTarget() {
    SplittableRandom rnd = new SplittableRandom(3);
    List<double[]> g = gallery(rnd, 10);
    g.set(2, g.get(5).clone());
    g.set(9, g.get(5).clone());
    ImageSimilarity.Ranking r = ImageSimilarity.rank(g.get(5), g, 5);
    assertEquals(3, r.rank());
    assertEquals(2, r.best()); // the lowest index among the equal best scores
  }

  @Test
  void theRankCountsEveryImageCloserThanTheTarget() {
    // Uniform grey images 0, 10, 20, ...: a query of 42 is closest to 40, then 50, 30, 60, 20, ...
    List<double[]> g = new ArrayList<>();
    for (int v = 0; v < 100; v += 10) {
      double[] t = new double[ImageSimilarity.VALUES];
      Arrays.fill(t, v);
      g.add(t);
    }
    double[] q = new double[ImageSimilarity.VALUES];
    Arrays.fill(q, 42);
    assertEquals(1, ImageSimilarity.rank(q, g, 4).rank());
    assertEquals(2, ImageSimilarity.rank(q, g, 5).rank());
    assertEquals(3, ImageSimilarity.rank(q, g, 3).rank());
    assertEquals(10, ImageSimilarity.rank(q, g, 9).rank());
    assertEquals(-4.0, ImageSimilarity.rank(q, g, 4).targetScore(), 1e-9);
  }

  @Test
  void scoreIsMinusTheMeanSquaredError() {
    double[] black = new double[ImageSimilarity.VALUES];
    double[] white = new double[ImageSimilarity.VALUES];
    Arrays.fill(white, 255);
    assertEquals(-65025.0, ImageSimilarity.score(black, white));
    assertEquals(ImageSimilarity.score(white, black), ImageSimilarity.score(black, white));
    double[] half = black.clone();
    for (int i = 0; i < half.length / 2; i++) {
      half[i] = 10;
    }
    assertEquals(-50.0, ImageSimilarity.score(black, half));
  }

  @Test
  void boxDownsamplingAveragesEachCell() {
    // 32x32: each thumbnail cell is a 2x2 block; a checkerboard of 0/255 averages to 127.5.
    byte[] f = new byte[32 * 32 * 3];
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int i = 3 * (y * 32 + x);
        f[i] = (byte) ((x + y) % 2 == 0 ? 255 : 0);
        f[i + 1] = (byte) (4 * (x / 2)); // constant per cell column
        f[i + 2] = (byte) (y / 2);
      }
    }
    double[] t = ImageSimilarity.thumbnail(f, 0, 32, 32);
    for (int cy = 0; cy < 16; cy++) {
      for (int cx = 0; cx < 16; cx++) {
        int i = 3 * (cy * 16 + cx);
        assertEquals(127.5, t[i]);
        assertEquals(4.0 * cx, t[i + 1]);
        assertEquals(cy, t[i + 2]);
      }
    }
    // the frame offset selects the second frame of a two-frame video
    byte[] two = new byte[2 * f.length];
    System.arraycopy(f, 0, two, f.length, f.length);
    assertArrayEquals(t, ImageSimilarity.thumbnail(two, f.length, 32, 32));
  }

  @Test
  void rgbaIsCompositedOnTheBackgroundWithTheModelsRule() {
    int bg = 0x80C0FF;
    int[] clear = new int[64 * 64];
    Arrays.fill(clear, 0x00FF0000); // transparent red
    double[] t = ImageSimilarity.thumbnail(clear, 64, 64, bg);
    assertEquals(0x80, t[0]);
    assertEquals(0xC0, t[1]);
    assertEquals(0xFF, t[2]);
    int[] opaque = new int[64 * 64];
    Arrays.fill(opaque, 0xFF102030);
    t = ImageSimilarity.thumbnail(opaque, 64, 64, bg);
    assertEquals(GanSpec.composite(255, 0x10, 0x80), t[3 * 100]);
    assertEquals(GanSpec.composite(255, 0x30, 0xFF), t[3 * 100 + 2]);
    int[] half = new int[64 * 64];
    Arrays.fill(half, 0x80000000); // half-transparent black
    t = ImageSimilarity.thumbnail(half, 64, 64, bg);
    assertEquals(GanSpec.composite(128, 0, 0xC0), t[1]);
  }

  @Test
  void aUniformThumbnailEqualsTheThumbnailOfAFlatImage() {
    int[] flat = new int[20 * 20];
    Arrays.fill(flat, 0x00FFFFFF); // transparent: the background shows
    assertArrayEquals(ImageSimilarity.thumbnail(flat, 20, 20, 0x3366CC), ImageSimilarity.uniform(0x3366CC));
    byte[] rgb = new byte[16 * 16 * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = 0x33;
      rgb[i + 1] = 0x66;
      rgb[i + 2] = (byte) 0xCC;
    }
    assertArrayEquals(ImageSimilarity.thumbnail(rgb, 0, 16, 16), ImageSimilarity.uniform(0x3366CC));
  }

  @Test
  void refusesImagesBelowTheThumbnailSizeAndTargetsOutsideTheGallery() {
    assertThrows(InvalidInputException.class, () -> ImageSimilarity.thumbnail(new byte[15 * 16 * 3], 0, 15, 16));
    assertThrows(InvalidInputException.class, () -> ImageSimilarity.thumbnail(new byte[16 * 16 * 3], 3, 16, 16));
    assertThrows(InvalidInputException.class, () -> ImageSimilarity.thumbnail(new int[16 * 16], 16, 8, 0));
    List<double[]> g = List.of(new double[ImageSimilarity.VALUES]);
    assertThrows(InvalidInputException.class, () -> ImageSimilarity.rank(g.get(0), g, 1));
  }
}
