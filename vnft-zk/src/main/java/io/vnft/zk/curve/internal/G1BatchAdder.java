package io.vnft.zk.curve.internal;

/**
 * Internal, not for users (may change without notice): the arithmetic of one batch of affine
 * G1 additions with distinct x, the hot loop of {@link MsmG1Affine} (bucket fills and the
 * segmented bucket sum). Implementations: {@link ScalarG1BatchAdder} (FpOps, always there) and a
 * Vector API one in {@code io.vnft.zk.curve.internal.vector} (present only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} on a CPU with wide enough vectors); both write the
 * same bytes, since every output is a fully reduced field element of the same point.
 * Not thread-safe: an instance holds scratch space and belongs to one window task; get one from
 * {@link BatchAdderProvider#g1()}.
 */
public interface G1BatchAdder {
  /**
   * For each {@code j < cnt}: the affine point A_j at {@code acc[accOff[j]..+3]} (x) and
   * {@code acc[accOff[j]+4..+7]} (y) becomes A_j + Q_j, where Q_j has x at {@code qx[qOff[j]..+3]}
   * and y at {@code qy[qOff[j] + qyShift..+3]}, negated when {@code qNeg != null && qNeg[j]}. All
   * coordinates are Montgomery limbs as in {@link io.vnft.zk.field.FpOps}, fully reduced. The
   * caller guarantees x(A_j) != x(Q_j) (no doubling, no cancellation) and that the A_j are
   * distinct slots; Q_j are only read.
   *
   * @param acc the accumulator points A_j, Montgomery limbs; updated in place
   * @param accOff per j, the offset of A_j in acc
   * @param qx the x coordinates of the Q_j
   * @param qy the y coordinates of the Q_j
   * @param qOff per j, the offset of Q_j's x in qx
   * @param qyShift added to qOff[j] to find Q_j's y in qy
   * @param qNeg per j, whether to add -Q_j; null for none
   * @param cnt number of additions
   */
  void addAll(long[] acc, int[] accOff, long[] qx, long[] qy, int[] qOff, int qyShift, boolean[] qNeg, int cnt);

  /**
   * c[4j..4j+3] = a[4j..] * b[4j..] (Montgomery, fully reduced) for j &lt; n: the field product
   * of this implementation with its layout conversions, for tests and benchmarks.
   *
   * @param a first factors, n elements of four Montgomery limbs
   * @param b second factors, n elements
   * @param c receives the n products
   * @param n number of products
   */
  void mulAll(long[] a, long[] b, long[] c, int n);
}
