package io.vnft.api;

/**
 * An item that went through seed, generation, commitment and storage, ready to be batched.
 * Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} if a field is null.
 *
 * @param firing the trigger and its round
 * @param seed the derived seed
 * @param leaf the batch leaf (frames root and CIDs)
 */
public record PreparedMint(Firing firing, Bytes32 seed, BatchLeaf leaf) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a field is null.
   *
   * @param firing the trigger and its round
   * @param seed the derived seed
   * @param leaf the batch leaf (frames root and CIDs)
   */
  public PreparedMint {
    Checks.notNull("firing", firing);
    Checks.notNull("seed", seed);
    Checks.notNull("leaf", leaf);
  }
}
