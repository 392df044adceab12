package io.vnft.api;

import java.math.BigInteger;

/**
 * A minted token as the VideoNFT contract records it. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} if a field is missing.
 *
 * @param tokenId the token id, &gt;= 1
 * @param owner its current owner
 * @param recipient the trigger's recipient it was minted to
 * @param leaf the committed leaf it was minted from (trigger, round, frames root, CIDs)
 * @param tokenUri what {@code tokenURI} returns ({@code data:application/json;base64,} + the JSON VideoNFT builds on chain)
 */
public record TokenRecord(BigInteger tokenId, Address owner, Address recipient, BatchLeaf leaf, String tokenUri) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a field is missing.
   *
   * @param tokenId the token id, &gt;= 1
   * @param owner its current owner
   * @param recipient the trigger's recipient it was minted to
   * @param leaf the committed leaf it was minted from (trigger, round, frames root, CIDs)
   * @param tokenUri what {@code tokenURI} returns ({@code ipfs://<metadata CID>})
   */
  public TokenRecord {
    Checks.nonNegative("tokenId", tokenId);
    Checks.notNull("owner", owner);
    Checks.notNull("recipient", recipient);
    Checks.notNull("leaf", leaf);
    Checks.notNull("tokenUri", tokenUri);
  }
}
