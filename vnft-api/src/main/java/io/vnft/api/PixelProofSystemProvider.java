package io.vnft.api;

/**
 * Service-provider interface that creates {@link PixelProofSystem} instances; list implementations in
 * {@code META-INF/services/io.vnft.api.PixelProofSystemProvider}. See {@link VnftProvider} for the rules.
 */
public interface PixelProofSystemProvider extends VnftProvider<PixelProofSystem> {}
