package io.vnft.api.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Internal, not part of vnft's API (may change without notice): the one temp-and-rename file
 * writer every vnft module uses, so that a reader never sees a partial file. The content goes to
 * a hidden temporary file in the target's directory ({@code .<name>.<random>.part}, mode 0644
 * where POSIX, as the outputs are meant to be shared), which is then renamed over the target
 * (atomically where the file system can; otherwise a plain replacing move). On any failure the
 * temporary file is removed and the target is left as it was.
 *
 * <p>Thread-safety: stateless; concurrent writes to the same target end with one complete file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Fills the temporary file. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param tmp the temporary file to fill (it exists and is empty)
     * @throws IOException on failure; the temporary file is then removed
     */
    void write(Path tmp) throws IOException;
  }

  /**
   * Replaces {@code target} with what {@code body} writes.
   *
   * @param target the final path; its directory must exist
   * @param body fills the temporary file
   * @throws IOException if the directory is missing or writing or renaming fails (the target is
   *     then unchanged and no temporary file is left)
   */
  public static void replace(Path target, Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".part");
    try {
      if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // createTempFile makes 0600 files
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      body.write(tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Replaces {@code target} with {@code bytes} and makes the change durable before returning: the
   * temporary file is written and {@code fsync}ed, renamed over the target, and the directory is
   * {@code fsync}ed so the rename itself survives a power loss (where the platform allows opening a
   * directory; elsewhere, e.g. Windows, that last step is skipped). After a crash the target holds
   * the old content or the new, whole.
   *
   * @param target the final path; its directory must exist
   * @param bytes the new content
   * @throws IOException if writing, syncing or renaming fails (the target is then unchanged)
   */
  public static void replaceDurably(Path target, byte[] bytes) throws IOException {
    replace(target, tmp -> {
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
          java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
    });
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * {@code fsync}s a directory, so that a rename or a new file in it is on disk.
   *
   * @param dir the directory
   * @throws IOException if the directory can be opened but not synced
   */
  public static void syncDirectory(Path dir) throws IOException {
    java.nio.channels.FileChannel ch;
    try {
      ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return; // a platform that cannot open directories (Windows) orders metadata itself
    }
    try (ch) {
      ch.force(true);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes}; see {@link #replace(Path, Body)}.
   *
   * @param target the final path; its directory must exist
   * @param bytes the new content
   * @throws java.io.IOException as for {@link #replace(Path, Body)}; the target is then unchanged
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    replace(target, tmp -> Files.write(tmp, bytes));
  }
}
