package io.vnft.api;

/**
 * Service-provider interface that creates {@link CommitmentScheme} instances; list implementations in
 * {@code META-INF/services/io.vnft.api.CommitmentSchemeProvider}. See {@link VnftProvider} for the rules.
 */
public interface CommitmentSchemeProvider extends VnftProvider<CommitmentScheme> {}
