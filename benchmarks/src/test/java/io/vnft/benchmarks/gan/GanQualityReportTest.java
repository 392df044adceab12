package io.vnft.benchmarks.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import io.vnft.zk.field.Fr;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanQualityReportTest {
  private static final GanWeights WEIGHTS = GanWeights.random(5, 40);

  @Test
  void seedsAreDistinctFieldElements() {
    Set<Bytes32> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      for (int k = 0; k < 4; k++) {
        Bytes32 s = GanQualityReport.seed(i, k);
        assertTrue(s.toBigInteger().compareTo(Fr.MODULUS) < 0);
        assertTrue(seen.add(s));
      }
    }
    assertEquals(GanQualityReport.seed(3, 1), GanQualityReport.seed(3, 1));
  }

  @Test
  void referenceAndGeneratorSourcesGiveTheReferenceFrames() throws Exception {
    VideoFormat f = new VideoFormat(16, 16, 6, 12);
    GanText text = new GanText(WEIGHTS);
    String prompt = "waab turning into wabc";
    FrameSource.Job job = new FrameSource.Job(prompt, GanQualityReport.seed(1, 0), text.conditioningOf(prompt), f,
        new int[] {0, 5});
    byte[] whole = new ReferenceGan(WEIGHTS).render(GanLatent.of(job.seed()), GanText.unpack(job.conditioning()), f);
    int frame = 16 * 16 * 3;
    byte[] expected = new byte[2 * frame];
    System.arraycopy(whole, 0, expected, 0, frame);
    System.arraycopy(whole, 5 * frame, expected, frame, frame);
    VideoFrames ref = FrameSource.reference(WEIGHTS, 2).render(List.of(job, job)).get(1);
    VideoFrames gen;
    try (ReferenceGanVideoGenerator g = new ReferenceGanVideoGenerator(WEIGHTS)) {
      FrameSource src = FrameSource.of(g, 1);
      assertEquals(WEIGHTS.sha256(), src.weightsSha256());
      gen = src.render(List.of(job)).get(0);
    }
    assertEquals(2, ref.format().frames());
    assertArrayEquals(expected, ref.rgb());
    assertArrayEquals(expected, gen.rgb());
    assertNotEquals(Arrays.hashCode(Arrays.copyOf(expected, frame)),
        Arrays.hashCode(Arrays.copyOfRange(expected, frame, 2 * frame)), "morph frames differ");
  }

  private static Path png(Path dir, String name, int argb) throws Exception {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        img.setRGB(x, y, (x + y) % 3 == 0 ? argb : 0);
      }
    }
    Path p = dir.resolve(name + ".png");
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  private static Path dataset(Path dir) throws Exception {
    String[][] rows = {
        {"cat", "cat face|cat|kitten|meow", "E0A040"}, {"fire", "fire|flame|hot|burn", "FF3000"},
        {"frog", "frog face|frog|toad|croak|green", "30C030"}};
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < rows.length; i++) {
      Path img = png(dir, rows[i][0], 0xFF000000 | Integer.parseInt(rows[i][2], 16));
      tsv.append(i).append("\tC").append(i).append('\t').append(img).append("\tAnimals & Nature\tsub\t")
          .append(rows[i][0]).append('\t').append(rows[i][1]).append('\n');
    }
    Path concepts = dir.resolve("concepts.tsv");
    Files.writeString(concepts, tsv);
    return concepts;
  }

  @Test
  void writesTheReportForEveryPromptAndTheBaseline(@TempDir Path dir) throws Exception {
    Path concepts = dataset(dir);
    Path prompts = dir.resolve("prompts.tsv");
    Files.writeString(prompts, "# rules\ncat\ta meowing kitten\nfrog\ta croaking green toad\n"
        + "cat\tfire\ta meowing kitten becoming a hot flame\n");
    Path weights = dir.resolve("w.weights");
    int[] wordWeights = IntStream.range(0, WEIGHTS.vocabulary().size()).map(WEIGHTS::wordWeight).toArray();
    Files.write(weights, GanWeights.write(WEIGHTS.vocabulary(), vectors(WEIGHTS), wordWeights, shifts(WEIGHTS),
        layers(WEIGHTS), biases(WEIGHTS)));
    Path out = dir.resolve("out");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    GanQualityReport.run(new String[] {concepts.toString(), prompts.toString(), out.toString(), weights.toString(),
        "--baseline", weights.toString(), "--threads", "2"}, new PrintStream(log, true));
    String md = Files.readString(out.resolve("report.md"));
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(md.contains(WEIGHTS.sha256().hex()), md);
    assertTrue(md.contains("| this | one-concept prompts, frame 0 | 2 |"), md);
    assertTrue(md.contains("| this | morphs, last frame vs B | 1 |"), md);
    assertTrue(md.contains("| baseline | overall | 4 |"), md);
    assertTrue(md.contains("| background colour only | overall | 4 |"), md);
    // the random weights' vocabulary is made-up words: every prompt word is missing from it
    assertTrue(md.contains("resolves (directly or by the suffix rules): 0 of 7; the encoder drops croaking, flame,"), md);
    assertTrue(md.contains("| 2 | a meowing kitten becoming a hot flame | morph-last | 23 | fire |"), md);
    assertTrue(json.contains("\"weightsSha256\": \"" + WEIGHTS.sha256().hex() + "\""), json);
    assertTrue(json.contains("\"baseline\": {"), json);
    assertTrue(json.contains("\"diversity\": {\"prompts\": 2, \"seeds\": 4"), json);
    // ranks among 3 concepts are 1..3
    for (String r : json.split("\"rank\": ")) {
      if (Character.isDigit(r.charAt(0))) {
        int rank = Integer.parseInt(r.substring(0, r.indexOf(',')));
        assertTrue(rank >= 1 && rank <= 3, r);
      }
    }
    assertTrue(log.toString().contains("chance: top-1 33.33 %"), log.toString());
  }

  @Test
  void refusesATrainingTextBeforeRendering(@TempDir Path dir) throws Exception {
    Path concepts = dataset(dir);
    Path prompts = dir.resolve("prompts.tsv");
    Files.writeString(prompts, "cat\ta meowing kitten\nfrog\tFrog face\n");
    String m = assertThrows(InvalidInputException.class, () -> GanQualityReport.run(new String[] {
        concepts.toString(), prompts.toString(), dir.resolve("out").toString()}, new PrintStream(
            new ByteArrayOutputStream()))).getMessage();
    assertTrue(m.contains("line 2") && m.contains("Frog face") && m.contains("training text"), m);
    assertTrue(!Files.exists(dir.resolve("out")), "nothing written");
  }

  private static int[][] vectors(GanWeights w) {
    int[][] v = new int[w.vocabulary().size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = w.vector(i);
    }
    return v;
  }

  private static int[] shifts(GanWeights w) {
    int[] s = new int[4];
    for (int l = 0; l < 4; l++) {
      s[l] = w.shift(l);
    }
    return s;
  }

  private static int[][][] layers(GanWeights w) {
    int[][][] x = new int[4][][];
    for (int l = 0; l < 4; l++) {
      x[l] = w.weights(l);
    }
    return x;
  }

  private static int[][] biases(GanWeights w) {
    int[][] b = new int[4][];
    for (int l = 0; l < 4; l++) {
      b[l] = w.biases(l);
    }
    return b;
  }
}
