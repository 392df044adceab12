package io.vnft.gpu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.api.Providers;
import io.vnft.api.VideoGenerator;
import io.vnft.api.VideoGeneratorProvider;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.BuiltInVideoGenerator;
import org.junit.jupiter.api.Test;

/** The reference provider serves every built-in model, with the default model from vnft.model / VNFT_MODEL. */
class ReferenceVideoGeneratorProviderTest {
  @Test
  void theDefaultModelComesFromTheSettingElseTheLibraryDefault() {
    try (VideoGenerator g = new ReferenceVideoGeneratorProvider(k -> null, k -> null).create()) {
      assertEquals(CppnSpec.MODEL_ID, g.model().modelId());
      assertEquals(CppnRequests.conditioningOf("fire"), g.conditioningOf("fire"));
    }
    try (VideoGenerator g = new ReferenceVideoGeneratorProvider(
        k -> k.equals(BuiltInModels.MODEL_PROPERTY) ? GanSpec.MODEL_ID : null, k -> null).create()) {
      assertEquals(GanSpec.MODEL_ID, g.model().modelId());
      assertEquals(GanSpec.CONDITIONING_BITS, g.model().conditioningBits());
      assertTrue(((BuiltInVideoGenerator) g).generatorFor(CppnSpec.MODEL_ID) instanceof ReferenceVideoGenerator);
    }
    try (VideoGenerator g = new ReferenceVideoGeneratorProvider(
        k -> null, k -> k.equals(BuiltInModels.MODEL_ENV) ? GanSpec.MODEL_ID : null).create()) {
      assertEquals(GanSpec.MODEL_ID, g.model().modelId());
    }
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ReferenceVideoGeneratorProvider(k -> "cppn", k -> null).create());
    assertTrue(e.getMessage().contains(BuiltInModels.MODEL_PROPERTY), e.getMessage());
  }

  @Test
  void isDiscoverableByItsName() {
    assertEquals("reference-cppn",
        Providers.named(VideoGeneratorProvider.class, "reference-cppn").orElseThrow().name());
  }
}
