package io.vnft.benchmarks;

import io.vnft.zk.circuit.R1cs;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.curve.internal.BatchAdderProvider;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.Proof;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.groth16.VerifyingKey;
import io.vnft.zk.groth16.internal.Parallel;
import io.vnft.zk.iden3.R1csFile;
import io.vnft.zk.iden3.SnarkjsJson;
import io.vnft.zk.iden3.WtnsFile;
import io.vnft.zk.iden3.ZkeyFile;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The Java side of {@code benchmarks/compare-snarkjs.sh}. Commands:
 * <ul>
 *   <li>{@code setup <circuit.r1cs> <out.zkey> <out-vk.json>}: single-party setup (dev only), written
 *       as a snarkjs {@code .zkey} and {@code verification_key.json}; prints the setup time.
 *   <li>{@code prove <key.zkey> <witness.wtns> <proof.json> <public.json> [runs]}: reads the key and
 *       witness, proves {@code runs} times (default 5) in this JVM and prints each time (wall and process
 *       CPU), the best and the median, and which G1 batch adder ran (Vector API or scalar); writes the last proof.
 *   <li>{@code verify <vk.json> <public.json> <proof.json>}: prints OK or INVALID (exit 1).
 * </ul>
 * Not a test: timings are measurements of this machine at this moment.
 */
public final class CompareSnarkjs {
  private CompareSnarkjs() {}

  /**
   * Runs one command (see the class comment); prints usage and exits 2 on bad arguments.
   *
   * @param args the command and its files
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      usage();
    }
    SecureRandom rnd = new SecureRandom();
    int threads = Parallel.defaultThreads();
    switch (args[0]) {
      case "setup" -> {
        if (args.length != 4) {
          usage();
        }
        R1cs r1cs = R1csFile.read(Path.of(args[1]));
        long t0 = System.nanoTime();
        ProvingKey pk = Groth16.setup(r1cs, rnd, threads);
        long t1 = System.nanoTime();
        ZkeyFile.write(pk, Path.of(args[2]));
        SnarkjsJson.writeText(Path.of(args[3]), SnarkjsJson.writeVerifyingKey(pk.verifyingKey()));
        System.out.printf("vnft-zk setup: %d constraints, %d wires, domain %d: %.2f s (write %.2f s)%n",
            r1cs.nConstraints(), r1cs.nWires(), pk.domainSize(), (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
      }
      case "prove" -> {
        if (args.length < 5) {
          usage();
        }
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        long t0 = System.nanoTime();
        ProvingKey pk = ZkeyFile.read(Path.of(args[1]));
        Witness w = WtnsFile.read(Path.of(args[2]));
        long t1 = System.nanoTime();
        System.out.printf("vnft-zk read zkey + wtns: %.3f s%n", (t1 - t0) / 1e9);
        System.out.printf("vnft-zk G1 batch adder: %s, %d threads, java %s%n",
            BatchAdderProvider.best().name(), threads, System.getProperty("java.version"));
        Proof proof = null;
        long[] times = new long[runs];
        long[] cpus = new long[runs];
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < runs; i++) {
          long s = System.nanoTime();
          long c = os.getProcessCpuTime(); // the whole JVM: prover threads, plus JIT and GC
          proof = Groth16.prove(pk, w.toArray(), rnd, threads);
          times[i] = System.nanoTime() - s;
          cpus[i] = os.getProcessCpuTime() - c;
          System.out.printf("vnft-zk prove run %d: %.3f s (cpu %.3f s)%n", i + 1, times[i] / 1e9, cpus[i] / 1e9);
        }
        long[] sorted = times.clone();
        java.util.Arrays.sort(sorted);
        java.util.Arrays.sort(cpus);
        System.out.printf("vnft-zk prove best: %.3f s%n", sorted[0] / 1e9);
        System.out.printf("vnft-zk prove median: %.3f s%n", median(sorted) / 1e9);
        System.out.printf("vnft-zk prove median cpu: %.3f s%n", median(cpus) / 1e9);
        SnarkjsJson.writeText(Path.of(args[3]), SnarkjsJson.writeProof(proof));
        SnarkjsJson.writeText(Path.of(args[4]), SnarkjsJson.writePublic(Groth16.publicInputs(pk, w.toArray())));
      }
      case "verify" -> {
        if (args.length != 4) {
          usage();
        }
        VerifyingKey vk = SnarkjsJson.readVerifyingKey(SnarkjsJson.readText(Path.of(args[1])));
        List<BigInteger> pub = SnarkjsJson.readPublic(SnarkjsJson.readText(Path.of(args[2])));
        Proof proof = SnarkjsJson.readProof(SnarkjsJson.readText(Path.of(args[3])));
        boolean ok = Groth16.verify(vk, proof, pub);
        System.out.println(ok ? "vnft-zk verify: OK" : "vnft-zk verify: INVALID");
        if (!ok) {
          System.exit(1);
        }
      }
      default -> usage();
    }
  }

  // median of sorted values (mean of the middle two for an even count)
  static double median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static void usage() {
    System.err.println("usage: CompareSnarkjs setup <r1cs> <out.zkey> <out-vk.json>\n"
        + "       CompareSnarkjs prove <zkey> <wtns> <proof.json> <public.json> [runs]\n"
        + "       CompareSnarkjs verify <vk.json> <public.json> <proof.json>");
    System.exit(2);
  }
}
