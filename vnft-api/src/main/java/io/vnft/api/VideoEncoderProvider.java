package io.vnft.api;

/**
 * Service-provider interface that creates {@link VideoEncoder} instances; list implementations in
 * {@code META-INF/services/io.vnft.api.VideoEncoderProvider}. See {@link VnftProvider} for the rules.
 */
public interface VideoEncoderProvider extends VnftProvider<VideoEncoder> {}
