package io.vnft.chain.store;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.ContentStore;
import io.vnft.api.ContentStoreProvider;
import io.vnft.api.VnftException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Service provider {@code local}: a {@link LocalContentStore} in the directory named by the system
 * property {@value #DIR_PROPERTY}, else the environment variable {@value #DIR_ENV}, else
 * {@value #DEFAULT_DIR} under the working directory (a relative setting is resolved there too). To
 * choose the directory in code, pass {@code Vnft.builder().contentStore(new LocalContentStore(dir))}.
 * Neither construction nor {@link #create()} touches the file system: the store creates its
 * directory on its first put. Thread-safe.
 */
public final class LocalContentStoreProvider implements ContentStoreProvider {

  /** System property naming the store directory. */
  public static final String DIR_PROPERTY = "vnft.store.dir";
  /** Environment variable naming the store directory. */
  public static final String DIR_ENV = "VNFT_STORE_DIR";
  /** The directory used when neither setting is given, relative to the working directory. */
  public static final String DEFAULT_DIR = "vnft-out/ipfs";

  private final Function<String, String> property;
  private final Function<String, String> env;
  private final Path workingDir;

  /** Called by {@link java.util.ServiceLoader}: the real system properties, environment and working directory. */
  public LocalContentStoreProvider() {
    this(System::getProperty, System::getenv, null);
  }

  /** Test seam: settings from the given lookups, relative paths against {@code workingDir} (null: the real one). */
  LocalContentStoreProvider(Function<String, String> property, Function<String, String> env, Path workingDir) {
    this.property = property;
    this.env = env;
    this.workingDir = workingDir;
  }

  @Override
  public String name() {
    return "local";
  }

  /** @throws BackendUnavailableException when the configured path is malformed or names a file */
  @Override
  public ContentStore create() {
    String dir = property.apply(DIR_PROPERTY);
    String source = "-D" + DIR_PROPERTY;
    if (dir == null || dir.isBlank()) {
      dir = env.apply(DIR_ENV);
      source = DIR_ENV;
    }
    if (dir == null || dir.isBlank()) {
      dir = DEFAULT_DIR;
      source = "the default";
    }
    try {
      Path base = workingDir != null ? workingDir : Path.of("").toAbsolutePath();
      return new LocalContentStore(base.resolve(dir));
    } catch (VnftException | InvalidPathException e) {
      throw new BackendUnavailableException("local content store: " + source + " '" + dir + "' is unusable ("
          + e.getMessage() + "); set -D" + DIR_PROPERTY + " or " + DIR_ENV + ", or pass "
          + "Vnft.builder().contentStore(new LocalContentStore(dir))", e);
    }
  }
}
