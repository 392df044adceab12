package io.vnft.benchmarks.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The linear-code ceiling: principal axes in variance order, and a lossless code retrieves every image first. */
class GanCodeCeilingTest {
  @Test
  void componentsComeInDecreasingVarianceOrder() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 400;
    double[][] x = new double[n][5];
    double[] sd = {5, 0.3, 1, 10, 2}; // axes by variance: 3, 0, 4, 2, 1
    for (double[] row : x) {
      for (int j = 0; j < 5; j++) {
        row[j] = 50 + sd[j] * r.nextGaussian();
      }
    }
    double[] mean = GanCodeCeiling.mean(x);
    double[][] v = GanCodeCeiling.components(x, mean, 3);
    int[] expected = {3, 0, 4};
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(v[c][expected[c]]) > 0.99, "component " + c + " is axis " + expected[c]);
    }
  }

  @Test
  void aLosslessCodeRetrievesEveryImageFirstAndNoCodeDoesNot() {
    SplittableRandom r = new SplittableRandom(2);
    int n = 8;
    double[][] x = new double[n][GanCodeCeiling.VALUES];
    for (double[] row : x) {
      for (int cell = 0; cell < GanCodeCeiling.VALUES / 4; cell++) {
        int a = r.nextInt(256);
        for (int c = 0; c < 3; c++) {
          row[4 * cell + c] = a * r.nextInt(256) / 255.0; // premultiplied
        }
        row[4 * cell + 3] = a;
      }
    }
    double[] mean = GanCodeCeiling.mean(x);
    double[][] basis = GanCodeCeiling.components(x, mean, n - 1);
    GanCodeCeiling.Ceiling full = GanCodeCeiling.measure(x, mean, basis, n - 1, 16);
    assertEquals(1.0, full.top1(), "n - 1 components of n images at 16 bits lose nothing that matters");
    GanCodeCeiling.Ceiling none = GanCodeCeiling.measure(x, mean, basis, 0, 3);
    assertTrue(none.top1() <= 2.0 / n, "every image decodes to the mean: " + none.top1());
  }

  @Test
  void aMalformedCodeIsRefusedNamingIt() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> GanCodeCeiling.run(new String[] {"concepts.tsv", "40-3"}, out));
    assertTrue(e.getMessage().contains("k:bits") && e.getMessage().contains("40-3"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> GanCodeCeiling.run(new String[] {"concepts.tsv", "40:0"}, out));
    assertTrue(e.getMessage().contains("bits in 1..16"), e.getMessage());
  }
}
