package io.vnft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use it as a library" quick start, taken from README.md as written, compiled and
 * run in a fresh JVM in a temporary directory outside the source tree, against the packaged jars
 * of the vnft modules and their runtime dependencies only (no classes directories, no
 * {@code -Dvnft.*} setting). It must end with a verified token.
 */
class QuickStartTest {
  @TempDir Path dir;

  @Test
  void theReadmeQuickStartRunsToAVerifiedTokenFromTheJars() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int a = text.indexOf("<!-- quickstart:begin -->");
    int b = text.indexOf("<!-- quickstart:end -->");
    assertTrue(a >= 0 && b > a, "README.md has the quick start markers");
    String block = text.substring(a, b);
    String code = block.substring(block.indexOf("```java") + "```java".length(), block.lastIndexOf("```")).strip();
    long lines = code.lines().count();
    assertTrue(lines <= 30, "the quick start has at most 30 lines, has " + lines);
    Path src = dir.resolve("QuickStart.java");
    Files.writeString(src, code + "\n", StandardCharsets.UTF_8);

    String cp = Files.readString(Path.of("target", "quickstart-classpath.txt")).strip();
    List<String> entries = List.of(cp.split(File.pathSeparator));
    for (String e : entries) {
      assertTrue(e.endsWith(".jar"), "only jars on the class path (run `mvn verify`, which packages the "
          + "modules first); got " + e);
    }
    assertTrue(entries.stream().anyMatch(e -> e.contains("vnft-chain")), "vnft-chain jar on the class path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", dir.toString(), "-cp", cp, src.toString());
    assertEquals(0, rc, "the quick start compiles");

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-Dai.djl.offline=true", "-cp", dir + File.pathSeparator + cp, "QuickStart"));
    Path log = dir.resolve("out.txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(done, "finished within 10 minutes:\n" + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("token 1: VERIFIED"), out);
    assertTrue(Files.isDirectory(dir.resolve("vnft-quickstart")), "its files went where it said");
  }
}
