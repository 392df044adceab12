package io.vnft.gpu.encode;

import io.vnft.api.VideoEncoder;
import io.vnft.api.VideoEncoderProvider;

/**
 * Service provider {@code gif} (priority 200, after {@code mp4}): creates a {@link GifEncoder}.
 * Pure Java, so {@link #create()} never fails. Thread-safe.
 */
public final class GifEncoderProvider implements VideoEncoderProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public GifEncoderProvider() {}

  @Override
  public String name() {
    return "gif";
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public VideoEncoder create() {
    return new GifEncoder();
  }
}
