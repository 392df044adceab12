package io.vnft.zk.curve.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.Fr;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The batch adders: the Vector API one is found when the JVM has the module (the build's tests run
 * with it), it multiplies and adds exactly as FpOps and the object arithmetic do, a whole MSM gives
 * the same point with either adder, and a JVM without the module (or with {@code
 * -Dvnft.zk.vector=false}) runs the scalar path.
 */
class BatchAdderTest {
  private static final BigInteger P = Fp.MODULUS;

  private static List<BatchAdderProvider> providers() {
    List<BatchAdderProvider> l = new ArrayList<>();
    l.add(BatchAdderProvider.scalar());
    if (BatchAdderProvider.vector() != null) {
      l.add(BatchAdderProvider.vector());
    }
    return l;
  }

  @Test
  void theVectorAdderIsFoundWithTheModuleAndIsTheDefault() {
    if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      return; // a run without the module (an IDE): covered by the child-JVM test below
    }
    BatchAdderProvider v = BatchAdderProvider.vector();
    assertNotNull(v, "jdk.incubator.vector is present, so the vector provider must load (this CPU has AVX2 at least)");
    assertTrue(v.name().startsWith("vector-"), v.name());
    assertSame(v, BatchAdderProvider.best());
  }

  @Test
  void mulAllMatchesFpOpsOnEdgesAndRandomValues() {
    Random rnd = new Random(7);
    int n = 37; // not a multiple of the lane count
    long[] a = new long[4 * n];
    long[] b = new long[4 * n];
    BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P.shiftRight(1),
        BigInteger.ONE.shiftLeft(253), P.subtract(BigInteger.ONE.shiftLeft(51))};
    for (int j = 0; j < n; j++) {
      BigInteger x = j < edge.length * edge.length ? edge[j % edge.length] : new BigInteger(256, rnd).mod(P);
      BigInteger y = j < edge.length * edge.length ? edge[j / edge.length] : new BigInteger(256, rnd).mod(P);
      FpOps.fromBigInteger(x, a, 4 * j);
      FpOps.fromBigInteger(y, b, 4 * j);
    }
    long[] want = new long[4 * n];
    for (int j = 0; j < n; j++) {
      FpOps.mul(a, 4 * j, b, 4 * j, want, 4 * j);
    }
    // raw limbs too: 0, 1 and p - 1 as Montgomery limbs (not just Montgomery forms of them)
    long[] raw = {0, 0, 0, 0, 1, 0, 0, 0, 0x3c208c16d87cfd46L, 0x97816a916871ca8dL, 0xb85045b68181585dL, 0x30644e72e131a029L};
    long[] rawWant = new long[12];
    for (int j = 0; j < 3; j++) {
      FpOps.mul(raw, 4 * j, raw, 4 * ((j + 2) % 3), rawWant, 4 * j);
    }
    long[] rawB = {raw[8], raw[9], raw[10], raw[11], raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7]};
    for (BatchAdderProvider p : providers()) {
      long[] c = new long[4 * n];
      p.g1().mulAll(a, b, c, n);
      assertArrayEquals(want, c, p.name());
      long[] rc = new long[12];
      p.g1().mulAll(raw, rawB, rc, 3);
      assertArrayEquals(rawWant, rc, p.name() + " raw limbs");
    }
  }

  @Test
  void addAllMatchesTheObjectArithmeticInBothLayouts() {
    Random rnd = new Random(8);
    int n = 53;
    G1Point[] a = new G1Point[n];
    G1Point[] q = new G1Point[n];
    boolean[] neg = new boolean[n];
    for (int j = 0; j < n; j++) {
      a[j] = G1Point.GENERATOR.mul(Fr.random(rnd));
      q[j] = G1Point.GENERATOR.mul(Fr.random(rnd));
      neg[j] = rnd.nextBoolean();
    }
    for (BatchAdderProvider p : providers()) {
      // flush layout: accumulators interleaved (x, y) at 8k, points in separate x and y arrays;
      // the accumulators are scattered (reverse order) and a gap slot must stay untouched
      long[] acc = new long[8 * (n + 1)];
      long[] qx = new long[4 * n];
      long[] qy = new long[4 * n];
      int[] accOff = new int[n];
      int[] qOff = new int[n];
      for (int j = 0; j < n; j++) {
        accOff[j] = 8 * (n - j);
        qOff[j] = 4 * j;
        a[j].xFp().copyLimbsTo(acc, accOff[j]);
        a[j].yFp().copyLimbsTo(acc, accOff[j] + 4);
        q[j].xFp().copyLimbsTo(qx, qOff[j]);
        q[j].yFp().copyLimbsTo(qy, qOff[j]);
      }
      acc[3] = 12345; // slot 0 is not in the batch
      p.g1().addAll(acc, accOff, qx, qy, qOff, 0, neg, n);
      for (int j = 0; j < n; j++) {
        G1Point want = a[j].add(neg[j] ? q[j].negate() : q[j]);
        G1Point got = G1Point.of(FpOps.toFp(acc, accOff[j]), FpOps.toFp(acc, accOff[j] + 4));
        assertEquals(want, got, p.name() + " j=" + j);
      }
      assertEquals(12345, acc[3]);
      // lane layout: points interleaved (x, y) in one array, y at +4, no negation
      long[] q2 = new long[8 * n];
      long[] acc2 = new long[8 * n];
      for (int j = 0; j < n; j++) {
        a[j].xFp().copyLimbsTo(acc2, 8 * j);
        a[j].yFp().copyLimbsTo(acc2, 8 * j + 4);
        q[j].xFp().copyLimbsTo(q2, 8 * j);
        q[j].yFp().copyLimbsTo(q2, 8 * j + 4);
        accOff[j] = 8 * j;
        qOff[j] = 8 * j;
      }
      p.g1().addAll(acc2, accOff, q2, q2, qOff, 4, null, n);
      for (int j = 0; j < n; j++) {
        assertEquals(a[j].add(q[j]), G1Point.of(FpOps.toFp(acc2, 8 * j), FpOps.toFp(acc2, 8 * j + 4)), p.name());
      }
    }
  }

  @Test
  void g2AddAllMatchesTheObjectArithmetic() {
    Random rnd = new Random(10);
    int n = 21;
    G2Point[] a = new G2Point[n];
    G2Point[] q = new G2Point[n];
    boolean[] neg = new boolean[n];
    G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
    G2Point cur = G2Point.GENERATOR.mul(Fr.random(rnd));
    for (int j = 0; j < n; j++) {
      a[j] = cur;
      cur = cur.add(step).add(step);
      q[j] = cur.add(step);
      neg[j] = j % 3 == 0;
    }
    for (BatchAdderProvider p : providers()) {
      long[] ax = new long[8 * (n + 1)];
      long[] ay = new long[8 * (n + 1)];
      long[] qx = new long[8 * n];
      long[] qy = new long[8 * n];
      int[] aOff = new int[n];
      int[] qOff = new int[n];
      for (int j = 0; j < n; j++) {
        aOff[j] = 8 * (n - j); // scattered, slot 0 unused
        qOff[j] = 8 * j;
        G2LimbOps.fromFp2(a[j].xFp2(), ax, aOff[j]);
        G2LimbOps.fromFp2(a[j].yFp2(), ay, aOff[j]);
        G2LimbOps.fromFp2(q[j].xFp2(), qx, qOff[j]);
        G2LimbOps.fromFp2(q[j].yFp2(), qy, qOff[j]);
      }
      ay[5] = 777;
      p.g2().addAll(ax, ay, aOff, qx, qy, qOff, neg, n);
      for (int j = 0; j < n; j++) {
        G2Point want = a[j].add(neg[j] ? q[j].negate() : q[j]);
        G2Point got = G2Point.of(
            FpOps.toBigInteger(ax, aOff[j]), FpOps.toBigInteger(ax, aOff[j] + 4),
            FpOps.toBigInteger(ay, aOff[j]), FpOps.toBigInteger(ay, aOff[j] + 4));
        assertEquals(want, got, p.name() + " j=" + j);
        for (int c = 0; c < 8; c += 4) {
          assertTrue(FpOps.isCanonical(ax, aOff[j] + c) && FpOps.isCanonical(ay, aOff[j] + c), "fully reduced limbs");
        }
      }
      assertEquals(777, ay[5]);
    }
  }

  @Test
  void aWholeG2MsmGivesTheSamePointWithEitherAdder() {
    Random rnd = new Random(12);
    int n = 700;
    G2Point[] b = new G2Point[n];
    G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
    G2Point cur = G2Point.GENERATOR.mul(Fr.random(rnd));
    long[] k = new long[4 * n];
    for (int i = 0; i < n; i++) {
      b[i] = cur;
      cur = cur.add(step);
      BigInteger v = Fr.random(rnd).toBigInteger();
      for (int j = 0; j < 4; j++) {
        k[4 * i + j] = v.shiftRight(64 * j).longValue();
      }
    }
    G2Point want = null;
    for (BatchAdderProvider p : providers()) {
      MsmJob job = MsmJob.g2(b, k, 0, n).using(p);
      MsmJob.runAll(2, job);
      if (want == null) {
        want = job.g2Result();
      } else {
        assertEquals(want, job.g2Result(), p.name());
      }
    }
  }

  @Test
  void aWholeMsmGivesTheSamePointWithEitherAdder() {
    Random rnd = new Random(9);
    int n = 3000; // 6000 GLV points: batch-affine windows, segmented reduction
    G1Point[] b = new G1Point[n];
    G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
    G1Point cur = G1Point.GENERATOR.mul(Fr.random(rnd));
    long[] k = new long[4 * n];
    for (int i = 0; i < n; i++) {
      b[i] = cur;
      cur = cur.add(step);
      BigInteger v = i % 50 == 0 ? BigInteger.valueOf(i) : Fr.random(rnd).toBigInteger();
      for (int j = 0; j < 4; j++) {
        k[4 * i + j] = v.shiftRight(64 * j).longValue();
      }
    }
    b[11] = b[10]; // doubling and cancellation inside buckets
    System.arraycopy(k, 40, k, 44, 4);
    b[13] = b[12].negate();
    System.arraycopy(k, 48, k, 52, 4);
    G1Point want = null;
    for (BatchAdderProvider p : providers()) {
      MsmJob job = MsmJob.g1(b, k, 0, n).using(p);
      MsmJob.runAll(2, job);
      if (want == null) {
        want = job.g1Result();
      } else {
        assertEquals(want, job.g1Result(), p.name());
      }
    }
    assertEquals(want, io.vnft.zk.curve.Msm.g1(b, k, n, 1), "default path");
  }

  @Test
  void aJvmWithoutTheModuleOrWithTheSwitchOffUsesTheScalarPath() throws Exception {
    assertEquals("best=scalar", child());
    assertEquals("best=scalar", child("--add-modules", "jdk.incubator.vector", "-Dvnft.zk.vector=false"));
    if (BatchAdderProvider.vector() != null) {
      String best = child("--add-modules", "jdk.incubator.vector");
      assertTrue(best.startsWith("best=vector-"), best); // lane count may differ: the child has default JVM flags
    }
  }

  private static String child(String... jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PrintBestAdder.class.getName());
    Process pr = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, pr.exitValue(), out);
    return out;
  }
}
