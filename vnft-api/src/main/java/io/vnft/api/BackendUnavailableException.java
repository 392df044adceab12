package io.vnft.api;

/**
 * A backend cannot be created or used here: no provider found, native code (libtorch, CUDA)
 * failed to load, a device the caller asked for is absent, a node cannot be reached. vnft never
 * silently switches to another backend when the caller asked for a specific one.
 */
public class BackendUnavailableException extends VnftException {
  private static final long serialVersionUID = 1L;

  /** @param message which backend, and why it is unavailable */
  public BackendUnavailableException(String message) {
    super(message);
  }

  /**
   * @param message which backend, and why it is unavailable
   * @param cause the load or connection failure underneath
   */
  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
