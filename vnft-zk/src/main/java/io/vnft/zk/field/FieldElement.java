package io.vnft.zk.field;

/**
 * The arithmetic the field element types share ({@link Fp}, {@link Fr}, {@link Fp2}), so that a
 * formula over "any field" — for example the Jacobian curve formulas used for both G1 (over Fp) and
 * G2 (over Fp2) — is written once. Elements are immutable values: every method returns an element
 * and leaves its operands unchanged.
 *
 * <p>This is the object-level (slow-path) interface: hot loops use the allocation-free limb
 * operations ({@link FpOps}, {@link FrOps}) instead. Thread-safety: implementations are immutable
 * and safe to share.
 *
 * @param <F> the implementing element type
 */
public interface FieldElement<F extends FieldElement<F>> {
  /**
   * this + o.
   *
   * @param o the other operand
   * @return this + o
   */
  F add(F o);

  /**
   * this - o.
   *
   * @param o the other operand
   * @return this - o
   */
  F sub(F o);

  /**
   * this * o.
   *
   * @param o the other operand
   * @return this * o
   */
  F mul(F o);

  /**
   * this^2.
   *
   * @return this^2
   */
  F square();

  /**
   * 2 * this.
   *
   * @return 2 * this
   */
  F dbl();

  /**
   * -this.
   *
   * @return -this
   */
  F neg();

  /**
   * this^-1.
   *
   * @return this^-1
   * @throws ArithmeticException if this is zero
   */
  F inverse();

  /**
   * True for the zero element.
   *
   * @return true for the zero element
   */
  boolean isZero();
}
