package io.vnft.benchmarks.gan;

import io.vnft.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the held-out prompts file ({@code vnft-gpu/training/heldout-prompts.tsv}): a prompt
 * and the concept(s) it describes. Immutable and thread-safe.
 *
 * @param index the prompt's position among the file's prompt rows (0-based; comment and blank
 *     lines not counted): the report's seeds are derived from it
 * @param line the 1-based line number in the file, for messages
 * @param targetA the short name of the concept the prompt (or, for a morph, its first frame) shows
 * @param targetB the concept of a morph's last frame; equal to {@code targetA} for a one-concept prompt
 * @param morph whether the row names two concepts
 * @param text the prompt
 */
public record HeldOutPrompt(int index, int line, String targetA, String targetB, boolean morph, String text) {
  /**
   * Validates the fields; throws {@link InvalidInputException} if a field is null or empty.
   *
   * @param index position among the prompt rows
   * @param line line number
   * @param targetA concept A
   * @param targetB concept B
   * @param morph whether it is a morph
   * @param text the prompt
   */
  public HeldOutPrompt {
    if (targetA == null || targetA.isEmpty() || targetB == null || targetB.isEmpty() || text == null
        || text.isBlank()) {
      throw new InvalidInputException("prompt line " + line + ": short names and prompt must not be empty");
    }
  }

  /**
   * Reads a prompts file: lines starting with {@code #} and blank lines are skipped; a row is
   * {@code short_name<TAB>prompt} or {@code short_nameA<TAB>short_nameB<TAB>prompt}.
   *
   * @param tsv the file
   * @return the prompts in file order
   * @throws InvalidInputException naming the line if a row has another number of columns
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<HeldOutPrompt> readAll(Path tsv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("prompts: cannot read " + tsv, e);
    }
    List<HeldOutPrompt> out = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length == 2) {
        out.add(new HeldOutPrompt(out.size(), n + 1, f[0].trim(), f[0].trim(), false, f[1].trim()));
      } else if (f.length == 3) {
        out.add(new HeldOutPrompt(out.size(), n + 1, f[0].trim(), f[1].trim(), true, f[2].trim()));
      } else {
        throw new InvalidInputException("prompts " + tsv + " line " + (n + 1) + ": expected 2 columns "
            + "(short_name, prompt) or 3 (short_nameA, short_nameB, prompt), got " + f.length);
      }
    }
    return List.copyOf(out);
  }
}
