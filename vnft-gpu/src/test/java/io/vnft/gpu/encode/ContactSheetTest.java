package io.vnft.gpu.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {

  @TempDir Path dir;

  @Test
  void gridPlacesEvenlySampledFramesScaledExactly() throws Exception {
    VideoFrames video = TestVideos.gradient(5, 3, 10, 10);
    ContactSheet sheet = ContactSheet.builder().maxTiles(4).columns(2).scale(2).gap(3)
        .labels(false).background(0x0000FF).build();
    assertArrayEquals(new int[] {0, 3, 6, 9}, sheet.sample(10));
    BufferedImage img = read(sheet.render(video));
    assertEquals(2 * 10 + 3 * 3, img.getWidth());
    assertEquals(2 * 6 + 3 * 3, img.getHeight());
    assertEquals(0x0000FF, img.getRGB(0, 0) & 0xFFFFFF, "background in the gap");
    // Tile 3 (second row, second column) is frame 9; its pixel (x=4, y=2) is drawn 2x2.
    int tileX = 3 + 10 + 3;
    int tileY = 3 + 6 + 3;
    for (int dy = 0; dy < 2; dy++) {
      for (int dx = 0; dx < 2; dx++) {
        assertEquals(video.pixel(9L * 15 + 2 * 5 + 4), img.getRGB(tileX + 8 + dx, tileY + 4 + dy) & 0xFFFFFF);
      }
    }
    assertEquals(video.pixel(0), img.getRGB(3, 3) & 0xFFFFFF, "frame 0 top-left");
  }

  @Test
  void rowsShowOneVideoEachWithCaptions() throws Exception {
    List<VideoFrames> videos = List.of(TestVideos.solid(8, 8, 5, 0xFF0000, 0x00FF00),
        TestVideos.solid(8, 8, 5, 0x0000FF, 0xFFFF00, 0x00FFFF), TestVideos.solid(8, 8, 5, 0xFFFFFF));
    ContactSheet sheet = ContactSheet.builder().gap(2).background(0x000000).build();
    Path file = sheet.writeRows(videos, List.of("seed 1", "seed 2", "seed 3"), dir.resolve("rows.png"));
    BufferedImage img = read(Files.readAllBytes(file));
    // 3 columns (longest video), rows of caption 14 + tile 8 + frame label 14.
    assertEquals(3 * 8 + 4 * 2, img.getWidth());
    assertEquals(3 * (14 + 8 + 14) + 4 * 2, img.getHeight());
    int row2Top = 2 + (14 + 8 + 14) + 2 + 14;
    assertEquals(0x0000FF, img.getRGB(2 + 3, row2Top + 3) & 0xFFFFFF);
    assertEquals(0x00FFFF, img.getRGB(2 + 2 * 10 + 3, row2Top + 3) & 0xFFFFFF);
    // Captions drew something in the first caption band; short rows leave empty cells.
    assertTrue(anyNonBackground(img, 2, 2, 30, 14), "row caption drawn");
    assertEquals(0, img.getRGB(2 + 2 * 10 + 3, 2 + 14 + 3) & 0xFFFFFF, "no third frame in row 1");
  }

  @Test
  void badInputNamesTheLimit() {
    ContactSheet sheet = ContactSheet.builder().build();
    assertThrows(InvalidInputException.class, () -> ContactSheet.builder().scale(0));
    assertThrows(InvalidInputException.class, () -> ContactSheet.builder().maxTiles(ContactSheet.MAX_TILES + 1));
    assertThrows(InvalidInputException.class, () -> sheet.render(null));
    assertThrows(InvalidInputException.class, () -> sheet.renderRows(List.of(), List.of()));
    assertThrows(InvalidInputException.class, () -> sheet.renderRows(
        List.of(TestVideos.solid(4, 4, 1, 0), TestVideos.solid(4, 5, 1, 0)), List.of()));
    assertThrows(InvalidInputException.class, () -> sheet.renderRows(
        List.of(TestVideos.solid(4, 4, 1, 0)), List.of("a", "b")));
    VideoFrames wide = new VideoFrames(new VideoFormat(2048, 1, 1, 1), new byte[2048 * 3]);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> sheet.toBuilder().scale(16).build().render(wide));
    assertTrue(e.getMessage().contains(String.valueOf(ContactSheet.MAX_SIDE)), e.getMessage());
  }

  private static boolean anyNonBackground(BufferedImage img, int x0, int y0, int w, int h) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static BufferedImage read(byte[] png) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(png));
  }
}
