package io.vnft.api;

import java.math.BigInteger;

/**
 * The protocol's two commitments: the token seed and the frames root. Both are BN254 scalar
 * field elements (Poseidon outputs) in big-endian {@link Bytes32} form. Stateless and
 * thread-safe.
 */
public interface CommitmentScheme {
  /**
   * @param triggerId the trigger
   * @param roundId the firing round
   * @param promptHash keccak256 of the prompt
   * @return {@code Poseidon(triggerId, roundId, promptHash mod r)}
   */
  Bytes32 seed(BigInteger triggerId, BigInteger roundId, Bytes32 promptHash);

  /**
   * @param frames the raw video
   * @return the Poseidon Merkle root over the packed RGB pixels
   */
  Bytes32 framesRoot(VideoFrames frames);
}
