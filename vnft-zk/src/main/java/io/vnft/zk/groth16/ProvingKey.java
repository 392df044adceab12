package io.vnft.zk.groth16;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fr;
import java.util.List;

/**
 * A Groth16 proving key over BN254 in snarkjs' {@code .zkey} layout (sections 2..9): the header
 * points, the sparse A and B coefficients of the QAP (including the one extra constraint
 * {@code pub_s * 0 = 0} per public signal and the constant that snarkjs appends), and the point
 * queries A, B1, B2, C and H. Made by {@link Groth16#setup} or read with
 * {@code io.vnft.zk.iden3.ZkeyFile}.
 *
 * <p>Sizes: {@code nVars} signals (wire 0 is the constant 1, wires 1..nPublic the public signals),
 * a domain of {@code 2^k >= nConstraints + nPublic + 1} points, {@code nVars} A/B1/B2 points,
 * {@code nVars - nPublic - 1} C points, {@code domainSize} H points (the Lagrange basis of the
 * 2·domainSize domain at odd indices, divided by delta — snarkjs' odd-coset layout).
 *
 * <p>Immutable and thread-safe. Accessors that return arrays or lists return copies.
 */
public final class ProvingKey {
  final VerifyingKey vk;
  final G1Point beta1;
  final G1Point delta1;
  final int nVars;
  final int nPublic;
  final int domainLog;
  final int[] coefMatrix;
  final int[] coefConstraint;
  final int[] coefSignal;
  /** Coefficient values, Montgomery limbs. */
  final long[] coefMont;
  final G1Point[] a;
  final G1Point[] b1;
  final G2Point[] b2;
  final G1Point[] c;
  final G1Point[] h;

  /**
   * Builds a key from its parts; every size and index is checked.
   *
   * @param vk the verifying key (its IC has {@code nPublic + 1} points)
   * @param beta1 beta in G1
   * @param delta1 delta in G1
   * @param nVars number of signals including the constant wire
   * @param domainSize the QAP domain size, a power of two up to 2^28
   * @param coefMatrix per coefficient: 0 = A, 1 = B
   * @param coefConstraint per coefficient: the constraint (domain point) index, below domainSize
   * @param coefSignal per coefficient: the signal index, below nVars
   * @param coefValue per coefficient: the value
   * @param a the A query, nVars points
   * @param b1 the B query in G1, nVars points
   * @param b2 the B query in G2, nVars points
   * @param c the C query, nVars - nPublic - 1 points (private signals only)
   * @param h the H query, domainSize points
   * @throws InvalidInputException naming the first part whose size or index is wrong
   */
  public ProvingKey(VerifyingKey vk, G1Point beta1, G1Point delta1, int nVars, int domainSize,
      int[] coefMatrix, int[] coefConstraint, int[] coefSignal, Fr[] coefValue,
      List<G1Point> a, List<G1Point> b1, List<G2Point> b2, List<G1Point> c, List<G1Point> h) {
    if (vk == null || beta1 == null || delta1 == null) {
      throw new InvalidInputException("ProvingKey: vk, beta1 and delta1 must not be null");
    }
    int nPub = vk.nPublic();
    if (nVars < nPub + 1) {
      throw new InvalidInputException("ProvingKey.nVars " + nVars + " must be >= nPublic + 1 = " + (nPub + 1));
    }
    if (domainSize < 1 || Integer.bitCount(domainSize) != 1 || domainSize > (1 << 28)) {
      throw new InvalidInputException("ProvingKey.domainSize " + domainSize + " must be a power of two <= 2^28");
    }
    if (coefMatrix == null || coefConstraint == null || coefSignal == null || coefValue == null) {
      throw new InvalidInputException("ProvingKey: coefficient arrays must not be null");
    }
    int m = coefMatrix.length;
    if (coefConstraint.length != m || coefSignal.length != m || coefValue.length != m) {
      throw new InvalidInputException("ProvingKey: coefficient arrays differ in length");
    }
    this.coefMont = new long[4 * m];
    for (int i = 0; i < m; i++) {
      if (coefMatrix[i] != 0 && coefMatrix[i] != 1) {
        throw new InvalidInputException("ProvingKey coefficient " + i + ": matrix " + coefMatrix[i] + " must be 0 (A) or 1 (B)");
      }
      if (coefConstraint[i] < 0 || coefConstraint[i] >= domainSize) {
        throw new InvalidInputException("ProvingKey coefficient " + i + ": constraint " + coefConstraint[i]
            + " out of range [0, " + domainSize + ")");
      }
      if (coefSignal[i] < 0 || coefSignal[i] >= nVars) {
        throw new InvalidInputException("ProvingKey coefficient " + i + ": signal " + coefSignal[i]
            + " out of range [0, " + nVars + ")");
      }
      if (coefValue[i] == null) {
        throw new InvalidInputException("ProvingKey coefficient " + i + ": value is null");
      }
      coefValue[i].copyLimbsTo(coefMont, 4 * i);
    }
    this.vk = vk;
    this.beta1 = beta1;
    this.delta1 = delta1;
    this.nVars = nVars;
    this.nPublic = nPub;
    this.domainLog = Integer.numberOfTrailingZeros(domainSize);
    this.coefMatrix = coefMatrix.clone();
    this.coefConstraint = coefConstraint.clone();
    this.coefSignal = coefSignal.clone();
    this.a = points(a, nVars, "a", G1Point[]::new);
    this.b1 = points(b1, nVars, "b1", G1Point[]::new);
    this.b2 = points(b2, nVars, "b2", G2Point[]::new);
    this.c = points(c, nVars - nPub - 1, "c", G1Point[]::new);
    this.h = points(h, domainSize, "h", G1Point[]::new);
  }

  private static <T> T[] points(List<T> l, int n, String name, java.util.function.IntFunction<T[]> mk) {
    if (l == null || l.size() != n) {
      throw new InvalidInputException("ProvingKey." + name + ": expected " + n + " points, got "
          + (l == null ? "null" : l.size()));
    }
    T[] out = l.toArray(mk.apply(n));
    for (int i = 0; i < n; i++) {
      if (out[i] == null) {
        throw new InvalidInputException("ProvingKey." + name + "[" + i + "] is null");
      }
    }
    return out;
  }

  /** @return the matching verifying key */
  public VerifyingKey verifyingKey() {
    return vk;
  }

  /** @return beta in G1 */
  public G1Point beta1() {
    return beta1;
  }

  /** @return delta in G1 */
  public G1Point delta1() {
    return delta1;
  }

  /** @return number of signals, including the constant wire 0 */
  public int nVars() {
    return nVars;
  }

  /** @return number of public signals (outputs and public inputs), not counting wire 0 */
  public int nPublic() {
    return nPublic;
  }

  /** @return the QAP domain size (a power of two) */
  public int domainSize() {
    return 1 << domainLog;
  }

  /** @return the number of sparse A/B coefficients */
  public int coefficientCount() {
    return coefMatrix.length;
  }

  /**
   * @param i the coefficient index
   * @return 0 (A) or 1 (B) for coefficient i
   */
  public int coefficientMatrix(int i) {
    return coefMatrix[i];
  }

  /**
   * @param i the coefficient index
   * @return the constraint (domain point) of coefficient i
   */
  public int coefficientConstraint(int i) {
    return coefConstraint[i];
  }

  /**
   * @param i the coefficient index
   * @return the signal of coefficient i
   */
  public int coefficientSignal(int i) {
    return coefSignal[i];
  }

  /**
   * @param i the coefficient index
   * @return the value of coefficient i
   */
  public Fr coefficientValue(int i) {
    return Fr.fromMontLimbs(coefMont, 4 * i);
  }

  /** @return the A query (copy) */
  public List<G1Point> pointsA() {
    return List.of(a);
  }

  /** @return the B query in G1 (copy) */
  public List<G1Point> pointsB1() {
    return List.of(b1);
  }

  /** @return the B query in G2 (copy) */
  public List<G2Point> pointsB2() {
    return List.of(b2);
  }

  /** @return the C query over private signals (copy) */
  public List<G1Point> pointsC() {
    return List.of(c);
  }

  /** @return the H query (copy) */
  public List<G1Point> pointsH() {
    return List.of(h);
  }

  private volatile io.vnft.zk.groth16.internal.Domain domain;

  /** The NTT domain with its twiddles, built on first use (about 2 MiB per 2^16 points). */
  io.vnft.zk.groth16.internal.Domain domain() {
    io.vnft.zk.groth16.internal.Domain d = domain;
    if (d == null) {
      d = new io.vnft.zk.groth16.internal.Domain(domainLog);
      domain = d;
    }
    return d;
  }

  @Override
  public String toString() {
    return "ProvingKey[nVars=" + nVars + ", nPublic=" + nPublic + ", domainSize=" + domainSize()
        + ", coefficients=" + coefMatrix.length + "]";
  }
}
