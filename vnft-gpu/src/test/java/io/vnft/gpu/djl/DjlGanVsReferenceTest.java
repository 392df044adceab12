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
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DJL face of vnft-gan-1 must produce the reference's bytes exactly, on any weights. */
class DjlGanVsReferenceTest {
  private static final GanWeights RANDOM = GanWeights.random(7, 500);
  private static DjlGanVideoGenerator djl;
  private static DjlGanVideoGenerator djlBuiltIn;

  /** Small shapes (the reference is slow), frame counts dividing neither 16 nor 512 among them. */
  private static final VideoFormat[] SHAPES = {
    new VideoFormat(1, 1, 1, 12), new VideoFormat(8, 6, 5, 12), new VideoFormat(5, 9, 7, 12),
    new VideoFormat(17, 3, 9, 12), new VideoFormat(32, 32, 24, 12), new VideoFormat(3, 4, 37, 12),
    // thin shapes with a large max(W, H): motion amplitudes up to 15 pixels, |cx| up to 143
    new VideoFormat(256, 1, 6, 12), new VideoFormat(2, 200, 11, 12), new VideoFormat(90, 2, 20, 12)};

  @BeforeAll
  static void load() {
    djl = new DjlGanVideoGenerator(DevicePreference.CPU, RANDOM);
    djlBuiltIn = new DjlGanVideoGenerator(DevicePreference.CPU);
  }

  @AfterAll
  static void close() {
    djl.close();
    djlBuiltIn.close();
  }

  /** A random seed below r (31 random bytes), with the motion bytes forced to extremes at times. */
  private static Bytes32 seed(Random rnd) {
    byte[] b = new byte[31];
    rnd.nextBytes(b);
    if (rnd.nextInt(3) == 0) {
      b[31 - 1 - 7] |= 15; // seed byte 7 (little-endian): amplitude X nibble 15
      b[31 - 1 - 8] |= 15;
    }
    return Bytes32.fromBigInteger(new BigInteger(1, b));
  }

  private static Bytes32 randomConditioning(Random rnd, int kind) {
    int[] a = new int[GanSpec.DIMS];
    int[] c = new int[GanSpec.DIMS];
    for (int j = 0; j < a.length; j++) {
      int lo = GanSpec.LEVEL_MIN;
      int hi = GanSpec.LEVEL_MAX;
      int q = lo + rnd.nextInt(hi - lo + 1);
      int qc = switch (kind) {
        case 0 -> q; // one concept
        case 1 -> lo + rnd.nextInt(hi - lo + 1); // a morph
        case 2 -> Math.max(lo, Math.min(hi, q + rnd.nextInt(3) - 1)); // morph levels that coincide
        case 3 -> j % 2 == 0 ? lo : hi; // extreme values
        default -> -1 - q; // mirrored
      };
      if (kind == 3) {
        q = j % 2 == 0 ? hi : lo;
      }
      a[j] = GanSpec.STEP * q;
      c[j] = GanSpec.STEP * qc;
    }
    return GanText.pack(a, c);
  }

  private static GenerationRequest request(Bytes32 seed, Bytes32 conditioning, VideoFormat f) {
    return new GenerationRequest(GanSpec.MODEL_ID, seed, "test", conditioning, f);
  }

  private static void assertSame(ReferenceGanVideoGenerator ref, List<GenerationRequest> batch, List<VideoFrames> got) {
    assertEquals(batch.size(), got.size());
    for (int i = 0; i < batch.size(); i++) {
      VideoFrames want = ref.generate(batch.get(i));
      assertEquals(want.format(), got.get(i).format());
      assertArrayEquals(want.rgbUnsafe(), got.get(i).rgbUnsafe(), "request " + i + " " + batch.get(i));
    }
  }

  @Test
  void randomSeedsConditioningsAndShapesInOneMixedBatchAreByteIdentical() {
    Random rnd = new Random(1);
    List<GenerationRequest> batch = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      batch.add(request(seed(rnd), randomConditioning(rnd, i % 5), SHAPES[i % SHAPES.length]));
    }
    assertSame(new ReferenceGanVideoGenerator(RANDOM), batch, djl.generateBatch(batch));
  }

  @Test
  void builtInWeightsWithPromptsAreByteIdentical() {
    Random rnd = new Random(2);
    String[] prompts = {"a cat", "cat into dog", "smiling sun becoming a crescent moon", "zzz qqq",
      "fire", "heart then star"};
    List<GenerationRequest> batch = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      String p = prompts[i % prompts.length];
      batch.add(new GenerationRequest(GanSpec.MODEL_ID, seed(rnd), p, djlBuiltIn.conditioningOf(p),
          SHAPES[(i * 5) % SHAPES.length]));
    }
    batch.add(request(seed(rnd), randomConditioning(rnd, 3), SHAPES[3]));
    assertSame(new ReferenceGanVideoGenerator(), batch, djlBuiltIn.generateBatch(batch));
  }

  @Test
  void singleRequestsMatchAndRepeatIdentically() {
    Random rnd = new Random(3);
    ReferenceGanVideoGenerator ref = new ReferenceGanVideoGenerator(RANDOM);
    for (int i = 0; i < 6; i++) {
      GenerationRequest r = request(seed(rnd), randomConditioning(rnd, i % 5), SHAPES[(i + 3) % SHAPES.length]);
      byte[] once = djl.generate(r).rgbUnsafe();
      assertArrayEquals(ref.generate(r).rgbUnsafe(), once, "request " + i);
      assertArrayEquals(once, djl.generate(r).rgbUnsafe(), "repeat " + i);
    }
  }

  @Test
  void tinyChunksAndManySmallVideosPerChunkKeepTheBytes() {
    Random rnd = new Random(4);
    ReferenceGan ref = new ReferenceGan(RANDOM);
    List<DjlGan.Video> videos = new ArrayList<>();
    // more than MAX_SEGMENTS canvases, of several shapes, split across and packed into chunks
    VideoFormat[] shapes = {new VideoFormat(1, 1, 1, 12), new VideoFormat(2, 3, 17, 12),
      new VideoFormat(20, 1, 4, 12), new VideoFormat(4, 4, 3, 12)};
    for (int i = 0; i < 2 * DjlGan.MAX_SEGMENTS + 3; i++) {
      videos.add(new DjlGan.Video(GanLatent.of(seed(rnd)), GanText.unpack(randomConditioning(rnd, i % 5)),
          shapes[i % shapes.length]));
    }
    for (int chunk : new int[] {1, 7, 100, 1 << 13}) {
      try (DjlGan m = new DjlGan(RANDOM, ai.djl.Device.cpu(), chunk)) {
        byte[][] got = m.render(videos);
        for (int i = 0; i < videos.size(); i++) {
          DjlGan.Video v = videos.get(i);
          assertArrayEquals(ref.render(v.latent(), v.conditioning(), v.format()), got[i],
              "chunk " + chunk + ", video " + i);
        }
      }
    }
  }

  @Test
  void extremeLatentsAndMotionMatch() {
    // every latent byte 0 or 255: z at -128 / 127, amplitude nibbles 0 / 15, both cycle counts
    ReferenceGanVideoGenerator ref = new ReferenceGanVideoGenerator(RANDOM);
    List<GenerationRequest> batch = new ArrayList<>();
    Random rnd = new Random(5);
    for (int pattern = 0; pattern < 6; pattern++) {
      byte[] b = new byte[31];
      for (int n = 0; n < 31; n++) {
        b[30 - n] = (byte) (((pattern >> (n % 3)) & 1) == 1 ^ pattern >= 3 ? 255 : 0);
      }
      Bytes32 s = Bytes32.fromBigInteger(new BigInteger(1, b));
      batch.add(request(s, randomConditioning(rnd, 3), new VideoFormat(256, 2, 9, 12)));
      batch.add(request(s, randomConditioning(rnd, pattern % 2), new VideoFormat(1, 160, 13, 12)));
    }
    assertSame(ref, batch, djl.generateBatch(batch));
  }

  @Test
  void otherModelsAndMalformedRequestsAreRefused() {
    GenerationRequest cppn = new GenerationRequest("vnft-cppn-1", Bytes32.ZERO, "x", Bytes32.ZERO,
        new VideoFormat(1, 1, 1, 1));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> djl.generate(cppn));
    assertTrue(e.getMessage().contains("vnft-cppn-1"), e.getMessage());
    GenerationRequest ok = request(Bytes32.ZERO, Bytes32.ZERO, new VideoFormat(1, 1, 1, 1));
    assertThrows(InvalidInputException.class, () -> djl.generateBatch(List.of(ok, cppn)));
    assertThrows(InvalidInputException.class, () -> djl.generateBatch(List.of()));
    Bytes32 wide = Bytes32.fromBigInteger(BigInteger.ONE.shiftLeft(GanSpec.CONDITIONING_BITS));
    e = assertThrows(InvalidInputException.class,
        () -> djl.generate(request(Bytes32.ZERO, wide, new VideoFormat(1, 1, 1, 1))));
    assertTrue(e.getMessage().contains("conditioning"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> new DjlGan.Video(GanLatent.of(Bytes32.ZERO),
        new int[][] {new int[GanSpec.DIMS], new int[3]}, new VideoFormat(1, 1, 1, 1)));
  }

  @Test
  void describesItsWeightsAndEncodesPromptsWithThem() {
    assertEquals(GanRequests.modelInfo(RANDOM), djl.model());
    assertEquals(GanRequests.modelInfo(), djlBuiltIn.model());
    assertEquals(new GanText(RANDOM).conditioningOf("cat into dog"), djl.conditioningOf("cat into dog"));
    assertEquals(GanRequests.conditioningOf("cat into dog"), djlBuiltIn.conditioningOf("cat into dog"));
    assertTrue(!Arrays.equals(djl.conditioningOf("x").bytes(), new byte[32]));
  }

  @Test
  void askingForAnAbsentGpuFailsInsteadOfFallingBack() {
    if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
      BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
          () -> new DjlGanVideoGenerator(DevicePreference.CUDA, RANDOM));
      assertTrue(e.getMessage().contains("cuda") && e.getMessage().contains(GanSpec.MODEL_ID), e.getMessage());
      try (DjlGanVideoGenerator auto = new DjlGanVideoGenerator(DevicePreference.AUTO, RANDOM)) {
        assertTrue(!auto.onGpu());
      }
    } else {
      try (DjlGanVideoGenerator gpu = new DjlGanVideoGenerator(DevicePreference.CUDA, RANDOM)) {
        assertTrue(gpu.onGpu());
        Random rnd = new Random(6);
        List<GenerationRequest> batch = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
          batch.add(request(seed(rnd), randomConditioning(rnd, i % 5), SHAPES[i]));
        }
        assertSame(new ReferenceGanVideoGenerator(RANDOM), batch, gpu.generateBatch(batch));
      }
    }
  }
}
