package io.vnft.gpu.encode;

import io.vnft.api.GenerationException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoEncoder;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.encode.internal.AtomicFiles;
import io.vnft.gpu.encode.internal.OrderedDither;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes raw RGB8 frames as an animated GIF (GIF89a) that loops forever, with the JDK's
 * {@code javax.imageio} GIF writer. Colours are mapped to one fixed 252-colour palette (6x7x6
 * levels of R, G, B) with 8x8 ordered (Bayer) dithering: no palette flicker between frames, and
 * smooth gradients keep their local average colour at the cost of a fine dither pattern. (The JDK
 * writer's own per-frame quantiser bands smooth content badly.) The GIF is a preview; the
 * canonical content stays the raw frames.
 *
 * <p>Timing: GIF delays are in hundredths of a second, so frame {@code t} is shown for
 * {@code round(100(t+1)/fps) - round(100t/fps)} centiseconds; the total duration is exact to
 * 1/100 s. Browsers show delays below 2 cs (fps above 50) more slowly than asked.
 *
 * <p>Loop: the NETSCAPE2.0 application extension with loop count 0 (forever) is written on the first
 * frame. Output is deterministic (same frames, same bytes). Limits are those of {@link VideoFormat};
 * GIF itself allows up to 65535 x 65535.
 *
 * <p>Stateless and thread-safe: each call uses its own writer.
 */
public final class GifEncoder implements VideoEncoder {

  /** Creates an encoder; cheap. */
  public GifEncoder() {}

  @Override
  public String fileExtension() {
    return "gif";
  }

  @Override
  public String mimeType() {
    return "image/gif";
  }

  /**
   * @param frames the raw video
   * @return the animated GIF
   * @throws InvalidInputException when {@code frames} is null
   * @throws GenerationException when encoding fails
   */
  @Override
  public byte[] encode(VideoFrames frames) {
    if (frames == null) {
      throw new InvalidInputException("frames: must not be null");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writeTo(frames, ios);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException ie) {
        throw ie;
      }
      throw new GenerationException("GIF encoding failed: " + e, e);
    }
    return out.toByteArray();
  }

  /**
   * Encodes to a file, written under a temporary name in {@code target}'s directory and renamed
   * when complete.
   *
   * @param frames the raw video
   * @param target the GIF file to create or replace; its directory must exist
   * @return {@code target}
   * @throws InvalidInputException when {@code frames} is null or the target is unusable
   * @throws GenerationException when encoding or writing fails
   */
  public Path write(VideoFrames frames, Path target) {
    byte[] gif = encode(frames);
    return AtomicFiles.write(target, "GIF", gif);
  }

  /**
   * @param fps frames per second
   * @param t frame index
   * @return how long frame {@code t} is shown, in hundredths of a second
   */
  static int delayCentis(int fps, int t) {
    return (int) (Math.round(100.0 * (t + 1) / fps) - Math.round(100.0 * t / fps));
  }

  private static void writeTo(VideoFrames frames, ImageOutputStream ios) throws IOException {
    VideoFormat f = frames.format();
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new GenerationException("this JDK has no GIF image writer");
    }
    ImageWriter writer = writers.next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      int[] palette = OrderedDither.palette();
      byte[] pr = new byte[256];
      byte[] pg = new byte[256];
      byte[] pb = new byte[256];
      for (int i = 0; i < 256; i++) {
        pr[i] = (byte) (palette[i] >> 16);
        pg[i] = (byte) (palette[i] >> 8);
        pb[i] = (byte) palette[i];
      }
      IndexColorModel cm = new IndexColorModel(8, 256, pr, pg, pb);
      BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_BYTE_INDEXED, cm);
      ImageTypeSpecifier type = new ImageTypeSpecifier(img);
      writer.setOutput(ios);
      writer.prepareWriteSequence(null);
      byte[] indices = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      byte[] rgb = frames.rgbUnsafe();
      for (int t = 0; t < f.frames(); t++) {
        OrderedDither.index(rgb, t * f.pixelsPerFrame() * 3, f.width(), f.height(), indices);
        IIOMetadata md = frameMetadata(writer, type, param, delayCentis(f.fps(), t), t == 0);
        writer.writeToSequence(new IIOImage(img, null, md), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  private static IIOMetadata frameMetadata(ImageWriter writer, ImageTypeSpecifier type,
      ImageWriteParam param, int delay, boolean first) throws IOException {
    IIOMetadata md = writer.getDefaultImageMetadata(type, param);
    String format = md.getNativeMetadataFormatName(); // javax_imageio_gif_image_1.0
    IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(format);
    IIOMetadataNode gce = child(root, "GraphicControlExtension");
    gce.setAttribute("disposalMethod", "none");
    gce.setAttribute("userInputFlag", "FALSE");
    gce.setAttribute("transparentColorFlag", "FALSE");
    gce.setAttribute("delayTime", Integer.toString(delay));
    gce.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode apps = child(root, "ApplicationExtensions");
      IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
      app.setAttribute("applicationID", "NETSCAPE");
      app.setAttribute("authenticationCode", "2.0");
      // Sub-block 1, loop count 0 (little-endian): loop forever.
      app.setUserObject(new byte[] {1, 0, 0});
      apps.appendChild(app);
    }
    md.setFromTree(format, root);
    return md;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
