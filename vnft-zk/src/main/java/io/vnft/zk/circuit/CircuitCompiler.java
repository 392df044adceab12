package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;

/**
 * Compiles a {@link Circuit} into a {@link CompiledCircuit}: its {@link R1cs} and witness solver.
 *
 * <p>Stateless and thread-safe (each call builds its own constraint system; the circuit's
 * {@code define} must be safe to run on the calling thread).
 */
public final class CircuitCompiler {
  private CircuitCompiler() {}

  /**
   * @param circuit the circuit
   * @return the compiled circuit
   * @throws InvalidInputException if the circuit misuses the {@link CircuitApi} (the message names
   *     the call and the limit)
   */
  public static CompiledCircuit compile(Circuit circuit) {
    if (circuit == null) {
      throw new InvalidInputException("circuit is null");
    }
    ConstraintSystem cs = new ConstraintSystem();
    circuit.define(cs);
    return new CompiledCircuit(cs);
  }
}
