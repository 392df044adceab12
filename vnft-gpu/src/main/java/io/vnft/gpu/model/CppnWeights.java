package io.vnft.gpu.model;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The fixed weights of {@value CppnSpec#MODEL_ID}: layers 2, 3 (16x16) and the output layer
 * (2x16) with their biases; the first layer comes from the seed ({@link Latent}). Immutable and
 * thread-safe; accessors return copies.
 *
 * <p>File format ({@value #FILE_BYTES} bytes, big-endian): ASCII magic {@code VNFTCPPN}; u8
 * version (1), u8 hidden (16), u8 inputs (3), u8 outputs (2); then W2 (int8, 16x16,
 * row-major [out][in]), B2 (int32 x16), W3, B3, W4 (int8, 2x16), B4 (int32 x2). Weights lie in
 * [-127, 127], biases in [-32768, 32767]; anything else is refused as corrupt.
 *
 * <p>The built-in file {@code vnft-cppn-1.weights} is made by {@link #generate()} (SplitMix64
 * seeded with {@value #GENERATOR_SEED_HEX}) and pinned by its SHA-256 {@value #BUILT_IN_SHA256}.
 */
public final class CppnWeights {
  /** Size of a weights file in bytes. */
  public static final int FILE_BYTES = 12 + 256 + 64 + 256 + 64 + 32 + 8;
  /** The PRNG seed of the built-in weights, "VNFT_CPP" in ASCII. */
  public static final String GENERATOR_SEED_HEX = "0x564E46545F435050";
  /** SHA-256 of the built-in weights file. */
  public static final String BUILT_IN_SHA256 =
      "0xf29ccd8a0a7d466c21c6a9a6848ca6066ef1ac6610a2adf4406aaa1266896bbb";
  private static final byte[] MAGIC = "VNFTCPPN".getBytes(StandardCharsets.US_ASCII);
  private static final String RESOURCE = "vnft-cppn-1.weights";

  private final int[][] w2;
  private final int[] b2;
  private final int[][] w3;
  private final int[] b3;
  private final int[][] w4;
  private final int[] b4;
  private final Bytes32 sha256;

  private CppnWeights(int[][] w2, int[] b2, int[][] w3, int[] b3, int[][] w4, int[] b4, Bytes32 sha) {
    this.w2 = w2;
    this.b2 = b2;
    this.w3 = w3;
    this.b3 = b3;
    this.w4 = w4;
    this.b4 = b4;
    this.sha256 = sha;
  }

  /**
   * @return the built-in weights, checked against {@link #BUILT_IN_SHA256}
   * @throws GenerationException if the resource is missing or corrupt
   */
  public static CppnWeights builtIn() {
    return Holder.BUILT_IN;
  }

  private static final class Holder {
    static final CppnWeights BUILT_IN = loadBuiltIn();
  }

  private static CppnWeights loadBuiltIn() {
    try (InputStream in = CppnWeights.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new GenerationException(CppnSpec.MODEL_ID + ": weights resource " + RESOURCE + " missing");
      }
      CppnWeights w = parse(in.readAllBytes());
      if (!w.sha256().hex().equalsIgnoreCase(BUILT_IN_SHA256)) {
        throw new GenerationException(CppnSpec.MODEL_ID + ": weights SHA-256 " + w.sha256().hex()
            + " differs from the pinned " + BUILT_IN_SHA256 + " (corrupt weights)");
      }
      return w;
    } catch (IOException e) {
      throw new GenerationException(CppnSpec.MODEL_ID + ": cannot read weights resource", e);
    }
  }

  /**
   * @param file a weights file
   * @return the weights
   * @throws GenerationException naming the problem if the file is malformed (size, magic,
   *     header, a weight or bias out of range)
   */
  public static CppnWeights parse(byte[] file) {
    if (file == null || file.length != FILE_BYTES) {
      throw new GenerationException("weights: corrupt file, expected " + FILE_BYTES + " bytes, got "
          + (file == null ? "null" : file.length));
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    byte[] magic = new byte[8];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new GenerationException("weights: corrupt file, bad magic (expected VNFTCPPN)");
    }
    int version = b.get();
    int hidden = b.get();
    int inputs = b.get();
    int outputs = b.get();
    if (version != 1 || hidden != CppnSpec.HIDDEN || inputs != CppnSpec.INPUTS
        || outputs != CppnSpec.OUTPUTS) {
      throw new GenerationException("weights: corrupt file, header version/hidden/inputs/outputs = "
          + version + "/" + hidden + "/" + inputs + "/" + outputs + ", expected 1/16/3/2");
    }
    int[][] w2 = matrix(b, CppnSpec.HIDDEN, "W2");
    int[] b2 = biases(b, CppnSpec.HIDDEN, "B2");
    int[][] w3 = matrix(b, CppnSpec.HIDDEN, "W3");
    int[] b3 = biases(b, CppnSpec.HIDDEN, "B3");
    int[][] w4 = matrix(b, CppnSpec.OUTPUTS, "W4");
    int[] b4 = biases(b, CppnSpec.OUTPUTS, "B4");
    return new CppnWeights(w2, b2, w3, b3, w4, b4, Bytes32.of(sha256(file)));
  }

  private static int[][] matrix(ByteBuffer b, int rows, String name) {
    int[][] m = new int[rows][CppnSpec.HIDDEN];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < CppnSpec.HIDDEN; j++) {
        int v = b.get();
        if (v == -128) {
          throw new GenerationException("weights: corrupt file, " + name + "[" + i + "][" + j
              + "] = -128 is outside [-127, 127]");
        }
        m[i][j] = v;
      }
    }
    return m;
  }

  private static int[] biases(ByteBuffer b, int n, String name) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = b.getInt();
      if (v[i] < -32768 || v[i] > 32767) {
        throw new GenerationException("weights: corrupt file, " + name + "[" + i + "] = " + v[i]
            + " is outside [-32768, 32767]");
      }
    }
    return v;
  }

  /**
   * Generates the built-in weights file from its documented PRNG: SplitMix64 (state
   * {@value #GENERATOR_SEED_HEX}; each draw adds 0x9E3779B97F4A7C15 and mixes with the
   * standard 30/27/31 shifts and constants), value in [lo, hi] = lo + unsigned(draw) mod
   * (hi - lo + 1); drawn in file order W2, B2, W3, B3, W4, B4.
   *
   * @return the file bytes
   */
  public static byte[] generate() {
    long[] state = {Long.decode(GENERATOR_SEED_HEX)};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(CppnSpec.HIDDEN);
    out.write(CppnSpec.INPUTS);
    out.write(CppnSpec.OUTPUTS);
    ByteBuffer b = ByteBuffer.allocate(FILE_BYTES - 12);
    for (int layer = 0; layer < 3; layer++) {
      int rows = layer == 2 ? CppnSpec.OUTPUTS : CppnSpec.HIDDEN;
      for (int i = 0; i < rows * CppnSpec.HIDDEN; i++) {
        b.put((byte) uniform(state, -127, 127));
      }
      for (int i = 0; i < rows; i++) {
        b.putInt(uniform(state, -32768, 32767));
      }
    }
    out.writeBytes(b.array());
    return out.toByteArray();
  }

  private static int uniform(long[] state, int lo, int hi) {
    long z = (state[0] += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return lo + (int) Long.remainderUnsigned(z, hi - lo + 1);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  /** @return SHA-256 of the weights file (the model's {@code weightsHash}) */
  public Bytes32 sha256() {
    return sha256;
  }

  /** @return layer 2 weights [out][in] */
  public int[][] w2() {
    return deep(w2);
  }

  /** @return layer 2 biases */
  public int[] b2() {
    return b2.clone();
  }

  /** @return layer 3 weights [out][in] */
  public int[][] w3() {
    return deep(w3);
  }

  /** @return layer 3 biases */
  public int[] b3() {
    return b3.clone();
  }

  /** @return output layer weights [out][in] */
  public int[][] w4() {
    return deep(w4);
  }

  /** @return output layer biases */
  public int[] b4() {
    return b4.clone();
  }

  private static int[][] deep(int[][] m) {
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
