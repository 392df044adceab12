package io.vnft.gpu.tools;

import io.vnft.api.internal.AtomicFiles;
import io.vnft.gpu.model.CppnWeights;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes the built-in weights file of {@code vnft-cppn-1} from its documented generator and
 * prints its SHA-256. Usage: {@code GenerateWeights <out-file>}. The file is written under a
 * temporary name and renamed when complete.
 */
public final class GenerateWeights {
  private GenerateWeights() {}

  /**
   * @param args the output path
   * @throws Exception if the file cannot be written
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    byte[] file = CppnWeights.generate();
    AtomicFiles.replace(out, file);
    System.out.println("0x" + HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(file)));
  }
}
