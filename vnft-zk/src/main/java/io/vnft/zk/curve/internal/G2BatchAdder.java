package io.vnft.zk.curve.internal;

/**
 * Internal, not for users (may change without notice): the G2 counterpart of {@link
 * G1BatchAdder}, the hot loop of {@link MsmG2Affine}. Coordinates are Fp2 elements, 8 longs each
 * (c0 then c1, FpOps Montgomery limbs, fully reduced), as in {@link G2LimbOps}. Both
 * implementations write the same bytes. Not thread-safe: one instance per window task; get one
 * from {@link BatchAdderProvider#g2()}.
 */
public interface G2BatchAdder {
  /**
   * For each {@code j < cnt}: A_j = (ax[aOff[j]..+7], ay[aOff[j]..+7]) becomes A_j + Q_j with
   * Q_j = (qx[qOff[j]..+7], qy[qOff[j]..+7]), negated when {@code qNeg != null && qNeg[j]}. The
   * caller guarantees x(A_j) != x(Q_j) and distinct A_j slots; Q_j are only read.
   *
   * @param ax the x coordinates of the accumulators A_j (Fp2, 8 longs); updated in place
   * @param ay the y coordinates of the A_j; updated in place
   * @param aOff per j, the offset of A_j in ax and ay
   * @param qx the x coordinates of the Q_j
   * @param qy the y coordinates of the Q_j
   * @param qOff per j, the offset of Q_j in qx and qy
   * @param qNeg per j, whether to add -Q_j; null for none
   * @param cnt number of additions
   */
  void addAll(long[] ax, long[] ay, int[] aOff, long[] qx, long[] qy, int[] qOff, boolean[] qNeg, int cnt);
}
