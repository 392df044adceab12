package io.vnft.gpu.encode;

import io.vnft.api.VideoEncoder;
import io.vnft.api.VideoEncoderProvider;

/**
 * Service provider {@code mp4} (priority 100, the default encoder): creates an {@link Mp4Encoder}.
 * Pure Java, so {@link #create()} never fails. Thread-safe.
 */
public final class Mp4EncoderProvider implements VideoEncoderProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public Mp4EncoderProvider() {}

  @Override
  public String name() {
    return "mp4";
  }

  @Override
  public VideoEncoder create() {
    return new Mp4Encoder();
  }
}
