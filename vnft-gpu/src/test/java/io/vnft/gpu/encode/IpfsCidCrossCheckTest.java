package io.vnft.gpu.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.ContentId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds {@link ContentId#compute(byte[])} equal to an independent implementation: the npm package
 * {@code ipfs-only-hash} 4.0.0 (ipfs-unixfs-importer 7.0.3; defaults fixed 262144-byte chunks,
 * balanced layout, 174 children per node) with {@code cidVersion: 1, rawLeaves: true}, which is
 * what {@code ipfs add --cid-version 1} does. Needs node and {@code npm ci} in vnft-gpu (the Maven
 * build runs it); fails, never skips, when they are missing.
 */
class IpfsCidCrossCheckTest {

  private static final int CHUNK = ContentId.CHUNK_SIZE;

  @TempDir Path dir;

  @Test
  void computeMatchesIpfsOnlyHashAcrossChunkAndFanOutBoundaries() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("empty", new byte[0]);
    files.put("one-byte", new byte[] {42});
    files.put("hello", "hello world\n".getBytes(StandardCharsets.US_ASCII));
    files.put("chunk-exact", bytes(CHUNK, 1));
    files.put("chunk-plus-one", bytes(CHUNK + 1, 2));
    files.put("about-1MiB", bytes((1 << 20) + 4321, 3));
    // A root with exactly 174 leaves, and one leaf more: the first file of depth 2.
    files.put("174-chunks", bytes(ContentId.MAX_LINKS * CHUNK, 4));
    files.put("174-chunks-plus-one", bytes(ContentId.MAX_LINKS * CHUNK + 1, 5));
    // Real outputs of the encoders.
    files.put("video.mp4", new Mp4Encoder().encode(TestVideos.gradient(160, 120, 12, 12)));
    files.put("video.gif", new GifEncoder().encode(TestVideos.gradient(64, 48, 6, 12)));

    List<Path> paths = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.write(p, e.getValue());
      paths.add(p);
    }
    List<String> expected = ipfsOnlyHash(paths);
    assertEquals(files.size(), expected.size(), "one CID per file from node: " + expected);
    int i = 0;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      assertEquals(expected.get(i++), ContentId.compute(e.getValue()).value(), e.getKey());
    }
    // The depth-2 file really is a dag-pb root, the one-chunk file a raw leaf.
    assertEquals(ContentId.CODEC_RAW, ContentId.parse(expected.get(3)).codec());
    assertEquals(ContentId.CODEC_DAG_PB, ContentId.parse(expected.get(7)).codec());
  }

  /** Runs src/test/js/ipfs-cid.js on the files; returns its output lines. */
  static List<String> ipfsOnlyHash(List<Path> files) throws IOException, InterruptedException {
    Path moduleDir = Path.of("").toAbsolutePath();
    assertTrue(Files.isDirectory(moduleDir.resolve("node_modules/ipfs-only-hash")),
        "node_modules/ipfs-only-hash is missing in " + moduleDir + ": run `npm ci` in vnft-gpu "
            + "(the Maven build does unless -DskipNpm=true)");
    List<String> cmd = new ArrayList<>(List.of("node", "src/test/js/ipfs-cid.js"));
    for (Path f : files) {
      cmd.add(f.toString());
    }
    Process p = new ProcessBuilder(cmd).directory(moduleDir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "node timed out");
    assertEquals(0, p.exitValue(), "node failed: " + out);
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /** Deterministic bytes: top byte of a 64-bit LCG (Knuth's MMIX constants). */
  static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    long s = seed;
    for (int i = 0; i < length; i++) {
      s = s * 6364136223846793005L + 1442695040888963407L;
      b[i] = (byte) (s >>> 56);
    }
    return b;
  }
}
