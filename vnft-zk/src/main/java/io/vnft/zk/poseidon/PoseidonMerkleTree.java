package io.vnft.zk.poseidon;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A binary Merkle tree over BN254 scalar-field leaves with {@code node = Poseidon(left, right)}
 * (circomlib {@code Poseidon(2)}).
 *
 * <p>Shape: the {@code n} leaves are padded with {@link Fr#ZERO} leaves up to the next power of
 * two {@code 2^depth} ({@code depth = ceil(log2 n)}; a single leaf gives depth 0 and the root is
 * that leaf). Leaf {@code i} sits at position {@code i} from the left. Padding leaves are plain
 * zeros (not hashes of zero), so a tree over {@code [a, b, c]} equals the tree over
 * {@code [a, b, c, 0]}: commit to the length separately when it matters.
 *
 * <p>Building computes every level, hashing only the nodes that cover at least one real leaf
 * (an all-padding subtree is the same per-level constant); levels with many nodes are hashed in
 * parallel on the common
 * {@link java.util.concurrent.ForkJoinPool}. Nodes are stored as Montgomery limbs: memory is about
 * {@code 64 * 2^depth} bytes (two levels' worth of 32-byte elements).
 * Instances are immutable and thread-safe.
 */
public final class PoseidonMerkleTree {
  /** Largest supported depth (2^30 leaves). */
  public static final int MAX_DEPTH = 30;

  private static final int PARALLEL_THRESHOLD = 512;

  private static final int L = FrOps.LIMBS;
  /** Nodes hashed per parallel task. */
  private static final int BLOCK = 256;

  /** Montgomery limbs: levels[0] = padded leaves, levels[depth] = {root}; node i at [4i .. 4i+3]. */
  private final long[][] levels;

  private PoseidonMerkleTree(long[][] levels) {
    this.levels = levels;
  }

  /**
   * Builds the tree.
   *
   * @param leaves 1 to 2^30 leaves, none null (the array is copied)
   * @return the tree
   * @throws InvalidInputException if {@code leaves} is null, empty, too large or has a null entry
   */
  public static PoseidonMerkleTree build(Fr[] leaves) {
    if (leaves == null || leaves.length == 0) {
      throw new InvalidInputException("PoseidonMerkleTree leaves: at least one leaf is required");
    }
    if (leaves.length > (1 << MAX_DEPTH)) {
      throw new InvalidInputException(
          "PoseidonMerkleTree leaves: " + leaves.length + " exceeds 2^" + MAX_DEPTH);
    }
    int depth = 0;
    while ((1 << depth) < leaves.length) {
      depth++;
    }
    long[][] levels = new long[depth + 1][];
    long[] level0 = new long[L << depth]; // padding leaves stay zero (Montgomery zero is all-zero limbs)
    for (int i = 0; i < leaves.length; i++) {
      if (leaves[i] == null) {
        throw new InvalidInputException("PoseidonMerkleTree leaves[" + i + "] is null");
      }
      leaves[i].copyLimbsTo(level0, L * i);
    }
    levels[0] = level0;
    // A node whose leaves are all padding equals the same constant at every position of its
    // level: zero[d] = Poseidon(zero[d-1], zero[d-1]), zero[0] = 0. Only the nodes that cover a
    // real leaf are hashed (a video with 9 831 chunks padded to 16 384 hashes 9 836, not 16 383).
    long[] zero = new long[L];
    long[] zeroScratch = new long[Poseidon.HASH2_SCRATCH_LIMBS];
    int real = leaves.length;
    for (int d = 1; d <= depth; d++) {
      long[] below = levels[d - 1];
      int nodes = below.length / L / 2;
      long[] level = new long[L * nodes];
      real = (real + 1) / 2;
      int hashed = real;
      int blocks = (hashed + BLOCK - 1) / BLOCK;
      IntStream range = IntStream.range(0, blocks);
      if (hashed >= PARALLEL_THRESHOLD) {
        range = range.parallel();
      }
      range.forEach(blk -> {
        long[] scratch = new long[Poseidon.HASH2_SCRATCH_LIMBS];
        int end = Math.min(hashed, (blk + 1) * BLOCK);
        for (int i = blk * BLOCK; i < end; i++) {
          Poseidon.hash2(below, 2 * L * i, below, 2 * L * i + L, level, L * i, scratch);
        }
      });
      Poseidon.hash2(zero, 0, zero, 0, zero, 0, zeroScratch);
      for (int i = hashed; i < nodes; i++) {
        System.arraycopy(zero, 0, level, L * i, L);
      }
      levels[d] = level;
    }
    return new PoseidonMerkleTree(levels);
  }

  /**
   * Builds the tree.
   *
   * @param leaves 1 to 2^30 leaves, none null
   * @return the tree
   */
  public static PoseidonMerkleTree build(List<Fr> leaves) {
    if (leaves == null) {
      throw new InvalidInputException("PoseidonMerkleTree leaves: null");
    }
    return build(leaves.toArray(new Fr[0]));
  }

  /** @return the root */
  public Fr root() {
    return FrOps.toFr(levels[levels.length - 1], 0);
  }

  /** @return the depth (number of levels above the leaves) */
  public int depth() {
    return levels.length - 1;
  }

  /** @return the number of leaf positions, {@code 2^depth}, padding included */
  public int capacity() {
    return levels[0].length / L;
  }

  /**
   * @param index leaf position in {@code [0, capacity())}
   * @return the leaf at {@code index} ({@link Fr#ZERO} for padding)
   * @throws InvalidInputException if {@code index} is out of range
   */
  public Fr leaf(int index) {
    checkIndex(index);
    return FrOps.toFr(levels[0], L * index);
  }

  /**
   * The opening of one leaf.
   *
   * @param leafIndex leaf position in {@code [0, capacity())}
   * @return the leaf and its siblings, leaf level first
   * @throws InvalidInputException if {@code leafIndex} is out of range
   */
  public MerkleOpening opening(int leafIndex) {
    checkIndex(leafIndex);
    List<Fr> siblings = new ArrayList<>(depth());
    int idx = leafIndex;
    for (int d = 0; d < depth(); d++) {
      siblings.add(FrOps.toFr(levels[d], L * (idx ^ 1)));
      idx >>>= 1;
    }
    return new MerkleOpening(leafIndex, FrOps.toFr(levels[0], L * leafIndex), siblings);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= capacity()) {
      throw new InvalidInputException(
          "PoseidonMerkleTree leaf index " + index + " out of range [0, " + capacity() + ")");
    }
  }
}
