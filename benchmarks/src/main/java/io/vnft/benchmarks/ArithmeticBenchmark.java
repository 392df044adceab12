package io.vnft.benchmarks;

import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.curve.Pairing;
import io.vnft.zk.curve.internal.Fp12LimbOps;
import io.vnft.zk.curve.internal.G1LimbOps;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp12;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import io.vnft.zk.curve.Msm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * BN254 arithmetic: Fp/Fr Montgomery multiplication (limb level and immutable objects), G1 mixed
 * and full Jacobian addition, G1 doubling, the pairing's Fp12 steps (product, cyclotomic squaring,
 * product with a prepared Miller line), one full pairing (Miller loop + final exponentiation)
 * and a 2-pair pairing check, plain and with prepared G2 lines (what a Groth16 verifier-style check
 * costs per extra pair); {@link #main} also times a Groth16 verify.
 *
 * <p>Run from the repo root:
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main Arithmetic -f 1 -wi 3 -i 5
 * </pre>
 * Units: nanoseconds per operation for field/curve ops, microseconds for pairings.
 *
 * <p>On a shared, oversubscribed machine JMH's wall-clock scores mostly measure the other
 * processes. {@link #main} is a rougher probe that reports the minimum per-thread CPU time over
 * repeated runs (single-threaded), which the load disturbs much less:
 * <pre>
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       io.vnft.benchmarks.ArithmeticBenchmark [logN [nomsm]]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArithmeticBenchmark {
  long[] fp;
  long[] fr;
  long[] out;
  Fr frA;
  Fr frB;
  Fp fpA;
  Fp fpB;
  G1LimbOps ops;
  long[] jac;
  long[] jac2;
  long[] bx;
  long[] by;
  G1Point p1;
  G2Point q1;
  G1Point[] ps;
  G2Point[] qs;
  Pairing.G2Prepared[] qsPrepared;
  Fp12 miller;
  Fp12LimbOps tower;
  long[] f12;
  long[] g12;
  long[] h12;

  /** Fixed-seed random operands and points, so every run measures the same values. */
  @Setup
  public void setup() {
    Random rnd = new Random(42);
    fp = new long[8];
    fr = new long[8];
    out = new long[4];
    Fp.random(rnd).copyLimbsTo(fp, 0);
    Fp.random(rnd).copyLimbsTo(fp, 4);
    Fr.random(rnd).copyLimbsTo(fr, 0);
    Fr.random(rnd).copyLimbsTo(fr, 4);
    frA = Fr.random(rnd);
    frB = Fr.random(rnd);
    fpA = Fp.random(rnd);
    fpB = Fp.random(rnd);
    ops = new G1LimbOps();
    G1Point a = G1Point.GENERATOR.mul(Fr.random(rnd));
    G1Point b = G1Point.GENERATOR.mul(Fr.random(rnd));
    jac = new long[12];
    jac2 = new long[12];
    bx = new long[4];
    by = new long[4];
    b.xFp().copyLimbsTo(bx, 0);
    b.yFp().copyLimbsTo(by, 0);
    a.xFp().copyLimbsTo(jac, 0);
    a.yFp().copyLimbsTo(jac, 4);
    FpOps.setOne(jac, 8);
    ops.dbl(jac, 0); // make Z != 1
    System.arraycopy(jac, 0, jac2, 0, 12);
    ops.addAffine(jac2, 0, bx, by, 0, false);
    p1 = a;
    q1 = G2Point.GENERATOR.mul(Fr.random(rnd));
    ps = new G1Point[] {a, a.mul(Fr.random(rnd))};
    qs = new G2Point[] {q1, G2Point.GENERATOR};
    miller = Pairing.millerLoop(p1, q1);
    qsPrepared = new Pairing.G2Prepared[] {Pairing.prepare(qs[0]), Pairing.prepare(qs[1])};
    tower = new Fp12LimbOps();
    f12 = new long[Fp12LimbOps.FP12];
    g12 = new long[Fp12LimbOps.FP12];
    h12 = new long[Fp12LimbOps.FP12];
    miller.copyLimbsTo(f12, 0);
    Pairing.pair(p1, q1).copyLimbsTo(g12, 0); // in the cyclotomic subgroup
  }

  /**
   * Fp12 product on limbs (Karatsuba with lazy reduction), the final exponentiation's multiply.
   *
   * @return the product (returned so JMH keeps the work)
   */
  @Benchmark
  public long[] fp12Mul() {
    tower.mul12(f12, 0, g12, 0, h12, 0);
    return h12;
  }

  /**
   * Granger-Scott squaring in the cyclotomic subgroup, the final exponentiation's square.
   *
   * @return the square (returned so JMH keeps the work)
   */
  @Benchmark
  public long[] fp12CyclotomicSquare() {
    tower.cycSq12(g12, 0, h12, 0);
    return h12;
  }

  /**
   * f times a prepared (w^3 coefficient one) Miller line, the per-pair cost of a prepared check.
   *
   * @return the product (returned so JMH keeps the work)
   */
  @Benchmark
  public long[] fp12SparseLine() {
    tower.mulBy034c1(h12, 0, f12, 0, 8);
    return h12;
  }

  /**
   * Fp Montgomery product on limbs, the result fed back as the next operand.
   *
   * @return the limbs (returned so JMH keeps the work)
   */
  @Benchmark
  public long[] fpMulLimbs() {
    FpOps.mul(fp, 0, fp, 4, fp, 0);
    return fp;
  }

  /**
   * Fr Montgomery product on limbs, the result fed back as the next operand.
   *
   * @return the limbs (returned so JMH keeps the work)
   */
  @Benchmark
  public long[] frMulLimbs() {
    FrOps.mul(fr, 0, fr, 4, fr, 0);
    return fr;
  }

  /**
   * Fp modular addition on limbs, the result fed back as the next operand.
   *
   * @return the limbs (returned so JMH keeps the work)
   */
  @Benchmark
  public long[] fpAddLimbs() {
    FpOps.add(fp, 0, fp, 4, fp, 0);
    return fp;
  }

  /**
   * Fr product through the immutable object API (one allocation per call).
   *
   * @return the product
   */
  @Benchmark
  public Fr frMulObject() {
    frA = frA.mul(frB);
    return frA;
  }

  /**
   * Fp product through the immutable object API (one allocation per call).
   *
   * @return the product
   */
  @Benchmark
  public Fp fpMulObject() {
    fpA = fpA.mul(fpB);
    return fpA;
  }

  /**
   * Jacobian += affine (the MSM bucket step). The running point keeps changing.
   *
   * @return the running point's limbs
   */
  @Benchmark
  public long[] g1AddMixed() {
    ops.addAffine(jac, 0, bx, by, 0, false);
    return jac;
  }

  /**
   * Jacobian += Jacobian.
   *
   * @return the running point's limbs
   */
  @Benchmark
  public long[] g1AddJacobian() {
    ops.addJac(jac, 0, jac2, 0);
    return jac;
  }

  /**
   * Jacobian doubling in place (the running point keeps changing).
   *
   * @return the point's limbs
   */
  @Benchmark
  public long[] g1Double() {
    ops.dbl(jac, 0);
    return jac;
  }

  /**
   * One full pairing e(P, Q): Miller loop and final exponentiation.
   *
   * @return the pairing value
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Fp12 pairing() {
    return Pairing.pair(p1, q1);
  }

  /**
   * The Miller loop of one pair, without the final exponentiation.
   *
   * @return the Miller loop value
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Fp12 millerLoop() {
    return Pairing.millerLoop(p1, q1);
  }

  /**
   * The final exponentiation of a fixed Miller loop value.
   *
   * @return the value in GT
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Fp12 finalExponentiation() {
    return Pairing.finalExponentiation(miller);
  }

  /**
   * A two-pair product check with one shared final exponentiation (G2 lines computed on the fly).
   *
   * @return the check's answer
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean pairingCheck2() {
    return Pairing.pairingCheck(ps, qs);
  }

  /**
   * The same check with both G2 points' lines precomputed ({@link Pairing#prepare}).
   *
   * @return the check's answer
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean pairingCheck2Prepared() {
    return Pairing.pairingCheck(ps, qsPrepared);
  }

  /**
   * CPU-time probe (see the class comment). Optional arguments: log2 of the MSM size (16), then
   * {@code nomsm} to stop after the pairing figures and a Groth16 verify (skips the ~40 s MSMs).
   *
   * @param args optional: log2 of the MSM size, then {@code nomsm}
   */
  public static void main(String[] args) {
    int logN = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    boolean msm = !(args.length > 1 && args[1].equals("nomsm"));
    ArithmeticBenchmark b = new ArithmeticBenchmark();
    b.setup();
    System.out.printf("Fp mul (limbs)      %10.1f ns%n", minCpuNs(30, 1_000_000, b::fpMulLimbs));
    System.out.printf("Fr mul (limbs)      %10.1f ns%n", minCpuNs(30, 1_000_000, b::frMulLimbs));
    System.out.printf("Fp add (limbs)      %10.1f ns%n", minCpuNs(30, 1_000_000, b::fpAddLimbs));
    System.out.printf("G1 add (mixed)      %10.1f ns%n", minCpuNs(20, 200_000, b::g1AddMixed));
    System.out.printf("G1 add (Jacobian)   %10.1f ns%n", minCpuNs(20, 200_000, b::g1AddJacobian));
    System.out.printf("G1 double           %10.1f ns%n", minCpuNs(20, 200_000, b::g1Double));
    System.out.printf("Fp12 mul (limbs)    %10.1f ns%n", minCpuNs(20, 20_000, b::fp12Mul));
    System.out.printf("Fp12 cyclotomic sq  %10.1f ns%n", minCpuNs(20, 20_000, b::fp12CyclotomicSquare));
    System.out.printf("Fp12 x line (c = 1) %10.1f ns%n", minCpuNs(20, 20_000, b::fp12SparseLine));
    // warm-up so that the first pairing figure is not taken while the JIT still compiles
    minCpuNs(10, 20, b::pairing);
    minCpuNs(5, 20, b::pairingCheck2);
    System.out.printf("pairing             %10.1f us%n", minCpuNs(15, 20, b::pairing) / 1e3);
    System.out.printf("Miller loop         %10.1f us%n", minCpuNs(15, 20, b::millerLoop) / 1e3);
    System.out.printf("final exponentiation%10.1f us%n", minCpuNs(15, 20, b::finalExponentiation) / 1e3);
    System.out.printf("pairing check (2)   %10.1f us%n", minCpuNs(15, 20, b::pairingCheck2) / 1e3);
    System.out.printf("check (2, prepared) %10.1f us%n", minCpuNs(15, 20, b::pairingCheck2Prepared) / 1e3);
    groth16Verify();
    if (!msm) {
      return;
    }
    MsmBenchmark.Scalars s = new MsmBenchmark.Scalars();
    s.logN = logN;
    s.threads = 1;
    s.setup();
    MsmBenchmark.G1Bases g1 = new MsmBenchmark.G1Bases();
    g1.setup(s);
    System.out.printf("MSM G1 2^%d, 1 thread %8.1f ms%n", logN,
        minCpuNs(5, 1, () -> Msm.g1(g1.points, s.limbs, s.n, 1)) / 1e6);
    MsmBenchmark.G2Bases g2 = new MsmBenchmark.G2Bases();
    g2.setup(s);
    System.out.printf("MSM G2 2^%d, 1 thread %8.1f ms%n", logN,
        minCpuNs(3, 1, () -> Msm.g2(g2.points, s.limbs, s.n, 1)) / 1e6);
  }

  // Groth16.verify of a 1-public-input proof (4 pairs in one pairing check plus the input MSM).
  private static void groth16Verify() {
    java.security.SecureRandom rnd = new java.security.SecureRandom();
    io.vnft.zk.circuit.CompiledCircuit cc = Groth16Benchmark.chain(2);
    Fr in = Fr.of(1234567);
    Fr h = in;
    for (int i = 0; i < 2; i++) {
      h = io.vnft.zk.poseidon.Poseidon.hash(h, Fr.of(i));
    }
    io.vnft.zk.circuit.Witness w = cc.solve(java.util.Map.of("in", in, "out", h));
    io.vnft.zk.groth16.ProvingKey pk = io.vnft.zk.groth16.Groth16.setup(cc.r1cs(), rnd, 1);
    io.vnft.zk.groth16.Proof proof = io.vnft.zk.groth16.Groth16.prove(pk, w.toArray(), rnd, 1);
    io.vnft.zk.groth16.VerifyingKey vk = pk.verifyingKey();
    Fr out = h;
    if (!io.vnft.zk.groth16.Groth16.verify(vk, proof, out)) {
      throw new IllegalStateException("Groth16 verify rejected a valid proof");
    }
    minCpuNs(5, 10, () -> io.vnft.zk.groth16.Groth16.verify(vk, proof, out));
    System.out.printf("Groth16 verify (1 in)%9.1f us%n",
        minCpuNs(15, 10, () -> io.vnft.zk.groth16.Groth16.verify(vk, proof, out)) / 1e3);
  }

  private static double minCpuNs(int rounds, int reps, Runnable op) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < reps; i++) {
        op.run();
      }
      best = Math.min(best, (mx.getCurrentThreadCpuTime() - t) / (double) reps);
    }
    return best;
  }
}
