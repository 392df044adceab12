package io.vnft.api;

/**
 * Encodes raw frames into a file people can play (MP4, GIF). Encodings are lossy renditions;
 * the canonical content is the raw frames committed by {@code framesRoot}. Implementations are
 * thread-safe and deterministic (same frames, same bytes), so the file's CID is reproducible.
 */
public interface VideoEncoder {
  /** @return the file extension without a dot, e.g. {@code mp4} */
  String fileExtension();

  /** @return the MIME type, e.g. {@code video/mp4} */
  String mimeType();

  /**
   * @param frames the raw video
   * @return the encoded file
   * @throws GenerationException if encoding fails
   */
  byte[] encode(VideoFrames frames);
}
