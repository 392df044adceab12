package io.vnft.api;

/**
 * The shape of a video: width and height in pixels, number of frames, and playback rate.
 * Immutable and thread-safe.
 *
 * <p>Hard limits (a generator may document lower ones): width and height 1..{@value #MAX_SIDE},
 * frames 1..{@value #MAX_FRAMES}, fps 1..{@value #MAX_FPS}, and at most {@value #MAX_BYTES} bytes of
 * raw RGB in total (so a single {@code byte[]} can hold the video).
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field and the limit it broke.
 *
 * @param width pixels per row, 1..4096
 * @param height rows per frame, 1..4096
 * @param frames number of frames, 1..10 000
 * @param fps frames per second for playback and encoding, 1..120
 */
public record VideoFormat(int width, int height, int frames, int fps) {
  /** Largest width or height in pixels. */
  public static final int MAX_SIDE = 4096;
  /** Largest number of frames. */
  public static final int MAX_FRAMES = 10_000;
  /** Largest playback rate. */
  public static final int MAX_FPS = 120;
  /** Largest raw RGB size in bytes (just under 2 GiB, the largest Java array). */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  /**
   * Validates the components; throws {@link InvalidInputException} naming the field and the limit it broke.
   *
   * @param width pixels per row, 1..4096
   * @param height rows per frame, 1..4096
   * @param frames number of frames, 1..10 000
   * @param fps frames per second for playback and encoding, 1..120
   */
  public VideoFormat {
    requireRange("width", width, 1, MAX_SIDE);
    requireRange("height", height, 1, MAX_SIDE);
    requireRange("frames", frames, 1, MAX_FRAMES);
    requireRange("fps", fps, 1, MAX_FPS);
    long bytes = (long) width * height * frames * 3;
    if (bytes > MAX_BYTES) {
      throw new InvalidInputException("video: width*height*frames*3 = " + bytes
          + " bytes exceeds the limit of " + MAX_BYTES + " bytes");
    }
  }

  /** @return pixels in one frame */
  public int pixelsPerFrame() {
    return width * height;
  }

  /** @return pixels in the whole video */
  public long totalPixels() {
    return (long) width * height * frames;
  }

  /** @return bytes of raw RGB8 for the whole video */
  public int rgbBytes() {
    return Math.toIntExact(totalPixels() * 3);
  }

  static void requireRange(String field, long v, long lo, long hi) {
    if (v < lo || v > hi) {
      throw new InvalidInputException(field + ": must be in [" + lo + ", " + hi + "], got " + v);
    }
  }
}
