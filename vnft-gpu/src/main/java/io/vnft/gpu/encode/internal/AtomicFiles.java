package io.vnft.gpu.encode.internal;

import io.vnft.api.GenerationException;
import io.vnft.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encoders' file writer: checks the target, then writes through the shared temp-and-rename
 * writer ({@link io.vnft.api.internal.AtomicFiles}), reporting failures as
 * {@link GenerationException}. Internal: not part of vnft's API.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that fills a file. */
  @FunctionalInterface
  public interface Writer {
    /**
     * @param tmp the temporary file to fill (already exists, empty)
     * @throws IOException on failure; the temporary file is then deleted
     */
    void write(Path tmp) throws IOException;
  }

  /**
   * @param target the final path; its directory must exist; an existing file is replaced
   * @param what a short description for error messages, e.g. {@code "MP4"}
   * @param writer fills the temporary file
   * @return {@code target}
   * @throws InvalidInputException when {@code target} is null, a directory, or its directory is missing
   * @throws GenerationException when writing or renaming fails (nothing is left behind)
   */
  public static Path write(Path target, String what, Writer writer) {
    checkTarget(target);
    try {
      io.vnft.api.internal.AtomicFiles.replace(target, writer::write);
      return target;
    } catch (IOException | RuntimeException e) {
      if (e instanceof GenerationException || e instanceof InvalidInputException) {
        throw (RuntimeException) e;
      }
      throw new GenerationException("writing the " + what + " file " + target + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code bytes} to {@code target} atomically (see {@link #write(Path, String, Writer)}).
   *
   * @param target the file to create or replace
   * @param what what the file holds, for messages
   * @param bytes the content
   * @return {@code target}
   * @throws GenerationException if writing or the rename fails
   */
  public static Path write(Path target, String what, byte[] bytes) {
    return write(target, what, tmp -> Files.write(tmp, bytes));
  }

  private static void checkTarget(Path target) {
    if (target == null) {
      throw new InvalidInputException("target: must not be null");
    }
    Path abs = target.toAbsolutePath();
    if (abs.getFileName() == null) {
      throw new InvalidInputException("target: must name a file, got " + target);
    }
    if (Files.isDirectory(abs)) {
      throw new InvalidInputException("target: is a directory: " + target);
    }
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InvalidInputException("target: directory does not exist: " + dir);
    }
  }
}
