package io.vnft.zk.poseidon;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.util.List;

/**
 * Poseidon over any number of field elements, by chaining circomlib {@link Poseidon} calls.
 *
 * <p>Construction (fixed; other parts of vnft and its circuits depend on it): the input
 * {@code x_1..x_n} ({@code n >= 0}) is cut into chunks of 15 elements, the last one possibly
 * shorter (no chunk when {@code n = 0}). Starting from {@code h = 0}, each chunk {@code c} updates
 * {@code h = Poseidon(h, c_1, ..., c_k)} (2 to 16 inputs). The digest is
 * {@code Poseidon(h, n)}, the length last, so inputs of different lengths never collide by
 * padding. For example, {@code hash(a, b) = Poseidon(Poseidon(0, a, b), 2)}. The circuit gadget
 * {@code CircuitApi.poseidonSponge} computes the same function.
 *
 * <p>An instance is a streaming hasher: {@link #absorb} any number of times, then
 * {@link #squeeze()} once. Instances are not thread-safe; the static {@link #hash} methods are.
 */
public final class PoseidonSponge {
  /** Elements absorbed per Poseidon call (16 inputs minus the chaining value). */
  public static final int RATE = Poseidon.MAX_INPUTS - 1;

  private final Fr[] buffer = new Fr[RATE + 1];
  private int buffered;
  private long length;
  private Fr h = Fr.ZERO;
  private boolean squeezed;

  /** Creates an empty sponge. */
  public PoseidonSponge() {}

  /**
   * Absorbs one element.
   *
   * @param x the element, not null
   * @return this sponge
   * @throws InvalidInputException if {@code x} is null
   * @throws IllegalStateException after {@link #squeeze()}
   */
  public PoseidonSponge absorb(Fr x) {
    if (squeezed) {
      throw new IllegalStateException("PoseidonSponge already squeezed");
    }
    if (x == null) {
      throw new InvalidInputException("PoseidonSponge input " + length + " is null");
    }
    buffer[1 + buffered++] = x;
    length++;
    if (buffered == RATE) {
      flush();
    }
    return this;
  }

  /**
   * Absorbs elements in order.
   *
   * @param xs the elements, none null
   * @return this sponge
   */
  public PoseidonSponge absorb(Fr... xs) {
    for (Fr x : xs) {
      absorb(x);
    }
    return this;
  }

  /**
   * Finishes the hash.
   *
   * @return the digest of everything absorbed
   * @throws IllegalStateException if called twice
   */
  public Fr squeeze() {
    if (squeezed) {
      throw new IllegalStateException("PoseidonSponge already squeezed");
    }
    if (buffered > 0) {
      flush();
    }
    squeezed = true;
    return Poseidon.hash(h, Fr.of(length));
  }

  private void flush() {
    buffer[0] = h;
    Fr[] in = new Fr[buffered + 1];
    System.arraycopy(buffer, 0, in, 0, buffered + 1);
    h = Poseidon.hash(in);
    buffered = 0;
  }

  /**
   * @param xs any number of elements (possibly none), none null
   * @return the sponge digest of {@code xs}
   */
  public static Fr hash(Fr... xs) {
    return new PoseidonSponge().absorb(xs).squeeze();
  }

  /**
   * @param xs any number of elements (possibly none), none null
   * @return the sponge digest of {@code xs}
   */
  public static Fr hash(List<Fr> xs) {
    PoseidonSponge s = new PoseidonSponge();
    for (Fr x : xs) {
      s.absorb(x);
    }
    return s.squeeze();
  }
}
