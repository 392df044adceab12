package io.vnft.gpu.training;

import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * The training concepts of {@code vnft-gan-1}, read from the TSV that {@code training/prepare.js}
 * writes: per concept its image (box-downsampled to {@code res x res}, as alpha and premultiplied
 * RGB in [0, 1]) and its training texts as vocabulary word indices. The vocabulary is every word
 * of every training text as {@link GanText} splits words (ASCII letters, lower case, at most
 * {@value GanWeights#MAX_WORD} letters), less its stopwords and connectors, sorted. Immutable.
 */
public final class EmojiConcepts {
  private final List<String> shortNames;
  private final List<String> images;
  private final List<float[]> alpha;
  private final List<float[]> premultiplied;
  private final List<List<int[]>> texts;
  private final List<List<String>> rawTexts;
  private final List<String> vocabulary;

  private EmojiConcepts(List<String> shortNames, List<String> images, List<float[]> alpha,
      List<float[]> premultiplied, List<List<int[]>> texts, List<List<String>> rawTexts, List<String> vocabulary) {
    this.shortNames = shortNames;
    this.images = images;
    this.alpha = alpha;
    this.premultiplied = premultiplied;
    this.texts = texts;
    this.rawTexts = rawTexts;
    this.vocabulary = vocabulary;
  }

  /**
   * @param text a training text
   * @return its words as the encoder keeps them
   */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>(GanText.words(text));
    out.removeIf(w -> GanText.STOPWORDS.contains(w) || GanText.CONNECTORS.contains(w));
    return out;
  }

  /**
   * @param tsv the concepts file
   * @param res the training resolution (a divisor of 64)
   * @return the concepts
   * @throws IOException if a file cannot be read
   */
  public static EmojiConcepts read(Path tsv, int res) throws IOException {
    if (res <= 0 || 64 % res != 0) {
      throw new IllegalArgumentException("res: must divide 64, got " + res);
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(line.split("\t", -1));
      }
    }
    TreeSet<String> vocab = new TreeSet<>();
    List<List<String>> raw = new ArrayList<>();
    for (String[] r : rows) {
      List<String> t = new ArrayList<>();
      for (String s : r[6].split("\\|")) {
        if (!words(s).isEmpty()) {
          t.add(s);
          vocab.addAll(words(s));
        }
      }
      if (t.isEmpty()) {
        t.add(r[5].replace('_', ' '));
        vocab.addAll(words(t.get(0)));
      }
      raw.add(t);
    }
    List<String> vocabulary = List.copyOf(vocab);
    Map<String, Integer> index = new TreeMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      index.put(vocabulary.get(i), i);
    }
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    List<float[]> alpha = new ArrayList<>();
    List<float[]> prem = new ArrayList<>();
    List<List<int[]>> texts = new ArrayList<>();
    int f = 64 / res;
    for (int c = 0; c < rows.size(); c++) {
      String[] r = rows.get(c);
      names.add(r[5]);
      images.add(r[2]);
      BufferedImage img = ImageIO.read(Path.of(r[2]).toFile());
      if (img == null || img.getWidth() != 64 || img.getHeight() != 64) {
        throw new IOException(r[2] + ": expected a 64x64 PNG");
      }
      float[] a = new float[res * res];
      float[] p = new float[res * res * 3];
      for (int y = 0; y < 64; y++) {
        for (int x = 0; x < 64; x++) {
          int argb = img.getRGB(x, y);
          float al = (argb >>> 24) / 255f;
          int i = (y / f) * res + x / f;
          a[i] += al / (f * f);
          for (int ch = 0; ch < 3; ch++) {
            p[i * 3 + ch] += al * ((argb >> (16 - 8 * ch)) & 255) / 255f / (f * f);
          }
        }
      }
      alpha.add(a);
      prem.add(p);
      List<int[]> ids = new ArrayList<>();
      for (String t : raw.get(c)) {
        ids.add(words(t).stream().mapToInt(index::get).toArray());
      }
      texts.add(Collections.unmodifiableList(ids));
    }
    return new EmojiConcepts(List.copyOf(names), List.copyOf(images), alpha, prem, texts, raw, vocabulary);
  }

  /** @return the number of concepts */
  public int size() {
    return shortNames.size();
  }

  /** @return the vocabulary, sorted */
  public List<String> vocabulary() {
    return vocabulary;
  }

  /**
   * @param concept a concept index
   * @return its short name, e.g. {@code cat}
   */
  public String shortName(int concept) {
    return shortNames.get(concept);
  }

  /**
   * @param concept a concept index
   * @return its image file
   */
  public String image(int concept) {
    return images.get(concept);
  }

  /**
   * @param concept a concept index
   * @return alpha per pixel, row-major (shared; do not modify)
   */
  public float[] alpha(int concept) {
    return alpha.get(concept);
  }

  /**
   * @param concept a concept index
   * @return premultiplied RGB per pixel, row-major, interleaved (shared; do not modify)
   */
  public float[] premultiplied(int concept) {
    return premultiplied.get(concept);
  }

  /**
   * @param concept a concept index
   * @return its training texts as word indices
   */
  public List<int[]> texts(int concept) {
    return texts.get(concept);
  }

  /**
   * @param concept a concept index
   * @return its training texts
   */
  public List<String> rawTexts(int concept) {
    return rawTexts.get(concept);
  }
}
