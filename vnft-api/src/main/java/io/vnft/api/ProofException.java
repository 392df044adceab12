package io.vnft.api;

/**
 * Proving failed, or a proof, key or circuit file is malformed. A well-formed proof that simply
 * does not verify is not an exception: {@code verify} returns {@code false} for it.
 */
public class ProofException extends VnftException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed */
  public ProofException(String message) {
    super(message);
  }

  /**
   * @param message what failed
   * @param cause the failure underneath
   */
  public ProofException(String message, Throwable cause) {
    super(message, cause);
  }
}
