package io.vnft.gpu.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.CppnWeights;
import io.vnft.gpu.model.ReferenceCppn;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DJL face must produce the reference's bytes exactly. */
class DjlVsReferenceTest {
  private static DjlVideoGenerator djl;
  private static final ReferenceVideoGenerator REF = new ReferenceVideoGenerator();
  private static final String[] PROMPTS = {
    "calm ocean", "fast neon kaleidoscope", "golden desert mirror", "frantic fire lake",
    "a cat on a skateboard", "snow mandala", "green jungle", "noir reflection storm"};

  @BeforeAll
  static void load() {
    djl = new DjlVideoGenerator(DevicePreference.CPU);
  }

  @AfterAll
  static void close() {
    djl.close();
  }

  private static GenerationRequest request(int seed, int prompt, VideoFormat f) {
    Bytes32 s = Bytes32.fromBigInteger(BigInteger.valueOf(seed).multiply(BigInteger.valueOf(0x9E3779B97F4A7C15L))
        .pow(3).mod(io.vnft.zk.field.Fr.MODULUS));
    String p = PROMPTS[prompt % PROMPTS.length];
    return new GenerationRequest(CppnSpec.MODEL_ID, s, p, io.vnft.gpu.model.CppnRequests.conditioningOf(p), f);
  }

  @Test
  void fiftySeedsAcrossResolutionsAreByteIdentical() {
    VideoFormat[] formats = {
      new VideoFormat(1, 1, 1, 24), new VideoFormat(7, 5, 3, 24), new VideoFormat(33, 17, 2, 24),
      new VideoFormat(16, 40, 1, 24), new VideoFormat(24, 24, 4, 12)};
    List<GenerationRequest> batch = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      batch.add(request(s + 1, s, formats[s % formats.length]));
    }
    List<VideoFrames> got = djl.generateBatch(batch);
    assertEquals(batch.size(), got.size());
    for (int i = 0; i < batch.size(); i++) {
      VideoFrames want = REF.generate(batch.get(i));
      assertEquals(want.format(), got.get(i).format());
      assertArrayEquals(want.rgbUnsafe(), got.get(i).rgbUnsafe(), "request " + i);
    }
  }

  @Test
  void chunkingAcrossPixelsAndLargerBatchesKeepTheBytes() {
    // more than MAX_BATCH videos of one shape, and a frame larger than a small chunk
    List<GenerationRequest> batch = new ArrayList<>();
    for (int s = 0; s < DjlVideoGenerator.MAX_BATCH + 3; s++) {
      batch.add(request(500 + s, s, new VideoFormat(6, 4, 2, 24)));
    }
    List<VideoFrames> got = djl.generateBatch(batch);
    for (int i = 0; i < batch.size(); i++) {
      assertArrayEquals(REF.generate(batch.get(i)).rgbUnsafe(), got.get(i).rgbUnsafe());
    }
    GenerationRequest wide = request(77, 3, new VideoFormat(200, 3, 2, 24));
    assertArrayEquals(REF.generate(wide).rgbUnsafe(), djl.generate(wide).rgbUnsafe());
  }

  @Test
  void everyStyleBitPatternMatchesOnRandomLatents() {
    ReferenceCppn ref = new ReferenceCppn(CppnWeights.builtIn());
    Random rnd = new Random(11);
    List<int[]> z = new ArrayList<>();
    List<Long> styles = new ArrayList<>();
    for (int s = 0; s < 128; s++) {
      int[] l = new int[CppnSpec.LATENT];
      for (int i = 0; i < l.length; i++) {
        l[i] = rnd.nextInt(256) - 128; // includes the extremes -128 and 127
      }
      l[s % CppnSpec.LATENT] = s % 2 == 0 ? -128 : 127;
      z.add(l);
      styles.add((long) s);
    }
    VideoFormat f = new VideoFormat(5, 6, 3, 24);
    try (DjlCppn m = new DjlCppn(CppnWeights.builtIn(), ai.djl.Device.cpu())) {
      byte[][] got = m.render(z, styles, f);
      for (int s = 0; s < 128; s++) {
        assertArrayEquals(ref.render(z.get(s), s, f), got[s], "style " + s);
      }
    }
  }

  @Test
  void tinyChunksSplitPixelsAndFramesWithoutChangingBytes() {
    ReferenceCppn ref = new ReferenceCppn(CppnWeights.builtIn());
    Random rnd = new Random(5);
    List<int[]> z = new ArrayList<>();
    List<Long> styles = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      int[] l = new int[CppnSpec.LATENT];
      for (int i = 0; i < l.length; i++) {
        l[i] = rnd.nextInt(256) - 128;
      }
      z.add(l);
      styles.add((long) (s * 37 % 128));
    }
    VideoFormat f = new VideoFormat(11, 5, 3, 24);
    for (int rows : new int[] {1, 7, 3 * 55 * 2}) {
      try (DjlCppn m = new DjlCppn(CppnWeights.builtIn(), ai.djl.Device.cpu(), rows)) {
        byte[][] got = m.render(z, styles, f);
        for (int s = 0; s < 3; s++) {
          assertArrayEquals(ref.render(z.get(s), styles.get(s), f), got[s], "chunk rows " + rows);
        }
      }
    }
  }

  @Test
  void largeFramesSpanningSeveralPixelRangesMatchOnSampledPixels() {
    // 1200 x 900 = 1.08 M pixels per frame: more than one 2^18-pixel range
    GenerationRequest r = request(31, 5, new VideoFormat(1200, 900, 2, 24));
    VideoFrames v = djl.generate(r);
    ReferenceCppn ref = new ReferenceCppn(CppnWeights.builtIn());
    int[] z = io.vnft.gpu.model.Latent.of(r.seed());
    long style = io.vnft.gpu.model.PromptStyle.of(r.prompt());
    Random rnd = new Random(2);
    for (int i = 0; i < 2000; i++) {
      int t = rnd.nextInt(2);
      int x = rnd.nextInt(1200);
      int y = rnd.nextInt(900);
      assertEquals(ref.pixel(z, style, 1200, 900, t, x, y), v.pixel((long) t * 1200 * 900 + (long) y * 1200 + x));
    }
  }

  @Test
  void longVideosKeepFrameTimingExact() {
    // frame * step grows past several triangle periods
    GenerationRequest r = request(9, 1, new VideoFormat(2, 2, 300, 24));
    assertArrayEquals(REF.generate(r).rgbUnsafe(), djl.generate(r).rgbUnsafe());
  }

  @Test
  void unknownModelIsATypedError() {
    GenerationRequest r = new GenerationRequest("vnft-cppn-2", Bytes32.ZERO, "x", Bytes32.ZERO, new VideoFormat(1, 1, 1, 1));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> djl.generate(r));
    assertTrue(e.getMessage().contains("vnft-cppn-2"));
  }

  @Test
  void askingForAnAbsentGpuFailsInsteadOfFallingBack() {
    if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
      BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
          () -> new DjlVideoGenerator(DevicePreference.CUDA));
      assertTrue(e.getMessage().contains("cuda"), e.getMessage());
      try (DjlVideoGenerator auto = new DjlVideoGenerator(DevicePreference.AUTO)) {
        assertTrue(!auto.onGpu());
      }
    } else {
      try (DjlVideoGenerator gpu = new DjlVideoGenerator(DevicePreference.CUDA)) {
        assertTrue(gpu.onGpu());
        GenerationRequest r = request(3, 2, new VideoFormat(64, 48, 3, 24));
        assertArrayEquals(REF.generate(r).rgbUnsafe(), gpu.generate(r).rgbUnsafe());
      }
    }
  }

  @Test
  void providerReadsTheDeviceProperty() {
    assertEquals("djl-cppn", new DjlVideoGeneratorProvider().name());
    assertThrows(InvalidInputException.class, () -> DevicePreference.parse("tpu"));
    assertEquals(DevicePreference.CUDA, DevicePreference.parse(" CUDA "));
  }
}
