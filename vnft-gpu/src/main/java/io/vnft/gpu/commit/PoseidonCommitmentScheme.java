package io.vnft.gpu.commit;

import io.vnft.api.Bytes32;
import io.vnft.api.CommitmentScheme;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFrames;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.Poseidon;
import java.math.BigInteger;

/**
 * The protocol's commitments with vnft-zk's Poseidon: {@code seed = Poseidon(triggerId, roundId,
 * promptHash mod r)} and {@link FramesRoot}. Stateless and thread-safe.
 */
public final class PoseidonCommitmentScheme implements CommitmentScheme {
  /**
   * @throws InvalidInputException if triggerId or roundId is negative or not below r
   */
  @Override
  public Bytes32 seed(BigInteger triggerId, BigInteger roundId, Bytes32 promptHash) {
    if (promptHash == null) {
      throw new InvalidInputException("promptHash: must not be null");
    }
    Fr t = field("triggerId", triggerId);
    Fr r = field("roundId", roundId);
    Fr h = Fr.reduce(promptHash.toBigInteger());
    return Bytes32.of(Poseidon.hash(t, r, h).toBytesBE());
  }

  private static Fr field(String name, BigInteger v) {
    if (v == null || v.signum() < 0 || v.compareTo(Fr.MODULUS) >= 0) {
      throw new InvalidInputException(name + ": must be in [0, r), got " + v);
    }
    return Fr.of(v);
  }

  @Override
  public Bytes32 framesRoot(VideoFrames frames) {
    if (frames == null) {
      throw new InvalidInputException("frames: must not be null");
    }
    return FramesRoot.of(frames);
  }
}
