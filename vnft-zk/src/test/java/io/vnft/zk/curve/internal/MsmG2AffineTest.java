package io.vnft.zk.curve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fr;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One G2 batch-affine window ({@link MsmG2Affine#windowSum}) with digits chosen by the test,
 * against sum_i d_i P_i with the object-based arithmetic: segmented and Jacobian bucket reductions.
 * Each case also runs with the Vector API adder where the JVM has it, which must give the same point.
 */
class MsmG2AffineTest {
  /** The window sum with the scalar adder, checked equal to the Vector API adder's where that runs. */
  private static G2Point run(G2Point[] p, int[] d, int nb) {
    G2Point scalar = run(p, d, nb, BatchAdderProvider.scalar());
    BatchAdderProvider vector = BatchAdderProvider.vector();
    if (vector != null) {
      assertEquals(scalar, run(p, d, nb, vector), "vector adder vs scalar, nb=" + nb);
    }
    return scalar;
  }

  private static G2Point run(G2Point[] p, int[] d, int nb, BatchAdderProvider adders) {
    int n = p.length;
    long[] bx = new long[8 * n];
    long[] by = new long[8 * n];
    for (int i = 0; i < n; i++) {
      G2LimbOps.fromFp2(p[i].xFp2(), bx, 8 * i);
      G2LimbOps.fromFp2(p[i].yFp2(), by, 8 * i);
    }
    long[] out = new long[24];
    G2LimbOps ops = new G2LimbOps();
    new MsmG2Affine(bx, by, nb, adders).windowSum(d, 1, 0, new boolean[n], n, out, 0, ops);
    return ops.toAffine(out, 0);
  }

  private static G2Point naive(G2Point[] p, int[] d) {
    G2Point acc = G2Point.INFINITY;
    for (int i = 0; i < p.length; i++) {
      acc = acc.add(p[i].mul(Fr.of(d[i])));
    }
    return acc;
  }

  @Test
  void chosenDigitsMatchTheNaiveSum() {
    Random rnd = new Random(60);
    G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
    for (int nb : new int[] {40, 300}) {
      int n = 2 * nb;
      G2Point[] p = new G2Point[n];
      int[] d = new int[n];
      G2Point cur = G2Point.GENERATOR.mul(Fr.random(rnd));
      for (int i = 0; i < n; i++) {
        p[i] = cur;
        cur = cur.add(step);
        int v = 1 + rnd.nextInt(nb);
        d[i] = rnd.nextBoolean() ? v : -v;
      }
      p[7] = p[6];
      d[7] = d[6];
      p[9] = p[8].negate();
      d[9] = d[8];
      // the last 10 points share one bucket: settled by the extra queue rounds and a side bucket
      for (int i = n - 10; i < n; i++) {
        d[i] = 5;
      }
      assertEquals(naive(p, d), run(p, d, nb), "nb=" + nb);
    }
    // one +-G per bucket: running sums double (G + G) and cancel (G + (-G)) inside segments
    int nb = 300;
    G2Point[] p = new G2Point[nb - 40]; // digits k <= nb: 260 used of 1..~282
    int[] d = new int[p.length];
    int j = 0;
    for (int k = 1; j < p.length; k++) {
      if (k % 13 == 5) {
        continue;
      }
      p[j] = (k / 3) % 2 == 1 ? G2Point.GENERATOR.negate() : G2Point.GENERATOR;
      d[j++] = k;
    }
    assertEquals(naive(p, d), run(p, d, nb), "+-G");
  }
}
