package io.vnft.chain.store;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.ContentStore;
import io.vnft.api.ContentStoreProvider;
import io.vnft.api.VnftException;
import java.nio.file.Path;

/**
 * Service provider {@code local}: a {@link LocalContentStore} in the directory named by the system
 * property {@value #DIR_PROPERTY}, else the environment variable {@value #DIR_ENV}, else
 * {@code vnft-out/ipfs} under the working directory. Construction is free; the directory is
 * created by {@link #create()}. Thread-safe.
 */
public final class LocalContentStoreProvider implements ContentStoreProvider {

  /** System property naming the store directory. */
  public static final String DIR_PROPERTY = "vnft.store.dir";
  /** Environment variable naming the store directory. */
  public static final String DIR_ENV = "VNFT_STORE_DIR";

  /** Called by {@link java.util.ServiceLoader}. */
  public LocalContentStoreProvider() {}

  @Override
  public String name() {
    return "local";
  }

  /** @throws BackendUnavailableException when the directory cannot be used */
  @Override
  public ContentStore create() {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      dir = System.getenv(DIR_ENV);
    }
    if (dir == null || dir.isBlank()) {
      dir = "vnft-out/ipfs";
    }
    try {
      return new LocalContentStore(Path.of(dir));
    } catch (VnftException | java.nio.file.InvalidPathException e) {
      throw new BackendUnavailableException("local content store in '" + dir + "' is unusable: "
          + e.getMessage(), e);
    }
  }
}
