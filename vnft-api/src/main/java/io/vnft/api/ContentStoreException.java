package io.vnft.api;

/** Storing or fetching content failed, or fetched bytes do not match their CID. */
public class ContentStoreException extends VnftException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, naming the CID or store */
  public ContentStoreException(String message) {
    super(message);
  }

  /**
   * @param message what failed, naming the CID or store
   * @param cause the I/O failure underneath
   */
  public ContentStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
