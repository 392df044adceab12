package io.vnft.api;

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
}
