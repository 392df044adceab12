package io.vnft.api;

/**
 * A CIDv1 content identifier in its base32 text form ({@code b...}). Placeholder shape; the
 * computing version is written by the content work.
 *
 * @param value the CID text
 */
public record ContentId(String value) {
  /** @throws InvalidInputException if not a base32 CIDv1 string */
  public ContentId {
    if (value == null || value.length() < 8 || value.length() > 128 || value.charAt(0) != 'b'
        || !value.substring(1).matches("[a-z2-7]+")) {
      throw new InvalidInputException("cid: must be a base32 CIDv1 ('b' + [a-z2-7]), got '" + value + "'");
    }
  }

  /**
   * @param text the CID text
   * @return the parsed CID
   */
  public static ContentId parse(String text) {
    return new ContentId(text);
  }

  @Override
  public String toString() {
    return value;
  }
}
