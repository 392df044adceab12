package io.vnft.api;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * A proof with what it proves, in a form any backend can carry. Immutable and thread-safe.
 *
 * <p>Groth16 proofs are malleable: never use a proof (or its hash) as an identifier.
 *
 * <p>The constructor throws {@link InvalidInputException} naming the field.
 *
 * @param proofSystem e.g. {@code groth16-bn254}
 * @param modelId the model whose circuit was proved
 * @param publicInputs the public inputs in circuit order, each >= 0
 * @param proof the proof bytes; for {@code groth16-bn254}: 8 big-endian 32-byte words
 *     {@code a.x a.y b.x1 b.x0 b.y1 b.y0 c.x c.y} (the EVM calldata order, imaginary parts first)
 */
public record ProofEnvelope(String proofSystem, String modelId, List<BigInteger> publicInputs, byte[] proof) {
  /** Largest accepted proof size in bytes. */
  public static final int MAX_PROOF_BYTES = 64 * 1024;
  /** Words of a {@code groth16-bn254} proof in EVM calldata order. */
  public static final int EVM_WORDS = 8;

  /**
   * Validates the components; throws {@link InvalidInputException} naming the field.
   *
   * @param proofSystem e.g. {@code groth16-bn254}
   * @param modelId the model whose circuit was proved
   * @param publicInputs the public inputs in circuit order, each >= 0
   * @param proof the proof bytes; for {@code groth16-bn254}: 8 big-endian 32-byte words
   *     {@code a.x a.y b.x1 b.x0 b.y1 b.y0 c.x c.y} (the EVM calldata order, imaginary parts first)
   */
  public ProofEnvelope {
    Checks.notNull("proofSystem", proofSystem);
    GenerationRequest.requireModelId(modelId);
    Checks.notNull("publicInputs", publicInputs);
    publicInputs = List.copyOf(publicInputs);
    for (int i = 0; i < publicInputs.size(); i++) {
      Checks.nonNegative("publicInputs[" + i + "]", publicInputs.get(i));
    }
    Checks.notNull("proof", proof);
    if (proof.length == 0 || proof.length > MAX_PROOF_BYTES) {
      throw new InvalidInputException("proof: must be 1.." + MAX_PROOF_BYTES + " bytes, got " + proof.length);
    }
    proof = proof.clone();
  }

  /**
   * The encoded proof bytes.
   *
   * @return a fresh copy of the proof bytes
   */
  @Override
  public byte[] proof() {
    return proof.clone();
  }

  /**
   * The one codec of a {@code groth16-bn254} proof: {@value #EVM_WORDS} words, each written as 32
   * big-endian bytes.
   *
   * @param words {@code a.x a.y b.x1 b.x0 b.y1 b.y0 c.x c.y}, each in {@code [0, 2^256)}
   * @return the 256 proof bytes
   * @throws InvalidInputException if there are not 8 words or one is out of range
   */
  public static byte[] evmProof(List<BigInteger> words) {
    Checks.notNull("words", words);
    if (words.size() != EVM_WORDS) {
      throw new InvalidInputException("words: a groth16-bn254 proof has " + EVM_WORDS + " words, got " + words.size());
    }
    byte[] out = new byte[32 * EVM_WORDS];
    for (int i = 0; i < EVM_WORDS; i++) {
      Checks.uint("words[" + i + "]", words.get(i), 256);
      byte[] b = words.get(i).toByteArray();
      int n = Math.min(b.length, 32);
      System.arraycopy(b, b.length - n, out, 32 * i + 32 - n, n);
    }
    return out;
  }

  /**
   * @return the proof's {@value #EVM_WORDS} words ({@link #evmProof} read back)
   * @throws InvalidInputException if the proof is not {@code 32 * }{@value #EVM_WORDS} bytes
   */
  public List<BigInteger> evmWords() {
    if (proof.length != 32 * EVM_WORDS) {
      throw new InvalidInputException("proof: a groth16-bn254 proof is " + 32 * EVM_WORDS
          + " bytes (8 uint256 words, EVM order), got " + proof.length);
    }
    BigInteger[] w = new BigInteger[EVM_WORDS];
    for (int i = 0; i < EVM_WORDS; i++) {
      w[i] = new BigInteger(1, Arrays.copyOfRange(proof, 32 * i, 32 * i + 32));
    }
    return List.of(w);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProofEnvelope p && proofSystem.equals(p.proofSystem) && modelId.equals(p.modelId)
        && publicInputs.equals(p.publicInputs) && Arrays.equals(proof, p.proof);
  }

  @Override
  public int hashCode() {
    return ((proofSystem.hashCode() * 31 + modelId.hashCode()) * 31 + publicInputs.hashCode()) * 31
        + Arrays.hashCode(proof);
  }

  @Override
  public String toString() {
    return "ProofEnvelope[" + proofSystem + ", " + modelId + ", inputs=" + publicInputs + ", "
        + proof.length + " bytes]";
  }
}
