package io.vnft.api;

import java.math.BigInteger;

/**
 * One mint in a rollup batch: the trigger, the round it fired at, and the commitments to the
 * content. Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param triggerId the trigger, >= 0
 * @param roundId the first crossing round (uint80)
 * @param framesRoot the Poseidon Merkle root of the raw frames (a BN254 scalar, big-endian)
 * @param contentCid CID of the encoded video file
 * @param framesCid CID (raw codec) of the raw RGB8 frames {@code framesRoot} commits to: a challenger
 *     finds the wrong pixel in it, a verifier checks it; the token's metadata is built on chain
 */
public record BatchLeaf(
    BigInteger triggerId, BigInteger roundId, Bytes32 framesRoot, ContentId contentCid, ContentId framesCid) {
  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param triggerId the trigger, >= 0
   * @param roundId the first crossing round (uint80)
   * @param framesRoot the Poseidon Merkle root of the raw frames (a BN254 scalar, big-endian)
   * @param contentCid CID of the encoded video file
   * @param framesCid CID (raw codec) of the raw RGB8 frames {@code framesRoot} commits to: a challenger
   *     finds the wrong pixel in it, a verifier checks it; the token's metadata is built on chain
   */
  public BatchLeaf {
    Checks.nonNegative("triggerId", triggerId);
    Checks.uint("roundId", roundId, 80);
    Checks.notNull("framesRoot", framesRoot);
    Checks.notNull("contentCid", contentCid);
    Checks.notNull("framesCid", framesCid);
  }
}
