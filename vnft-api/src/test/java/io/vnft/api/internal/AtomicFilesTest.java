package io.vnft.api.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private long entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path f = dir.resolve("a.bin");
    AtomicFiles.replace(f, new byte[] {1, 2, 3});
    AtomicFiles.replace(f, new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(f));
    assertEquals(1, entries());
    if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
  }

  @Test
  void aFailingBodyLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("b.txt");
    AtomicFiles.replace(f, new byte[] {7});
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.replace(f, tmp -> {
      Files.write(tmp, new byte[] {8, 9});
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(f));
    assertEquals(1, entries());
    assertThrows(IllegalStateException.class, () -> AtomicFiles.replace(f, tmp -> {
      throw new IllegalStateException("bug");
    }));
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(f));
    assertEquals(1, entries());
  }

  @Test
  void aMissingDirectoryIsAnIOException() {
    assertThrows(IOException.class, () -> AtomicFiles.replace(dir.resolve("no/such/c.bin"), new byte[] {1}));
  }
}
