package io.vnft.gpu.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.GenerationException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CppnWeightsTest {
  private static byte[] resource() throws Exception {
    try (InputStream in = CppnWeights.class.getResourceAsStream("vnft-cppn-1.weights")) {
      return in.readAllBytes();
    }
  }

  @Test
  void builtInFileIsExactlyWhatTheDocumentedGeneratorProduces() throws Exception {
    assertArrayEquals(CppnWeights.generate(), resource());
  }

  @Test
  void builtInHashIsTheSha256OfTheFile() throws Exception {
    String sha = "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resource()));
    assertEquals(CppnWeights.BUILT_IN_SHA256, sha);
    assertEquals(sha, CppnWeights.builtIn().sha256().hex());
  }

  @Test
  void weightsStayInTheirDocumentedRanges() {
    CppnWeights w = CppnWeights.builtIn();
    for (int[][] m : new int[][][] {w.w2(), w.w3(), w.w4()}) {
      for (int[] row : m) {
        for (int v : row) {
          assertTrue(v >= -127 && v <= 127);
        }
      }
    }
    assertEquals(CppnSpec.OUTPUTS, w.w4().length);
  }

  @Test
  void corruptFilesAreRefusedNamingTheProblem() throws Exception {
    byte[] good = resource();
    GenerationException e = assertThrows(GenerationException.class,
        () -> CppnWeights.parse(java.util.Arrays.copyOf(good, good.length - 1)));
    assertTrue(e.getMessage().contains("expected " + CppnWeights.FILE_BYTES + " bytes"), e.getMessage());

    byte[] magic = good.clone();
    magic[0] = 'X';
    assertTrue(assertThrows(GenerationException.class, () -> CppnWeights.parse(magic))
        .getMessage().contains("magic"));

    byte[] header = good.clone();
    header[9] = 17;
    assertTrue(assertThrows(GenerationException.class, () -> CppnWeights.parse(header))
        .getMessage().contains("header"));

    byte[] weight = good.clone();
    weight[12 + 5] = (byte) -128;
    assertTrue(assertThrows(GenerationException.class, () -> CppnWeights.parse(weight))
        .getMessage().contains("W2[0][5]"));

    byte[] bias = good.clone();
    ByteBuffer.wrap(bias).putInt(12 + 256 + 4, 40_000);
    assertTrue(assertThrows(GenerationException.class, () -> CppnWeights.parse(bias))
        .getMessage().contains("B2[1]"));
  }

  @Test
  void aChangedWeightChangesTheHash() throws Exception {
    byte[] file = resource();
    file[100] = (byte) (file[100] == 5 ? 6 : 5);
    assertTrue(!CppnWeights.parse(file).sha256().equals(CppnWeights.builtIn().sha256()));
  }
}
