package io.vnft.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.model.CppnRequests;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The multi-model generator sends each request to its model and speaks for its default model. */
class BuiltInVideoGeneratorTest {
  private static final VideoFormat SMALL = new VideoFormat(8, 6, 5, 12);

  private static GenerationRequest request(String model, int seed, String prompt) {
    Bytes32 s = Bytes32.fromBigInteger(BigInteger.valueOf(seed).multiply(BigInteger.valueOf(1_000_003)).pow(4));
    return new GenerationRequest(model, s, prompt, BuiltInModels.conditioningOf(model, prompt), SMALL);
  }

  @Test
  void eachRequestIsGeneratedByItsOwnModel() {
    GenerationRequest cppn = request(CppnSpec.MODEL_ID, 7, "calm ocean");
    GenerationRequest gan = request(GanSpec.MODEL_ID, 7, "a cat turning into fire");
    try (BuiltInVideoGenerator g = BuiltInVideoGenerator.reference(CppnSpec.MODEL_ID)) {
      assertArrayEquals(new ReferenceVideoGenerator().generate(cppn).rgbUnsafe(), g.generate(cppn).rgbUnsafe());
      assertArrayEquals(new ReferenceGanVideoGenerator().generate(gan).rgbUnsafe(), g.generate(gan).rgbUnsafe());
      assertTrue(g.generatorFor(CppnSpec.MODEL_ID) instanceof ReferenceVideoGenerator);
      assertTrue(g.generatorFor(GanSpec.MODEL_ID) instanceof ReferenceGanVideoGenerator);
    }
  }

  @Test
  void aMixedBatchComesBackInRequestOrderAndGoesToEachModelAsOneBatch() {
    Map<String, List<Integer>> batchSizes = new ConcurrentHashMap<>();
    BuiltInVideoGenerator g = new BuiltInVideoGenerator(GanSpec.MODEL_ID, id -> new Recording(id, batchSizes));
    List<GenerationRequest> rs = new ArrayList<>();
    String[] order = {GanSpec.MODEL_ID, CppnSpec.MODEL_ID, GanSpec.MODEL_ID, GanSpec.MODEL_ID, CppnSpec.MODEL_ID};
    for (int i = 0; i < order.length; i++) {
      rs.add(request(order[i], i + 1, "fire"));
    }
    List<VideoFrames> out = g.generateBatch(rs);
    assertEquals(order.length, out.size());
    for (int i = 0; i < order.length; i++) {
      assertEquals(Recording.tag(rs.get(i)), out.get(i).rgbUnsafe()[0], "frame " + i);
    }
    assertEquals(List.of(3), batchSizes.get(GanSpec.MODEL_ID));
    assertEquals(List.of(2), batchSizes.get(CppnSpec.MODEL_ID));
    g.close();
  }

  @Test
  void unknownModelsAreRefusedNamingTheBuiltInOnesBeforeAnythingIsGenerated() {
    AtomicInteger created = new AtomicInteger();
    BuiltInVideoGenerator g = new BuiltInVideoGenerator(CppnSpec.MODEL_ID, id -> {
      created.incrementAndGet();
      return new Recording(id, new ConcurrentHashMap<>());
    });
    GenerationRequest other = request(CppnSpec.MODEL_ID, 1, "x");
    GenerationRequest unknown = new GenerationRequest("vnft-nope-9", other.seed(), "x", Bytes32.ZERO, SMALL);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> g.generate(unknown));
    assertTrue(e.getMessage().contains("vnft-nope-9") && e.getMessage().contains(CppnSpec.MODEL_ID)
        && e.getMessage().contains(GanSpec.MODEL_ID), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> g.generateBatch(List.of(other, unknown)));
    assertTrue(e.getMessage().startsWith("requests[1].modelId"), e.getMessage());
    assertEquals(0, created.get(), "nothing may be created or generated for a refused batch");
    assertThrows(InvalidInputException.class, () -> g.generateBatch(List.of()));
    assertThrows(InvalidInputException.class, () -> g.generate(null));
    e = assertThrows(InvalidInputException.class, () -> BuiltInVideoGenerator.reference("vnft-nope-9"));
    assertTrue(e.getMessage().startsWith("defaultModel"), e.getMessage());
  }

  @Test
  void modelAndConditioningAreTheDefaultModels() {
    String prompt = "a rocket to the moon";
    try (BuiltInVideoGenerator gan = BuiltInVideoGenerator.reference(GanSpec.MODEL_ID);
        BuiltInVideoGenerator cppn = BuiltInVideoGenerator.reference(CppnSpec.MODEL_ID)) {
      ModelInfo g = gan.model();
      assertEquals(GanRequests.modelInfo(), g);
      assertEquals(GanSpec.CONDITIONING_BITS, g.conditioningBits());
      assertEquals(CppnRequests.modelInfo(), cppn.model());
      assertEquals(GanRequests.conditioningOf(prompt), gan.conditioningOf(prompt));
      assertEquals(CppnRequests.conditioningOf(prompt), cppn.conditioningOf(prompt));
      assertNotEquals(gan.conditioningOf(prompt), cppn.conditioningOf(prompt));
      assertEquals(GanSpec.MODEL_ID, gan.defaultModel());
    }
  }

  @Test
  void generatorsAreCreatedOnceOnFirstUseAndClosedWithIt() {
    List<Recording> made = new ArrayList<>();
    BuiltInVideoGenerator g = new BuiltInVideoGenerator(CppnSpec.MODEL_ID, id -> {
      Recording r = new Recording(id, new ConcurrentHashMap<>());
      made.add(r);
      return r;
    });
    assertEquals(0, made.size(), "nothing is created before it is needed");
    g.model();
    g.conditioningOf("fire");
    assertEquals(0, made.size(), "model() and conditioningOf need no generator");
    g.generate(request(GanSpec.MODEL_ID, 1, "fire"));
    g.generate(request(GanSpec.MODEL_ID, 2, "fire"));
    assertSame(g.generatorFor(GanSpec.MODEL_ID), made.get(0));
    assertEquals(1, made.size());
    g.close();
    g.close();
    assertTrue(made.get(0).closed);
    assertThrows(IllegalStateException.class, () -> g.generate(request(GanSpec.MODEL_ID, 1, "fire")));
  }

  @Test
  void configuredModelReadsThePropertyThenTheEnvironment() {
    assertEquals(BuiltInModels.LIBRARY_DEFAULT, BuiltInModels.configuredModel(k -> null, k -> null));
    assertEquals(CppnSpec.MODEL_ID, BuiltInModels.LIBRARY_DEFAULT);
    assertEquals(GanSpec.MODEL_ID, BuiltInModels.configuredModel(k -> null,
        k -> k.equals(BuiltInModels.MODEL_ENV) ? GanSpec.MODEL_ID : null));
    assertEquals(CppnSpec.MODEL_ID, BuiltInModels.configuredModel(
        k -> k.equals(BuiltInModels.MODEL_PROPERTY) ? " vnft-cppn-1 " : null, k -> GanSpec.MODEL_ID));
    assertEquals(GanSpec.MODEL_ID, BuiltInModels.configuredModel(k -> " ", k -> GanSpec.MODEL_ID));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> BuiltInModels.configuredModel(k -> "vnft-gan-2", k -> null));
    assertTrue(e.getMessage().startsWith(BuiltInModels.MODEL_PROPERTY + ": unknown model 'vnft-gan-2'"), e.getMessage());
    assertTrue(e.getMessage().contains(GanSpec.MODEL_ID), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> BuiltInModels.configuredModel(k -> null, k -> "gan"));
    assertTrue(e.getMessage().startsWith(BuiltInModels.MODEL_ENV), e.getMessage());
    assertEquals(List.of(CppnSpec.MODEL_ID, GanSpec.MODEL_ID), BuiltInModels.ids());
    assertFalse(BuiltInModels.isBuiltIn("vnft-gan-2"));
  }

  /** A fake model: frames whose first byte tags the request; records batch sizes. */
  private static final class Recording implements VideoGenerator {
    final String modelId;
    final Map<String, List<Integer>> batchSizes;
    boolean closed;

    Recording(String modelId, Map<String, List<Integer>> batchSizes) {
      this.modelId = modelId;
      this.batchSizes = batchSizes;
    }

    static byte tag(GenerationRequest r) {
      return (byte) (r.seed().toBigInteger().intValue() * 31 + r.modelId().length());
    }

    @Override
    public ModelInfo model() {
      return BuiltInModels.modelInfo(modelId);
    }

    @Override
    public VideoFrames generate(GenerationRequest r) {
      assertEquals(modelId, r.modelId(), "request sent to the wrong model");
      byte[] rgb = new byte[r.format().rgbBytes()];
      rgb[0] = tag(r);
      return new VideoFrames(r.format(), rgb);
    }

    @Override
    public List<VideoFrames> generateBatch(List<GenerationRequest> rs) {
      batchSizes.computeIfAbsent(modelId, k -> new ArrayList<>()).add(rs.size());
      List<VideoFrames> out = new ArrayList<>();
      rs.forEach(r -> out.add(generate(r)));
      return out;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
