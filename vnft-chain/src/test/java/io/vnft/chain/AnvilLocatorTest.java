package io.vnft.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vnft.api.BackendUnavailableException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link AnvilNode} finds its binary: the lookup order, the install into the user cache, the
 * error when there is nothing. Properties, environment, PATH, working directory and home are
 * injected ({@link AnvilLocator.Inputs}); the real ones are never changed.
 */
class AnvilLocatorTest {

  /** A fake world: settings in maps, everything else in temp directories. */
  private static final class World {
    final Map<String, String> props = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    final Path root;

    World(Path root) throws IOException {
      this.root = root;
      props.put("os.name", System.getProperty("os.name"));
      props.put("os.arch", System.getProperty("os.arch"));
      Files.createDirectories(root.resolve("cwd"));
      Files.createDirectories(root.resolve("home"));
      env.put("PATH", Files.createDirectories(root.resolve("empty-path")).toString());
    }

    AnvilLocator.Inputs inputs() {
      return new AnvilLocator.Inputs(props::get, env::get, root.resolve("cwd"), root.resolve("home"));
    }

    String rel() {
      return inputs().npmBinary();
    }

    Path cacheDir() {
      return root.resolve("home/.cache/vnft/anvil/" + AnvilNode.ANVIL_VERSION);
    }
  }

  private static Path executable(Path p, String body) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    assertTrue(p.toFile().setExecutable(true));
    return p;
  }

  private static Path fakeAnvil(Path p) throws IOException {
    return executable(p, "echo fake anvil");
  }

  @Test
  void lookupOrderIsBuilderPropertyEnvPathSourceTreeCache(@TempDir Path dir) throws IOException {
    World w = new World(dir);
    Path builder = dir.resolve("builder/anvil"); // need not exist: the builder's choice is used as is
    Path prop = fakeAnvil(dir.resolve("prop/anvil"));
    Path env = fakeAnvil(dir.resolve("env/anvil"));
    Path onPath = fakeAnvil(dir.resolve("bin/anvil"));
    Path module = dir.resolve("module");
    Path source = fakeAnvil(module.resolve(w.rel()));
    Path cached = fakeAnvil(w.cacheDir().resolve(w.rel()));
    w.props.put("vnft.anvil", prop.toString());
    w.env.put("VNFT_ANVIL", env.toString());
    w.env.put("PATH", dir.resolve("empty-path") + File.pathSeparator + dir.resolve("bin"));
    w.props.put("vnft.chain.moduleDir", module.toString());

    assertEquals(builder, AnvilLocator.locate(builder, w.inputs(), false));
    assertEquals(prop, AnvilLocator.locate(null, w.inputs(), false));
    w.props.remove("vnft.anvil");
    assertEquals(env, AnvilLocator.locate(null, w.inputs(), false));
    w.env.remove("VNFT_ANVIL");
    assertEquals(onPath, AnvilLocator.locate(null, w.inputs(), false));
    w.env.put("PATH", dir.resolve("empty-path").toString());
    assertEquals(source, AnvilLocator.locate(null, w.inputs(), false));
    w.props.remove("vnft.chain.moduleDir");
    assertEquals(cached, AnvilLocator.locate(null, w.inputs(), false));

    // XDG_CACHE_HOME, when set, replaces ~/.cache
    Path xdg = dir.resolve("xdg");
    Path xdgCached = fakeAnvil(xdg.resolve("vnft/anvil/" + AnvilNode.ANVIL_VERSION).resolve(w.rel()));
    w.env.put("XDG_CACHE_HOME", xdg.toString());
    assertEquals(xdgCached, AnvilLocator.locate(null, w.inputs(), false));
  }

  @Test
  void theSourceTreeIsFoundFromTheWorkingDirectoryAndItsParents(@TempDir Path dir) throws IOException {
    World w = new World(dir);
    Path source = fakeAnvil(dir.resolve("vnft-chain").resolve(w.rel()));
    Files.createDirectories(dir.resolve("cwd/deeper"));
    AnvilLocator.Inputs in = new AnvilLocator.Inputs(w.props::get, w.env::get, dir.resolve("cwd/deeper"),
        dir.resolve("home"));
    assertEquals(source, AnvilLocator.locate(null, in, false));
  }

  @Test
  void aSettingThatPointsNowhereIsAnErrorNotAFallback(@TempDir Path dir) throws IOException {
    World w = new World(dir);
    fakeAnvil(w.cacheDir().resolve(w.rel())); // a usable anvil exists further down the order
    w.env.put("VNFT_ANVIL", dir.resolve("missing/anvil").toString());
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> AnvilLocator.locate(null, w.inputs(), false));
    assertTrue(e.getMessage().contains("VNFT_ANVIL=" + dir.resolve("missing/anvil")), e.getMessage());
    w.props.put("vnft.anvil", dir.resolve("also-missing").toString());
    e = assertThrows(BackendUnavailableException.class, () -> AnvilLocator.locate(null, w.inputs(), false));
    assertTrue(e.getMessage().contains("-Dvnft.anvil="), e.getMessage());
  }

  @Test
  void nothingFoundAndNoNpmIsOneClearErrorListingWhatWasTried(@TempDir Path dir) throws IOException {
    World w = new World(dir);
    long t0 = System.nanoTime();
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> AnvilLocator.locate(null, w.inputs(), true));
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    String m = e.getMessage();
    for (String expected : List.of("-Dvnft.anvil (not set)", "VNFT_ANVIL (not set)", "anvil on PATH",
        "vnft-chain/node_modules", w.cacheDir().toString(), "npm is not on PATH",
        "npm i -g @foundry-rs/anvil@" + AnvilNode.ANVIL_VERSION, "foundryup", "VNFT_ANVIL")) {
      assertTrue(m.contains(expected), "missing '" + expected + "' in: " + m);
    }
    assertFalse(Files.exists(dir.resolve("home/.cache")), "a failed lookup must not create the cache");
  }

  @Test
  void installIfMissingFalseNeverRunsNpm(@TempDir Path dir) throws IOException {
    World w = new World(dir);
    Path marker = dir.resolve("npm-ran");
    executable(dir.resolve("bin/npm"), "touch '" + marker + "'; exit 1");
    w.env.put("PATH", dir.resolve("bin").toString());
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> AnvilLocator.locate(null, w.inputs(), false));
    assertTrue(e.getMessage().contains("installIfMissing(false)"), e.getMessage());
    assertFalse(Files.exists(marker));
  }

  /** A stand-in npm that lays out what {@code npm install --prefix P @foundry-rs/anvil@V} does. */
  private static void fakeNpm(Path bin, String rel, Path counter) throws IOException {
    // the fake PATH holds only this npm, so the tools it needs are named by their real paths
    String mkdir = AnvilLocator.Inputs.system().onPath("mkdir").orElseThrow().toString();
    String chmod = AnvilLocator.Inputs.system().onPath("chmod").orElseThrow().toString();
    String relDir = rel.substring(0, rel.lastIndexOf('/'));
    executable(bin.resolve("npm"), String.join("\n",
        "[ \"$1\" = install ] && [ \"$2\" = --prefix ] || exit 2",
        "echo run >> '" + counter + "'",
        mkdir + " -p \"$3/" + relDir + "\"",
        "printf '#!/bin/sh\\necho anvil from npm\\n' > \"$3/" + rel + "\"",
        chmod + " +x \"$3/" + rel + "\""));
  }

  @Test
  void installsOnceIntoTheCacheByRenamingACompleteTemporaryDirectory(@TempDir Path dir) throws Exception {
    World w = new World(dir);
    Path counter = dir.resolve("npm-runs");
    fakeNpm(dir.resolve("bin"), w.rel(), counter);
    w.env.put("PATH", dir.resolve("bin").toString());
    // a dead installer's leftovers: a temporary directory with a binary in it, and an empty final one
    Path parent = w.cacheDir().getParent();
    fakeAnvil(parent.resolve(AnvilNode.ANVIL_VERSION + ".tmp-dead").resolve(w.rel()));
    Files.createDirectories(w.cacheDir());

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Path>> found = Stream.generate(() -> pool.submit(() -> AnvilLocator.locate(null, w.inputs(), true)))
          .limit(4).toList();
      for (Future<Path> f : found) {
        assertEquals(w.cacheDir().resolve(w.rel()), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, Files.readAllLines(counter).size(), "concurrent lookups install once");
    assertEquals(w.cacheDir().resolve(w.rel()), AnvilLocator.locate(null, w.inputs(), true));
    assertEquals(1, Files.readAllLines(counter).size(), "a later lookup uses the cache");
    try (Stream<Path> s = Files.list(parent)) {
      assertEquals(List.of(AnvilNode.ANVIL_VERSION, AnvilNode.ANVIL_VERSION + ".lock"),
          s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary directory is left");
    }
  }

  @Test
  void aFailedInstallLeavesNoCacheDirectoryAndSaysWhy(@TempDir Path dir) throws IOException {
    World w = new World(dir);
    executable(dir.resolve("bin/npm"), "echo 'npm ERR! network unreachable'; exit 1");
    w.env.put("PATH", dir.resolve("bin").toString());
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> AnvilLocator.locate(null, w.inputs(), true));
    assertTrue(e.getMessage().contains("network unreachable"), e.getMessage());
    assertTrue(e.getMessage().contains("npm i -g @foundry-rs/anvil@"), e.getMessage());
    assertFalse(Files.exists(w.cacheDir()), "a failed install must not look complete");
    try (Stream<Path> s = Files.list(w.cacheDir().getParent())) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }
  }

  /** The real thing: npm from this machine installs anvil into a temp cache (the npm cache makes it quick). */
  @Test
  void realNpmInstallsARunnableAnvilIntoTheCache(@TempDir Path dir) throws Exception {
    Optional<Path> npm = AnvilLocator.Inputs.system().onPath("npm");
    assumeTrue(npm.isPresent(), "npm is not on PATH");
    Optional<Path> node = AnvilLocator.Inputs.system().onPath("node");
    World w = new World(dir);
    // only npm's and node's directories, so an anvil installed on this machine is not found first
    w.env.put("PATH", npm.get().getParent() + node.map(n -> File.pathSeparator + n.getParent()).orElse(""));
    assumeTrue(w.inputs().onPath("anvil").isEmpty(), "anvil sits next to npm");
    w.env.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
    long t0 = System.nanoTime();
    Path bin = AnvilLocator.locate(null, w.inputs(), true);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("npm install of anvil " + AnvilNode.ANVIL_VERSION + " into a temp cache: " + ms + " ms");
    assertEquals(dir.resolve("xdg/vnft/anvil/" + AnvilNode.ANVIL_VERSION).resolve(w.rel()), bin);
    Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertTrue(out.contains(AnvilNode.ANVIL_VERSION), out);
    assertTrue(ms < 60_000, ms + " ms");
  }

  @Test
  void thePinnedVersionIsPackageJsons() throws IOException {
    Path pkg = Path.of(System.getProperty("vnft.chain.moduleDir", "."), "package.json");
    Matcher m = Pattern.compile("\"@foundry-rs/anvil\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(pkg));
    assertTrue(m.find(), pkg + " pins no @foundry-rs/anvil");
    assertEquals(m.group(1), AnvilNode.ANVIL_VERSION);
  }
}
