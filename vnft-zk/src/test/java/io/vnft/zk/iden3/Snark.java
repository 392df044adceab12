package io.vnft.zk.iden3;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real snarkjs 0.7.6 and circom2 installed by {@code npm ci} in vnft-zk. A missing node or
 * node_modules fails the test with a clear message; nothing is skipped.
 */
final class Snark {
  private Snark() {}

  static Path moduleDir() {
    Path p = Path.of("").toAbsolutePath();
    if (Files.isRegularFile(p.resolve("package.json")) && Files.isDirectory(p.resolve("src/test/resources/circom"))) {
      return p;
    }
    Path sub = p.resolve("vnft-zk");
    if (Files.isDirectory(sub.resolve("src/test/resources/circom"))) {
      return sub;
    }
    return fail("cannot find the vnft-zk module directory from " + p);
  }

  static Path requireTool(String rel) {
    Path t = moduleDir().resolve("node_modules").resolve(rel);
    if (!Files.isRegularFile(t)) {
      fail("missing " + t + ": run `npm ci` in vnft-zk (the Maven build runs it in generate-test-resources)");
    }
    return t;
  }

  /** Runs snarkjs with the arguments (cwd = vnft-zk) and returns stdout+stderr; fails on exit != 0. */
  static String snarkjs(long timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of("node", requireTool("snarkjs/build/cli.cjs").toString()));
    cmd.addAll(List.of(args));
    return run(cmd, timeoutSeconds, true);
  }

  /** Runs snarkjs and returns its output without failing on a non-zero exit. */
  static String snarkjsAllowFail(long timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of("node", requireTool("snarkjs/build/cli.cjs").toString()));
    cmd.addAll(List.of(args));
    return run(cmd, timeoutSeconds, false);
  }

  /** Compiles a circuit from src/test/resources/circom with circom2 into outDir (r1cs + wasm). */
  static void circom(String circuit, Path outDir) {
    Path m = moduleDir();
    // circom2 is WASI: it sees paths relative to the working directory
    String src = m.relativize(m.resolve("src/test/resources/circom").resolve(circuit)).toString();
    List<String> cmd = List.of("node", requireTool("circom2/cli.js").toString(), src, "--r1cs", "--wasm",
        "-l", "node_modules", "-o", m.relativize(outDir.toAbsolutePath()).toString());
    run(cmd, 300, true);
  }

  static String run(List<String> cmd, long timeoutSeconds, boolean failOnError) {
    try {
      Path log = Files.createTempFile("vnft-node", ".log");
      try {
        Process p = new ProcessBuilder(cmd).directory(moduleDir().toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return fail(cmd + " timed out after " + timeoutSeconds + " s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (failOnError && p.exitValue() != 0) {
          return fail(cmd + " exited with " + p.exitValue() + ":\n" + out);
        }
        return out;
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return fail("cannot run " + cmd.get(0) + " (is node installed and on PATH?): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }
}
