package io.vnft.zk.iden3;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.field.Fr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads and writes iden3's binary witness format {@code .wtns} (as written by circom's witness
 * calculator and {@code snarkjs wtns calculate}) for the BN254 scalar field: magic {@code "wtns"},
 * version 2 (version 1 is read too), section 1 (n8 = 32, prime r, uint32 nWitness) and section 2
 * ({@code nWitness} values, 32-byte little-endian, standard form).
 *
 * <p>Decoding validates everything and throws {@link ProofException} naming the problem (wrong magic
 * or version, truncated or oversized sections, another field, values {@code >= r}). Stateless and
 * thread-safe.
 */
public final class WtnsFile {
  /** Largest file {@link #read(Path)} accepts (the whole file is read into memory). */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private static final String KIND = "wtns";
  private static final int HEADER = 1;
  private static final int VALUES = 2;

  private WtnsFile() {}

  /**
   * @param path a {@code .wtns} file
   * @return the witness
   * @throws ProofException if the file cannot be read or is malformed
   */
  public static Witness read(Path path) {
    return read(Iden3BinSections.readAll(path, KIND, MAX_FILE_BYTES));
  }

  /**
   * @param data the bytes of a {@code .wtns} file
   * @return the witness
   * @throws ProofException if the bytes are malformed
   */
  public static Witness read(byte[] data) {
    Iden3BinSections f = Iden3BinSections.parse(KIND, data, 1, 2);
    Iden3BinSections.Reader h = f.reader(f.required(HEADER, "header"), "header");
    Iden3BinSections.checkField(h, KIND);
    long n = h.u32("nWitness");
    h.expectEnd();
    if (n < 1) {
      throw new ProofException("wtns: nWitness is 0; a witness holds at least the constant one");
    }
    Iden3BinSections.Section vs = f.required(VALUES, "values");
    if (vs.size() != n * Iden3BinSections.N8) {
      throw new ProofException("wtns: values section has " + vs.size() + " bytes, expected nWitness * 32 = "
          + n * Iden3BinSections.N8 + " (truncated, or a wrong count)");
    }
    Iden3BinSections.Reader r = f.reader(vs, "values");
    Fr[] w = new Fr[(int) n];
    for (int i = 0; i < n; i++) {
      w[i] = r.fr("value " + i);
    }
    return Witness.of(w);
  }

  /**
   * @param witness the witness
   * @return the {@code .wtns} bytes (version 2)
   */
  public static byte[] toBytes(Witness witness) {
    if (witness == null) {
      throw new InvalidInputException("witness is null");
    }
    long headerBytes = 4 + Iden3BinSections.N8 + 4;
    long valueBytes = (long) Iden3BinSections.N8 * witness.size();
    long total = 12 + 2 * 12 + headerBytes + valueBytes;
    if (total > MAX_FILE_BYTES) {
      throw new InvalidInputException("witness too large to encode: " + total + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    Iden3BinSections.writeHeader(b, KIND, 2, 2);
    b.putInt(HEADER).putLong(headerBytes);
    Iden3BinSections.putPrime(b);
    b.putInt(witness.size());
    b.putInt(VALUES).putLong(valueBytes);
    for (int i = 0; i < witness.size(); i++) {
      Iden3BinSections.putFr(b, witness.get(i));
    }
    return b.array();
  }

  /**
   * Writes the file through a temporary name and a rename.
   *
   * @param witness the witness
   * @param path destination (parent directories are created)
   * @throws ProofException if the file cannot be written
   */
  public static void write(Witness witness, Path path) {
    Iden3BinSections.writeAtomically(path, toBytes(witness), KIND);
  }
}
