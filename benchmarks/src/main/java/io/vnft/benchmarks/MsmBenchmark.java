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
 * Unit: milliseconds per MSM. Setup (building 2^18 random points) takes a few seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class MsmBenchmark {
  @Param({"16"})
  public int logN;

  @Param({"2"})
  public int threads;

  G1Point[] g1;
  G2Point[] g2;
  long[] scalars;
  int n;

  @Setup
  public void setup() {
    n = 1 << logN;
    Random rnd = new Random(7);
    g1 = new G1Point[n];
    G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
    G1Point cur = G1Point.GENERATOR.mul(Fr.random(rnd));
    for (int i = 0; i < n; i++) {
      g1[i] = cur;
      cur = cur.add(step);
    }
    g2 = new G2Point[n];
    G2Point step2 = G2Point.GENERATOR.mul(Fr.random(rnd));
    G2Point cur2 = G2Point.GENERATOR.mul(Fr.random(rnd));
    for (int i = 0; i < n; i++) {
      g2[i] = cur2;
      cur2 = cur2.add(step2);
    }
    scalars = new long[4 * n];
    for (int i = 0; i < n; i++) {
      Fr.random(rnd).copyLimbsTo(scalars, 4 * i);
      FrOps.fromMont(scalars, 4 * i, scalars, 4 * i);
    }
  }

  @Benchmark
  public G1Point g1() {
    return Msm.g1(g1, scalars, n, threads);
  }

  @Benchmark
  public G2Point g2() {
    return Msm.g2(g2, scalars, n, threads);
  }
}
