package io.vnft.benchmarks;

import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.Poseidon;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import io.vnft.zk.poseidon.PoseidonSponge;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Poseidon (circomlib parameters) and what is built on it: one Poseidon(2) hash through the
 * {@code Fr} API and on raw limbs ({@link Poseidon#hash2}), Poseidon(16), the sponge over 64
 * elements, a Merkle tree over 2^12 leaves (parallel levels), and solving the witness of the
 * Poseidon(2) circuit gadget (240 constraints).
 *
 * <p>Run from the repo root:
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main Poseidon -f 1 -wi 3 -i 5
 * </pre>
 * Units: microseconds per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoseidonBenchmark {
  Fr a;
  Fr b;
  Fr[] sixteen;
  Fr[] sixtyFour;
  Fr[] leaves;
  long[] limbs;
  CompiledCircuit gadget;
  Map<String, Fr> gadgetInputs;

  /** Fixed-seed random inputs, a 4096-leaf list and the compiled Poseidon(2) gadget. */
  @Setup
  public void setup() {
    Random rnd = new Random(42);
    a = Fr.random(rnd);
    b = Fr.random(rnd);
    sixteen = new Fr[16];
    for (int i = 0; i < 16; i++) {
      sixteen[i] = Fr.random(rnd);
    }
    sixtyFour = new Fr[64];
    for (int i = 0; i < 64; i++) {
      sixtyFour[i] = Fr.random(rnd);
    }
    leaves = new Fr[1 << 12];
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = Fr.of(i);
    }
    limbs = new long[12];
    a.copyLimbsTo(limbs, 0);
    b.copyLimbsTo(limbs, 4);
    gadget = CircuitCompiler.compile(api -> {
      Var out = api.publicInput("out");
      api.assertEqual(api.poseidon(api.secretInput("a"), api.secretInput("b")), out);
    });
    gadgetInputs = Map.of("a", a, "b", b, "out", Poseidon.hash(a, b));
  }

  /**
   * Poseidon(2) through the immutable Fr API.
   *
   * @return the hash
   */
  @Benchmark
  public Fr poseidon2() {
    return Poseidon.hash(a, b);
  }

  /**
   * Poseidon(2) on Montgomery limbs (the Merkle-tree path).
   *
   * @return a limb of the hash (returned so JMH keeps the work)
   */
  @Benchmark
  public long poseidon2Limbs() {
    Poseidon.hash2(limbs, 0, limbs, 4, limbs, 8);
    return limbs[8];
  }

  /**
   * Poseidon(16), the widest circomlib instance.
   *
   * @return the hash
   */
  @Benchmark
  public Fr poseidon16() {
    return Poseidon.hash(sixteen);
  }

  /**
   * The sponge over 64 elements (5 chained Poseidon calls).
   *
   * @return the sponge over 64 elements (5 chained Poseidon calls)
   */
  @Benchmark
  public Fr sponge64() {
    return PoseidonSponge.hash(sixtyFour);
  }

  /**
   * Merkle tree over 4096 leaves: 4095 Poseidon(2) hashes, levels in parallel.
   *
   * @return the root
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Fr merkleTree4096() {
    return PoseidonMerkleTree.build(leaves).root();
  }

  /**
   * Witness solving (and checking) for the Poseidon(2) gadget.
   *
   * @return the solved witness
   */
  @Benchmark
  public Witness solvePoseidon2Gadget() {
    return gadget.solve(gadgetInputs);
  }
}
