package io.vnft.benchmarks.gan;

import io.vnft.api.InvalidInputException;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules that keep held-out prompts held out, checked against the training texts of every
 * concept. A prompt is refused (an {@link InvalidInputException} naming its line and the rule) if
 *
 * <ol>
 *   <li>its {@link #normalise normalised} text equals a training text of any concept;
 *   <li>what the text encoder sees equals what it sees of a training text: the sorted words of
 *       each segment after {@link GanText#segments} (stopwords, connectors) and the suffix rules
 *       of {@link GanText#lookup}; for a morph, either segment alone (so "an xmas tree" and a
 *       morph ending in "a flame" are refused: the encoder reads the training texts "xmas tree"
 *       and "flame");
 *   <li>one of its words is no word of the training texts, directly or by the suffix rules (the
 *       trained vocabulary holds only those words: an unknown word is dropped by the encoder);
 *   <li>a one-concept row has a connector ({@link GanText#CONNECTORS}), or a morph row has none or
 *       an empty side;
 *   <li>it names an unknown short name, or repeats an earlier prompt (normalised).
 * </ol>
 *
 * <p>The words are matched with {@link GanText} itself, run on a vocabulary-only weights file
 * made of the training words, so the rules follow the encoder exactly. Immutable and thread-safe.
 */
public final class PromptRules {
  private final Set<String> trainingTexts = new HashSet<>();
  private final Set<String> encoderViews = new HashSet<>();
  private final Map<String, Concept> byName = new HashMap<>();
  private final GanWeights vocabularyOnly;
  private final GanText text;

  /**
   * @param concepts the training concepts (their texts are the training texts)
   * @throws InvalidInputException if the texts hold more distinct words than a weights file can
   */
  public PromptRules(List<Concept> concepts) {
    Set<String> words = new TreeSet<>();
    for (Concept c : concepts) {
      byName.put(c.shortName(), c);
      for (String t : c.texts()) {
        words.addAll(GanText.words(t));
      }
    }
    if (words.isEmpty() || words.size() > 65_535) {
      throw new InvalidInputException("concepts: " + words.size() + " distinct words, expected 1..65535");
    }
    vocabularyOnly = vocabularyOnly(new ArrayList<>(words));
    text = new GanText(vocabularyOnly);
    for (Concept c : concepts) {
      for (String t : c.texts()) {
        trainingTexts.add(normalise(t));
        List<List<String>> s = GanText.segments(t);
        encoderViews.add(view(s.get(0)) + "/" + view(s.get(1)));
      }
    }
  }

  /**
   * @param s any text
   * @return lower-case (ROOT locale), every run of characters other than {@code a-z} replaced by
   *     one space, trimmed
   */
  public static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").trim();
  }

  /**
   * @param shortName a concept's short name
   * @return the concept
   * @throws InvalidInputException if no concept has that short name
   */
  public Concept concept(String shortName) {
    Concept c = byName.get(shortName);
    if (c == null) {
      throw new InvalidInputException("short_name: no concept is named '" + shortName + "'");
    }
    return c;
  }

  /**
   * Checks every prompt; the first broken rule is thrown.
   *
   * @param prompts the held-out prompts
   * @throws InvalidInputException naming the prompt's line, its text and the rule it breaks
   */
  public void check(List<HeldOutPrompt> prompts) {
    Set<String> seen = new HashSet<>();
    for (HeldOutPrompt p : prompts) {
      String where = "prompt line " + p.line() + " \"" + p.text() + "\"";
      for (String name : List.of(p.targetA(), p.targetB())) {
        if (!byName.containsKey(name)) {
          throw new InvalidInputException(where + ": no concept is named '" + name + "'");
        }
      }
      String norm = normalise(p.text());
      if (trainingTexts.contains(norm)) {
        throw new InvalidInputException(where + ": its normalised text '" + norm + "' is a training text");
      }
      if (!seen.add(norm)) {
        throw new InvalidInputException(where + ": repeats an earlier prompt");
      }
      List<List<String>> s = GanText.segments(p.text());
      for (List<String> segment : s) {
        for (String w : segment) {
          if (text.lookup(w) < 0) {
            throw new InvalidInputException(where + ": the word '" + w + "' is no word of the training "
                + "texts (nor by the suffix rules), so the encoder would drop it");
          }
        }
      }
      boolean connector = false;
      for (String w : GanText.words(p.text())) {
        connector |= GanText.CONNECTORS.contains(w);
      }
      if (!p.morph()) {
        if (connector) {
          throw new InvalidInputException(where + ": a one-concept prompt must not hold a connector "
              + GanText.CONNECTORS);
        }
        if (encoderViews.contains(view(s.get(0)) + "/" + view(s.get(1)))) {
          throw new InvalidInputException(where + ": the encoder sees the training text '"
              + String.join(" ", s.get(0)) + "'");
        }
      } else {
        if (!connector || s.get(0).equals(s.get(1))) {
          throw new InvalidInputException(where + ": a morph needs a connector " + GanText.CONNECTORS
              + " with a concept on each side");
        }
        for (List<String> segment : s) {
          if (encoderViews.contains(view(segment) + "/" + view(segment))) {
            throw new InvalidInputException(where + ": the encoder sees the training text '"
                + String.join(" ", segment) + "' in one of its segments");
          }
        }
      }
    }
  }

  /** The sorted vocabulary words the encoder resolves a segment's words to. */
  private String view(List<String> segment) {
    List<String> resolved = new ArrayList<>();
    for (String w : segment) {
      int i = text.lookup(w);
      resolved.add(i < 0 ? "?" + w : vocabularyOnly.vocabulary().get(i));
    }
    resolved.sort(null);
    return String.join(" ", resolved);
  }

  /** A weights file with these words and all-zero vectors and layers: only its vocabulary is used. */
  private static GanWeights vocabularyOnly(List<String> words) {
    int[][] vectors = new int[words.size()][GanSpec.DIMS];
    int[] shifts = new int[GanSpec.LAYERS];
    int[][][] w = new int[GanSpec.LAYERS][][];
    int[][] b = new int[GanSpec.LAYERS][];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      w[l] = new int[GanSpec.outputs(l)][GanSpec.inputs(l)];
      b[l] = new int[GanSpec.outputs(l)];
    }
    int[] wordWeights = new int[words.size()];
    Arrays.fill(wordWeights, 1);
    return GanWeights.parse(GanWeights.write(words, vectors, wordWeights, shifts, w, b));
  }
}
