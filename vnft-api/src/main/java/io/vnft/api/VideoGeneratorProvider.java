package io.vnft.api;

/**
 * Service-provider interface that creates {@link VideoGenerator} instances; list implementations in
 * {@code META-INF/services/io.vnft.api.VideoGeneratorProvider}. See {@link VnftProvider} for the rules.
 */
public interface VideoGeneratorProvider extends VnftProvider<VideoGenerator> {}
