package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input values for {@link CompiledCircuit#solve}, built fluently. Arrays declared with
 * {@link CircuitApi#publicInputs}/{@link CircuitApi#secretInputs} are set in one call:
 * {@code set("pixel", values)} assigns {@code pixel[0] .. pixel[n-1]}. Signed integers map to
 * {@code r - |v|}, as everywhere in the DSL.
 *
 * <pre>{@code
 * Witness w = cc.solve(new Assignment().set("root", root).set("index", 5).set("sibling", path));
 * }</pre>
 *
 * <p>Mutable and not thread-safe; {@link #toMap()} returns a snapshot.
 */
public final class Assignment {
  private final Map<String, Fr> values = new LinkedHashMap<>();

  /** Creates an empty assignment. */
  public Assignment() {}

  /**
   * @param name an input name
   * @param value its value, not null
   * @return this
   * @throws InvalidInputException if a value is null or the name is empty
   */
  public Assignment set(String name, Fr value) {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("Assignment: input name must be non-empty");
    }
    if (value == null) {
      throw new InvalidInputException("Assignment: value of '" + name + "' is null");
    }
    values.put(name, value);
    return this;
  }

  /**
   * Sets {@code name} to {@code v mod r} (negative values wrap).
   *
   * @param name the input's name as declared in the circuit
   * @param value any value; taken mod r
   * @return this assignment, for chaining
   */
  public Assignment set(String name, long value) {
    return set(name, Fr.of(value));
  }

  /**
   * @param value a canonical value in {@code [0, r)}
   * @param name the input's name as declared in the circuit
   * @return this assignment, for chaining
   * @throws InvalidInputException if it is out of range
   */
  public Assignment set(String name, BigInteger value) {
    return set(name, Fr.of(value));
  }

  /**
   * Sets {@code name[0] .. name[n-1]}.
   *
   * @param name the array input's name; element i is set from values[i]
   * @param values the values, one per element (copied)
   * @return this assignment, for chaining
   */
  public Assignment set(String name, Fr[] values) {
    if (values == null) {
      throw new InvalidInputException("Assignment: values of '" + name + "' are null");
    }
    for (int i = 0; i < values.length; i++) {
      set(name + "[" + i + "]", values[i]);
    }
    return this;
  }

  /**
   * Sets {@code name[0] .. name[n-1]} to integers mod r.
   *
   * @param name the array input's name; element i is set from values[i]
   * @param values the values, each taken mod r
   * @return this assignment, for chaining
   */
  public Assignment set(String name, long[] values) {
    if (values == null) {
      throw new InvalidInputException("Assignment: values of '" + name + "' are null");
    }
    for (int i = 0; i < values.length; i++) {
      set(name + "[" + i + "]", Fr.of(values[i]));
    }
    return this;
  }

  /**
   * Sets {@code name[0] .. name[n-1]} from a list (e.g. {@code MerkleOpening.siblings()}).
   *
   * @param name the array input's name; element i is set from the i-th list entry
   * @param values the values, in order
   * @return this assignment, for chaining
   */
  public Assignment set(String name, java.util.List<Fr> values) {
    if (values == null) {
      throw new InvalidInputException("Assignment: values of '" + name + "' are null");
    }
    return set(name, values.toArray(new Fr[0]));
  }

  /** @return an unmodifiable snapshot of the values by input name */
  public Map<String, Fr> toMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
