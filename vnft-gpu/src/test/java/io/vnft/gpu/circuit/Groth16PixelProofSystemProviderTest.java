package io.vnft.gpu.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelProofSystem;
import io.vnft.api.PixelProofSystemProvider;
import io.vnft.api.Providers;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.iden3.ZkeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider loads a key and never makes one: no setting is a fast, named failure. */
class Groth16PixelProofSystemProviderTest {
  private final Map<String, String> props = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  private Groth16PixelProofSystemProvider provider() {
    return new Groth16PixelProofSystemProvider(props::get, env::get);
  }

  @Test
  void withoutAProvingKeyCreateFailsAtOnceNamingTheSettingAndTheBuilderAlternative(@TempDir Path cwd)
      throws Exception {
    long t0 = System.nanoTime();
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> provider().create());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("groth16-cppn provider, no settings: failed in " + ms + " ms");
    assertTrue(ms < 1000, ms + " ms");
    for (String s : List.of("-Dvnft.zkey", "VNFT_ZKEY", "vnft.cppn.format", "-Dvnft.model", "vnft-cppn-1",
        "Vnft.builder().proofSystem(", "insecureDevelopmentSetup")) {
      assertTrue(e.getMessage().contains(s), "missing '" + s + "' in: " + e.getMessage());
    }
    try (Stream<Path> s = Files.list(cwd)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void theDiscoveredProviderFailsFastToo() {
    assumeTrue(System.getProperty("vnft.zkey") == null && System.getenv("VNFT_ZKEY") == null, "a key is configured");
    PixelProofSystemProvider p = Providers.named(PixelProofSystemProvider.class, "groth16-cppn").orElseThrow();
    long t0 = System.nanoTime();
    assertThrows(BackendUnavailableException.class, p::create);
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
  }

  @Test
  void aKeyFileThatIsNotThereOrAMalformedShapeIsNamed(@TempDir Path dir) {
    env.put("VNFT_ZKEY", dir.resolve("absent.zkey").toString());
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> provider().create());
    assertTrue(e.getMessage().contains("vnft.zkey") && e.getMessage().contains("absent.zkey"), e.getMessage());
    props.put("vnft.cppn.format", "9x7");
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(bad.getMessage().contains("vnft.cppn.format"), bad.getMessage());
  }

  @Test
  void withAKeyForTheShapeItLoadsItAndAKeyForAnotherShapeIsRefused(@TempDir Path dir) {
    ProvingKey pk = Groth16.setup(Groth16PixelProofSystem.circuitFor(PixelCircuitTest.FORMAT).r1cs(), new SecureRandom());
    Path zkey = dir.resolve("pixel.zkey");
    ZkeyFile.write(pk, zkey);
    props.put("vnft.zkey", zkey.toString());
    props.put("vnft.cppn.format", "9x7x3");
    PixelProofSystem system = provider().create();
    assertEquals(pk.verifyingKey(), ((Groth16PixelProofSystem) system).verifyingKey());
    props.put("vnft.cppn.format", "9x7x2");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(e.getMessage().contains("vnft.zkey") && e.getMessage().contains("9x7x2"), e.getMessage());
  }

  @Test
  void theModelComesFromVnftModelOrVnftModelEnvAndItsKeyMustMatch(@TempDir Path dir) {
    Path zkey = dir.resolve("gan.zkey");
    ZkeyFile.write(GanGroth16PixelProofSystemTest.provingKey(), zkey);
    props.put("vnft.zkey", zkey.toString());
    props.put("vnft.cppn.format", "8x6x5");
    // the default model is vnft-cppn-1, whose circuit this key does not fit
    InvalidInputException cppn = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(cppn.getMessage().contains("vnft.model vnft-cppn-1"), cppn.getMessage());
    env.put("VNFT_MODEL", "vnft-gan-1");
    Groth16PixelProofSystem gan = (Groth16PixelProofSystem) provider().create();
    assertEquals("vnft-gan-1", gan.modelId());
    assertEquals(GanGroth16PixelProofSystemTest.provingKey().verifyingKey(), gan.verifyingKey());
    props.put("vnft.model", "vnft-gan-9"); // the property wins over the environment
    InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(unknown.getMessage().startsWith("vnft.model") && unknown.getMessage().contains("'vnft-gan-9'")
        && unknown.getMessage().contains("vnft-cppn-1, vnft-gan-1"), unknown.getMessage());
  }
}
