package io.vnft.gpu;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.djl.DevicePreference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One {@link VideoGenerator} for every built-in model ({@link BuiltInModels#ids()}): {@link
 * #generate} and {@link #generateBatch} go by each request's {@link GenerationRequest#modelId()} to
 * a generator of that model, created on first use and kept until {@link #close()}. So a challenger,
 * verifier or operator holding one client can regenerate tokens of any built-in model, whatever
 * model its own triggers use.
 *
 * <p>{@link #model()} and {@link #conditioningOf} are those of the <em>default model</em>, given at
 * construction: the model new triggers are created with ({@link io.vnft.api.Vnft#createTrigger})
 * and whose shape a client uses unless set to another.
 *
 * <p>Thread-safe: per-model generators are created once, under this instance's lock (the lock is
 * not held while generating); calls then go to them, and both faces are thread-safe themselves
 * (the DJL faces serialise their calls, the references run concurrently). After {@link #close()}
 * every call but {@code close} throws {@link IllegalStateException}.
 */
public final class BuiltInVideoGenerator implements VideoGenerator {
  private final String defaultModel;
  private final Function<String, VideoGenerator> factory;
  private final Map<String, VideoGenerator> generators = new LinkedHashMap<>(); // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param defaultModel the default model
   * @param factory creates the generator of a built-in model id
   * @throws InvalidInputException if {@code defaultModel} is not built in
   */
  BuiltInVideoGenerator(String defaultModel, Function<String, VideoGenerator> factory) {
    this.defaultModel = BuiltInModels.requireBuiltIn("defaultModel", defaultModel);
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * DJL faces ({@link BuiltInModels.Face#DJL}) on one device. The default model's generator is
   * created now, so that an engine or device failure surfaces here; the others on first use.
   *
   * @param defaultModel the default model, e.g. {@code vnft-gan-1}
   * @param device where to compute
   * @return the generator; the caller closes it
   * @throws InvalidInputException if {@code defaultModel} is not built in
   * @throws io.vnft.api.BackendUnavailableException if the PyTorch engine cannot load, or CUDA was
   *     asked for and is absent
   */
  public static BuiltInVideoGenerator djl(String defaultModel, DevicePreference device) {
    Objects.requireNonNull(device, "device");
    BuiltInVideoGenerator g = new BuiltInVideoGenerator(defaultModel,
        id -> BuiltInModels.create(id, BuiltInModels.Face.DJL, device));
    g.generatorFor(defaultModel);
    return g;
  }

  /**
   * The pure-Java references ({@link BuiltInModels.Face#REFERENCE}): no native code, slow.
   *
   * @param defaultModel the default model
   * @return the generator
   * @throws InvalidInputException if {@code defaultModel} is not built in
   */
  public static BuiltInVideoGenerator reference(String defaultModel) {
    return new BuiltInVideoGenerator(defaultModel,
        id -> BuiltInModels.create(id, BuiltInModels.Face.REFERENCE, DevicePreference.CPU));
  }

  /** @return the default model's id */
  public String defaultModel() {
    return defaultModel;
  }

  /**
   * The generator this instance uses for one model, created on first use (owned by this instance:
   * closed with it, not by the caller).
   *
   * @param modelId a built-in model
   * @return its generator
   * @throws InvalidInputException naming the built-in models if {@code modelId} is not one of them
   * @throws io.vnft.api.BackendUnavailableException if its face cannot be created here
   * @throws IllegalStateException if this generator is closed
   */
  public synchronized VideoGenerator generatorFor(String modelId) {
    if (closed) {
      throw new IllegalStateException("BuiltInVideoGenerator is closed");
    }
    BuiltInModels.requireBuiltIn("modelId", modelId);
    VideoGenerator g = generators.get(modelId);
    if (g == null) {
      g = Objects.requireNonNull(factory.apply(modelId), "factory returned null");
      generators.put(modelId, g);
    }
    return g;
  }

  /** @return the default model's description ({@link BuiltInModels#modelInfo}) */
  @Override
  public ModelInfo model() {
    return BuiltInModels.modelInfo(defaultModel);
  }

  /** @return the default model's conditioning for the prompt ({@link BuiltInModels#conditioningOf}) */
  @Override
  public Bytes32 conditioningOf(String prompt) {
    return BuiltInModels.conditioningOf(defaultModel, prompt);
  }

  /**
   * @throws InvalidInputException if the request is null, names no built-in model (the message
   *     lists them) or breaks that model's limits
   * @throws io.vnft.api.GenerationException if the model fails
   */
  @Override
  public VideoFrames generate(GenerationRequest request) {
    if (request == null) {
      throw new InvalidInputException("request: must not be null");
    }
    return generatorFor(request.modelId()).generate(request);
  }

  /**
   * Each model's requests go to its generator as one batch; the results come back in request order.
   * Every model id is checked before anything is generated.
   *
   * @throws InvalidInputException if the list is empty or holds a null request, or a request names
   *     no built-in model or breaks that model's limits
   * @throws io.vnft.api.GenerationException if a model fails
   */
  @Override
  public List<VideoFrames> generateBatch(List<GenerationRequest> requests) {
    if (requests == null || requests.isEmpty()) {
      throw new InvalidInputException("requests: must not be empty");
    }
    Map<String, List<Integer>> byModel = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      GenerationRequest r = requests.get(i);
      if (r == null) {
        throw new InvalidInputException("requests[" + i + "]: must not be null");
      }
      byModel.computeIfAbsent(BuiltInModels.requireBuiltIn("requests[" + i + "].modelId", r.modelId()),
          m -> new ArrayList<>()).add(i);
    }
    VideoFrames[] out = new VideoFrames[requests.size()];
    for (Map.Entry<String, List<Integer>> e : byModel.entrySet()) {
      List<GenerationRequest> part = new ArrayList<>(e.getValue().size());
      for (int i : e.getValue()) {
        part.add(requests.get(i));
      }
      List<VideoFrames> frames = generatorFor(e.getKey()).generateBatch(part);
      for (int k = 0; k < part.size(); k++) {
        out[e.getValue().get(k)] = frames.get(k);
      }
    }
    return List.of(out);
  }

  /** Closes every per-model generator created so far. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException first = null;
    for (VideoGenerator g : generators.values()) {
      try {
        g.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    generators.clear();
    if (first != null) {
      throw first;
    }
  }
}
