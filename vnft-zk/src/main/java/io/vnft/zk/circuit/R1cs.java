package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.util.List;

/**
 * A rank-1 constraint system over the BN254 scalar field, in iden3's layout: wire 0 is the
 * constant one, then {@code nPubOut} public outputs, {@code nPubIn} public inputs, {@code nPrvIn}
 * secret inputs, then internal wires. The public signals (what a verifier sees, in order) are
 * wires {@code 1 .. nPublic()}. Circuits compiled by {@link CircuitCompiler} have
 * {@code nPubOut = 0}; files made by circom may have outputs.
 *
 * <p>{@code wireToLabel} maps each wire to a label id of the original circuit (circom's signal
 * numbering; identity for compiled circuits); it is kept for {@code .r1cs} round trips.
 *
 * <p>Immutable and thread-safe.
 */
public final class R1cs {
  private final int nWires;
  private final int nPubOut;
  private final int nPubIn;
  private final int nPrvIn;
  private final long nLabels;
  private final long[] wireToLabel;
  private final List<Constraint> constraints;

  /**
   * @param nWires number of wires, including the constant one
   * @param nPubOut number of public outputs
   * @param nPubIn number of public inputs
   * @param nPrvIn number of secret inputs
   * @param nLabels number of labels
   * @param wireToLabel label of each wire ({@code nWires} entries, each {@code < nLabels}), or null
   *     for the identity map
   * @param constraints the constraints, each using only wires {@code < nWires}
   * @throws InvalidInputException if the counts are inconsistent
   */
  public R1cs(int nWires, int nPubOut, int nPubIn, int nPrvIn, long nLabels, long[] wireToLabel,
      List<Constraint> constraints) {
    if (nPubOut < 0 || nPubIn < 0 || nPrvIn < 0 || nWires < 1
        || 1L + nPubOut + nPubIn + nPrvIn > nWires) {
      throw new InvalidInputException("R1cs: 1 + nPubOut(" + nPubOut + ") + nPubIn(" + nPubIn + ") + nPrvIn("
          + nPrvIn + ") must not exceed nWires(" + nWires + ")");
    }
    if (constraints == null) {
      throw new InvalidInputException("R1cs: constraints must not be null");
    }
    long[] labels;
    if (wireToLabel == null) {
      if (nLabels < nWires) {
        throw new InvalidInputException("R1cs: nLabels(" + nLabels + ") < nWires(" + nWires + ") with identity labels");
      }
      labels = new long[nWires];
      for (int i = 0; i < nWires; i++) {
        labels[i] = i;
      }
    } else {
      if (wireToLabel.length != nWires) {
        throw new InvalidInputException("R1cs: wireToLabel has " + wireToLabel.length + " entries, nWires is " + nWires);
      }
      labels = wireToLabel.clone();
      for (int i = 0; i < nWires; i++) {
        if (labels[i] < 0 || labels[i] >= nLabels) {
          throw new InvalidInputException("R1cs: label " + labels[i] + " of wire " + i + " not below nLabels " + nLabels);
        }
      }
    }
    List<Constraint> cs = List.copyOf(constraints);
    for (int i = 0; i < cs.size(); i++) {
      int m = cs.get(i).maxWire();
      if (m >= nWires) {
        throw new InvalidInputException("R1cs: constraint " + i + " uses wire " + m + " but nWires is " + nWires);
      }
    }
    this.nWires = nWires;
    this.nPubOut = nPubOut;
    this.nPubIn = nPubIn;
    this.nPrvIn = nPrvIn;
    this.nLabels = nLabels;
    this.wireToLabel = labels;
    this.constraints = cs;
  }

  /** @return the number of wires, including the constant one */
  public int nWires() {
    return nWires;
  }

  /** @return the number of public outputs */
  public int nPubOut() {
    return nPubOut;
  }

  /** @return the number of public inputs */
  public int nPubIn() {
    return nPubIn;
  }

  /** @return the number of secret inputs */
  public int nPrvIn() {
    return nPrvIn;
  }

  /** @return {@code nPubOut + nPubIn}, the number of public signals (wires 1..nPublic) */
  public int nPublic() {
    return nPubOut + nPubIn;
  }

  /** @return the number of labels */
  public long nLabels() {
    return nLabels;
  }

  /**
   * @param wire the wire index
   * @return the label of wire {@code wire}
   */
  public long wireToLabel(int wire) {
    return wireToLabel[wire];
  }

  /** @return a copy of the wire-to-label map */
  public long[] wireToLabelMap() {
    return wireToLabel.clone();
  }

  /** @return the number of constraints */
  public int nConstraints() {
    return constraints.size();
  }

  /**
   * @param i the constraint index, 0 to constraint count - 1
   * @return constraint {@code i}
   */
  public Constraint constraint(int i) {
    return constraints.get(i);
  }

  /** @return the constraints (unmodifiable) */
  public List<Constraint> constraints() {
    return constraints;
  }

  /**
   * @param witness a value per wire
   * @return the index of the first constraint {@code witness} violates, {@code -2} if
   *     {@code witness[0] != 1}, or {@code -1} if it satisfies the system
   * @throws InvalidInputException if the witness size differs from {@code nWires} or has nulls
   */
  public int firstUnsatisfied(Fr[] witness) {
    if (witness == null || witness.length != nWires) {
      throw new InvalidInputException("witness has " + (witness == null ? "no" : witness.length)
          + " values, the R1CS has " + nWires + " wires");
    }
    for (int i = 0; i < witness.length; i++) {
      if (witness[i] == null) {
        throw new InvalidInputException("witness value " + i + " is null");
      }
    }
    if (!witness[0].equals(Fr.ONE)) {
      return -2;
    }
    // On Montgomery limbs: no allocation per term.
    long[] w = new long[L * witness.length];
    for (int i = 0; i < witness.length; i++) {
      witness[i].copyLimbsTo(w, L * i);
    }
    long[] t = new long[6 * L];
    for (int i = 0; i < constraints.size(); i++) {
      Constraint c = constraints.get(i);
      evaluate(c.a(), w, t, 0);
      evaluate(c.b(), w, t, L);
      evaluate(c.c(), w, t, 2 * L);
      FrOps.mul(t, 0, t, L, t, 3 * L);
      if (!FrOps.eq(t, 3 * L, t, 2 * L)) {
        return i;
      }
    }
    return -1;
  }

  private static final int L = FrOps.LIMBS;

  /** t[o..o+3] = row . w, using t[4L..6L) as scratch. */
  private static void evaluate(SparseRow row, long[] w, long[] t, int o) {
    FrOps.setZero(t, o);
    for (int k = 0; k < row.size(); k++) {
      row.coeff(k).copyLimbsTo(t, 4 * L);
      FrOps.mul(t, 4 * L, w, L * row.wire(k), t, 5 * L);
      FrOps.add(t, o, t, 5 * L, t, o);
    }
  }

  /**
   * @param witness a value per wire
   * @return whether {@code witness[0] == 1} and every constraint holds
   * @throws InvalidInputException if the witness size differs from {@code nWires}
   */
  public boolean isSatisfied(Fr[] witness) {
    return firstUnsatisfied(witness) == -1;
  }

  /**
   * @param witness the wire values
   * @return whether every constraint holds for the witness
   * @see #isSatisfied(Fr[])
   */
  public boolean isSatisfied(Witness witness) {
    return isSatisfied(witness.valuesUnsafe());
  }

  @Override
  public String toString() {
    return "R1cs[wires=" + nWires + ", pubOut=" + nPubOut + ", pubIn=" + nPubIn + ", prvIn=" + nPrvIn
        + ", constraints=" + constraints.size() + "]";
  }
}
