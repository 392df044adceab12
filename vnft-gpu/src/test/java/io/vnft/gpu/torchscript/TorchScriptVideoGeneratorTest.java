package io.vnft.gpu.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationException;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.model.Latent;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptVideoGeneratorTest {
  /** RGB = ((x+1)/2 * (z0+1)/2, (y+1)/2, t * (z1 + 1) / 4): easy to recompute here. */
  static final String GRADIENT =
      "    x = torch.select(grid, 3, 0)\n"
      + "    y = torch.select(grid, 3, 1)\n"
      + "    t = torch.select(grid, 3, 2)\n"
      + "    z0 = torch.reshape(torch.select(z, 1, 0), [-1, 1, 1, 1])\n"
      + "    z1 = torch.reshape(torch.select(z, 1, 1), [-1, 1, 1, 1])\n"
      + "    r = (x + 1.0) * 0.5 * ((z0 + 1.0) * 0.5)\n"
      + "    g = (y + 1.0) * 0.5 + z0 * 0.0\n"
      + "    b = t * ((z1 + 1.0) * 0.25)\n"
      + "    return torch.stack([r, g, b], -1)\n";

  private static GenerationRequest req(String model, long seed, VideoFormat f) {
    return new GenerationRequest(model, Bytes32.fromBigInteger(BigInteger.valueOf(seed)), "any prompt", Bytes32.ZERO, f);
  }

  @Test
  void aTorchScriptFileMadeHereRunsAndFollowsTheContract(@TempDir Path dir) throws Exception {
    Path file = TinyTorchScript.write(dir, "gradient", GRADIENT);
    VideoFormat f = new VideoFormat(5, 3, 4, 2);
    try (TorchScriptVideoGenerator g = new TorchScriptVideoGenerator("tiny-gradient", file, DevicePreference.CPU)) {
      assertFalse(g.model().circuitBacked());
      List<VideoFrames> v = g.generateBatch(List.of(req("tiny-gradient", 11, f), req("tiny-gradient", 12, f)));
      for (int k = 0; k < 2; k++) {
        int[] l = Latent.of(Bytes32.fromBigInteger(BigInteger.valueOf(11 + k)));
        float z0 = l[0] / 128f;
        float z1 = l[1] / 128f;
        for (int t = 0; t < 4; t++) {
          for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
              int px = v.get(k).pixel(t * 15 + y * 5 + x);
              float gx = (2f * x + 1) / 5 - 1;
              float gy = (2f * y + 1) / 3 - 1;
              float gt = t / 2f;
              assertEquals(rgb8((gx + 1) * 0.5f * ((z0 + 1) * 0.5f)), px >> 16, 1);
              assertEquals(rgb8((gy + 1) * 0.5f), (px >> 8) & 255, 1);
              assertEquals(rgb8(gt * ((z1 + 1) * 0.25f)), px & 255, 1);
            }
          }
        }
      }
      // re-running gives the same bytes (what optimistic verification relies on)
      assertArrayEquals(v.get(0).rgbUnsafe(), g.generate(req("tiny-gradient", 11, f)).rgbUnsafe());
      assertThrows(InvalidInputException.class, () -> g.generate(req("vnft-cppn-1", 1, f)));
    }
  }

  private static int rgb8(float v) {
    return (int) Math.floor(Math.max(0, Math.min(1, v)) * 255 + 0.5);
  }

  @Test
  void aModelWithTheWrongOutputShapeIsATypedError(@TempDir Path dir) throws Exception {
    Path file = TinyTorchScript.write(dir, "wrong", "    return grid\n");
    try (TorchScriptVideoGenerator g = new TorchScriptVideoGenerator("tiny-wrong", file, DevicePreference.CPU)) {
      GenerationException e = assertThrows(GenerationException.class,
          () -> g.generate(req("tiny-wrong", 1, new VideoFormat(4, 4, 2, 24))));
      assertTrue(e.getMessage().contains("output shape (2, 4, 4, 3)"), e.getMessage());
    }
  }

  @Test
  void corruptOrMissingFilesAreTypedErrors(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.pt");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5});
    assertThrows(GenerationException.class, () -> new TorchScriptVideoGenerator("junk", junk, DevicePreference.CPU));
    assertThrows(InvalidInputException.class,
        () -> new TorchScriptVideoGenerator("missing", dir.resolve("none.pt"), DevicePreference.CPU));
    Path bad = TinyTorchScript.write(dir, "bad", "    return undefined_name(z)\n");
    assertThrows(GenerationException.class, () -> new TorchScriptVideoGenerator("bad", bad, DevicePreference.CPU));
  }
}
