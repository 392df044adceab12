package io.vnft.benchmarks;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.internal.G1BatchAdder;
import io.vnft.zk.curve.internal.BatchAdderProvider;
import io.vnft.zk.curve.internal.MsmJob;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.Random;

/**
 * Scalar vs Vector API batch adders in one JVM, alternately in every round so both see the same
 * background load: per operation (a field multiplication including the lane conversions, one
 * batched affine addition at the MSM's batch size), a whole G1 MSM of 2^logN points and a G2 MSM
 * of 2^(logN-2) points, on one thread. Minimum per-thread CPU time over the rounds; checks the MSM results are equal. Needs
 * {@code --add-modules jdk.incubator.vector} (else only the scalar column is printed). Not a JMH
 * benchmark and not a test; see {@code benchmarks/vector-adder-compare.sh}.
 *
 * <p>Arguments: log2 of the MSM size (default 16), rounds (default 5). Thread-safety: a
 * command-line tool (single thread).
 */
public final class VectorAdderCompare {
  private VectorAdderCompare() {}

  /**
   * Runs the comparison.
   *
   * @param args {@code [logN [rounds]]}
   */
  public static void main(String[] args) {
    int logN = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    BatchAdderProvider s = BatchAdderProvider.scalar();
    BatchAdderProvider v = BatchAdderProvider.vector();
    System.out.printf("java %s, adders: %s vs %s; best() = %s%n", System.getProperty("java.version"), s.name(),
        v == null ? "(no vector adder: module missing or vectors too narrow)" : v.name(), BatchAdderProvider.best().name());
    BatchAdderProvider[] ps = v == null ? new BatchAdderProvider[] {s} : new BatchAdderProvider[] {s, v};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Random rnd = new Random(11);

    // field multiplication, 2048 independent products per call
    int nm = 2048;
    long[] a = new long[4 * nm];
    long[] b = new long[4 * nm];
    long[] c = new long[4 * nm];
    for (int j = 0; j < nm; j++) {
      FpOps.fromBigInteger(new BigInteger(254, rnd).mod(io.vnft.zk.field.Fp.MODULUS), a, 4 * j);
      FpOps.fromBigInteger(new BigInteger(254, rnd).mod(io.vnft.zk.field.Fp.MODULUS), b, 4 * j);
    }
    double[] mulNs = new double[ps.length];
    java.util.Arrays.fill(mulNs, Double.MAX_VALUE);
    G1BatchAdder[] ad = new G1BatchAdder[ps.length];
    for (int k = 0; k < ps.length; k++) {
      ad[k] = ps[k].g1();
    }
    for (int r = 0; r < 4 * rounds; r++) {
      for (int k = 0; k < ps.length; k++) {
        long t = mx.getCurrentThreadCpuTime();
        for (int rep = 0; rep < 200; rep++) {
          ad[k].mulAll(a, b, c, nm);
        }
        mulNs[k] = Math.min(mulNs[k], (mx.getCurrentThreadCpuTime() - t) / 200.0 / nm);
      }
    }

    // batched affine additions: 2048 accumulators += 2048 points (the flush of a 2^16 MSM window)
    int na = 2048;
    long[] acc0 = new long[8 * na];
    long[] qx = new long[4 * na];
    long[] qy = new long[4 * na];
    int[] accOff = new int[na];
    int[] qOff = new int[na];
    boolean[] neg = new boolean[na];
    G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
    G1Point cur = G1Point.GENERATOR.mul(Fr.random(rnd));
    for (int j = 0; j < na; j++) {
      cur.xFp().copyLimbsTo(acc0, 8 * j);
      cur.yFp().copyLimbsTo(acc0, 8 * j + 4);
      cur = cur.add(step);
      cur.xFp().copyLimbsTo(qx, 4 * j);
      cur.yFp().copyLimbsTo(qy, 4 * j);
      cur = cur.add(step);
      accOff[j] = 8 * ((j * 1237) % na); // scattered buckets
      qOff[j] = 4 * j;
      neg[j] = (j & 1) == 0;
    }
    double[] addNs = new double[ps.length];
    java.util.Arrays.fill(addNs, Double.MAX_VALUE);
    long[] acc = new long[8 * na];
    for (int r = 0; r < 4 * rounds; r++) {
      for (int k = 0; k < ps.length; k++) {
        long total = 0;
        for (int rep = 0; rep < 20; rep++) {
          System.arraycopy(acc0, 0, acc, 0, acc.length); // distinct x guaranteed: fresh inputs every time
          long t = mx.getCurrentThreadCpuTime();
          ad[k].addAll(acc, accOff, qx, qy, qOff, 0, neg, na);
          total += mx.getCurrentThreadCpuTime() - t;
        }
        addNs[k] = Math.min(addNs[k], total / 20.0 / na);
      }
    }

    // whole G1 MSM, one thread
    int n = 1 << logN;
    G1Point[] bases = new G1Point[n];
    long[] limbs = new long[4 * n];
    for (int i = 0; i < n; i++) {
      bases[i] = cur;
      cur = cur.add(step);
      Fr.random(rnd).copyLimbsTo(limbs, 4 * i);
      FrOps.fromMont(limbs, 4 * i, limbs, 4 * i);
    }
    double[] msmMs = new double[ps.length];
    java.util.Arrays.fill(msmMs, Double.MAX_VALUE);
    G1Point[] res = new G1Point[ps.length];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < ps.length; k++) {
        MsmJob job = MsmJob.g1(bases, limbs, 0, n).using(ps[k]);
        long t = mx.getCurrentThreadCpuTime();
        MsmJob.runAll(1, job);
        msmMs[k] = Math.min(msmMs[k], (mx.getCurrentThreadCpuTime() - t) / 1e6);
        res[k] = job.g1Result();
      }
    }
    // whole G2 MSM, one thread, 2^(logN - 2) points (G2 points are slow to make)
    int n2 = 1 << (logN - 2);
    io.vnft.zk.curve.G2Point[] bases2 = new io.vnft.zk.curve.G2Point[n2];
    io.vnft.zk.curve.G2Point step2 = io.vnft.zk.curve.G2Point.GENERATOR.mul(Fr.random(rnd));
    io.vnft.zk.curve.G2Point cur2 = io.vnft.zk.curve.G2Point.GENERATOR.mul(Fr.random(rnd));
    for (int i = 0; i < n2; i++) {
      bases2[i] = cur2;
      cur2 = cur2.add(step2);
    }
    double[] msm2Ms = new double[ps.length];
    java.util.Arrays.fill(msm2Ms, Double.MAX_VALUE);
    io.vnft.zk.curve.G2Point[] res2 = new io.vnft.zk.curve.G2Point[ps.length];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < ps.length; k++) {
        MsmJob job = MsmJob.g2(bases2, limbs, 0, n2).using(ps[k]);
        long t = mx.getCurrentThreadCpuTime();
        MsmJob.runAll(1, job);
        msm2Ms[k] = Math.min(msm2Ms[k], (mx.getCurrentThreadCpuTime() - t) / 1e6);
        res2[k] = job.g2Result();
      }
    }
    System.out.printf("%-34s %12s", "min per-thread CPU over rounds", s.name());
    if (v != null) {
      System.out.printf(" %12s %8s", v.name(), "ratio");
    }
    System.out.println();
    row("Fp mul (incl. lane conversion), ns", mulNs);
    row("batched affine G1 add (2048), ns", addNs);
    row("G1 MSM 2^" + logN + ", 1 thread, ms", msmMs);
    row("G2 MSM 2^" + (logN - 2) + ", 1 thread, ms", msm2Ms);
    if (v != null) {
      System.out.println("MSM results equal: G1 " + res[0].equals(res[1]) + ", G2 " + res2[0].equals(res2[1]));
    }
  }

  private static void row(String name, double[] x) {
    System.out.printf("%-34s %12.1f", name, x[0]);
    if (x.length > 1) {
      System.out.printf(" %12.1f %7.2fx", x[1], x[0] / x[1]);
    }
    System.out.println();
  }
}
