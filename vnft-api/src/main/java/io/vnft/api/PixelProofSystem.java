package io.vnft.api;

import java.math.BigInteger;
import java.util.List;

/**
 * Proves and checks pixel statements ({@link PixelStatement}) for circuit-backed models.
 * Calls block (proving takes up to seconds). Implementations are thread-safe.
 */
public interface PixelProofSystem {
  /**
   * @param statement what to prove
   * @param frames the committed frames (needed for the Merkle opening)
   * @return the proof with its public inputs
   * @throws ProofException if the statement is false for these frames, or proving fails
   * @throws InvalidInputException if the model has no circuit here
   */
  ProofEnvelope provePixel(PixelStatement statement, VideoFrames frames);

  /**
   * @param proof a proof made by any party
   * @return true iff the proof verifies against the model's verifying key
   * @throws InvalidInputException if the proof is malformed (points off the curve, public inputs
   *     &gt;= r, wrong input count) — a well-formed wrong proof returns false
   */
  boolean verify(ProofEnvelope proof);

  /**
   * The Groth16 (BN254) verifying key as the 28 constructor words of the build-time on-chain
   * verifier ({@code Groth16PixelVerifier} in vnft-chain), so that a model can be registered with
   * nothing but the jars: no Solidity compiler at run time.
   *
   * <p>Each word is a base-field coordinate as an unsigned integer in {@code [0, p)} (p the BN254
   * base-field modulus, not Montgomery form), in this order; G2 coordinates are elements {@code
   * c0 + c1·u} of Fp2 and come imaginary part ({@code c1}) first, the EIP-197 order that proofs
   * use in {@link ProofEnvelope#proof()}:
   *
   * <ol start="0">
   *   <li>words 0-1: alpha (G1) x, y
   *   <li>words 2-5: beta (G2) x.c1, x.c0, y.c1, y.c0
   *   <li>words 6-9: gamma (G2), same order
   *   <li>words 10-13: delta (G2), same order
   *   <li>words 14-27: IC[0..6] (G1) x, y each; IC[0] belongs to the constant wire, IC[i + 1] to
   *       the i-th public input of {@link PixelStatement#publicInputs(BigInteger)}
   * </ol>
   *
   * <p>A point at infinity is written as zeros. The list is unmodifiable and equal across calls.
   *
   * @return 28 values, each in {@code [0, p)}
   */
  List<BigInteger> verifyingKeyWords();
}
