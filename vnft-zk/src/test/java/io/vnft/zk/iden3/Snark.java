package io.vnft.zk.iden3;

import static org.junit.jupiter.api.Assertions.fail;

import io.vnft.zk.field.Fr;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

  /** Reads an iden3 {@code .wtns} (version 2): section 1 header (n8, q, n), section 2 the values. */
  static Fr[] readWtns(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    int n = 0;
    Fr[] out = null;
    while (b.hasRemaining()) {
      int id = b.getInt();
      long len = b.getLong();
      int end = b.position() + (int) len;
      if (id == 1) {
        int n8 = b.getInt();
        byte[] q = new byte[n8];
        b.get(q);
        n = b.getInt();
      } else if (id == 2) {
        out = new Fr[n];
        for (int i = 0; i < n; i++) {
          byte[] v = new byte[32];
          b.get(v);
          out[i] = Fr.fromBytesLE(v);
        }
      }
      b.position(end);
    }
    return out;
  }

  static List<BigInteger> strings(List<BigInteger> l) {
    return l;
  }
}
