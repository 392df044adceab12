package io.vnft.api;

import java.util.Arrays;

/**
 * Raw video: RGB8 pixels, frame-major, then row-major, then R, G, B — the byte of channel
 * {@code c} of pixel {@code (x, y)} in frame {@code t} is at {@code 3 * (t*W*H + y*W + x) + c}.
 * This is the canonical content that {@code framesRoot} commits to; encoded files are lossy
 * renditions of it. Immutable and thread-safe: {@link #rgb()} copies; {@link #rgbUnsafe()} does
 * not and its result must not be modified.
 *
 * <p>The constructor throws {@link InvalidInputException} if the byte count does not match the format.
 *
 * @param format the video shape
 * @param rgb the pixels, exactly {@code format.rgbBytes()} bytes
 */
public record VideoFrames(VideoFormat format, byte[] rgb) {
  /**
   * Validates the components; throws {@link InvalidInputException} if the byte count does not match the
   * format.
   *
   * @param format the video shape
   * @param rgb the pixels, exactly {@code format.rgbBytes()} bytes
   */
  public VideoFrames {
    if (format == null) {
      throw new InvalidInputException("format: must not be null");
    }
    if (rgb == null) {
      throw new InvalidInputException("rgb: must not be null");
    }
    if (rgb.length != format.rgbBytes()) {
      throw new InvalidInputException("rgb: expected width*height*frames*3 = " + format.rgbBytes()
          + " bytes, got " + rgb.length);
    }
    rgb = rgb.clone();
  }

  /**
   * The RGB8 pixels of all frames.
   *
   * @return a fresh copy of the pixel bytes
   */
  @Override
  public byte[] rgb() {
    return rgb.clone();
  }

  /** @return the pixel bytes without a copy; never modify them */
  public byte[] rgbUnsafe() {
    return rgb;
  }

  /**
   * @param pixelIndex {@code t*W*H + y*W + x}
   * @return the pixel as {@code r<<16 | g<<8 | b}
   */
  public int pixel(long pixelIndex) {
    if (pixelIndex < 0 || pixelIndex >= format.totalPixels()) {
      throw new InvalidInputException("pixelIndex: must be in [0, " + format.totalPixels()
          + "), got " + pixelIndex);
    }
    int i = Math.toIntExact(pixelIndex * 3);
    return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoFrames v && format.equals(v.format) && Arrays.equals(rgb, v.rgb);
  }

  @Override
  public int hashCode() {
    return 31 * format.hashCode() + Arrays.hashCode(rgb);
  }

  @Override
  public String toString() {
    return "VideoFrames[" + format + "]";
  }
}
