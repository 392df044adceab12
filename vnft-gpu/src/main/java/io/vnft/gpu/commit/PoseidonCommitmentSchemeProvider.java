package io.vnft.gpu.commit;

import io.vnft.api.CommitmentScheme;
import io.vnft.api.CommitmentSchemeProvider;

/** ServiceLoader provider {@code poseidon} of {@link PoseidonCommitmentScheme}. Thread-safe. */
public final class PoseidonCommitmentSchemeProvider implements CommitmentSchemeProvider {
  @Override
  public String name() {
    return "poseidon";
  }

  @Override
  public CommitmentScheme create() {
    return new PoseidonCommitmentScheme();
  }
}
