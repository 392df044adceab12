package io.vnft.gpu.djl;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.model.CppnRequests;
import io.vnft.gpu.model.CppnWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vnft-cppn-1} on DJL's PyTorch engine ({@link DjlCppn}), on the CPU or a CUDA GPU,
 * byte-identical to the reference. The engine loads (offline, from the native jar) when the
 * generator is constructed. Requests of the same {@link VideoFormat} in one
 * {@link #generateBatch} call are evaluated together, up to {@value #MAX_BATCH} per tensor batch.
 *
 * <p>Thread-safe: calls are serialised on this instance.
 */
public final class DjlVideoGenerator implements VideoGenerator {
  /** Most videos evaluated in one tensor batch. */
  public static final int MAX_BATCH = 32;

  private final DjlCppn model;
  private boolean closed;

  /**
   * @param preference where to compute
   * @throws BackendUnavailableException if the PyTorch engine cannot load, or CUDA was asked for
   *     and DJL sees no GPU (never a silent switch to the CPU)
   */
  public DjlVideoGenerator(DevicePreference preference) {
    this.model = DjlDevices.open(preference, "vnft-cppn-1 (djl)", d -> new DjlCppn(CppnWeights.builtIn(), d));
  }

  /** @return the DJL device in use, e.g. {@code cpu()} or {@code gpu(0)} */
  public String device() {
    return model.device().toString();
  }

  /** @return true if this generator computes on a CUDA GPU */
  public boolean onGpu() {
    return model.device().isGpu();
  }

  /** @return {@link io.vnft.gpu.model.PromptStyle#of} (palette, speed and symmetry picked by keyword), the default at creation */
  @Override
  public io.vnft.api.Bytes32 conditioningOf(String prompt) {
    return io.vnft.gpu.model.CppnRequests.conditioningOf(prompt);
  }

  @Override
  public ModelInfo model() {
    return CppnRequests.modelInfo();
  }

  /**
   * @throws InvalidInputException if the model id is not {@code vnft-cppn-1} or the seed is not
   *     below r
   * @throws io.vnft.api.GenerationException if the engine fails
   */
  @Override
  public VideoFrames generate(GenerationRequest request) {
    return generateBatch(List.of(request)).get(0);
  }

  /**
   * @throws InvalidInputException if a request names another model or has a seed not below r
   * @throws io.vnft.api.GenerationException if the engine fails
   */
  @Override
  public synchronized List<VideoFrames> generateBatch(List<GenerationRequest> requests) {
    if (closed) {
      throw new IllegalStateException("DjlVideoGenerator is closed");
    }
    if (requests == null || requests.isEmpty()) {
      throw new InvalidInputException("requests: must not be empty");
    }
    Map<VideoFormat, List<Integer>> groups = new LinkedHashMap<>();
    int[][] latents = new int[requests.size()][];
    long[] styles = new long[requests.size()];
    for (int i = 0; i < requests.size(); i++) {
      GenerationRequest r = requests.get(i);
      CppnRequests.requireModel(r);
      latents[i] = CppnRequests.latent(r);
      styles[i] = CppnRequests.style(r);
      groups.computeIfAbsent(r.format(), f -> new ArrayList<>()).add(i);
    }
    VideoFrames[] out = new VideoFrames[requests.size()];
    for (Map.Entry<VideoFormat, List<Integer>> g : groups.entrySet()) {
      List<Integer> idx = g.getValue();
      for (int from = 0; from < idx.size(); from += MAX_BATCH) {
        List<Integer> part = idx.subList(from, Math.min(idx.size(), from + MAX_BATCH));
        List<int[]> z = new ArrayList<>();
        List<Long> s = new ArrayList<>();
        for (int i : part) {
          z.add(latents[i]);
          s.add(styles[i]);
        }
        byte[][] rgb = model.render(z, s, g.getKey());
        for (int k = 0; k < part.size(); k++) {
          out[part.get(k)] = new VideoFrames(g.getKey(), rgb[k]);
        }
      }
    }
    return List.of(out);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }
}
