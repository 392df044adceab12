package io.vnft.gpu.encode;

import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;

/** Test videos with known, smooth content. */
final class TestVideos {
  private TestVideos() {}

  /** Frame t is a solid colour from {@code colours[t % colours.length]} (0xRRGGBB). */
  static VideoFrames solid(int w, int h, int fps, int... colours) {
    VideoFormat f = new VideoFormat(w, h, colours.length, fps);
    byte[] rgb = new byte[f.rgbBytes()];
    int i = 0;
    for (int c : colours) {
      for (int p = 0; p < w * h; p++) {
        rgb[i++] = (byte) (c >> 16);
        rgb[i++] = (byte) (c >> 8);
        rgb[i++] = (byte) c;
      }
    }
    return new VideoFrames(f, rgb);
  }

  /** A moving gradient: R follows x, G follows y, B follows t. */
  static VideoFrames gradient(int w, int h, int frames, int fps) {
    VideoFormat f = new VideoFormat(w, h, frames, fps);
    byte[] rgb = new byte[f.rgbBytes()];
    int i = 0;
    for (int t = 0; t < frames; t++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          rgb[i++] = (byte) ((x * 255) / Math.max(1, w - 1));
          rgb[i++] = (byte) ((y * 255) / Math.max(1, h - 1));
          rgb[i++] = (byte) ((t * 255) / Math.max(1, frames - 1));
        }
      }
    }
    return new VideoFrames(f, rgb);
  }
}
