package io.vnft.api;

/**
 * Stores files under their CIDv1 ({@link ContentId}). Calls block. Implementations are
 * thread-safe.
 */
public interface ContentStore {
  /**
   * Stores a file. Storing the same bytes twice is harmless and returns the same CID.
   *
   * @param fileName a name for humans and gateways (not part of the CID), 1..255 characters
   * @param bytes the content
   * @return the CID of {@code bytes} as {@code ipfs add --cid-version 1} computes it
   * @throws ContentStoreException if the store fails; a partial file is never visible under the CID
   */
  ContentId put(String fileName, byte[] bytes);

  /**
   * @param cid the content's CID
   * @return the bytes, checked against the CID
   * @throws ContentStoreException if absent, unreadable or not matching the CID
   */
  byte[] get(ContentId cid);

  /**
   * @param cid the content's CID
   * @return whether the store holds it
   */
  boolean contains(ContentId cid);
}
