package io.vnft.zk.poseidon;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.util.List;

/**
 * A Merkle opening in a {@link PoseidonMerkleTree}: the leaf at {@code index} and its siblings from
 * the leaf level up (sibling {@code 0} is the leaf's neighbour). At level {@code i}, bit {@code i}
 * of {@code index} tells the side: {@code 0} means the running node is the left child,
 * {@code node = Poseidon(node, sibling)}; {@code 1} means {@code node = Poseidon(sibling, node)}.
 *
 * <p>Immutable and thread-safe; the sibling list is copied.
 *
 * <p>The constructor throws {@link InvalidInputException} if a value is null, the depth exceeds 30,
 * or the index does not fit the depth.
 *
 * @param index the leaf index, {@code 0 <= index < 2^siblings.size()}
 * @param leaf the leaf value
 * @param siblings the sibling hashes, leaf level first (the depth of the tree, at most 30)
 */
public record MerkleOpening(int index, Fr leaf, List<Fr> siblings) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a value is null, the depth exceeds
   * 30, or the index does not fit the depth.
   *
   * @param index the leaf index, {@code 0 <= index < 2^siblings.size()}
   * @param leaf the leaf value
   * @param siblings the sibling hashes, leaf level first (the depth of the tree, at most 30)
   */
  public MerkleOpening {
    if (leaf == null || siblings == null) {
      throw new InvalidInputException("MerkleOpening: leaf and siblings must not be null");
    }
    if (siblings.size() > PoseidonMerkleTree.MAX_DEPTH) {
      throw new InvalidInputException(
          "MerkleOpening.siblings: depth " + siblings.size() + " exceeds " + PoseidonMerkleTree.MAX_DEPTH);
    }
    if (index < 0 || (long) index >= (1L << siblings.size())) {
      throw new InvalidInputException(
          "MerkleOpening.index " + index + " out of range [0, 2^" + siblings.size() + ")");
    }
    for (int i = 0; i < siblings.size(); i++) {
      if (siblings.get(i) == null) {
        throw new InvalidInputException("MerkleOpening.siblings[" + i + "] is null");
      }
    }
    siblings = List.copyOf(siblings);
  }

  /** @return the root this opening leads to */
  public Fr computeRoot() {
    Fr node = leaf;
    for (int i = 0; i < siblings.size(); i++) {
      Fr s = siblings.get(i);
      node = ((index >>> i) & 1) == 0 ? Poseidon.hash(node, s) : Poseidon.hash(s, node);
    }
    return node;
  }

  /**
   * @param root the expected root
   * @return whether this opening leads to {@code root}
   */
  public boolean verify(Fr root) {
    return root != null && computeRoot().equals(root);
  }
}
