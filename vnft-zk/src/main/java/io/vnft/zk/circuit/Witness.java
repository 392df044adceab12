package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.util.Arrays;
import java.util.List;

/**
 * A full assignment of an R1CS's wires: {@code get(0) == 1}, then public outputs and inputs, then
 * secret inputs and internal wires (iden3 order), as produced by {@link CompiledCircuit#solve} or
 * read from a {@code .wtns} file.
 *
 * <p>Immutable and thread-safe; the array is copied in and out.
 */
public final class Witness {
  private final Fr[] values;

  private Witness(Fr[] values) {
    this.values = values;
  }

  /**
   * @param values the wire values, at least one, none null (copied)
   * @return the witness
   * @throws InvalidInputException if empty or a value is null
   */
  public static Witness of(Fr[] values) {
    if (values == null || values.length == 0) {
      throw new InvalidInputException("Witness: at least one value (the constant one) is required");
    }
    Fr[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      if (v[i] == null) {
        throw new InvalidInputException("Witness value " + i + " is null");
      }
    }
    return new Witness(v);
  }

  /** Trusted constructor for an array nobody else holds. */
  static Witness wrap(Fr[] values) {
    return new Witness(values);
  }

  /** @return the number of wires */
  public int size() {
    return values.length;
  }

  /**
   * @param i the wire index (0 is the constant 1)
   * @return the value of wire {@code i}
   */
  public Fr get(int i) {
    return values[i];
  }

  /** @return a copy of all values */
  public Fr[] toArray() {
    return values.clone();
  }

  /** Read-only view without copying, for package code. */
  Fr[] valuesUnsafe() {
    return values;
  }

  /**
   * @param nPublic number of public signals (outputs + public inputs)
   * @return wires {@code 1 .. nPublic}, the values a verifier sees (snarkjs' {@code public.json})
   */
  public List<Fr> publicSignals(int nPublic) {
    if (nPublic < 0 || nPublic >= values.length) {
      throw new InvalidInputException("Witness.publicSignals: nPublic " + nPublic + " out of range [0, " + (values.length - 1) + "]");
    }
    return List.of(Arrays.copyOfRange(values, 1, 1 + nPublic));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Witness w && Arrays.equals(w.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Witness[" + values.length + " wires]";
  }
}
