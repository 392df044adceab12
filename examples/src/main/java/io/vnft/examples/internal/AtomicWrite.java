package io.vnft.examples.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file under a temporary name beside it and renames it over the target, so readers see
 * the old file or the new one, never half of one. Internal to the examples; not an API.
 */
public final class AtomicWrite {
  private AtomicWrite() {}

  /** Fills the temporary file. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param tmp the temporary file to write
     * @throws IOException on failure (the temporary file is then removed)
     */
    void write(Path tmp) throws IOException;
  }

  /**
   * @param target the file to replace
   * @param body writes the new content to the temporary file
   * @throws UncheckedIOException if writing or renaming fails; the target is then unchanged
   */
  public static void replace(Path target, Body body) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      body.write(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original failure is the one worth reporting
      }
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
