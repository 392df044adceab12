package io.vnft.gpu.djl;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@value GanSpec#MODEL_ID} on DJL's PyTorch engine ({@link DjlGan}), on the CPU or a CUDA GPU,
 * byte-identical to {@link io.vnft.gpu.model.ReferenceGanVideoGenerator}. The engine loads
 * (offline, from the native jar) when the generator is constructed. All requests of one
 * {@link #generateBatch} call, of any shapes, are evaluated together (small videos share tensor
 * chunks).
 *
 * <p>Thread-safe: calls are serialised on this instance.
 */
public final class DjlGanVideoGenerator implements VideoGenerator {
  private static final String FACE = GanSpec.MODEL_ID + " (djl)";

  private final GanWeights weights;
  private final GanText text;
  private final DjlGan model;
  private boolean closed;

  /**
   * Runs the built-in weights.
   *
   * @param preference where to compute
   * @throws BackendUnavailableException if the PyTorch engine cannot load, or CUDA was asked for
   *     and DJL sees no GPU (never a silent switch to the CPU)
   */
  public DjlGanVideoGenerator(DevicePreference preference) {
    this(preference, GanWeights.builtIn());
  }

  /**
   * @param preference where to compute
   * @param weights the weights to run (tests run random ones)
   * @throws BackendUnavailableException if the PyTorch engine cannot load, or CUDA was asked for
   *     and DJL sees no GPU (never a silent switch to the CPU)
   */
  public DjlGanVideoGenerator(DevicePreference preference, GanWeights weights) {
    this.weights = weights;
    this.text = new GanText(weights);
    this.model = DjlDevices.open(preference, FACE, d -> new DjlGan(weights, d));
  }

  /** @return the DJL device in use, e.g. {@code cpu()} or {@code gpu(0)} */
  public String device() {
    return model.device().toString();
  }

  /** @return true if this generator computes on a CUDA GPU */
  public boolean onGpu() {
    return model.device().isGpu();
  }

  /** @return the text encoder's conditioning for the prompt ({@link GanText}, these weights), the default at creation */
  @Override
  public Bytes32 conditioningOf(String prompt) {
    return text.conditioningOf(prompt);
  }

  @Override
  public ModelInfo model() {
    return GanRequests.modelInfo(weights);
  }

  /**
   * @throws InvalidInputException if the model id is not {@value GanSpec#MODEL_ID}, the seed is
   *     not below r or the conditioning is wider than the model's
   * @throws io.vnft.api.GenerationException if the engine fails
   */
  @Override
  public VideoFrames generate(GenerationRequest request) {
    return generateBatch(List.of(request)).get(0);
  }

  /**
   * @throws InvalidInputException if the list is empty or a request names another model, has a
   *     seed not below r or a conditioning wider than the model's (nothing is rendered then)
   * @throws io.vnft.api.GenerationException if the engine fails
   */
  @Override
  public synchronized List<VideoFrames> generateBatch(List<GenerationRequest> requests) {
    if (closed) {
      throw new IllegalStateException("DjlGanVideoGenerator is closed");
    }
    if (requests == null || requests.isEmpty()) {
      throw new InvalidInputException("requests: must not be empty");
    }
    List<DjlGan.Video> videos = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      GanRequests.requireModel(r);
      videos.add(new DjlGan.Video(GanRequests.latent(r), GanRequests.conditioning(r), r.format()));
    }
    byte[][] rgb = model.render(videos);
    List<VideoFrames> out = new ArrayList<>(rgb.length);
    for (int i = 0; i < rgb.length; i++) {
      out.add(new VideoFrames(requests.get(i).format(), rgb[i]));
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }
}
