package io.vnft.gpu.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.ColorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4EncoderTest {

  @TempDir Path dir;

  private final Mp4Encoder encoder = new Mp4Encoder();

  @Test
  void decodesBackWithTheSameSizeFrameCountAndColours() throws Exception {
    int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x000000, 0x808000};
    VideoFrames frames = TestVideos.solid(48, 32, 12, colours);
    Path file = encoder.write(frames, dir.resolve("solid.mp4"));

    List<int[]> decoded = decode(file);
    assertEquals(colours.length, decoded.size(), "frame count");
    for (int t = 0; t < colours.length; t++) {
      int[] rgb = decoded.get(t);
      assertEquals(48 * 32 * 3, rgb.length, "frame size");
      int c = colours[t];
      // Centre pixel within a lossy-codec tolerance of the original colour.
      int p = (16 * 48 + 24) * 3;
      assertNear(c >> 16 & 0xFF, rgb[p], "R of frame " + t);
      assertNear(c >> 8 & 0xFF, rgb[p + 1], "G of frame " + t);
      assertNear(c & 0xFF, rgb[p + 2], "B of frame " + t);
    }
  }

  @Test
  void gradientSurvivesOnAverage() throws Exception {
    VideoFrames frames = TestVideos.gradient(64, 48, 5, 24);
    List<int[]> decoded = decode(encoder.write(frames, dir.resolve("g.mp4")));
    assertEquals(5, decoded.size());
    byte[] orig = frames.rgbUnsafe();
    int frameBytes = 64 * 48 * 3;
    for (int t = 0; t < 5; t++) {
      long err = 0;
      for (int i = 0; i < frameBytes; i++) {
        err += Math.abs((orig[t * frameBytes + i] & 0xFF) - decoded.get(t)[i]);
      }
      double mae = (double) err / frameBytes;
      // JCodec 0.2.5's encoder runs at a fixed, fairly coarse quantiser: ~9 levels of 255 on this
      // steep gradient (measured); a broken colour conversion or frame order gives > 40.
      assertTrue(mae < 12, "mean absolute error of frame " + t + " = " + mae);
    }
  }

  @Test
  void sameFramesGiveTheSameBytesAtAnotherTime() throws Exception {
    VideoFrames frames = TestVideos.gradient(32, 16, 3, 10);
    byte[] first = encoder.encode(frames);
    Thread.sleep(1100); // the MP4 header clock has one-second resolution
    assertArrayEquals(first, encoder.encode(frames));
    assertEquals("ftyp", new String(first, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void nonMacroblockSizesWork() throws Exception {
    VideoFrames frames = TestVideos.gradient(34, 18, 2, 30);
    List<int[]> decoded = decode(encoder.write(frames, dir.resolve("odd.mp4")));
    assertEquals(2, decoded.size());
    assertEquals(34 * 18 * 3, decoded.get(0).length);
  }

  @Test
  void refusesSizesH264CannotTakeAndLeavesNothingBehind() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> encoder.write(TestVideos.gradient(33, 16, 1, 30), dir.resolve("x.mp4")));
    assertTrue(e.getMessage().contains("width"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> encoder.encode(TestVideos.gradient(16, 8, 1, 30)));
    assertThrows(InvalidInputException.class, () -> encoder.encode(null));
    assertThrows(InvalidInputException.class,
        () -> encoder.write(TestVideos.gradient(16, 16, 1, 30), dir.resolve("missing/x.mp4")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count(), "no partial files");
    }
  }

  /** Decodes every frame with JCodec's FrameGrab into RGB 0..255 ints (cropped to the picture size). */
  static List<int[]> decode(Path file) throws Exception {
    List<int[]> out = new ArrayList<>();
    try (SeekableByteChannel ch = NIOUtils.readableChannel(file.toFile())) {
      FrameGrab grab = FrameGrab.createFrameGrab(ch);
      Picture pic;
      while ((pic = grab.getNativeFrame()) != null) {
        Picture rgb = Picture.create(pic.getWidth(), pic.getHeight(), ColorSpace.RGB);
        ColorUtil.getTransform(pic.getColor(), ColorSpace.RGB).transform(pic, rgb);
        int w = pic.getCroppedWidth();
        int h = pic.getCroppedHeight();
        byte[] plane = rgb.getPlaneData(0);
        int[] px = new int[w * h * 3];
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w * 3; x++) {
            px[y * w * 3 + x] = plane[y * pic.getWidth() * 3 + x] + 128;
          }
        }
        out.add(px);
      }
    }
    return out;
  }

  private static void assertNear(int expected, int actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 12, what + ": expected ~" + expected + ", got " + actual);
  }
}
