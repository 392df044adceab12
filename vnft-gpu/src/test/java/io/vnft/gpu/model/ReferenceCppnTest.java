package io.vnft.gpu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferenceCppnTest {
  private final ReferenceCppn ref = new ReferenceCppn(CppnWeights.builtIn());

  private static int[] randomLatent(Random rnd) {
    int[] z = new int[CppnSpec.LATENT];
    for (int i = 0; i < z.length; i++) {
      z[i] = rnd.nextInt(256) - 128;
    }
    return z;
  }

  @Test
  void renderAgreesWithPixelByPixelEvaluation() {
    Random rnd = new Random(7);
    int[] z = randomLatent(rnd);
    VideoFormat f = new VideoFormat(9, 4, 3, 24);
    byte[] rgb = ref.render(z, 0x2b, f);
    for (int t = 0; t < 3; t++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 9; x++) {
          int i = 3 * (t * 36 + y * 9 + x);
          int expect = (rgb[i] & 255) << 16 | (rgb[i + 1] & 255) << 8 | (rgb[i + 2] & 255);
          assertEquals(expect, ref.pixel(z, 0x2b, 9, 4, t, x, y));
        }
      }
    }
  }

  @Test
  void mirrorStylesAreExactlySymmetric() {
    int[] z = randomLatent(new Random(3));
    int w = 10;
    int h = 7;
    for (int sym = 0; sym < 4; sym++) {
      long style = 2 | sym << 5;
      int asymmetricX = 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int a = ref.pixel(z, style, w, h, 1, x, y);
          if ((sym & 1) != 0) {
            assertEquals(a, ref.pixel(z, style, w, h, 1, w - 1 - x, y));
          } else if (a != ref.pixel(z, style, w, h, 1, w - 1 - x, y)) {
            asymmetricX++;
          }
          if ((sym & 2) != 0) {
            assertEquals(a, ref.pixel(z, style, w, h, 1, x, h - 1 - y));
          }
        }
      }
      if ((sym & 1) == 0) {
        assertTrue(asymmetricX > 0, "without the mirror bit the picture is not symmetric");
      }
    }
  }

  @Test
  void differentSeedsGiveDifferentPicturesAndFramesMove() {
    Set<String> seen = new HashSet<>();
    VideoFormat f = new VideoFormat(16, 16, 2, 24);
    for (int s = 0; s < 10; s++) {
      byte[] rgb = ref.render(Latent.of(Bytes32.fromBigInteger(BigInteger.valueOf(1000 + s))), 1, f);
      seen.add(java.util.HexFormat.of().formatHex(rgb));
      byte[] f0 = java.util.Arrays.copyOfRange(rgb, 0, rgb.length / 2);
      byte[] f1 = java.util.Arrays.copyOfRange(rgb, rgb.length / 2, rgb.length);
      assertTrue(!java.util.Arrays.equals(f0, f1), "frame 1 differs from frame 0");
    }
    assertEquals(10, seen.size());
  }

  @Test
  void motionIsSmoothBetweenConsecutiveFrames() {
    // mean absolute change per channel between consecutive frames stays small at the slowest speed
    int[] z = Latent.of(Bytes32.fromBigInteger(BigInteger.valueOf(42)));
    VideoFormat f = new VideoFormat(32, 32, 2, 24);
    byte[] rgb = ref.render(z, 0, f);
    long sum = 0;
    int half = rgb.length / 2;
    for (int i = 0; i < half; i++) {
      sum += Math.abs((rgb[i] & 255) - (rgb[half + i] & 255));
    }
    double mean = sum / (double) half;
    assertTrue(mean < 12, "mean change " + mean);
  }

  @Test
  void latentComesFromFourPoseidonHashesOfTheSeed() {
    BigInteger[] h = Latent.hashes(Bytes32.fromBigInteger(BigInteger.TEN));
    int[] z = Latent.fromHashes(h);
    assertEquals((h[0].intValue() & 255) - 128, z[0]);
    assertEquals((h[0].shiftRight(8 * 30).intValue() & 255) - 128, z[30]);
    assertEquals((h[1].intValue() & 255) - 128, z[31]);
    assertEquals((h[3].shiftRight(8 * 2).intValue() & 255) - 128, z[95]);
    assertNotEquals(h[0], h[1]);
  }

  @Test
  void seedsAtOrAboveTheFieldModulusAreRefused() {
    Bytes32 big = Bytes32.fromBigInteger(io.vnft.zk.field.Fr.MODULUS);
    assertThrows(InvalidInputException.class, () -> Latent.of(big));
  }

  @Test
  void badLatentsAndCoordinatesAreRefused() {
    assertThrows(InvalidInputException.class, () -> ref.render(new int[5], 0, new VideoFormat(1, 1, 1, 1)));
    int[] z = new int[CppnSpec.LATENT];
    z[3] = 128;
    assertThrows(InvalidInputException.class, () -> ref.render(z, 0, new VideoFormat(1, 1, 1, 1)));
    assertThrows(InvalidInputException.class, () -> ref.pixel(new int[CppnSpec.LATENT], 0, 4, 4, 0, 4, 0));
  }
}
