package io.vnft.zk.curve.internal.vector;

import io.vnft.zk.curve.internal.G1BatchAdder;
import io.vnft.zk.curve.internal.G2BatchAdder;
import io.vnft.zk.curve.internal.BatchAdderProvider;
import jdk.incubator.vector.LongVector;

/**
 * Internal, not for users: the Vector API {@link BatchAdderProvider}, listed in
 * {@code META-INF/services} and looked up only when the {@code jdk.incubator.vector} module is
 * present. Usable when the preferred vector species has at least {@link #MIN_BITS} bits (4
 * lanes: AVX2; 8 with AVX-512); below that the scalar path is as fast. Stateless, thread-safe.
 */
public final class VectorBatchAdderProvider implements BatchAdderProvider {
  /** Narrowest preferred vector width (bits) at which the lanes are used. */
  public static final int MIN_BITS = 256;

  /** Public no-argument constructor for {@link java.util.ServiceLoader}; cheap. */
  public VectorBatchAdderProvider() {}

  @Override
  public String name() {
    return "vector-" + LaneFp.L + "x52";
  }

  @Override
  public boolean usable() {
    return LongVector.SPECIES_PREFERRED.vectorBitSize() >= MIN_BITS;
  }

  @Override
  public G1BatchAdder g1() {
    return new VectorG1BatchAdder();
  }

  @Override
  public G2BatchAdder g2() {
    return new VectorG2BatchAdder();
  }
}
