package io.vnft.api;

/**
 * Service-provider interface that creates {@link ContentStore} instances; list implementations in
 * {@code META-INF/services/io.vnft.api.ContentStoreProvider}. See {@link VnftProvider} for the rules.
 */
public interface ContentStoreProvider extends VnftProvider<ContentStore> {}
