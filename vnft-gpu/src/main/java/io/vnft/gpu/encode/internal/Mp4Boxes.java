package io.vnft.gpu.encode.internal;

/**
 * Clears the wall-clock creation and modification times that MP4 muxers write into the
 * {@code mvhd}, {@code tkhd} and {@code mdhd} boxes (ISO/IEC 14496-12 sections 8.2.2, 8.3.2,
 * 8.4.2: version 0 holds two 32-bit times right after the version/flags word, version 1 two 64-bit
 * ones), so that the same frames always give the same file and therefore the same CID.
 * Internal: not part of vnft's API.
 */
public final class Mp4Boxes {
  private Mp4Boxes() {}

  /**
   * Zeroes the times in place.
   *
   * @param mp4 the whole file
   * @return the number of header boxes whose times were cleared
   * @throws IllegalArgumentException when the box structure is broken
   */
  public static int clearTimestamps(byte[] mp4) {
    return walk(mp4, 0, mp4.length);
  }

  private static int walk(byte[] b, int from, int to) {
    int cleared = 0;
    int pos = from;
    while (pos + 8 <= to) {
      long size = u32(b, pos);
      int header = 8;
      if (size == 1) {
        size = (u32(b, pos + 8) << 32) | u32(b, pos + 12);
        header = 16;
      } else if (size == 0) {
        size = to - pos;
      }
      if (size < header || pos + size > to) {
        throw new IllegalArgumentException("MP4 box at " + pos + " has a bad size " + size);
      }
      String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      int body = pos + header;
      int end = (int) (pos + size);
      switch (type) {
        case "moov", "trak", "mdia" -> cleared += walk(b, body, end);
        case "mvhd", "tkhd", "mdhd" -> {
          int version = b[body] & 0xFF;
          int timesBytes = version == 1 ? 16 : 8;
          if (body + 4 + timesBytes > end) {
            throw new IllegalArgumentException("MP4 " + type + " box too short");
          }
          java.util.Arrays.fill(b, body + 4, body + 4 + timesBytes, (byte) 0);
          cleared++;
        }
        default -> { }
      }
      pos = end;
    }
    return cleared;
  }

  private static long u32(byte[] b, int i) {
    return ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFFL) << 16) | ((b[i + 2] & 0xFFL) << 8) | (b[i + 3] & 0xFFL);
  }
}
