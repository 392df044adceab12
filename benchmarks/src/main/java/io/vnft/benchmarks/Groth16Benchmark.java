package io.vnft.benchmarks;

import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.R1cs;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.Proof;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.groth16.internal.Parallel;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Groth16 prove and setup for a chain of Poseidon(2) hashes written in the Java DSL
 * ({@code hashes} = 270 gives about 2^16 constraints; the constraint count is printed at setup).
 * Prove is measured on a warm JVM with the key in memory; setup as single shots.
 *
 * <p>Run from the repo root:
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main Groth16Benchmark.prove -f 1 -wi 2 -i 5
 *   java -cp ... org.openjdk.jmh.Main Groth16Benchmark.setup -f 1 -wi 1 -i 2
 * </pre>
 * Units: milliseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector"})
public class Groth16Benchmark {
  /** Poseidon(2) hashes in the chain circuit. */
  @Param({"270"})
  public int hashes;

  /** Worker threads; 0 means all available processors. */
  @Param({"0"})
  public int threads;

  private R1cs r1cs;
  private Witness witness;
  private ProvingKey pk;
  private final SecureRandom rnd = new SecureRandom();

  /**
   * The DSL circuit: h_{i+1} = Poseidon(h_i, i), h_N public.
   *
   * @param n the number of hashes in the chain
   * @return the DSL circuit: h_{i+1} = Poseidon(h_i, i), h_N public
   */
  public static CompiledCircuit chain(int n) {
    return CircuitCompiler.compile(api -> {
      Var out = api.publicInput("out");
      Var h = api.secretInput("in");
      for (int i = 0; i < n; i++) {
        h = api.poseidon(h, api.constant(i));
      }
      api.assertEqual(h, out);
    });
  }

  /** Compiles the chain circuit, solves its witness and runs one single-party setup. */
  @Setup(Level.Trial)
  public void setup() {
    if (threads <= 0) {
      threads = Parallel.defaultThreads();
    }
    CompiledCircuit cc = chain(hashes);
    r1cs = cc.r1cs();
    Fr in = Fr.of(1234567);
    Fr h = in;
    for (int i = 0; i < hashes; i++) {
      h = io.vnft.zk.poseidon.Poseidon.hash(h, Fr.of(i));
    }
    witness = cc.solve(Map.of("in", in, "out", h));
    pk = Groth16.setup(r1cs, rnd, threads);
    System.out.println("# constraints: " + r1cs.nConstraints() + ", wires: " + r1cs.nWires()
        + ", domain: " + pk.domainSize());
  }

  /**
   * One proof with the key in memory.
   *
   * @return the proof
   */
  @Benchmark
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 5, time = 5)
  public Proof prove() {
    return Groth16.prove(pk, witness.toArray(), rnd, threads);
  }

  /**
   * One full single-party setup.
   *
   * @return the proving key
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 2)
  public ProvingKey setupKey() {
    return Groth16.setup(r1cs, rnd, threads);
  }
}
