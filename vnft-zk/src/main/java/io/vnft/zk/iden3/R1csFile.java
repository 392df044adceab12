package io.vnft.zk.iden3;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.circuit.Constraint;
import io.vnft.zk.circuit.R1cs;
import io.vnft.zk.circuit.SparseRow;
import io.vnft.zk.field.Fr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes iden3's binary {@code .r1cs} format (circom 2, snarkjs 0.7; spec:
 * github.com/iden3/r1csfile {@code doc/r1cs_bin_format.md}), version 1, for the BN254 scalar
 * field: magic {@code "r1cs"}, then sections 1 (header: n8 = 32, prime r, nWires, nPubOut, nPubIn,
 * nPrvIn, nLabels, mConstraints), 2 (constraints: for each, the three linear combinations A, B, C
 * as {@code uint32 nTerms} then {@code (uint32 wire, 32-byte LE coefficient in standard form)}
 * terms) and 3 (wire-to-label map, uint64 per wire). Custom-gate sections (4, 5: PLONK) are refused.
 *
 * <p>Decoding validates everything and throws {@link ProofException} naming the problem: wrong magic or
 * version, truncated or oversized sections or counts, another field (n8 != 32 or prime != r, e.g.
 * a BLS12-381 file), non-canonical coefficients ({@code >= r}), wires out of range, inconsistent
 * counts. Stateless and thread-safe.
 */
public final class R1csFile {
  /** Largest file {@link #read(Path)} accepts (2 GiB - 1: the whole file is read into memory). */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private static final int HEADER = 1;
  private static final int CONSTRAINTS = 2;
  private static final int WIRE2LABEL = 3;
  private static final int CUSTOM_GATES_LIST = 4;
  private static final int CUSTOM_GATES_USES = 5;
  private static final String KIND = "r1cs";

  private R1csFile() {}

  /**
   * @param path a {@code .r1cs} file
   * @return the constraint system
   * @throws ProofException if the file cannot be read or is malformed
   */
  public static R1cs read(Path path) {
    return read(Iden3BinSections.readAll(path, KIND, MAX_FILE_BYTES));
  }

  /**
   * @param data the bytes of a {@code .r1cs} file
   * @return the constraint system
   * @throws ProofException if the bytes are malformed
   */
  public static R1cs read(byte[] data) {
    Iden3BinSections f = Iden3BinSections.parse(KIND, data, 1, 1);
    if (f.has(CUSTOM_GATES_LIST) || f.has(CUSTOM_GATES_USES)) {
      throw new ProofException("r1cs: custom gates (PLONK sections 4/5) are not supported");
    }
    Iden3BinSections.Reader h = f.reader(f.required(HEADER, "header"), "header");
    Iden3BinSections.checkField(h, KIND);
    long nWires = h.u32("nWires");
    long nPubOut = h.u32("nPubOut");
    long nPubIn = h.u32("nPubIn");
    long nPrvIn = h.u32("nPrvIn");
    long nLabels = h.u64("nLabels");
    long mConstraints = h.u32("mConstraints");
    h.expectEnd();
    if (nWires < 1 || nWires > Integer.MAX_VALUE - 8) {
      throw new ProofException("r1cs: nWires " + nWires + " out of range [1, " + (Integer.MAX_VALUE - 8) + "]");
    }
    if (1 + nPubOut + nPubIn + nPrvIn > nWires) {
      throw new ProofException("r1cs: 1 + nPubOut(" + nPubOut + ") + nPubIn(" + nPubIn + ") + nPrvIn(" + nPrvIn
          + ") exceeds nWires(" + nWires + ")");
    }

    Iden3BinSections.Section cs = f.required(CONSTRAINTS, "constraints");
    // Each constraint needs at least 12 bytes (three term counts): refuse counts the section cannot hold
    // before allocating anything for them.
    if (mConstraints > cs.size() / 12) {
      throw new ProofException("r1cs: mConstraints " + mConstraints + " cannot fit in a constraints section of "
          + cs.size() + " bytes (oversized count or truncated section)");
    }
    Iden3BinSections.Reader r = f.reader(cs, "constraints");
    List<Constraint> constraints = new ArrayList<>((int) mConstraints);
    for (int i = 0; i < mConstraints; i++) {
      SparseRow a = readRow(r, nWires, i, 'A');
      SparseRow b = readRow(r, nWires, i, 'B');
      SparseRow c = readRow(r, nWires, i, 'C');
      constraints.add(new Constraint(a, b, c));
    }
    r.expectEnd();

    // Required (circom and snarkjs always write it): it is also what bounds nWires by the file size.
    Iden3BinSections.Section ms = f.required(WIRE2LABEL, "wire2label map");
    if (ms.size() != 8L * nWires) {
      throw new ProofException("r1cs: wire2label section has " + ms.size() + " bytes, expected 8 * nWires = "
          + 8L * nWires);
    }
    Iden3BinSections.Reader m = f.reader(ms, "wire2label");
    long[] labels = new long[(int) nWires];
    for (int i = 0; i < nWires; i++) {
      labels[i] = m.u64("label of wire " + i);
      if (labels[i] >= nLabels) {
        throw new ProofException("r1cs: label " + labels[i] + " of wire " + i + " is not below nLabels " + nLabels);
      }
    }
    try {
      return new R1cs((int) nWires, (int) nPubOut, (int) nPubIn, (int) nPrvIn, nLabels, labels, constraints);
    } catch (InvalidInputException e) {
      throw new ProofException("r1cs: " + e.getMessage(), e);
    }
  }

  private static SparseRow readRow(Iden3BinSections.Reader r, long nWires, int constraint, char which) {
    String where = "constraint " + constraint + " " + which;
    long n = r.u32(where + " term count");
    if (n > r.remaining() / (4 + Iden3BinSections.N8)) {
      throw new ProofException("r1cs: " + where + " declares " + n + " terms but the section has room for "
          + r.remaining() / (4 + Iden3BinSections.N8) + " (oversized count or truncated file)");
    }
    int[] wires = new int[(int) n];
    Fr[] coeffs = new Fr[(int) n];
    for (int k = 0; k < n; k++) {
      long w = r.u32(where + " wire");
      if (w >= nWires) {
        throw new ProofException("r1cs: " + where + " term " + k + " uses wire " + w + " but nWires is " + nWires);
      }
      wires[k] = (int) w;
      coeffs[k] = r.fr(where + " term " + k + " coefficient");
    }
    return SparseRow.of(wires, coeffs);
  }

  /**
   * @param r1cs the constraint system
   * @return the {@code .r1cs} bytes
   */
  public static byte[] toBytes(R1cs r1cs) {
    if (r1cs == null) {
      throw new InvalidInputException("r1cs is null");
    }
    long csBytes = 0;
    for (Constraint c : r1cs.constraints()) {
      csBytes += 12 + (long) (4 + Iden3BinSections.N8) * (c.a().size() + c.b().size() + c.c().size());
    }
    long headerBytes = 4 + Iden3BinSections.N8 + 4 * 4 + 8 + 4;
    long mapBytes = 8L * r1cs.nWires();
    long total = 12 + 3 * 12 + headerBytes + csBytes + mapBytes;
    if (total > MAX_FILE_BYTES) {
      throw new InvalidInputException("r1cs too large to encode: " + total + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    Iden3BinSections.writeHeader(b, KIND, 1, 3);
    b.putInt(HEADER).putLong(headerBytes);
    Iden3BinSections.putPrime(b);
    b.putInt(r1cs.nWires()).putInt(r1cs.nPubOut()).putInt(r1cs.nPubIn()).putInt(r1cs.nPrvIn());
    b.putLong(r1cs.nLabels()).putInt(r1cs.nConstraints());
    b.putInt(CONSTRAINTS).putLong(csBytes);
    for (Constraint c : r1cs.constraints()) {
      putRow(b, c.a());
      putRow(b, c.b());
      putRow(b, c.c());
    }
    b.putInt(WIRE2LABEL).putLong(mapBytes);
    for (int i = 0; i < r1cs.nWires(); i++) {
      b.putLong(r1cs.wireToLabel(i));
    }
    return b.array();
  }

  private static void putRow(ByteBuffer b, SparseRow row) {
    b.putInt(row.size());
    for (int k = 0; k < row.size(); k++) {
      b.putInt(row.wire(k));
      Iden3BinSections.putFr(b, row.coeff(k));
    }
  }

  /**
   * Writes the file through a temporary name and a rename.
   *
   * @param r1cs the constraint system
   * @param path destination (parent directories are created)
   * @throws ProofException if the file cannot be written
   */
  public static void write(R1cs r1cs, Path path) {
    Iden3BinSections.writeAtomically(path, toBytes(r1cs), KIND);
  }
}
