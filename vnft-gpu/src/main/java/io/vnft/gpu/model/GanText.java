package io.vnft.gpu.model;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The deterministic text encoder of {@value GanSpec#MODEL_ID}: prompt to conditioning. The word
 * vectors are learned with the generator and ship in its weights file ({@link GanWeights}).
 *
 * <ol>
 *   <li>Lower-case (ROOT locale); words are the maximal runs of ASCII letters {@code [a-z]}.
 *   <li>The first word in {@link #CONNECTORS} splits the prompt into segment A (before) and B
 *       (after); without one, or with an empty side, A and B are the same segment. Words in
 *       {@link #STOPWORDS} (and later connectors) are dropped.
 *   <li>A word in the vocabulary gives its vector. Otherwise the suffixes {@link #SUFFIXES} are
 *       tried in order ({@code stem + replacement}); the first stem in the vocabulary gives its
 *       vector. Otherwise the word is skipped.
 *   <li>A segment's mean is the floor of the weighted mean of its known words' vectors, per value:
 *       {@code floor(sum a_w v_w / sum a_w)} with each word's weight {@code a_w} from the weights
 *       file (learned: words that name a concept outweigh words many concepts share). A segment
 *       with no known word takes the vector of vocabulary word
 *       {@code u32(SHA-256(segment's words joined by one space)[0..3]) mod V} (deterministic,
 *       but arbitrary). Its vector is each mean's {@link GanSpec#level level}: a multiple of
 *       {@value GanSpec#STEP} in [-128, 96].
 *   <li>The conditioning is {@code bytes32} below 2^{@value GanSpec#CONDITIONING_BITS}: A's
 *       {@value GanSpec#DIMS} levels, then B's, {@value GanSpec#LEVEL_BITS} bits each in two's
 *       complement, the first of A in the most significant bits ({@link #pack}).
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class GanText {
  /** Words that split a prompt into the concept it starts with and the one it ends with. */
  public static final Set<String> CONNECTORS = Set.of("into", "then", "becoming", "becomes", "to");
  /** Words that carry no concept. */
  public static final Set<String> STOPWORDS = Set.of(
      "a", "an", "the", "of", "with", "and", "or", "in", "on", "at", "by", "for", "from", "is", "are",
      "its", "it", "this", "that", "some", "very", "as", "like", "over", "under", "turning", "turns",
      "turn", "morphing", "morphs", "morph", "changing", "changes", "change", "fading", "fades", "fade",
      "slowly", "become", "my", "your", "one", "two");
  /** Suffix rules {@code {suffix, replacement}}, tried in this order on an unknown word. */
  public static final List<String[]> SUFFIXES = List.of(
      new String[] {"s", ""}, new String[] {"es", ""}, new String[] {"ies", "y"},
      new String[] {"ing", ""}, new String[] {"ing", "e"}, new String[] {"ed", ""},
      new String[] {"ed", "e"}, new String[] {"ly", ""}, new String[] {"er", ""});

  private final GanWeights weights;

  /** @param weights the model's weights (vocabulary and word vectors) */
  public GanText(GanWeights weights) {
    this.weights = weights;
  }

  /**
   * Step 1 of the encoder, the one tokenisation every user of the vocabulary shares (the trainer,
   * the held-out rules): lower-case (ROOT locale), the maximal runs of ASCII letters {@code [a-z]},
   * those longer than {@value GanWeights#MAX_WORD} letters dropped.
   *
   * @param text any text
   * @return its words, in order (connectors and stopwords included)
   */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (!w.isEmpty() && w.length() <= GanWeights.MAX_WORD) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * The words of each segment as the encoder sees them (after connectors and stopwords).
   *
   * @param prompt the prompt
   * @return {@code [A words, B words]}; equal lists if the prompt has one concept
   */
  public static List<List<String>> segments(String prompt) {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    boolean split = false;
    for (String w : words(prompt)) {
      if (!split && CONNECTORS.contains(w)) {
        split = true;
        continue;
      }
      if (STOPWORDS.contains(w) || CONNECTORS.contains(w)) {
        continue;
      }
      (split ? b : a).add(w);
    }
    if (a.isEmpty()) {
      a = b;
    }
    if (b.isEmpty()) {
      b = a;
    }
    return List.of(List.copyOf(a), List.copyOf(b));
  }

  /**
   * @param word a lower-case word
   * @return its vocabulary index after the suffix rules, or -1
   */
  public int lookup(String word) {
    int i = weights.indexOf(word);
    if (i >= 0) {
      return i;
    }
    for (String[] rule : SUFFIXES) {
      if (word.length() > rule[0].length() + 1 && word.endsWith(rule[0])) {
        i = weights.indexOf(word.substring(0, word.length() - rule[0].length()) + rule[1]);
        if (i >= 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * @param words a segment's words
   * @return its {@value GanSpec#DIMS} values, each a multiple of {@value GanSpec#STEP} in [-128, 96]
   */
  public int[] vector(List<String> words) {
    long[] sum = new long[GanSpec.DIMS];
    long total = 0; // sum of the known words' weights
    for (String w : words) {
      int i = lookup(w);
      if (i >= 0) {
        int[] v = weights.vectorUnsafe(i);
        int a = weights.wordWeight(i);
        for (int j = 0; j < sum.length; j++) {
          sum[j] += (long) a * v[j];
        }
        total += a;
      }
    }
    if (total == 0) {
      int[] v = weights.vectorUnsafe(fallback(words, weights.vocabulary().size()));
      for (int j = 0; j < sum.length; j++) {
        sum[j] = v[j];
      }
      total = 1;
    }
    int[] out = new int[GanSpec.DIMS];
    for (int j = 0; j < out.length; j++) {
      out[j] = GanSpec.level((int) Math.floorDiv(sum[j], total));
    }
    return out;
  }


  static int fallback(List<String> words, int vocabularySize) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(String.join(" ", words).getBytes(StandardCharsets.US_ASCII));
      long u = ((h[0] & 0xffL) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
      return (int) (u % vocabularySize);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  /**
   * @param prompt the prompt (at most {@value io.vnft.api.GenerationRequest#MAX_PROMPT_BYTES}
   *     UTF-8 bytes is what a trigger allows; any length is encoded)
   * @return the conditioning a trigger stores for it
   */
  public Bytes32 conditioningOf(String prompt) {
    List<List<String>> s = segments(prompt);
    return pack(vector(s.get(0)), vector(s.get(1)));
  }

  /**
   * @param a concept A, {@value GanSpec#DIMS} multiples of {@value GanSpec#STEP} in [-128, 96]
   * @param b concept B, likewise
   * @return the conditioning: {@code sum_i u_i 2^(LEVEL_BITS (2 DIMS - 1 - i))} over the levels
   *     {@code A_0 .. A_39, B_0 .. B_39}, {@code u_i} a level's two's complement in [0, 7]
   * @throws InvalidInputException if a value is not such a multiple
   */
  public static Bytes32 pack(int[] a, int[] b) {
    if (a == null || b == null || a.length != GanSpec.DIMS || b.length != GanSpec.DIMS) {
      throw new InvalidInputException("conditioning: expected two vectors of " + GanSpec.DIMS);
    }
    BigInteger c = BigInteger.ZERO;
    int mask = (1 << GanSpec.LEVEL_BITS) - 1;
    for (int[] v : new int[][] {a, b}) {
      for (int x : v) {
        if (Math.floorMod(x, GanSpec.STEP) != 0 || x < GanSpec.STEP * GanSpec.LEVEL_MIN
            || x > GanSpec.STEP * GanSpec.LEVEL_MAX) {
          throw new InvalidInputException("conditioning: value " + x + " is not a multiple of "
              + GanSpec.STEP + " in [" + GanSpec.STEP * GanSpec.LEVEL_MIN + ", " + GanSpec.STEP * GanSpec.LEVEL_MAX + "]");
        }
        c = c.shiftLeft(GanSpec.LEVEL_BITS).or(BigInteger.valueOf((x / GanSpec.STEP) & mask));
      }
    }
    return Bytes32.fromBigInteger(c);
  }

  /**
   * @param conditioning a trigger's conditioning
   * @return {@code [A, B]}, each {@value GanSpec#DIMS} multiples of {@value GanSpec#STEP} in [-128, 96]
   * @throws InvalidInputException if it is not below 2^{@value GanSpec#CONDITIONING_BITS}
   */
  public static int[][] unpack(Bytes32 conditioning) {
    BigInteger c = conditioning.toBigInteger();
    if (c.bitLength() > GanSpec.CONDITIONING_BITS) {
      throw new InvalidInputException("conditioning: " + GanSpec.MODEL_ID + " takes a value below 2^"
          + GanSpec.CONDITIONING_BITS + ", got " + conditioning);
    }
    int[][] ab = new int[2][GanSpec.DIMS];
    int mask = (1 << GanSpec.LEVEL_BITS) - 1;
    for (int i = 2 * GanSpec.DIMS - 1; i >= 0; i--) {
      int u = c.intValue() & mask;
      c = c.shiftRight(GanSpec.LEVEL_BITS);
      ab[i / GanSpec.DIMS][i % GanSpec.DIMS] = GanSpec.STEP * (u > GanSpec.LEVEL_MAX ? u - (mask + 1) : u);
    }
    return ab;
  }
}
