package io.vnft.gpu.encode;

import io.vnft.api.GenerationException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoEncoder;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.encode.internal.AtomicFiles;
import io.vnft.gpu.encode.internal.Mp4Boxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jcodec.api.SequenceEncoder;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rational;

/**
 * Encodes raw RGB8 frames as an H.264 video in an MP4 container, with JCodec 0.2.5 (pure Java,
 * no native code). The encoding is lossy (YUV 4:2:0, JCodec's default rate control); the
 * canonical content stays the raw frames committed by {@code framesRoot}.
 *
 * <p>The output is deterministic: the same frames give the same bytes (the muxer's wall-clock
 * creation/modification times are cleared), so the file's CID is reproducible. The frame rate is
 * {@link VideoFormat#fps()} frames per second.
 *
 * <p>Limits: width and height must be even and at least {@value #MIN_SIDE} pixels (4:2:0 chroma
 * subsampling; JCodec's encoder works on 16x16 macroblocks and crops), and at most
 * {@link VideoFormat#MAX_SIDE}. Other sizes are refused with {@link InvalidInputException}; scale
 * or pad the frames first.
 *
 * <p>Stateless and thread-safe: each call uses its own JCodec encoder.
 */
public final class Mp4Encoder implements VideoEncoder {

  /** Smallest accepted width or height, in pixels. */
  public static final int MIN_SIDE = 16;

  /** Creates an encoder; cheap. */
  public Mp4Encoder() {}

  @Override
  public String fileExtension() {
    return "mp4";
  }

  @Override
  public String mimeType() {
    return "video/mp4";
  }

  /**
   * @param frames the raw video
   * @return the MP4 file
   * @throws InvalidInputException when the frame size is not supported (see the class comment)
   * @throws GenerationException when encoding fails
   */
  @Override
  public byte[] encode(VideoFrames frames) {
    check(frames);
    Path tmp = null;
    try {
      tmp = Files.createTempFile("vnft-", ".mp4.part");
      encodeTo(frames, tmp);
      return Files.readAllBytes(tmp);
    } catch (IOException e) {
      throw new GenerationException("MP4 encoding failed: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  /**
   * Encodes to a file, written under a temporary name in {@code target}'s directory and renamed
   * when complete.
   *
   * @param frames the raw video
   * @param target the MP4 file to create or replace; its directory must exist
   * @return {@code target}
   * @throws InvalidInputException when the frame size is not supported or the target is unusable
   * @throws GenerationException when encoding or writing fails
   */
  public Path write(VideoFrames frames, Path target) {
    check(frames);
    return AtomicFiles.write(target, "MP4", tmp -> encodeTo(frames, tmp));
  }

  private static void check(VideoFrames frames) {
    if (frames == null) {
      throw new InvalidInputException("frames: must not be null");
    }
    VideoFormat f = frames.format();
    checkSide("width", f.width());
    checkSide("height", f.height());
  }

  private static void checkSide(String field, int v) {
    if (v < MIN_SIDE || v % 2 != 0) {
      throw new InvalidInputException("frames." + field + ": H.264 4:2:0 needs an even size >= "
          + MIN_SIDE + " pixels, got " + v);
    }
  }

  private static void encodeTo(VideoFrames frames, Path file) throws IOException {
    VideoFormat f = frames.format();
    byte[] rgb = frames.rgbUnsafe();
    int frameBytes = f.pixelsPerFrame() * 3;
    try (SeekableByteChannel ch = NIOUtils.writableChannel(file.toFile())) {
      SequenceEncoder enc = new SequenceEncoder(ch, Rational.R(f.fps(), 1), Format.MOV, Codec.H264, null);
      Picture pic = Picture.create(f.width(), f.height(), ColorSpace.RGB);
      byte[] plane = pic.getPlaneData(0);
      for (int t = 0; t < f.frames(); t++) {
        int base = t * frameBytes;
        // JCodec 0.2 keeps 8-bit samples as signed bytes: value - 128.
        for (int i = 0; i < frameBytes; i++) {
          plane[i] = (byte) ((rgb[base + i] & 0xFF) - 128);
        }
        enc.encodeNativeFrame(pic);
      }
      enc.finish();
    } catch (RuntimeException e) {
      throw new GenerationException("MP4 encoding failed in JCodec: " + e, e);
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      Mp4Boxes.clearTimestamps(bytes);
    } catch (IllegalArgumentException e) {
      throw new GenerationException("JCodec wrote an MP4 that cannot be parsed: " + e.getMessage(), e);
    }
    Files.write(file, bytes);
  }
}
