package io.vnft.gpu.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFrames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifEncoderTest {

  @TempDir Path dir;

  private final GifEncoder encoder = new GifEncoder();

  @Test
  void readsBackWithFramesSizeColoursDelayAndLoop() throws Exception {
    int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0x123456, 0xFFFFFF};
    VideoFrames frames = TestVideos.solid(20, 12, 24, colours);
    Path file = encoder.write(frames, dir.resolve("a.gif"));
    byte[] gif = Files.readAllBytes(file);
    assertEquals("GIF89a", new String(gif, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));

    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertEquals(colours.length, reader.getNumImages(true));
      int total = 0;
      for (int t = 0; t < colours.length; t++) {
        BufferedImage img = reader.read(t);
        assertEquals(20, img.getWidth());
        assertEquals(12, img.getHeight());
        // Colours in the palette come out exact; others are dithered to the right local average.
        if (colours[t] != 0x123456) {
          assertEquals(colours[t], img.getRGB(7, 5) & 0xFFFFFF, "frame " + t);
        }
        double[] mean = blockMean(img, 0, 0, 16, 8);
        assertEquals(colours[t] >> 16 & 0xFF, mean[0], 2.0, "mean R of frame " + t);
        assertEquals(colours[t] >> 8 & 0xFF, mean[1], 2.0, "mean G of frame " + t);
        assertEquals(colours[t] & 0xFF, mean[2], 2.0, "mean B of frame " + t);
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(t).getAsTree("javax_imageio_gif_image_1.0");
        IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
        total += Integer.parseInt(gce.getAttribute("delayTime"));
        if (t == 0) {
          IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
          assertNotNull(app, "NETSCAPE loop extension on frame 0");
          assertEquals("NETSCAPE", app.getAttribute("applicationID"));
          assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) app.getUserObject(), "loop forever");
        }
      }
      // 5 frames at 24 fps = 20.8 cs, rounded.
      assertEquals(21, total);
    }
  }

  @Test
  void delaysAddUpToTheExactDuration() {
    for (int fps : new int[] {1, 7, 24, 25, 30, 60, 120}) {
      int sum = 0;
      for (int t = 0; t < fps; t++) {
        int d = GifEncoder.delayCentis(fps, t);
        assertTrue(d >= 0);
        sum += d;
      }
      assertEquals(100, sum, "one second at " + fps + " fps");
    }
    assertEquals(4, GifEncoder.delayCentis(24, 0));
    assertEquals(10, GifEncoder.delayCentis(10, 3));
  }

  @Test
  void gradientsKeepTheirLocalAverageAndEncodingIsDeterministic() throws Exception {
    VideoFrames frames = TestVideos.gradient(64, 32, 3, 12);
    byte[] gif = encoder.encode(frames);
    assertArrayEquals(gif, encoder.encode(frames));
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      byte[] orig = frames.rgbUnsafe();
      for (int t = 0; t < 3; t++) {
        BufferedImage img = reader.read(t);
        // Over each 8x8 dither cell the average colour matches the original's average.
        double worst = 0;
        for (int by = 0; by < 32; by += 8) {
          for (int bx = 0; bx < 64; bx += 8) {
            double[] got = blockMean(img, bx, by, 8, 8);
            for (int c = 0; c < 3; c++) {
              double want = 0;
              for (int y = by; y < by + 8; y++) {
                for (int x = bx; x < bx + 8; x++) {
                  want += orig[3 * ((t * 32 + y) * 64 + x) + c] & 0xFF;
                }
              }
              worst = Math.max(worst, Math.abs(want / 64 - got[c]));
            }
          }
        }
        assertTrue(worst < 6, "frame " + t + ": worst 8x8 mean error " + worst);
      }
    }
  }

  private static double[] blockMean(BufferedImage img, int x0, int y0, int w, int h) {
    double[] m = new double[3];
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int c = img.getRGB(x, y);
        m[0] += c >> 16 & 0xFF;
        m[1] += c >> 8 & 0xFF;
        m[2] += c & 0xFF;
      }
    }
    for (int c = 0; c < 3; c++) {
      m[c] /= w * h;
    }
    return m;
  }

  @Test
  void badInputIsTypedAndLeavesNoFile() throws Exception {
    assertThrows(InvalidInputException.class, () -> encoder.encode(null));
    assertThrows(InvalidInputException.class,
        () -> encoder.write(TestVideos.solid(2, 2, 1, 0), dir.resolve("no/such/dir.gif")));
    assertThrows(InvalidInputException.class, () -> encoder.write(TestVideos.solid(2, 2, 1, 0), dir));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }
}
