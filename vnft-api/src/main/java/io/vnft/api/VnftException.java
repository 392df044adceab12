package io.vnft.api;

/**
 * Root of every exception vnft throws. Unchecked: callers catch the subclasses they can act on
 * ({@link InvalidInputException}, {@link BackendUnavailableException}, {@link ChainException},
 * {@link ProofException}, {@link GenerationException}, {@link ContentStoreException},
 * {@link PipelineException}) and let the rest propagate.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public class VnftException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what went wrong, naming the field, limit or part involved */
  public VnftException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, naming the field, limit or part involved
   * @param cause the underlying failure, kept for diagnosis
   */
  public VnftException(String message, Throwable cause) {
    super(message, cause);
  }
}
