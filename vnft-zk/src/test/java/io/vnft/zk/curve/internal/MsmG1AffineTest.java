package io.vnft.zk.curve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.field.Fr;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One batch-affine window ({@link MsmG1Affine#windowSum}) with digits chosen by the test, against
 * sum_i d_i P_i computed with the object-based point arithmetic. Covers both bucket reductions:
 * the segmented batch-affine one (nb >= {@link AffineBuckets#SEGMENTED_MIN}, few side buckets) and
 * the Jacobian running sum (small nb, or many side buckets). Every case runs with the scalar adder
 * and, where the JVM has the Vector API (the build's tests do), with the vector adder too, which
 * must give the same point.
 */
class MsmG1AffineTest {
  /** The window sum with the scalar adder, checked equal to the Vector API adder's where that runs. */
  private static G1Point run(G1Point[] p, int[] d, int nb) {
    G1Point scalar = run(p, d, nb, BatchAdderProvider.scalar());
    BatchAdderProvider vector = BatchAdderProvider.vector();
    if (vector != null) {
      assertEquals(scalar, run(p, d, nb, vector), "vector adder vs scalar, nb=" + nb);
    }
    return scalar;
  }

  private static G1Point run(G1Point[] p, int[] d, int nb, BatchAdderProvider adders) {
    int n = p.length;
    long[] bx = new long[4 * n];
    long[] by = new long[4 * n];
    for (int i = 0; i < n; i++) {
      p[i].xFp().copyLimbsTo(bx, 4 * i);
      p[i].yFp().copyLimbsTo(by, 4 * i);
    }
    long[] out = new long[12];
    new MsmG1Affine(bx, by, nb, adders).windowSum(d, 1, 0, new boolean[n], n, out, 0, new G1LimbOps());
    return G1LimbOps.toAffine(out, 0);
  }

  private static G1Point naive(G1Point[] p, int[] d) {
    G1Point acc = G1Point.INFINITY;
    for (int i = 0; i < p.length; i++) {
      acc = acc.add(p[i].mul(Fr.of(d[i])));
    }
    return acc;
  }

  @Test
  void randomDigitsMatchTheNaiveSum() {
    Random rnd = new Random(50);
    for (int nb : new int[] {40, 300, 1024}) {
      int n = 3 * nb;
      G1Point[] p = new G1Point[n];
      G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
      G1Point cur = G1Point.GENERATOR.mul(Fr.random(rnd));
      int[] d = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = cur;
        cur = cur.add(step);
        int v = 1 + rnd.nextInt(nb);
        d[i] = rnd.nextBoolean() ? v : -v;
      }
      p[7] = p[6]; // same point, same digit: doubling inside a bucket
      d[7] = d[6];
      p[9] = p[8].negate(); // P and -P with the same digit cancel
      d[9] = d[8];
      assertEquals(naive(p, d), run(p, d, nb), "nb=" + nb);
    }
  }

  @Test
  void segmentedReductionDoublesAndCancelsInsideSegments() {
    // one point per bucket k, all +-G: the running sums of a segment meet equal points
    // (G + G: doubling) and opposite ones (G + (-G): the lane empties), empty buckets skip
    int nb = 512;
    G1Point g = G1Point.GENERATOR;
    G1Point[] p = new G1Point[nb - 40];
    int[] d = new int[p.length];
    int j = 0;
    for (int k = 1; k <= nb && j < p.length; k++) {
      if (k % 13 == 5) {
        continue; // some empty buckets
      }
      boolean neg = (k / 3) % 2 == 1;
      p[j] = neg ? g.negate() : g;
      d[j] = k;
      j++;
    }
    assertEquals(naive(p, d), run(p, d, nb));
    // the same with every point +G (running sums double at their second step)
    for (int i = 0; i < p.length; i++) {
      p[i] = g;
    }
    assertEquals(naive(p, d), run(p, d, nb));
  }

  @Test
  void manyCollisionsUseSideBucketsAndStillMatch() {
    // 600 points in 3 of 400 buckets: most additions collide, so side buckets fill up
    // (Jacobian reduction); then 10 points on one bucket at the end of the window: the extra queue
    // rounds settle one per round, the rest go to a side bucket (segmented reduction, weighted)
    Random rnd = new Random(51);
    int nb = 400;
    for (int n : new int[] {600, 300}) {
      G1Point[] p = new G1Point[n];
      int[] d = new int[n];
      G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
      G1Point cur = G1Point.GENERATOR.mul(Fr.random(rnd));
      for (int i = 0; i < n; i++) {
        p[i] = cur;
        cur = cur.add(step);
        d[i] = n == 600 ? 1 + (i % 3) * 150 : (i < 290 ? 1 + i : 5);
      }
      assertEquals(naive(p, d), run(p, d, nb), "n=" + n);
    }
  }
}
