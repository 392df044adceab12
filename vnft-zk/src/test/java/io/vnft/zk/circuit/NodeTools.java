package io.vnft.zk.circuit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the independent JavaScript tools (circomlibjs, snarkjs, circom2) installed by {@code npm ci}
 * in vnft-zk. A missing node or node_modules is a test FAILURE with a clear message, never a skip.
 */
public final class NodeTools {
  private NodeTools() {}

  /** @return vnft-zk's base directory (surefire runs tests there) */
  public static Path moduleDir() {
    Path p = Path.of("").toAbsolutePath();
    if (Files.isDirectory(p.resolve("src/test/js"))) {
      return p;
    }
    Path sub = p.resolve("vnft-zk");
    if (Files.isDirectory(sub.resolve("src/test/js"))) {
      return sub;
    }
    return fail("cannot find vnft-zk/src/test/js from " + p);
  }

  /** Fails the test unless node and the npm packages are installed. */
  public static Path requireNodeModules(String pkg) {
    Path nm = moduleDir().resolve("node_modules").resolve(pkg);
    if (!Files.isDirectory(nm)) {
      fail("missing " + nm + ": run `npm ci` in vnft-zk (the Maven build does it in generate-test-resources;"
          + " do not pass -DskipNpm=true before the first install)");
    }
    return nm;
  }

  /** @return the path of a JavaScript test script under src/test/js */
  public static Path script(String name) {
    return moduleDir().resolve("src/test/js").resolve(name);
  }

  /**
   * Runs a command (the first element is resolved: "node" as is, others relative to vnft-zk),
   * feeding {@code stdin}, and returns stdout; fails the test on a non-zero exit or a timeout.
   */
  public static String run(List<String> command, String stdin, Path workDir, long timeoutSeconds) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.redirectErrorStream(false);
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      return fail("cannot start " + command.get(0) + " (is node installed and on PATH?): " + e.getMessage());
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread tOut = pump(proc.getInputStream(), out);
      Thread tErr = pump(proc.getErrorStream(), err);
      try (OutputStream in = proc.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!proc.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        proc.destroyForcibly();
        return fail(command + " timed out after " + timeoutSeconds + " s");
      }
      tOut.join();
      tErr.join();
      if (proc.exitValue() != 0) {
        return fail(command + " exited with " + proc.exitValue() + ":\n" + err.toString(StandardCharsets.UTF_8)
            + out.toString(StandardCharsets.UTF_8));
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException | InterruptedException e) {
      return fail(command + " failed: " + e);
    }
  }

  /** Runs {@code node <script> args...} in vnft-zk. */
  public static String node(String script, String stdin, String... args) {
    requireNodeModules("circomlibjs");
    List<String> cmd = new ArrayList<>();
    cmd.add("node");
    cmd.add(script(script).toString());
    cmd.addAll(List.of(args));
    return run(cmd, stdin, moduleDir(), 120);
  }

  /** Runs the snarkjs command line ({@code node node_modules/snarkjs/build/cli.cjs args...}). */
  public static String snarkjs(Path workDir, String... args) {
    Path cli = requireNodeModules("snarkjs").resolve("build/cli.cjs");
    List<String> cmd = new ArrayList<>(List.of("node", cli.toString()));
    cmd.addAll(List.of(args));
    return run(cmd, null, workDir, 120);
  }

  /**
   * Runs the snarkjs command line and returns stdout and stderr together whatever the exit code
   * (for checks that are expected to fail).
   */
  public static String runAllowingFailure(Path workDir, String... args) {
    Path cli = requireNodeModules("snarkjs").resolve("build/cli.cjs");
    List<String> cmd = new ArrayList<>(List.of("node", cli.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread t = pump(p.getInputStream(), out);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return fail(cmd + " timed out");
      }
      t.join();
      return out.toString(StandardCharsets.UTF_8) + "\n(exit " + p.exitValue() + ")";
    } catch (IOException | InterruptedException e) {
      return fail(cmd + " failed: " + e);
    }
  }

  /** Extracts every JSON string literal (no escapes expected) in document order. */
  public static List<String> jsonStrings(String json) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"\\\\]*)\"").matcher(json);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      try {
        in.transferTo(sink);
      } catch (IOException ignored) {
        // the process ended; what was read is kept
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
