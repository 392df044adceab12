package io.vnft.benchmarks;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.curve.Msm;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Multi-scalar multiplication (Pippenger) in G1 and G2 with random full-size scalars, as the
 * Groth16 prover uses it. {@code logN} is log2 of the number of points, {@code threads} the worker
 * threads given to the MSM.
 *
 * <p>Run from the repo root (G1 at 2^16 and 2^18, G2 at 2^16):
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -Xmx4g -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main 'MsmBenchmark.g1' -p logN=16,18 -f 1 -wi 2 -i 3
 *   java -Xmx4g -cp ... org.openjdk.jmh.Main 'MsmBenchmark.g2' -p logN=16 -f 1 -wi 1 -i 2
 * </pre>
 * Unit: milliseconds per MSM. Setup (building 2^18 random points) takes a few seconds. The fork runs
 * with {@code --add-modules jdk.incubator.vector}, so the MSMs use the Vector API batch adders where
 * the CPU has the width (add {@code -jvmArgsAppend -Dvnft.zk.vector=false} for the scalar path); the
 * JVM prints one "Using incubator modules" warning.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class MsmBenchmark {
  /** Random scalars (standard-form limbs) shared by both groups. */
  @State(Scope.Benchmark)
  public static class Scalars {
    /** log2 of the number of terms. */
    @Param({"16"})
    public int logN;

    /** Worker threads. */
    @Param({"2"})
    public int threads;

    long[] limbs;
    int n;

    /** 2^logN random full-size scalars, standard-form limbs, fixed seed. */
    @Setup
    public void setup() {
      n = 1 << logN;
      Random rnd = new Random(7);
      limbs = new long[4 * n];
      for (int i = 0; i < n; i++) {
        Fr.random(rnd).copyLimbsTo(limbs, 4 * i);
        FrOps.fromMont(limbs, 4 * i, limbs, 4 * i);
      }
    }
  }

  /** 2^logN distinct G1 points. */
  @State(Scope.Benchmark)
  public static class G1Bases {
    G1Point[] points;

    /**
     * Distinct G1 bases (an arithmetic progression from a random point), one per scalar.
     *
     * @param s the scalars, for their count
     */
    @Setup
    public void setup(Scalars s) {
      Random rnd = new Random(8);
      points = new G1Point[s.n];
      G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
      G1Point cur = G1Point.GENERATOR.mul(Fr.random(rnd));
      for (int i = 0; i < s.n; i++) {
        points[i] = cur;
        cur = cur.add(step);
      }
    }
  }

  /** 2^logN distinct G2 points. */
  @State(Scope.Benchmark)
  public static class G2Bases {
    G2Point[] points;

    /**
     * Distinct G2 bases (an arithmetic progression from a random point), one per scalar.
     *
     * @param s the scalars, for their count
     */
    @Setup
    public void setup(Scalars s) {
      Random rnd = new Random(9);
      points = new G2Point[s.n];
      G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
      G2Point cur = G2Point.GENERATOR.mul(Fr.random(rnd));
      for (int i = 0; i < s.n; i++) {
        points[i] = cur;
        cur = cur.add(step);
      }
    }
  }

  /**
   * Rough probe without JMH: minimum per-thread CPU time (ThreadMXBean, robust on a loaded machine)
   * of single-threaded MSMs with random full-size scalars. Args: logN (default 16), G1 rounds
   * (default 5), G2 rounds (default 3).
   * <pre>
   *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
   *       io.vnft.benchmarks.MsmBenchmark 16
   * </pre>
   *
   * @param args optional: logN, G1 rounds, then further counts as the method comment lists
   */
  public static void main(String[] args) {
    int logN = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int r1 = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int r2 = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Scalars s = new Scalars();
    s.logN = logN;
    s.threads = 1;
    s.setup();
    G1Bases g1 = new G1Bases();
    g1.setup(s);
    System.out.printf("MSM G1 2^%d, 1 thread %8.1f ms (CPU)%n", logN,
        minCpuMs(r1, () -> Msm.g1(g1.points, s.limbs, s.n, 1)));
    if (r2 > 0) {
      G2Bases g2 = new G2Bases();
      g2.setup(s);
      System.out.printf("MSM G2 2^%d, 1 thread %8.1f ms (CPU)%n", logN,
          minCpuMs(r2, () -> Msm.g2(g2.points, s.limbs, s.n, 1)));
    }
  }

  private static double minCpuMs(int rounds, Runnable op) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = mx.getCurrentThreadCpuTime();
      op.run();
      best = Math.min(best, (mx.getCurrentThreadCpuTime() - t) / 1e6);
    }
    return best;
  }

  /**
   * One G1 MSM of 2^logN terms.
   *
   * @param s the scalars and thread count
   * @param b the bases
   * @return the sum
   */
  @Benchmark
  public G1Point g1(Scalars s, G1Bases b) {
    return Msm.g1(b.points, s.limbs, s.n, s.threads);
  }

  /**
   * One G2 MSM of 2^logN terms.
   *
   * @param s the scalars and thread count
   * @param b the bases
   * @return the sum
   */
  @Benchmark
  public G2Point g2(Scalars s, G2Bases b) {
    return Msm.g2(b.points, s.limbs, s.n, s.threads);
  }
}
