package io.vnft.zk.curve.internal;

import java.util.ServiceLoader;

/**
 * Internal, not for users (may change without notice): makes {@link G1BatchAdder}s and {@link
 * G2BatchAdder}s, and chooses which kind the MSMs use. {@link #best()} is chosen once per JVM (an immutable choice, not a
 * setting): the Vector API adder when the {@code jdk.incubator.vector} module is in the boot
 * layer, its provider (found by {@link ServiceLoader}, so this class never names a class that
 * needs the module) says the CPU's vectors are wide enough, and the system property
 * {@code vnft.zk.vector} is not {@code false}; otherwise {@link #scalar()}. Both give
 * byte-identical results; the choice changes speed only. Thread-safe (providers are stateless).
 */
public interface BatchAdderProvider {
  /**
   * A short name for logs and benchmark output, e.g. {@code scalar} or {@code vector-8x52}.
   *
   * @return A short name for logs and benchmark output, e.g
   */
  String name();

  /**
   * Whether this provider can run here (module present, vector width sufficient).
   *
   * @return whether {@link #g1()} and {@link #g2()} can be called here
   */
  boolean usable();

  /**
   * A new G1 adder with its own scratch space.
   *
   * @return A new G1 adder with its own scratch space
   */
  G1BatchAdder g1();

  /**
   * A new G2 adder with its own scratch space.
   *
   * @return A new G2 adder with its own scratch space
   */
  G2BatchAdder g2();

  /**
   * The FpOps-based provider (always usable).
   *
   * @return the FpOps-based provider (always usable)
   */
  static BatchAdderProvider scalar() {
    return ScalarG1BatchAdder.PROVIDER;
  }

  /**
   * The Vector API provider when it is usable here, else null.
   *
   * @return the Vector API provider when it is usable here, else null
   */
  static BatchAdderProvider vector() {
    return Choice.VECTOR;
  }

  /**
   * What the MSMs use by default: {@link #vector()} when usable and not disabled, else {@link #scalar()}.
   *
   * @return the provider the MSMs use when none is given
   */
  static BatchAdderProvider best() {
    return Choice.BEST;
  }

  /** Lazy holder: the look-up runs on first use, once. */
  final class Choice {
    static final BatchAdderProvider VECTOR = findVector();
    static final BatchAdderProvider BEST =
        VECTOR != null && !"false".equalsIgnoreCase(System.getProperty("vnft.zk.vector")) ? VECTOR : scalar();

    private Choice() {}

    private static BatchAdderProvider findVector() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return null;
      }
      try {
        for (BatchAdderProvider p : ServiceLoader.load(BatchAdderProvider.class, BatchAdderProvider.class.getClassLoader())) {
          if (p.usable()) {
            return p;
          }
        }
      } catch (java.util.ServiceConfigurationError | LinkageError e) {
        return null; // e.g. the incubating API changed under us: stay scalar
      }
      return null;
    }
  }
}
