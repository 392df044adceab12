package io.vnft.gpu.encode;

import io.vnft.api.GenerationException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.encode.internal.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders frames of one or several videos as a PNG grid for people to look at (the way to judge
 * a model's output at a glance, and what the docs show).
 *
 * <ul>
 *   <li>{@link #render(VideoFrames)}: one video, up to {@code maxTiles} frames sampled evenly from
 *       first to last, laid out left to right, top to bottom in {@code columns} columns (0 = about
 *       square).</li>
 *   <li>{@link #renderRows(List, List)}: one row per video (e.g. four seeds of one prompt), each
 *       row the same {@code maxTiles} evenly sampled frames, with an optional label per row.</li>
 * </ul>
 * Tiles are scaled up by an integer factor with nearest-neighbour sampling (pixels stay exact),
 * separated by {@code gap} pixels of background. With labels on, each tile is captioned with its
 * frame index ({@code t=12}) in the JDK's monospaced font; fonts can differ between machines, so
 * labelled sheets are not byte-reproducible across machines (unlabelled ones are).
 *
 * <p>Limits: {@code maxTiles} 1..{@value #MAX_TILES}, {@code scale} 1..{@value #MAX_SCALE},
 * {@code gap} 0..64, and the whole sheet at most {@value #MAX_SIDE} x {@value #MAX_SIDE} pixels;
 * beyond them {@link InvalidInputException} names the limit.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder()}.
 */
public final class ContactSheet {

  /** Most tiles per video. */
  public static final int MAX_TILES = 256;
  /** Largest upscaling factor. */
  public static final int MAX_SCALE = 16;
  /** Largest sheet width or height in pixels. */
  public static final int MAX_SIDE = 16_384;

  private static final int LABEL_HEIGHT = 14;

  private final int columns;
  private final int maxTiles;
  private final int scale;
  private final int gap;
  private final boolean labels;
  private final int background;

  private ContactSheet(Builder b) {
    this.columns = b.columns;
    this.maxTiles = b.maxTiles;
    this.scale = b.scale;
    this.gap = b.gap;
    this.labels = b.labels;
    this.background = b.background;
  }

  /** @return a builder with the defaults: auto columns, 16 tiles, scale 1, gap 4, labels on, dark grey */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding this sheet's settings */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.columns = columns;
    b.maxTiles = maxTiles;
    b.scale = scale;
    b.gap = gap;
    b.labels = labels;
    b.background = background;
    return b;
  }

  /**
   * @param video the frames
   * @return the PNG
   * @throws InvalidInputException when {@code video} is null or the sheet would exceed {@value #MAX_SIDE} pixels
   * @throws GenerationException when rendering fails
   */
  public byte[] render(VideoFrames video) {
    if (video == null) {
      throw new InvalidInputException("video: must not be null");
    }
    int[] picks = sample(video.format().frames());
    int cols = columns > 0 ? Math.min(columns, picks.length) : (int) Math.ceil(Math.sqrt(picks.length));
    int rows = (picks.length + cols - 1) / cols;
    VideoFormat f = video.format();
    int tileW = f.width() * scale;
    int tileH = f.height() * scale + (labels ? LABEL_HEIGHT : 0);
    BufferedImage sheet = canvas(cols * tileW + (cols + 1) * gap, rows * tileH + (rows + 1) * gap);
    Graphics2D g = graphics(sheet);
    try {
      for (int i = 0; i < picks.length; i++) {
        int x = gap + (i % cols) * (tileW + gap);
        int y = gap + (i / cols) * (tileH + gap);
        drawTile(sheet, g, video, picks[i], x, y);
      }
    } finally {
      g.dispose();
    }
    return png(sheet);
  }

  /**
   * @param videos one video per row, all of the same width and height
   * @param rowLabels one caption per row, or an empty list for none
   * @return the PNG
   * @throws InvalidInputException when the list is empty, sizes differ, the label count does not
   *     match, or the sheet would exceed {@value #MAX_SIDE} pixels
   * @throws GenerationException when rendering fails
   */
  public byte[] renderRows(List<VideoFrames> videos, List<String> rowLabels) {
    if (videos == null || videos.isEmpty()) {
      throw new InvalidInputException("videos: must hold at least one video");
    }
    if (rowLabels == null || (!rowLabels.isEmpty() && rowLabels.size() != videos.size())) {
      throw new InvalidInputException("rowLabels: must be empty or hold one label per video ("
          + videos.size() + ")");
    }
    VideoFormat f0 = videos.get(0).format();
    int cols = 1;
    for (int r = 0; r < videos.size(); r++) {
      VideoFrames v = videos.get(r);
      if (v == null) {
        throw new InvalidInputException("videos[" + r + "]: must not be null");
      }
      if (v.format().width() != f0.width() || v.format().height() != f0.height()) {
        throw new InvalidInputException("videos[" + r + "]: size " + v.format().width() + "x"
            + v.format().height() + " differs from videos[0]'s " + f0.width() + "x" + f0.height());
      }
      cols = Math.max(cols, sample(v.format().frames()).length);
    }
    boolean rowCaptions = !rowLabels.isEmpty();
    int tileW = f0.width() * scale;
    int tileH = f0.height() * scale + (labels ? LABEL_HEIGHT : 0);
    int rowH = tileH + (rowCaptions ? LABEL_HEIGHT : 0);
    BufferedImage sheet = canvas(cols * tileW + (cols + 1) * gap, videos.size() * rowH + (videos.size() + 1) * gap);
    Graphics2D g = graphics(sheet);
    try {
      for (int r = 0; r < videos.size(); r++) {
        int y = gap + r * (rowH + gap);
        if (rowCaptions) {
          text(g, rowLabels.get(r), gap, y);
          y += LABEL_HEIGHT;
        }
        int[] picks = sample(videos.get(r).format().frames());
        for (int i = 0; i < picks.length; i++) {
          drawTile(sheet, g, videos.get(r), picks[i], gap + i * (tileW + gap), y);
        }
      }
    } finally {
      g.dispose();
    }
    return png(sheet);
  }

  /**
   * Renders one video and writes the PNG atomically (temporary name, then rename).
   *
   * @param video the frames
   * @param target the PNG file; its directory must exist
   * @return {@code target}
   * @throws InvalidInputException on bad input or an unusable target
   * @throws GenerationException when rendering or writing fails
   */
  public Path write(VideoFrames video, Path target) {
    return AtomicFiles.write(target, "PNG", render(video));
  }

  /**
   * Renders one row per video and writes the PNG atomically.
   *
   * @param videos one video per row
   * @param rowLabels one caption per row, or an empty list
   * @param target the PNG file; its directory must exist
   * @return {@code target}
   * @throws InvalidInputException on bad input or an unusable target
   * @throws GenerationException when rendering or writing fails
   */
  public Path writeRows(List<VideoFrames> videos, List<String> rowLabels, Path target) {
    return AtomicFiles.write(target, "PNG", renderRows(videos, rowLabels));
  }

  /** Frame indices to show: all when few, else {@code maxTiles} spread evenly from first to last. */
  int[] sample(int frames) {
    int n = Math.min(frames, maxTiles);
    int[] picks = new int[n];
    for (int i = 0; i < n; i++) {
      picks[i] = n == 1 ? 0 : (int) ((long) i * (frames - 1) / (n - 1));
    }
    return picks;
  }

  private void drawTile(BufferedImage sheet, Graphics2D g, VideoFrames video, int t, int x0, int y0) {
    VideoFormat f = video.format();
    byte[] rgb = video.rgbUnsafe();
    int base = t * f.pixelsPerFrame() * 3;
    int[] row = new int[f.width() * scale];
    for (int y = 0; y < f.height(); y++) {
      for (int x = 0; x < f.width(); x++) {
        int i = base + 3 * (y * f.width() + x);
        int c = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
        for (int s = 0; s < scale; s++) {
          row[x * scale + s] = c;
        }
      }
      for (int s = 0; s < scale; s++) {
        sheet.setRGB(x0, y0 + y * scale + s, row.length, 1, row, 0, row.length);
      }
    }
    if (labels) {
      text(g, "t=" + t, x0, y0 + f.height() * scale);
    }
  }

  private static void text(Graphics2D g, String s, int x, int top) {
    try {
      g.drawString(s, x + 1, top + LABEL_HEIGHT - 3);
    } catch (RuntimeException | Error e) {
      throw new GenerationException("drawing the label '" + s + "' failed (this JDK has no usable "
          + "fonts?); use labels(false): " + e, e);
    }
  }

  private BufferedImage canvas(long w, long h) {
    if (w > MAX_SIDE || h > MAX_SIDE) {
      throw new InvalidInputException("contact sheet: " + w + "x" + h + " pixels exceeds the limit of "
          + MAX_SIDE + "x" + MAX_SIDE + "; lower maxTiles or scale");
    }
    BufferedImage img = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_RGB);
    int[] fill = new int[(int) w];
    java.util.Arrays.fill(fill, background);
    for (int y = 0; y < h; y++) {
      img.setRGB(0, y, (int) w, 1, fill, 0, (int) w);
    }
    return img;
  }

  private Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    int luma = (background >> 16 & 0xFF) * 299 + (background >> 8 & 0xFF) * 587 + (background & 0xFF) * 114;
    g.setColor(luma > 128_000 ? Color.BLACK : Color.WHITE);
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
    return g;
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", out)) {
        throw new GenerationException("this JDK has no PNG image writer");
      }
    } catch (IOException e) {
      throw new GenerationException("PNG encoding failed: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Settings of a {@link ContactSheet}. Not thread-safe; {@link #build()} gives an immutable sheet. */
  public static final class Builder {
    private int columns;
    private int maxTiles = 16;
    private int scale = 1;
    private int gap = 4;
    private boolean labels = true;
    private int background = 0x202020;

    private Builder() {}

    /**
     * @param columns tiles per row for {@link #render(VideoFrames)}, or 0 for about square
     * @return this builder
     * @throws InvalidInputException when outside 0..{@value #MAX_TILES}
     */
    public Builder columns(int columns) {
      this.columns = range("columns", columns, 0, MAX_TILES);
      return this;
    }

    /**
     * @param maxTiles most frames shown per video, sampled evenly
     * @return this builder
     * @throws InvalidInputException when outside 1..{@value #MAX_TILES}
     */
    public Builder maxTiles(int maxTiles) {
      this.maxTiles = range("maxTiles", maxTiles, 1, MAX_TILES);
      return this;
    }

    /**
     * @param scale integer upscaling factor (nearest neighbour)
     * @return this builder
     * @throws InvalidInputException when outside 1..{@value #MAX_SCALE}
     */
    public Builder scale(int scale) {
      this.scale = range("scale", scale, 1, MAX_SCALE);
      return this;
    }

    /**
     * @param gap pixels of background between and around tiles
     * @return this builder
     * @throws InvalidInputException when outside 0..64
     */
    public Builder gap(int gap) {
      this.gap = range("gap", gap, 0, 64);
      return this;
    }

    /**
     * @param labels whether to caption tiles with their frame index
     * @return this builder
     */
    public Builder labels(boolean labels) {
      this.labels = labels;
      return this;
    }

    /**
     * @param rgb background colour {@code 0xRRGGBB}
     * @return this builder
     * @throws InvalidInputException when outside 0..0xFFFFFF
     */
    public Builder background(int rgb) {
      this.background = range("background", rgb, 0, 0xFFFFFF);
      return this;
    }

    /** @return the immutable sheet renderer */
    public ContactSheet build() {
      return new ContactSheet(this);
    }

    private static int range(String field, int v, int lo, int hi) {
      if (v < lo || v > hi) {
        throw new InvalidInputException(field + ": must be in [" + lo + ", " + hi + "], got " + v);
      }
      return v;
    }
  }
}
