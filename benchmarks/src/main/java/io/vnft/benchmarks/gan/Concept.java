package io.vnft.benchmarks.gan;

import io.vnft.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One training concept of {@code vnft-gan-1}: a line of the concepts TSV that
 * {@code vnft-gpu/training/prepare.js} writes. Immutable and thread-safe.
 *
 * @param index the line's index column (0-based, in file order)
 * @param code the emoji's unified code, e.g. {@code 1F431}
 * @param image the absolute path of its 64x64 RGBA PNG
 * @param category e.g. {@code Animals & Nature}
 * @param subcategory e.g. {@code animal-mammal}
 * @param shortName its short name, unique in the file, e.g. {@code cat}
 * @param texts its training texts: the only texts the trainer pairs with this image
 */
public record Concept(int index, String code, Path image, String category, String subcategory,
    String shortName, List<String> texts) {
  /** Columns of a concepts TSV line. */
  public static final int COLUMNS = 7;

  /**
   * Validates the fields; throws {@link InvalidInputException} naming a null or empty one.
   *
   * @param index the index column
   * @param code the unified code
   * @param image the PNG path
   * @param category the category
   * @param subcategory the subcategory
   * @param shortName the short name
   * @param texts the training texts, at least one
   */
  public Concept {
    if (code == null || image == null || category == null || subcategory == null || shortName == null
        || shortName.isEmpty() || texts == null || texts.isEmpty()) {
      throw new InvalidInputException("concept " + index + ": code, image, category, subcategory, "
          + "short_name and at least one training text are required");
    }
    texts = List.copyOf(texts);
  }

  /**
   * Reads a concepts TSV: one concept per non-empty line, {@value #COLUMNS} tab-separated columns
   * (index, unified code, image path, category, subcategory, short_name, texts separated by '|').
   *
   * @param tsv the file
   * @return the concepts in file order; {@code get(i).index() == i}
   * @throws InvalidInputException naming the line if a line is malformed, an index is out of
   *     order or a short name repeats
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<Concept> readAll(Path tsv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("concepts: cannot read " + tsv, e);
    }
    List<Concept> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      String where = "concepts " + tsv + " line " + (n + 1);
      if (f.length != COLUMNS) {
        throw new InvalidInputException(where + ": expected " + COLUMNS + " columns, got " + f.length);
      }
      int index;
      try {
        index = Integer.parseInt(f[0]);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(where + ": index '" + f[0] + "' is not a number");
      }
      if (index != out.size()) {
        throw new InvalidInputException(where + ": index " + index + ", expected " + out.size());
      }
      if (!names.add(f[5])) {
        throw new InvalidInputException(where + ": short_name '" + f[5] + "' repeats");
      }
      List<String> texts = Arrays.stream(f[6].split("\\|")).filter(t -> !t.isBlank()).toList();
      out.add(new Concept(index, f[1], Path.of(f[2]), f[3], f[4], f[5], texts));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("concepts " + tsv + ": no concepts");
    }
    return List.copyOf(out);
  }
}
