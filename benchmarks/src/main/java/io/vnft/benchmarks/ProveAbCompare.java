package io.vnft.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;

/**
 * A/B probe for prover changes on a noisy, shared machine: loads two builds of vnft-zk (two jars)
 * in separate class loaders of one JVM, reads the same {@code .zkey} and {@code .wtns} in each, and
 * runs {@code Groth16.prove} (all available processors) alternately, A then B in every round, so
 * both see the same background load. Reports per build the minimum wall time and the minimum
 * process CPU time of one prove (all threads together: the work done, less sensitive to load than
 * the wall time). Proof validity is checked elsewhere (tests, compare-snarkjs.sh). Not a JMH
 * benchmark and not a test.
 *
 * <p>Usage (from the repo root, after {@code benchmarks/compare-snarkjs.sh} made the key and
 * witness; copy the "before" jar somewhere first):
 * <pre>
 *   java -Xmx6g -cp benchmarks/target/classes io.vnft.benchmarks.ProveAbCompare \
 *       vnft-api/target/vnft-api-0.1.0-SNAPSHOT.jar /tmp/before/vnft-zk-0.1.0-SNAPSHOT.jar \
 *       vnft-zk/target/vnft-zk-0.1.0-SNAPSHOT.jar vnft-zk/target/compare-snarkjs/chain276.zkey \
 *       vnft-zk/target/compare-snarkjs/chain276.wtns 4
 * </pre>
 * Arguments: vnft-api jar, jar A, jar B, .zkey, .wtns, rounds. Thread-safety: a command-line tool.
 */
public final class ProveAbCompare {
  private ProveAbCompare() {}

  /**
   * Runs the comparison; see the class comment for the arguments.
   *
   * @param args see the class comment
   * @throws java.lang.Exception on any failure (a command-line tool: it stops with the stack trace)
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: ProveAbCompare API_JAR JAR_A JAR_B ZKEY WTNS ROUNDS");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[5]);
    Object[][] st = new Object[2][];
    for (int v = 0; v < 2; v++) {
      URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(args[1 + v]).toUri().toURL(),
          Paths.get(args[0]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Object pk = cl.loadClass("io.vnft.zk.iden3.ZkeyFile").getMethod("read", Path.class)
          .invoke(null, Path.of(args[3]));
      Object w = cl.loadClass("io.vnft.zk.iden3.WtnsFile").getMethod("read", Path.class)
          .invoke(null, Path.of(args[4]));
      Object wa = w.getClass().getMethod("toArray").invoke(w);
      Class<?> g = cl.loadClass("io.vnft.zk.groth16.Groth16");
      Class<?> pkc = cl.loadClass("io.vnft.zk.groth16.ProvingKey");
      Method prove = g.getMethod("prove", pkc, wa.getClass(), SecureRandom.class);
      st[v] = new Object[] {prove, pk, wa};
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] wall = {Double.MAX_VALUE, Double.MAX_VALUE};
    double[] cpu = {Double.MAX_VALUE, Double.MAX_VALUE};
    SecureRandom rnd = new SecureRandom();
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < 2; v++) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ((Method) st[v][0]).invoke(null, st[v][1], st[v][2], rnd);
        wall[v] = Math.min(wall[v], (System.nanoTime() - t0) / 1e6);
        cpu[v] = Math.min(cpu[v], (os.getProcessCpuTime() - c0) / 1e6);
      }
    }
    System.out.printf("Groth16 prove, %d processors, min over %d interleaved rounds: wall A %.0f ms,"
        + " B %.0f ms (B/A %.3f); process CPU A %.0f ms, B %.0f ms (B/A %.3f)%n",
        Runtime.getRuntime().availableProcessors(), rounds, wall[0], wall[1], wall[1] / wall[0],
        cpu[0], cpu[1], cpu[1] / cpu[0]);
  }
}
