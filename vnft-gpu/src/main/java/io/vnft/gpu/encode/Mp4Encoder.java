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
import io.vnft.gpu.encode.internal.Bt709;
import io.vnft.gpu.encode.internal.ConstantQpSink;
import org.jcodec.api.transcode.PixelStore;
import org.jcodec.api.transcode.VideoFrameWithPacket;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;

/**
 * Encodes raw RGB8 frames as an H.264 video in an MP4 container, with JCodec 0.2.5 (pure Java,
 * no native code), baseline-style I/P frames at a constant quantiser ({@link #qp()}, default
 * {@value #DEFAULT_QP}), colour converted with the BT.709 matrix in limited range and declared so
 * in the stream (VUI). The encoding is lossy (YUV 4:2:0); the
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
 * <p>Immutable and thread-safe: each call uses its own JCodec encoder.
 */
public final class Mp4Encoder implements VideoEncoder {

  /** Smallest accepted width or height, in pixels. */
  public static final int MIN_SIDE = 16;

  /** Default H.264 quantiser: visually clean on smooth generative content. */
  public static final int DEFAULT_QP = 20;
  /** Best (largest-file) accepted quantiser. */
  public static final int MIN_QP = 10;
  /** Worst (smallest-file) accepted quantiser. */
  public static final int MAX_QP = 45;

  private final int qp;

  /** Creates an encoder at {@link #DEFAULT_QP}; cheap. */
  public Mp4Encoder() {
    this(DEFAULT_QP);
  }

  /**
   * @param qp the constant H.264 quantiser, {@value #MIN_QP}..{@value #MAX_QP}; each +6 halves
   *     the step size's precision (about half the bits), lower is better quality
   * @throws InvalidInputException when out of range
   */
  public Mp4Encoder(int qp) {
    if (qp < MIN_QP || qp > MAX_QP) {
      throw new InvalidInputException("qp: must be in [" + MIN_QP + ", " + MAX_QP + "], got " + qp);
    }
    this.qp = qp;
  }

  /** @return the constant H.264 quantiser this encoder uses */
  public int qp() {
    return qp;
  }

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

  private void encodeTo(VideoFrames frames, Path file) throws IOException {
    VideoFormat f = frames.format();
    byte[] rgb = frames.rgbUnsafe();
    int frameBytes = f.pixelsPerFrame() * 3;
    try {
      ConstantQpSink sink = new ConstantQpSink(file.toString(), qp);
      sink.init();
      // The sink asks for JCodec's 4:2:0 layout; we fill it ourselves with BT.709 limited-range
      // samples (JCodec's own RGB->YUV420J is full range, which players without VUI misread).
      Picture yuv = Picture.create(f.width(), f.height(), sink.getInputColor());
      for (int t = 0; t < f.frames(); t++) {
        Bt709.fromRgb(rgb, t * frameBytes, f.width(), f.height(),
            yuv.getPlaneData(0), yuv.getPlaneData(1), yuv.getPlaneData(2));
        // pts t in a timescale of fps ticks per second, each frame one tick long.
        Packet packet = Packet.createPacket(null, t, f.fps(), 1, t, Packet.FrameType.KEY, null);
        sink.outputVideoFrame(new VideoFrameWithPacket(packet, new PixelStore.LoanerPicture(yuv, 0)));
      }
      sink.finish();
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
