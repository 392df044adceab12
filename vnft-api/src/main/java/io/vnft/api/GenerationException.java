package io.vnft.api;

/** Video generation failed (model error, corrupt weights, wrong output shape). */
public class GenerationException extends VnftException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, naming the model */
  public GenerationException(String message) {
    super(message);
  }

  /**
   * @param message what failed, naming the model
   * @param cause the engine failure underneath
   */
  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
