package io.vnft.benchmarks;

import io.vnft.zk.field.FrOps;
import io.vnft.zk.groth16.internal.Domain;
import io.vnft.zk.groth16.internal.Parallel;
import java.math.BigInteger;
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
 * Radix-2 NTT over the BN254 scalar field (in place, precomputed twiddles, Montgomery limbs), forward
 * transform of 2^16 and 2^18 elements, on {@code threads} threads (default: all processors).
 *
 * <p>Run from the repo root:
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main NttBenchmark -f 1 -wi 3 -i 5
 * </pre>
 * Units: milliseconds per transform.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NttBenchmark {
  /** log2 of the domain size. */
  @Param({"16", "18"})
  public int log;

  /** Worker threads; 0 means all available processors. */
  @Param({"0"})
  public int threads;

  private Domain domain;
  private long[] data;

  /** The domain and fixed-seed random field elements to transform. */
  @Setup
  public void setup() {
    domain = new Domain(log);
    Random rnd = new Random(1);
    data = new long[4 * domain.size()];
    for (int i = 0; i < domain.size(); i++) {
      FrOps.fromBigInteger(new BigInteger(250, rnd), data, 4 * i);
    }
    if (threads <= 0) {
      threads = Parallel.defaultThreads();
    }
  }

  /**
   * One forward NTT (the data stays valid field elements, so repeating is fine).
   *
   * @return the transformed data
   */
  @Benchmark
  public long[] fft() {
    domain.fft(data, threads);
    return data;
  }
}
