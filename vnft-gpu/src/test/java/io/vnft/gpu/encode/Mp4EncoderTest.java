package io.vnft.gpu.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.encode.internal.Bt709;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jcodec.api.FrameGrab;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.mp4.AvcCBox;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
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
      System.out.printf("MP4 qp %d gradient frame %d: mean absolute error %.2f%n", encoder.qp(), t, mae);
      // Measured ~2-3 levels of 255 at QP 20; a wrong colour matrix/range or frame order gives > 8.
      assertTrue(mae < 5, "mean absolute error of frame " + t + " = " + mae);
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
  void streamDeclaresBt709LimitedRange() throws Exception {
    byte[] mp4 = encoder.encode(TestVideos.gradient(32, 32, 2, 10));
    int at = indexOf(mp4, "avcC".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertTrue(at > 0, "an avcC box");
    AvcCBox avcc = AvcCBox.parseAvcCBox(java.nio.ByteBuffer.wrap(mp4, at + 4, mp4.length - at - 4));
    // JCodec's avcC SPS entries start at profile_idc (the NAL header byte is not kept).
    SeqParameterSet sps = SeqParameterSet.read(avcc.getSpsList().get(0).duplicate());
    assertEquals(1, sps.picWidthInMbsMinus1, "32 pixels = 2 macroblocks");
    assertTrue(sps.vuiParams != null && sps.vuiParams.videoSignalTypePresentFlag, "VUI video signal type");
    assertEquals(false, sps.vuiParams.videoFullRangeFlag);
    assertEquals(1, sps.vuiParams.colourPrimaries);
    assertEquals(1, sps.vuiParams.transferCharacteristics);
    assertEquals(1, sps.vuiParams.matrixCoefficients);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void nonMacroblockSizesWork() throws Exception {
    VideoFrames frames = TestVideos.gradient(34, 18, 2, 30);
    List<int[]> decoded = decode(encoder.write(frames, dir.resolve("odd.mp4")));
    assertEquals(2, decoded.size());
    assertEquals(34 * 18 * 3, decoded.get(0).length);
  }

  @Test
  void lowerQpIsCloserToTheOriginal() throws Exception {
    VideoFrames frames = TestVideos.gradient(64, 48, 3, 24);
    double fine = meanError(frames, decode(new Mp4Encoder(14).write(frames, dir.resolve("q14.mp4"))));
    double coarse = meanError(frames, decode(new Mp4Encoder(36).write(frames, dir.resolve("q36.mp4"))));
    assertTrue(fine < coarse, "QP 14 error " + fine + " vs QP 36 error " + coarse);
    assertThrows(InvalidInputException.class, () -> new Mp4Encoder(Mp4Encoder.MAX_QP + 1));
  }

  private static double meanError(VideoFrames frames, List<int[]> decoded) {
    byte[] orig = frames.rgbUnsafe();
    long err = 0;
    int k = 0;
    for (int[] f : decoded) {
      for (int v : f) {
        err += Math.abs((orig[k++] & 0xFF) - v);
      }
    }
    assertEquals(orig.length, k);
    return (double) err / k;
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

  /**
   * Decodes every frame with JCodec's FrameGrab and converts it to RGB 0..255 ints with the
   * BT.709 limited-range matrix the stream declares (cropped to the picture size).
   */
  static List<int[]> decode(Path file) throws Exception {
    List<int[]> out = new ArrayList<>();
    try (SeekableByteChannel ch = NIOUtils.readableChannel(file.toFile())) {
      FrameGrab grab = FrameGrab.createFrameGrab(ch);
      Picture pic;
      while ((pic = grab.getNativeFrame()) != null) {
        assertEquals(3, pic.getData().length, "planar 4:2:0 picture");
        byte[] rgb = Bt709.toRgb(pic.getPlaneData(0), pic.getPlaneData(1), pic.getPlaneData(2),
            pic.getCroppedWidth(), pic.getCroppedHeight(), pic.getPlaneWidth(0), pic.getPlaneWidth(1));
        int[] px = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
          px[i] = rgb[i] & 0xFF;
        }
        out.add(px);
      }
    }
    return out;
  }

  private static void assertNear(int expected, int actual, String what) {
    // Saturated primaries sit at the edge of the 4:2:0 chroma range: a few levels of error.
    assertTrue(Math.abs(expected - actual) <= 10, what + ": expected ~" + expected + ", got " + actual);
  }
}
