package io.vnft.chain.store;

import io.vnft.api.ContentId;
import io.vnft.api.ContentStore;
import io.vnft.api.ContentStoreException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A content-addressed store in a local directory: each file lives at {@code <dir>/<cid>}, where
 * {@code cid} is its CIDv1 as {@code ipfs add --cid-version 1} computes it
 * ({@link ContentId#compute(byte[])}), so the same bytes can be added to any IPFS node later and
 * keep their CID. The file name given to {@link #put(String, byte[])} is kept beside it in
 * {@code <dir>/<cid>.name} (UTF-8) for gateways and humans; it is not part of the CID (the first
 * name given wins).
 *
 * <p>The directory is created (with its parents) by the first {@link #put(String, byte[])}, not by
 * the constructor: a store nobody writes to leaves nothing behind, and reading from a directory
 * that does not exist yet is the usual not-found error.
 *
 * <p>Files are written under a temporary name in the same directory and renamed into place, so a
 * partial file is never visible under a CID. {@link #get(ContentId)} recomputes the CID of what it
 * read and refuses bytes that do not match (a corrupted or tampered file).
 *
 * <p>Thread-safe, also between processes sharing the directory: writers never touch a visible file,
 * and two writers of one CID write identical bytes.
 */
public final class LocalContentStore implements ContentStore {

  /** Longest accepted file name, in characters. */
  public static final int MAX_FILE_NAME = 255;

  private final Path dir;

  /**
   * @param dir the directory; created (with parents) by the first put when missing
   * @throws InvalidInputException when {@code dir} is null or an existing non-directory
   */
  public LocalContentStore(Path dir) {
    if (dir == null) {
      throw new InvalidInputException("dir: must not be null");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException("dir: not a directory: " + dir);
    }
    this.dir = dir.toAbsolutePath();
  }

  /** @return the directory holding the files */
  public Path directory() {
    return dir;
  }

  /**
   * @param cid a CID
   * @return where that content's file is (or would be) stored
   */
  public Path path(ContentId cid) {
    if (cid == null) {
      throw new InvalidInputException("cid: must not be null");
    }
    return dir.resolve(cid.value());
  }

  /**
   * @throws InvalidInputException when the name is null, empty, longer than {@value #MAX_FILE_NAME}
   *     characters, or holds a path separator or control character
   * @throws ContentStoreException when the directory cannot be created or the file not written
   */
  @Override
  public ContentId put(String fileName, byte[] bytes) {
    checkName(fileName);
    if (bytes == null) {
      throw new InvalidInputException("bytes: must not be null");
    }
    ContentId cid = ContentId.compute(bytes);
    Path target = path(cid);
    Path nameFile = dir.resolve(cid.value() + ".name");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ContentStoreException("cannot create the store directory " + dir + ": " + e.getMessage(), e);
    }
    try {
      if (!Files.exists(nameFile)) {
        AtomicFiles.replace(nameFile, fileName.getBytes(StandardCharsets.UTF_8));
      }
      // Always (re)written: cheap, and it repairs a damaged copy; readers see old or new, both whole
      // (0644: stored content is public by nature, served by the gateway).
      AtomicFiles.replace(target, bytes);
    } catch (IOException e) {
      throw new ContentStoreException("storing " + fileName + " as " + cid + " in " + dir + " failed: "
          + e.getMessage(), e);
    }
    return cid;
  }

  @Override
  public byte[] get(ContentId cid) {
    Path p = path(cid);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new ContentStoreException("content " + cid + " is not in the store " + dir, e);
    } catch (IOException e) {
      throw new ContentStoreException("reading " + cid + " from " + dir + " failed: " + e.getMessage(), e);
    }
    ContentId actual = ContentId.compute(bytes);
    if (!actual.equals(cid)) {
      throw new ContentStoreException("stored file " + p + " does not match its CID: its bytes hash to "
          + actual + " (corrupted or replaced)");
    }
    return bytes;
  }

  @Override
  public boolean contains(ContentId cid) {
    return Files.isRegularFile(path(cid));
  }

  /**
   * @param cid a CID
   * @return the file name first given for it, when the store holds it
   */
  public Optional<String> fileName(ContentId cid) {
    try {
      return Optional.of(Files.readString(dir.resolve(path(cid).getFileName() + ".name"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "LocalContentStore[" + dir + "]";
  }

  static void checkName(String fileName) {
    if (fileName == null || fileName.isEmpty() || fileName.length() > MAX_FILE_NAME) {
      throw new InvalidInputException("fileName: must be 1.." + MAX_FILE_NAME + " characters, got "
          + (fileName == null ? "null" : fileName.length()));
    }
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7F) {
        throw new InvalidInputException("fileName: must not contain '/', '\\' or control characters (index "
            + i + ")");
      }
    }
  }
}
