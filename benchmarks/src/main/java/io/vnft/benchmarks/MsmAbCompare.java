package io.vnft.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;

/**
 * A/B probe for MSM changes on a noisy, shared machine: loads two builds of vnft-zk (two jars) in
 * separate class loaders of one JVM and times {@code Msm.g1} or {@code Msm.g2} (one thread, random
 * full-size scalars, the {@link MsmBenchmark} setups) alternately, A then B in every round, so both
 * see the same background load. Reports the minimum per-thread CPU time (ThreadMXBean) of each and
 * checks that both return the same point. Not a JMH benchmark and not a test.
 *
 * <p>Usage (from the repo root, after {@code mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks
 * -am package}; copy the "before" jar somewhere first):
 * <pre>
 *   java -cp benchmarks/target/classes io.vnft.benchmarks.MsmAbCompare \
 *       benchmarks/target/classes vnft-api/target/vnft-api-0.1.0-SNAPSHOT.jar \
 *       /tmp/before/vnft-zk-0.1.0-SNAPSHOT.jar vnft-zk/target/vnft-zk-0.1.0-SNAPSHOT.jar 16 6 [g2]
 * </pre>
 * Arguments: benchmark classes dir, vnft-api jar, jar A, jar B, log2 of the MSM size, rounds,
 * optional {@code g2}. Thread-safety: a command-line tool (single thread).
 */
public final class MsmAbCompare {
  private MsmAbCompare() {}

  /**
   * Runs the comparison; see the class comment for the arguments.
   *
   * @param args see the class comment
   * @throws java.lang.Exception on any failure (a command-line tool: it stops with the stack trace)
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: MsmAbCompare BENCH_CLASSES API_JAR JAR_A JAR_B LOG_N ROUNDS [g2]");
      System.exit(2);
    }
    int logN = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    boolean g2 = args.length > 6 && args[6].equals("g2");
    Object[][] state = new Object[2][];
    for (int v = 0; v < 2; v++) {
      URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(args[0]).toUri().toURL(),
          Paths.get(args[2 + v]).toUri().toURL(), Paths.get(args[1]).toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      state[v] = setup(cl, logN, g2);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
    Object[] result = new Object[2];
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < 2; v++) {
        long t = mx.getCurrentThreadCpuTime();
        result[v] = ((Method) state[v][0]).invoke(null, state[v][1], state[v][2], state[v][3], 1);
        best[v] = Math.min(best[v], (mx.getCurrentThreadCpuTime() - t) / 1e6);
      }
    }
    System.out.printf("MSM %s 2^%d, 1 thread, min CPU over %d interleaved rounds: A %.1f ms, B %.1f ms,"
        + " B/A %.3f, same result: %s%n", g2 ? "G2" : "G1", logN, rounds, best[0], best[1],
        best[1] / best[0], String.valueOf(result[0]).equals(String.valueOf(result[1])));
  }

  // {Msm method, bases, scalar limbs, n} built inside the given loader
  private static Object[] setup(ClassLoader cl, int logN, boolean g2) throws Exception {
    Class<?> sc = cl.loadClass(MsmBenchmark.Scalars.class.getName());
    Object s = sc.getConstructor().newInstance();
    sc.getField("logN").setInt(s, logN);
    sc.getField("threads").setInt(s, 1);
    sc.getMethod("setup").invoke(s);
    Class<?> bc = cl.loadClass(g2 ? MsmBenchmark.G2Bases.class.getName() : MsmBenchmark.G1Bases.class.getName());
    Object b = bc.getConstructor().newInstance();
    bc.getMethod("setup", sc).invoke(b, s);
    Object points = field(bc, "points").get(b);
    Method m = cl.loadClass("io.vnft.zk.curve.Msm")
        .getMethod(g2 ? "g2" : "g1", points.getClass(), long[].class, int.class, int.class);
    return new Object[] {m, points, field(sc, "limbs").get(s), field(sc, "n").getInt(s)};
  }

  private static Field field(Class<?> c, String name) throws NoSuchFieldException {
    Field f = c.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
