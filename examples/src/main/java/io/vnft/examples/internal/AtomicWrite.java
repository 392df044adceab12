package io.vnft.examples.internal;

import io.vnft.api.internal.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The examples' file writer: the shared temp-and-rename writer ({@link AtomicFiles}), so readers
 * see the old file or the new one, never half of one, with failures as
 * {@link UncheckedIOException}. Internal to the examples; not an API.
 */
public final class AtomicWrite {
  private AtomicWrite() {}

  /**
   * @param target the file to replace
   * @param body writes the new content to the temporary file
   * @throws UncheckedIOException if writing or renaming fails; the target is then unchanged
   */
  public static void replace(Path target, AtomicFiles.Body body) {
    try {
      AtomicFiles.replace(target, body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
