package io.vnft.zk.poseidon;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.util.List;

/**
 * The Poseidon hash over the BN254 scalar field exactly as circomlib 2.0.5 ({@code Poseidon(n)})
 * and circomlibjs 0.1.7 ({@code buildPoseidon()}) compute it: state width {@code t = n + 1}, initial
 * state {@code [0, x_1, ..., x_n]}, the permutation described in {@link PoseidonParameters}, output
 * lane 0. For more than 16 inputs use {@link PoseidonSponge}.
 *
 * <p>Hashing uses the optimized, equivalent form of the permutation (circomlib's
 * {@code poseidon.circom} and circomlibjs' {@code poseidon_opt.js}: sparse partial rounds) on
 * Montgomery limbs, allocating only one scratch array per call.
 *
 * <p>Stateless and thread-safe.
 */
public final class Poseidon {
  /** Largest number of inputs of one Poseidon call. */
  public static final int MAX_INPUTS = 16;

  private Poseidon() {}

  /**
   * Hashes 1 to 16 field elements.
   *
   * @param inputs the field elements, none null
   * @return {@code Poseidon(inputs)}
   * @throws InvalidInputException if there are 0 or more than 16 inputs, or one is null
   */
  public static Fr hash(Fr... inputs) {
    if (inputs == null || inputs.length < 1 || inputs.length > MAX_INPUTS) {
      throw new InvalidInputException(
          "Poseidon inputs: expected 1 to " + MAX_INPUTS + " elements, got " + (inputs == null ? "null" : inputs.length));
    }
    int t = inputs.length + 1;
    PoseidonOptimized opt = PoseidonOptimized.forWidth(t);
    long[] state = new long[opt.scratchLimbs()];
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null) {
        throw new InvalidInputException("Poseidon inputs[" + i + "] is null");
      }
      inputs[i].copyLimbsTo(state, L * (i + 1));
    }
    opt.permute(state);
    return FrOps.toFr(state, 0);
  }

  /**
   * Poseidon(2), the Merkle node hash, on Montgomery limbs: {@code out = Poseidon(a, b)}. Allocates
   * only its scratch state.
   *
   * @param a limbs of the left input at {@code a[ao..ao+3]}
   * @param ao offset of a
   * @param b limbs of the right input
   * @param bo offset of b
   * @param out destination (may alias the inputs)
   * @param oo offset of out
   */
  public static void hash2(long[] a, int ao, long[] b, int bo, long[] out, int oo) {
    hash2(a, ao, b, bo, out, oo, new long[HASH2_SCRATCH_LIMBS]);
  }

  /** Length of the scratch array {@link #hash2(long[], int, long[], int, long[], int, long[])} needs. */
  public static final int HASH2_SCRATCH_LIMBS = (2 * 3 + 1) * FrOps.LIMBS;

  /**
   * Allocation-free Poseidon(2) on Montgomery limbs: {@code out = Poseidon(a, b)}.
   *
   * @param a limbs of the left input at {@code a[ao..ao+3]}
   * @param ao offset of a
   * @param b limbs of the right input
   * @param bo offset of b
   * @param out destination (may alias the inputs)
   * @param oo offset of out
   * @param scratch at least {@link #HASH2_SCRATCH_LIMBS} longs owned by the caller (one per thread)
   */
  public static void hash2(long[] a, int ao, long[] b, int bo, long[] out, int oo, long[] scratch) {
    PoseidonOptimized opt = PoseidonOptimized.forWidth(3);
    long[] state = scratch;
    FrOps.setZero(state, 0);
    FrOps.copy(a, ao, state, L);
    FrOps.copy(b, bo, state, 2 * L);
    opt.permute(state);
    FrOps.copy(state, 0, out, oo);
  }

  /**
   * Hashes 1 to 16 field elements given as a list.
   *
   * @param inputs the field elements, none null
   * @return {@code Poseidon(inputs)}
   * @throws InvalidInputException if there are 0 or more than 16 inputs, or one is null
   */
  public static Fr hash(List<Fr> inputs) {
    if (inputs == null) {
      throw new InvalidInputException("Poseidon inputs: list is null");
    }
    return hash(inputs.toArray(new Fr[0]));
  }

  /**
   * Applies the Poseidon permutation of width {@code state.length} in place.
   *
   * @param state the state, length in {@code [2, 17]}, no null entries
   * @throws InvalidInputException if the width is unsupported
   */
  public static void permute(Fr[] state) {
    int t = state.length;
    PoseidonOptimized opt = PoseidonOptimized.forWidth(t);
    long[] s = new long[opt.scratchLimbs()];
    for (int i = 0; i < t; i++) {
      state[i].copyLimbsTo(s, L * i);
    }
    opt.permute(s);
    for (int i = 0; i < t; i++) {
      state[i] = FrOps.toFr(s, L * i);
    }
  }

  private static final int L = FrOps.LIMBS;

  /**
   * The permutation in its textbook form (round constants, S-boxes, full MDS product every round)
   * on limbs, kept as an independent cross-check of the optimized form used by {@link #hash}.
   * {@code s} ({@link #scratchLimbs} long) holds the state in its first {@code 4t} limbs and uses
   * the rest as scratch; nothing is allocated.
   */
  static void permuteReference(PoseidonParameters p, long[] s) {
    final int t = p.width();
    final long[] c = p.constantLimbs;
    final long[] m = p.mdsLimbs;
    final int tmp = L * t;
    final int prod = 2 * L * t;
    final int rounds = p.totalRounds();
    for (int r = 0; r < rounds; r++) {
      int co = L * r * t;
      for (int i = 0; i < t; i++) {
        FrOps.add(s, L * i, c, co + L * i, s, L * i);
      }
      if (p.isFullRound(r)) {
        for (int i = 0; i < t; i++) {
          pow5(s, L * i, s, tmp);
        }
      } else {
        pow5(s, 0, s, tmp);
      }
      // tmp region <- M * state
      for (int i = 0; i < t; i++) {
        int o = tmp + L * i;
        int mo = L * i * t;
        FrOps.mul(m, mo, s, 0, s, o);
        for (int j = 1; j < t; j++) {
          FrOps.mul(m, mo + L * j, s, L * j, s, prod);
          FrOps.add(s, o, s, prod, s, o);
        }
      }
      System.arraycopy(s, tmp, s, 0, tmp);
    }
  }

  /** x <- x^5 in place at x[xo], using scratch[so..so+3]. */
  private static void pow5(long[] x, int xo, long[] scratch, int so) {
    FrOps.square(x, xo, scratch, so);
    FrOps.square(scratch, so, scratch, so);
    FrOps.mul(x, xo, scratch, so, x, xo);
  }

  /** Limbs of scratch state needed by {@link #permuteReference} for width t. */
  static int scratchLimbs(int t) {
    return (2 * t + 1) * L;
  }
}
