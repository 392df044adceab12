package io.vnft.api;

/**
 * Service-provider interface that creates {@link ChainBackend} instances; list implementations in
 * {@code META-INF/services/io.vnft.api.ChainBackendProvider}. See {@link VnftProvider} for the rules.
 */
public interface ChainBackendProvider extends VnftProvider<ChainBackend> {}
