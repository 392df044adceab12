package io.vnft.gpu.model;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trained, quantised weights of {@value GanSpec#MODEL_ID}: the text encoder's vocabulary and
 * word vectors, and the four layers of the generator. Immutable and thread-safe; accessors return
 * copies.
 *
 * <p>File format (big-endian): ASCII magic {@code VNFTGAN1}; u8 version (2), u8 dims (40), u8 z
 * (4), u8 hidden (128), u8 layers (4); u16 vocabulary size V (1..65535); V words, each u8 length
 * (1..{@value #MAX_WORD}) and that many ASCII bytes {@code [a-z]}, strictly increasing; V x 40
 * int8 word vectors in [-127, 127]; V u8 word weights in [1, 255] (a word's weight in the
 * segment mean, {@link GanText}); then per layer (inputs/outputs as {@link GanSpec#inputs} /
 * {@link GanSpec#outputs}): u8 shift (0..{@value GanSpec#MAX_SHIFT}), outputs x inputs int8
 * weights [out][in] in [-127, 127], outputs int32 biases in [-2^21, 2^21]. Nothing may follow.
 * Anything else is refused as corrupt, naming the field.
 *
 * <p>The built-in file {@code vnft-gan-1.weights} is written by the training command
 * ({@code vnft-gpu/training/train.sh}) and pinned by its SHA-256 {@value #BUILT_IN_SHA256}.
 */
public final class GanWeights {
  /** Longest vocabulary word, in letters. */
  public static final int MAX_WORD = 24;
  /** SHA-256 of the built-in weights file. */
  public static final String BUILT_IN_SHA256 =
      "0x5c019bf4242cedb7361982c3fd1ee83c9e94698d949b92a7532d07a7b4c0a9a1";
  private static final int VERSION = 2;
  private static final byte[] MAGIC = "VNFTGAN1".getBytes(StandardCharsets.US_ASCII);
  private static final String RESOURCE = "vnft-gan-1.weights";

  private final List<String> vocabulary;
  private final Map<String, Integer> index;
  private final int[][] vectors;
  private final int[] wordWeights;
  private final int[] shifts;
  private final int[][][] weights;
  private final int[][] biases;
  private final Bytes32 sha256;

  private GanWeights(List<String> vocabulary, int[][] vectors, int[] wordWeights, int[] shifts,
      int[][][] weights, int[][] biases, Bytes32 sha256) {
    this.vocabulary = List.copyOf(vocabulary);
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      m.put(vocabulary.get(i), i);
    }
    this.index = Collections.unmodifiableMap(m);
    this.vectors = vectors;
    this.wordWeights = wordWeights;
    this.shifts = shifts;
    this.weights = weights;
    this.biases = biases;
    this.sha256 = sha256;
  }

  /**
   * @return the built-in weights, checked against {@link #BUILT_IN_SHA256}
   * @throws GenerationException if the resource is missing or corrupt
   */
  public static GanWeights builtIn() {
    return Holder.BUILT_IN;
  }

  private static final class Holder {
    static final GanWeights BUILT_IN = loadBuiltIn();
  }

  private static GanWeights loadBuiltIn() {
    try (InputStream in = GanWeights.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new GenerationException(GanSpec.MODEL_ID + ": weights resource " + RESOURCE + " missing");
      }
      GanWeights w = parse(in.readAllBytes());
      if (!w.sha256().hex().equalsIgnoreCase(BUILT_IN_SHA256)) {
        throw new GenerationException(GanSpec.MODEL_ID + ": weights SHA-256 " + w.sha256().hex()
            + " differs from the pinned " + BUILT_IN_SHA256 + " (corrupt weights)");
      }
      return w;
    } catch (IOException e) {
      throw new GenerationException(GanSpec.MODEL_ID + ": cannot read weights resource", e);
    }
  }

  /**
   * @param file a weights file
   * @return the weights
   * @throws GenerationException naming the field if the file is malformed
   */
  public static GanWeights parse(byte[] file) {
    if (file == null) {
      throw new GenerationException("weights: corrupt file, null");
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    try {
      byte[] magic = new byte[MAGIC.length];
      b.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corrupt("bad magic (expected VNFTGAN1)");
      }
      // u8 fields: read unsigned, so a width of 128..255 is read as itself, not as a negative number
      int version = b.get() & 0xff;
      int dims = b.get() & 0xff;
      int z = b.get() & 0xff;
      int hidden = b.get() & 0xff;
      int layers = b.get() & 0xff;
      if (version != VERSION || dims != GanSpec.DIMS || z != GanSpec.Z || hidden != GanSpec.HIDDEN
          || layers != GanSpec.LAYERS) {
        throw corrupt("header version/dims/z/hidden/layers = " + version + "/" + dims + "/" + z + "/"
            + hidden + "/" + layers + ", expected " + VERSION + "/" + GanSpec.DIMS + "/" + GanSpec.Z + "/"
            + GanSpec.HIDDEN + "/" + GanSpec.LAYERS);
      }
      int v = b.getShort() & 0xffff;
      if (v == 0) {
        throw corrupt("empty vocabulary");
      }
      List<String> words = new ArrayList<>(v);
      for (int i = 0; i < v; i++) {
        int len = b.get() & 0xff;
        if (len < 1 || len > MAX_WORD) {
          throw corrupt("word " + i + " has length " + len + ", expected 1.." + MAX_WORD);
        }
        byte[] w = new byte[len];
        b.get(w);
        for (byte c : w) {
          if (c < 'a' || c > 'z') {
            throw corrupt("word " + i + " has a byte outside [a-z]");
          }
        }
        String s = new String(w, StandardCharsets.US_ASCII);
        if (i > 0 && words.get(i - 1).compareTo(s) >= 0) {
          throw corrupt("word " + i + " '" + s + "' is not after '" + words.get(i - 1) + "'");
        }
        words.add(s);
      }
      int[][] vectors = new int[v][];
      for (int i = 0; i < v; i++) {
        vectors[i] = int8s(b, GanSpec.DIMS, "vector[" + i + "]");
      }
      int[] wordWeights = new int[v];
      for (int i = 0; i < v; i++) {
        wordWeights[i] = b.get() & 0xff;
        if (wordWeights[i] == 0) {
          throw corrupt("word weight " + i + " = 0 is outside [1, 255]");
        }
      }
      int[] shifts = new int[GanSpec.LAYERS];
      int[][][] weights = new int[GanSpec.LAYERS][][];
      int[][] biases = new int[GanSpec.LAYERS][];
      for (int l = 0; l < GanSpec.LAYERS; l++) {
        shifts[l] = b.get() & 0xff;
        if (shifts[l] > GanSpec.MAX_SHIFT) {
          throw corrupt("layer " + l + " shift " + shifts[l] + " above " + GanSpec.MAX_SHIFT);
        }
        int out = GanSpec.outputs(l);
        weights[l] = new int[out][];
        for (int o = 0; o < out; o++) {
          weights[l][o] = int8s(b, GanSpec.inputs(l), "W" + l + "[" + o + "]");
        }
        biases[l] = new int[out];
        for (int o = 0; o < out; o++) {
          int x = b.getInt();
          if (x < -GanSpec.MAX_BIAS || x > GanSpec.MAX_BIAS) {
            throw corrupt("B" + l + "[" + o + "] = " + x + " outside [-2^21, 2^21]");
          }
          biases[l][o] = x;
        }
      }
      if (b.hasRemaining()) {
        throw corrupt(b.remaining() + " bytes after the last layer");
      }
      return new GanWeights(words, vectors, wordWeights, shifts, weights, biases,
          Bytes32.of(CppnWeights.sha256(file)));
    } catch (BufferUnderflowException e) {
      throw corrupt("truncated at byte " + b.position() + " of " + file.length);
    }
  }

  private static GenerationException corrupt(String what) {
    return new GenerationException("weights: corrupt " + GanSpec.MODEL_ID + " file, " + what);
  }

  private static int[] int8s(ByteBuffer b, int n, String name) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = b.get();
      if (v[i] == -128) {
        throw corrupt(name + "[" + i + "] = -128 is outside [-127, 127]");
      }
    }
    return v;
  }

  /**
   * Writes a weights file (the inverse of {@link #parse}); the training command's last step.
   *
   * @param vocabulary the words, strictly increasing, each 1..{@value #MAX_WORD} letters [a-z]
   * @param vectors one {@value GanSpec#DIMS}-vector per word, values in [-127, 127]
   * @param wordWeights one weight per word, in [1, 255]
   * @param shifts per layer
   * @param weights per layer, [out][in]
   * @param biases per layer
   * @return the file bytes (checked by parsing them back)
   * @throws GenerationException if a value is out of range
   */
  public static byte[] write(List<String> vocabulary, int[][] vectors, int[] wordWeights, int[] shifts,
      int[][][] weights, int[][] biases) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeByte(GanSpec.DIMS);
      out.writeByte(GanSpec.Z);
      out.writeByte(GanSpec.HIDDEN);
      out.writeByte(GanSpec.LAYERS);
      out.writeShort(vocabulary.size());
      for (String w : vocabulary) {
        byte[] a = w.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(a.length);
        out.write(a);
      }
      for (int[] v : vectors) {
        for (int x : v) {
          out.writeByte(x);
        }
      }
      for (int x : wordWeights) {
        out.writeByte(x);
      }
      for (int l = 0; l < GanSpec.LAYERS; l++) {
        out.writeByte(shifts[l]);
        for (int[] row : weights[l]) {
          for (int x : row) {
            out.writeByte(x);
          }
        }
        for (int x : biases[l]) {
          out.writeInt(x);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] file = bytes.toByteArray();
    parse(file);
    return file;
  }

  /**
   * Random weights of the right shape, for tests of the faces (they must agree on any weights,
   * not only the trained ones): a vocabulary of {@code words} made-up words, weights and biases
   * drawn so that activations neither all saturate nor all vanish.
   *
   * @param seed the PRNG seed
   * @param words vocabulary size, 1..1000
   * @return a parsed file
   */
  public static GanWeights random(long seed, int words) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> vocab = new ArrayList<>();
    for (int i = 0; i < words; i++) {
      vocab.add("w" + (char) ('a' + i / 26 / 26 % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26));
    }
    int[][] vec = new int[words][GanSpec.DIMS];
    for (int[] v : vec) {
      for (int j = 0; j < v.length; j++) {
        v[j] = rnd.nextInt(-127, 128);
      }
    }
    int[] ww = new int[words];
    for (int i = 0; i < words; i++) {
      ww[i] = 1 + rnd.nextInt(255);
    }
    int[] shifts = {9, 11, 11, 11};
    int[][][] w = new int[GanSpec.LAYERS][][];
    int[][] b = new int[GanSpec.LAYERS][];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      w[l] = new int[GanSpec.outputs(l)][GanSpec.inputs(l)];
      b[l] = new int[GanSpec.outputs(l)];
      for (int o = 0; o < w[l].length; o++) {
        for (int i = 0; i < w[l][o].length; i++) {
          w[l][o][i] = rnd.nextInt(-127, 128);
        }
        // centred: at hidden inputs of 128 (mid-range) the pre-activation is near 2^(s+7), whatever the
        // width (uncentred, one output unit of a 128-wide network sat at 0 for every pixel)
        long centre = 0;
        for (int i = 0; l > 0 && i < GanSpec.HIDDEN; i++) {
          centre += 128L * w[l][o][i];
        }
        b[l][o] = (int) (rnd.nextInt(-(1 << 17), 1 << 17) + (1 << (shifts[l] + 7)) - centre);
      }
    }
    return parse(write(vocab, vec, ww, shifts, w, b));
  }

  /** @return SHA-256 of the weights file (the model's {@code weightsHash}) */
  public Bytes32 sha256() {
    return sha256;
  }

  /** @return the vocabulary, sorted (unmodifiable) */
  public List<String> vocabulary() {
    return vocabulary;
  }

  /**
   * @param word a lower-case word
   * @return its index in the vocabulary, or -1
   */
  public int indexOf(String word) {
    Integer i = index.get(word);
    return i == null ? -1 : i;
  }

  /**
   * @param word a vocabulary index
   * @return that word's vector (a copy)
   */
  public int[] vector(int word) {
    return vectors[word].clone();
  }

  int[] vectorUnsafe(int word) {
    return vectors[word];
  }

  /**
   * @param word a vocabulary index
   * @return that word's weight in a segment's mean, in [1, 255]
   */
  public int wordWeight(int word) {
    return wordWeights[word];
  }

  /**
   * @param layer 0..3
   * @return that layer's shift
   */
  public int shift(int layer) {
    return shifts[layer];
  }

  /**
   * @param layer 0..3
   * @return that layer's weights [out][in] (a copy)
   */
  public int[][] weights(int layer) {
    int[][] c = new int[weights[layer].length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = weights[layer][i].clone();
    }
    return c;
  }

  /**
   * @param layer 0..3
   * @return that layer's biases (a copy)
   */
  public int[] biases(int layer) {
    return biases[layer].clone();
  }
}
