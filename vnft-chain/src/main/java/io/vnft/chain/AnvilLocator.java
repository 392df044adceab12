package io.vnft.chain;

import io.vnft.api.BackendUnavailableException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds (and, when allowed, installs) the anvil binary for {@link AnvilNode}, in the order the
 * class comment of {@link AnvilNode} gives. Package-private: its inputs ({@link Inputs}) are a seam
 * for tests, which inject system properties, environment, working directory and home instead of
 * mutating the real ones.
 */
final class AnvilLocator {
  private static final Logger LOG = LoggerFactory.getLogger(AnvilNode.class);

  /** How long one {@code npm install} may take before it is killed. */
  static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  /** One installer per JVM at a time; {@link FileChannel#lock()} serialises processes, not threads. */
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();

  static final String HOW_TO_GET = "get anvil with `npm i -g @foundry-rs/anvil@" + AnvilNode.ANVIL_VERSION
      + "`, or Foundry's `foundryup`, or point to a binary with VNFT_ANVIL, -Dvnft.anvil or "
      + "AnvilNode.builder().binary(path)";

  /**
   * What the lookup reads.
   *
   * @param property system properties ({@code vnft.anvil}, {@code vnft.chain.moduleDir}, {@code os.name}, {@code os.arch})
   * @param env environment variables ({@code VNFT_ANVIL}, {@code PATH}, {@code XDG_CACHE_HOME})
   * @param workingDir where the source-tree search starts
   * @param home the user's home (for {@code ~/.cache})
   */
  record Inputs(Function<String, String> property, Function<String, String> env, Path workingDir, Path home) {
    static Inputs system() {
      return new Inputs(System::getProperty, System::getenv, Path.of("").toAbsolutePath(),
          Path.of(System.getProperty("user.home", ".")));
    }

    private Optional<String> get(Function<String, String> f, String key) {
      String v = f.apply(key);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    boolean windows() {
      return get(property, "os.name").orElse("").toLowerCase().startsWith("windows");
    }

    /** @return e.g. {@code linux-amd64}, as in the npm package names {@code @foundry-rs/anvil-<os>-<arch>} */
    String platform() {
      String os = get(property, "os.name").orElse("").toLowerCase();
      String arch = get(property, "os.arch").orElse("").toLowerCase();
      String o = os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os.startsWith("windows") ? "win32" : "linux";
      String a = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
      return o + "-" + a;
    }

    /** @return {@code <prefix>}-relative path of the binary an npm install puts there */
    String npmBinary() {
      return "node_modules/@foundry-rs/anvil-" + platform() + "/bin/anvil" + (windows() ? ".exe" : "");
    }

    /** @return {@code $XDG_CACHE_HOME/vnft/anvil} or {@code ~/.cache/vnft/anvil}; version directories go below */
    Path cacheParent() {
      Path base = get(env, "XDG_CACHE_HOME").map(Path::of).filter(Path::isAbsolute).orElse(home.resolve(".cache"));
      return base.resolve("vnft").resolve("anvil");
    }

    List<Path> pathDirs() {
      List<Path> out = new ArrayList<>();
      for (String d : get(env, "PATH").orElse("").split(File.pathSeparator)) {
        if (!d.isBlank()) {
          out.add(Path.of(d));
        }
      }
      return out;
    }

    Optional<Path> onPath(String name) {
      List<String> names = windows() ? List.of(name + ".exe", name + ".cmd", name) : List.of(name);
      for (Path d : pathDirs()) {
        for (String n : names) {
          Path p = d.resolve(n);
          if (Files.isRegularFile(p) && Files.isExecutable(p)) {
            return Optional.of(p);
          }
        }
      }
      return Optional.empty();
    }
  }

  private AnvilLocator() {}

  /**
   * @param configured the builder's {@code binary(Path)}, or null
   * @param in what to read
   * @param installIfMissing whether to run {@code npm install} into the user cache as the last resort
   * @return the binary to run
   * @throws BackendUnavailableException when none is found or a configured one is not executable;
   *     the message lists what was tried and how to get anvil
   */
  static Path locate(Path configured, Inputs in, boolean installIfMissing) {
    if (configured != null) {
      return configured; // the caller's choice, used as is; start() reports if it cannot run
    }
    List<String> tried = new ArrayList<>();
    Optional<String> prop = in.get(in.property, "vnft.anvil");
    if (prop.isPresent()) {
      return explicit(Path.of(prop.get()), "-Dvnft.anvil");
    }
    tried.add("-Dvnft.anvil (not set)");
    Optional<String> env = in.get(in.env, "VNFT_ANVIL");
    if (env.isPresent()) {
      return explicit(Path.of(env.get()), "VNFT_ANVIL");
    }
    tried.add("VNFT_ANVIL (not set)");
    Optional<Path> onPath = in.onPath("anvil");
    if (onPath.isPresent()) {
      return onPath.get();
    }
    tried.add("anvil on PATH (" + in.pathDirs().size() + " directories)");
    List<Path> sourceTree = sourceTreeCandidates(in);
    for (Path p : sourceTree) {
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    tried.add("vnft-chain/node_modules of a source tree (" + sourceTree.subList(0, Math.min(3, sourceTree.size()))
        + (sourceTree.size() > 3 ? " and " + (sourceTree.size() - 3) + " more" : "") + ")");
    Path cacheDir = in.cacheParent().resolve(AnvilNode.ANVIL_VERSION);
    Path cached = cacheDir.resolve(in.npmBinary());
    if (Files.isRegularFile(cached) && Files.isExecutable(cached)) {
      return cached;
    }
    tried.add("the user cache " + cached);
    if (!installIfMissing) {
      tried.add("no install into the cache (installIfMissing(false))");
      throw notFound(tried);
    }
    Optional<Path> npm = in.onPath("npm");
    if (npm.isEmpty()) {
      tried.add("no install into the cache (npm is not on PATH)");
      throw notFound(tried);
    }
    return install(npm.get(), in, tried);
  }

  private static Path explicit(Path p, String source) {
    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
      return p;
    }
    // A setting that points nowhere is a mistake to report, not a reason to fall back to another anvil.
    throw new BackendUnavailableException(source + "=" + p + " is not an executable file; fix or unset it, or "
        + HOW_TO_GET);
  }

  private static List<Path> sourceTreeCandidates(Inputs in) {
    String rel = in.npmBinary();
    List<Path> roots = new ArrayList<>();
    in.get(in.property, "vnft.chain.moduleDir").ifPresent(d -> roots.add(Path.of(d)));
    for (Path dir = in.workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      roots.add(dir);
      roots.add(dir.resolve("vnft-chain"));
    }
    List<Path> out = new ArrayList<>();
    for (Path r : roots) {
      out.add(r.resolve(rel));
    }
    return out;
  }

  private static BackendUnavailableException notFound(List<String> tried) {
    return new BackendUnavailableException("anvil binary not found; tried, in order: " + String.join("; ", tried)
        + ". To fix: " + HOW_TO_GET);
  }

  /**
   * Installs into a fresh temporary directory beside the cache directory and renames it into place,
   * so a killed install never looks complete and two installers never share a directory. A lock file
   * makes concurrent installers (threads or processes) wait for the first one instead of downloading
   * twice; the rename alone would also be safe (it fails when the target exists and is not empty).
   */
  private static Path install(Path npm, Inputs in, List<String> tried) {
    Path parent = in.cacheParent();
    Path finalDir = parent.resolve(AnvilNode.ANVIL_VERSION);
    Path binary = finalDir.resolve(in.npmBinary());
    IN_PROCESS.lock();
    try {
      Files.createDirectories(parent);
      try (FileChannel ch = FileChannel.open(parent.resolve(AnvilNode.ANVIL_VERSION + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        if (Files.isRegularFile(binary) && Files.isExecutable(binary)) {
          return binary; // another installer finished while we waited
        }
        removeStale(parent);
        Path tmp = Files.createTempDirectory(parent, AnvilNode.ANVIL_VERSION + ".tmp-");
        try {
          runNpm(npm, in, tmp);
          Path built = tmp.resolve(in.npmBinary());
          if (!Files.isRegularFile(built) || !Files.isExecutable(built)) {
            throw new BackendUnavailableException("npm installed @foundry-rs/anvil@" + AnvilNode.ANVIL_VERSION
                + " into " + tmp + " but " + in.npmBinary() + " is missing there (no anvil build for "
                + in.platform() + "?); " + HOW_TO_GET);
          }
          deleteTree(finalDir, true); // an incomplete final directory (binary gone) would block the rename
          try {
            Files.move(tmp, finalDir, StandardCopyOption.ATOMIC_MOVE);
          } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // someone not using the lock won; theirs is complete (it was renamed into place whole)
          }
        } finally {
          deleteTree(tmp, false);
        }
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw new BackendUnavailableException("cannot rename the anvil install into " + finalDir + ": "
          + e.getMessage() + "; " + HOW_TO_GET, e);
    } catch (IOException | UncheckedIOException e) {
      throw new BackendUnavailableException("installing anvil into the user cache " + finalDir + " failed: "
          + e.getMessage() + "; " + HOW_TO_GET, e);
    } finally {
      IN_PROCESS.unlock();
    }
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new BackendUnavailableException("anvil install into " + finalDir + " left no " + in.npmBinary()
          + "; " + HOW_TO_GET);
    }
    return binary;
  }

  private static void runNpm(Path npm, Inputs in, Path prefix) throws IOException {
    Path log = prefix.resolve("npm-install.log");
    List<String> cmd = List.of(npm.toString(), "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
        "@foundry-rs/anvil@" + AnvilNode.ANVIL_VERSION);
    LOG.info("anvil {} not found; installing it once with npm into {} (disable with installIfMissing(false))",
        AnvilNode.ANVIL_VERSION, in.cacheParent().resolve(AnvilNode.ANVIL_VERSION));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    Optional.ofNullable(in.env.apply("PATH")).ifPresent(p -> env.put("PATH", p));
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BackendUnavailableException("npm install of @foundry-rs/anvil@" + AnvilNode.ANVIL_VERSION
            + " did not finish within " + INSTALL_TIMEOUT + "; " + HOW_TO_GET);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException("interrupted while npm installed anvil", e);
    }
    if (p.exitValue() != 0) {
      throw new BackendUnavailableException("`" + String.join(" ", cmd) + "` exited with " + p.exitValue()
          + ": " + tail(log) + "; " + HOW_TO_GET);
    }
    LOG.debug("npm install of anvil took {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log).strip();
      return s.length() > 600 ? "..." + s.substring(s.length() - 600) : s;
    } catch (IOException e) {
      return "(no output)";
    }
  }

  /** Under the lock, a temporary directory is an installer that died (nobody else may be writing). */
  private static void removeStale(Path parent) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, AnvilNode.ANVIL_VERSION + ".tmp-*")) {
      for (Path stale : ds) {
        deleteTree(stale, false);
      }
    }
  }

  private static void deleteTree(Path root, boolean strict) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          if (strict) {
            throw e;
          }
        }
      }
    }
  }
}
