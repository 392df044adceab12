package io.vnft.api;

/**
 * Input refused at a boundary: a value out of its documented range, a malformed address, hash
 * or file, a non-canonical field element. The message names the field and the limit. Nothing
 * has been changed when this is thrown.
 */
public class InvalidInputException extends VnftException {
  private static final long serialVersionUID = 1L;

  /** @param message names the offending field and the limit it broke */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * @param message names the offending field and the limit it broke
   * @param cause the parse or decode failure underneath
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
