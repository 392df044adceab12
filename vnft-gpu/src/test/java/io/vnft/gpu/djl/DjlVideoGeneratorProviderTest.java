package io.vnft.gpu.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.BuiltInVideoGenerator;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DJL provider serves both built-in models; vnft.model picks the default and vnft.gpu.device the device. */
class DjlVideoGeneratorProviderTest {
  @Test
  void aBadSettingFailsNamingItBeforeTheEngineLoads() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new DjlVideoGeneratorProvider(k -> k.equals(BuiltInModels.MODEL_PROPERTY) ? "vnft-gan" : null,
            k -> null).create());
    assertTrue(e.getMessage().startsWith(BuiltInModels.MODEL_PROPERTY + ": unknown model 'vnft-gan'"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> new DjlVideoGeneratorProvider(k -> k.equals("vnft.gpu.device") ? "tpu" : null, k -> null).create());
    assertTrue(e.getMessage().contains("vnft.gpu.device"), e.getMessage());
  }

  @Test
  void servesBothModelsWithTheConfiguredDefault() {
    Map<String, String> props = Map.of("vnft.gpu.device", "cpu");
    Map<String, String> env = Map.of(BuiltInModels.MODEL_ENV, GanSpec.MODEL_ID);
    try (VideoGenerator g = new DjlVideoGeneratorProvider(props::get, env::get).create()) {
      assertEquals(GanSpec.MODEL_ID, g.model().modelId());
      VideoFormat f = new VideoFormat(8, 6, 5, 12);
      Bytes32 seed = Bytes32.fromBigInteger(BigInteger.valueOf(12345));
      GenerationRequest cppn = new GenerationRequest(CppnSpec.MODEL_ID, seed, "neon",
          BuiltInModels.conditioningOf(CppnSpec.MODEL_ID, "neon"), f);
      GenerationRequest gan = new GenerationRequest(GanSpec.MODEL_ID, seed, "a cat face",
          g.conditioningOf("a cat face"), f);
      var out = g.generateBatch(List.of(gan, cppn));
      assertArrayEquals(new ReferenceGanVideoGenerator().generate(gan).rgbUnsafe(), out.get(0).rgbUnsafe());
      assertArrayEquals(new ReferenceVideoGenerator().generate(cppn).rgbUnsafe(), out.get(1).rgbUnsafe());
      assertTrue(((BuiltInVideoGenerator) g).generatorFor(CppnSpec.MODEL_ID) instanceof DjlVideoGenerator);
      assertTrue(((BuiltInVideoGenerator) g).generatorFor(GanSpec.MODEL_ID) instanceof DjlGanVideoGenerator);
    }
  }
}
