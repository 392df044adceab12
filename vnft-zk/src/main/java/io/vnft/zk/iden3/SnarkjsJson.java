package io.vnft.zk.iden3;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Proof;
import io.vnft.zk.groth16.VerifyingKey;
import io.vnft.zk.iden3.internal.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes snarkjs' Groth16 JSON files: {@code proof.json} ({@code pi_a}, {@code pi_b},
 * {@code pi_c}, {@code protocol}, {@code curve}), {@code public.json} (an array of decimal
 * strings) and {@code verification_key.json} ({@code protocol}, {@code curve}, {@code nPublic},
 * {@code vk_alpha_1}, {@code vk_beta_2}, {@code vk_gamma_2}, {@code vk_delta_2}, {@code IC}).
 *
 * <p>Encoding (as snarkjs/ffjavascript {@code toObject}): a G1 point is {@code [x, y, "1"]} and
 * infinity {@code ["0", "1", "0"]}; a G2 point is {@code [[x0, x1], [y0, y1], ["1", "0"]]} (real
 * parts first) and infinity {@code [["0","0"], ["1","0"], ["0","0"]]}; numbers are decimal strings
 * (reading also accepts {@code 0x} hex strings and JSON integers). Reading validates: protocol
 * {@code groth16} and curve {@code bn128} when present, affine points only, every coordinate below
 * q, points on the curve (G2 also in the subgroup), public values below r, and {@code nPublic}
 * against {@code IC}. The writer omits {@code vk_alphabeta_12} (snarkjs' verifier does not read
 * it). Failures are {@link InvalidInputException}s naming the file and the field. Stateless and
 * thread-safe; files are written to a temporary name and renamed.
 */
public final class SnarkjsJson {
  private SnarkjsJson() {}

  /** Largest JSON text accepted, in characters (64 MiB). */
  public static final int MAX_CHARS = 64 << 20;

  // --------------------------------------------------------------------------------------- proof

  /**
   * Parses {@code proof.json}.
   *
   * @param json the file's text
   * @return the proof, its points validated
   * @throws InvalidInputException if malformed (see the class comment)
   */
  public static Proof readProof(String json) {
    Map<String, Object> o = object(json, "proof.json");
    checkMeta(o, "proof.json");
    return new Proof(g1(field(o, "pi_a", "proof.json"), "proof.json pi_a"),
        g2(field(o, "pi_b", "proof.json"), "proof.json pi_b"),
        g1(field(o, "pi_c", "proof.json"), "proof.json pi_c"));
  }

  /**
   * @param proof the proof
   * @return {@code proof.json} text for the proof, in snarkjs' layout
   */
  public static String writeProof(Proof proof) {
    if (proof == null) {
      throw new InvalidInputException("proof.json: proof is null");
    }
    return "{\n \"pi_a\": " + g1Json(proof.a()) + ",\n \"pi_b\": " + g2Json(proof.b()) + ",\n \"pi_c\": "
        + g1Json(proof.c()) + ",\n \"protocol\": \"groth16\",\n \"curve\": \"bn128\"\n}";
  }

  // -------------------------------------------------------------------------------------- public

  /**
   * Parses {@code public.json}.
   *
   * @param json the file's text
   * @return the public signals, each in {@code [0, r)}
   * @throws InvalidInputException if malformed or a value is not below r
   */
  public static List<BigInteger> readPublic(String json) {
    Object v = parse(json, "public.json");
    if (!(v instanceof List<?> l)) {
      throw new InvalidInputException("public.json: expected an array of decimal strings");
    }
    List<BigInteger> out = new ArrayList<>(l.size());
    for (int i = 0; i < l.size(); i++) {
      BigInteger x = number(l.get(i), "public.json [" + i + "]");
      if (x.compareTo(Fr.MODULUS) >= 0) {
        throw new InvalidInputException("public.json [" + i + "] = " + x + " is not below r = " + Fr.MODULUS);
      }
      out.add(x);
    }
    return out;
  }

  /**
   * @param values the public signals
   * @return {@code public.json} text: an array of decimal strings
   */
  public static String writePublic(List<BigInteger> values) {
    if (values == null) {
      throw new InvalidInputException("public.json: values is null");
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      BigInteger v = values.get(i);
      if (v == null || v.signum() < 0 || v.compareTo(Fr.MODULUS) >= 0) {
        throw new InvalidInputException("public.json [" + i + "] = " + v + " is not in [0, r)");
      }
      b.append(i == 0 ? "\n " : ",\n ").append('"').append(v).append('"');
    }
    return b.append("\n]").toString();
  }

  // ------------------------------------------------------------------------------ verifying key

  /**
   * Parses {@code verification_key.json}.
   *
   * @param json the file's text
   * @return the key, its points validated
   * @throws InvalidInputException if malformed (see the class comment)
   */
  public static VerifyingKey readVerifyingKey(String json) {
    String w = "verification_key.json";
    Map<String, Object> o = object(json, w);
    checkMeta(o, w);
    Object icv = field(o, "IC", w);
    if (!(icv instanceof List<?> icl) || icl.isEmpty()) {
      throw new InvalidInputException(w + " IC: expected a non-empty array of G1 points");
    }
    List<G1Point> ic = new ArrayList<>(icl.size());
    for (int i = 0; i < icl.size(); i++) {
      ic.add(g1(icl.get(i), w + " IC[" + i + "]"));
    }
    if (o.containsKey("nPublic")) {
      BigInteger np = number(o.get("nPublic"), w + " nPublic");
      if (!np.equals(BigInteger.valueOf(ic.size() - 1L))) {
        throw new InvalidInputException(w + " nPublic " + np + " does not match IC size " + ic.size() + " - 1");
      }
    }
    return new VerifyingKey(g1(field(o, "vk_alpha_1", w), w + " vk_alpha_1"),
        g2(field(o, "vk_beta_2", w), w + " vk_beta_2"),
        g2(field(o, "vk_gamma_2", w), w + " vk_gamma_2"),
        g2(field(o, "vk_delta_2", w), w + " vk_delta_2"), ic);
  }

  /**
   * @param vk the verifying key
   * @return {@code verification_key.json} text in snarkjs' layout (without vk_alphabeta_12)
   */
  public static String writeVerifyingKey(VerifyingKey vk) {
    if (vk == null) {
      throw new InvalidInputException("verification_key.json: vk is null");
    }
    StringBuilder b = new StringBuilder("{\n \"protocol\": \"groth16\",\n \"curve\": \"bn128\",\n \"nPublic\": ")
        .append(vk.nPublic())
        .append(",\n \"vk_alpha_1\": ").append(g1Json(vk.alpha1()))
        .append(",\n \"vk_beta_2\": ").append(g2Json(vk.beta2()))
        .append(",\n \"vk_gamma_2\": ").append(g2Json(vk.gamma2()))
        .append(",\n \"vk_delta_2\": ").append(g2Json(vk.delta2()))
        .append(",\n \"IC\": [");
    List<G1Point> ic = vk.ic();
    for (int i = 0; i < ic.size(); i++) {
      b.append(i == 0 ? "\n  " : ",\n  ").append(g1Json(ic.get(i)));
    }
    return b.append("\n ]\n}").toString();
  }

  // ------------------------------------------------------------------------------------- files

  /**
   * Reads a UTF-8 text file of at most {@link #MAX_CHARS} bytes.
   *
   * @param file the file
   * @return its text
   * @throws InvalidInputException if larger
   * @throws ProofException if it cannot be read
   */
  public static String readText(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_CHARS) {
        throw new InvalidInputException(file + ": " + size + " bytes exceeds the limit of " + MAX_CHARS);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProofException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Writes UTF-8 text to a temporary file next to {@code file}, then renames it.
   *
   * @param file the file to write
   * @param text the text
   * @throws ProofException if it cannot be written
   */
  public static void writeText(Path file, String text) {
    if (file == null || text == null) {
      throw new InvalidInputException("writeText: file and text must not be null");
    }
    Iden3BinSections.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8), "json");
  }

  // ----------------------------------------------------------------------------------- helpers

  private static Object parse(String json, String what) {
    if (json != null && json.length() > MAX_CHARS) {
      throw new InvalidInputException(what + ": " + json.length() + " characters exceeds the limit of " + MAX_CHARS);
    }
    return Json.parse(json, what);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String json, String what) {
    Object v = parse(json, what);
    if (!(v instanceof Map)) {
      throw new InvalidInputException(what + ": expected a JSON object");
    }
    return (Map<String, Object>) v;
  }

  private static void checkMeta(Map<String, Object> o, String what) {
    Object p = o.get("protocol");
    if (p != null && !"groth16".equals(p)) {
      throw new InvalidInputException(what + " protocol: \"" + p + "\" is not \"groth16\"");
    }
    Object c = o.get("curve");
    if (c != null && !"bn128".equals(c) && !"bn254".equals(c)) {
      throw new InvalidInputException(what + " curve: \"" + c + "\" is not \"bn128\" (BN254)");
    }
  }

  private static Object field(Map<String, Object> o, String key, String what) {
    Object v = o.get(key);
    if (v == null) {
      throw new InvalidInputException(what + ": field \"" + key + "\" is missing");
    }
    return v;
  }

  private static BigInteger number(Object v, String what) {
    BigInteger x;
    if (v instanceof BigInteger b) {
      x = b;
    } else if (v instanceof String s) {
      try {
        if (s.startsWith("0x") || s.startsWith("0X")) {
          x = new BigInteger(s.substring(2), 16);
        } else {
          if (s.isEmpty() || s.length() > 100) {
            throw new NumberFormatException();
          }
          x = new BigInteger(s, 10);
        }
      } catch (NumberFormatException e) {
        throw new InvalidInputException(what + ": \"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s)
            + "\" is not a decimal or 0x-hex integer");
      }
    } else {
      throw new InvalidInputException(what + ": expected a number as a string");
    }
    if (x.signum() < 0) {
      throw new InvalidInputException(what + ": " + x + " is negative");
    }
    return x;
  }

  private static List<?> list(Object v, int n, String what) {
    if (!(v instanceof List<?> l) || l.size() != n) {
      throw new InvalidInputException(what + ": expected an array of " + n + " elements");
    }
    return l;
  }

  private static G1Point g1(Object v, String what) {
    List<?> l = list(v, 3, what);
    BigInteger x = number(l.get(0), what + "[0]");
    BigInteger y = number(l.get(1), what + "[1]");
    BigInteger z = number(l.get(2), what + "[2]");
    if (z.signum() == 0) {
      return G1Point.INFINITY;
    }
    if (!z.equals(BigInteger.ONE)) {
      throw new InvalidInputException(what + ": z = " + z + ", only affine points (z = 1) or infinity (z = 0) are accepted");
    }
    if (x.signum() == 0 && y.signum() == 0) {
      throw new InvalidInputException(what + ": (0, 0, 1) is not on the curve");
    }
    try {
      return G1Point.of(x, y);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + ": " + e.getMessage(), e);
    }
  }

  private static G2Point g2(Object v, String what) {
    List<?> l = list(v, 3, what);
    List<?> xs = list(l.get(0), 2, what + "[0]");
    List<?> ys = list(l.get(1), 2, what + "[1]");
    List<?> zs = list(l.get(2), 2, what + "[2]");
    BigInteger z0 = number(zs.get(0), what + "[2][0]");
    BigInteger z1 = number(zs.get(1), what + "[2][1]");
    if (z0.signum() == 0 && z1.signum() == 0) {
      return G2Point.INFINITY;
    }
    if (!z0.equals(BigInteger.ONE) || z1.signum() != 0) {
      throw new InvalidInputException(what + ": z = [" + z0 + ", " + z1
          + "], only affine points (z = [1, 0]) or infinity (z = [0, 0]) are accepted");
    }
    BigInteger x0 = number(xs.get(0), what + "[0][0]");
    BigInteger x1 = number(xs.get(1), what + "[0][1]");
    BigInteger y0 = number(ys.get(0), what + "[1][0]");
    BigInteger y1 = number(ys.get(1), what + "[1][1]");
    if (x0.signum() == 0 && x1.signum() == 0 && y0.signum() == 0 && y1.signum() == 0) {
      throw new InvalidInputException(what + ": all-zero coordinates with z = 1 are not on the twist");
    }
    try {
      return G2Point.of(x0, x1, y0, y1);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + ": " + e.getMessage(), e);
    }
  }

  private static String q(BigInteger v) {
    return "\"" + v + "\"";
  }

  private static String g1Json(G1Point p) {
    if (p.isInfinity()) {
      return "[\"0\", \"1\", \"0\"]";
    }
    return "[" + q(p.x()) + ", " + q(p.y()) + ", \"1\"]";
  }

  private static String g2Json(G2Point p) {
    if (p.isInfinity()) {
      return "[[\"0\", \"0\"], [\"1\", \"0\"], [\"0\", \"0\"]]";
    }
    return "[[" + q(p.x0()) + ", " + q(p.x1()) + "], [" + q(p.y0()) + ", " + q(p.y1()) + "], [\"1\", \"0\"]]";
  }
}
