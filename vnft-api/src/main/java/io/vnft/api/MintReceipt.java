package io.vnft.api;

import java.math.BigInteger;

/**
 * A token minted by finalizing a batch. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param tokenId the ERC-721 token id
 * @param owner the recipient
 * @param triggerId the trigger that produced it
 * @param txHash the finalizing transaction
 */
public record MintReceipt(BigInteger tokenId, Address owner, BigInteger triggerId, String txHash) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param tokenId the ERC-721 token id
   * @param owner the recipient
   * @param triggerId the trigger that produced it
   * @param txHash the finalizing transaction
   */
  public MintReceipt {
    Checks.nonNegative("tokenId", tokenId);
    Checks.notNull("owner", owner);
    Checks.nonNegative("triggerId", triggerId);
    Checks.txHash(txHash);
  }
}
