package io.vnft.gpu.torchscript;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.Bytes32;
import io.vnft.api.GenerationException;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.model.Latent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs any TorchScript model through DJL's PyTorch engine as a {@link VideoGenerator}. Such models
 * have no circuit: they are verifiable optimistically only (re-run and compare), and only on the
 * same software and device class, since floating point may differ across devices.
 *
 * <p><b>Contract of the TorchScript module.</b> {@code forward(z: Tensor, grid: Tensor) -> Tensor}:
 * <ul>
 *   <li>{@code z}: float32 {@code [N, 32]}, one row per video: {@code latent[i] / 128} for
 *       {@code i < 32}, the first 32 values of the seed's latent ({@link Latent}, from Poseidon).
 *   <li>{@code grid}: float32 {@code [F, H, W, 3]}: {@code x = (2x+1)/W - 1},
 *       {@code y = (2y+1)/H - 1} (pixel centres in (-1, 1)), {@code t = frame / fps} (seconds).
 *   <li>result: float32 (or float16, e.g. on CUDA) {@code [N, F, H, W, 3]}, RGB in [0, 1]; each
 *       value becomes {@code floor(clamp(v, 0, 1) * 255 + 0.5)}. Another shape is a
 *       {@link GenerationException} naming both shapes.
 * </ul>
 * The generator may call {@code forward} on any subset of the frames (chunks of at most
 * {@value #CHUNK_PIXELS} pixels x videos), so a frame's output must depend only on {@code z} and
 * that frame's grid. The prompt reaches the model only through the seed.
 *
 * <p>Thread-safe: calls are serialised on this instance.
 */
public final class TorchScriptVideoGenerator implements VideoGenerator {
  /** Most (videos x frames x pixels) per forward call. */
  public static final int CHUNK_PIXELS = 1 << 21;
  /** Length of {@code z}. */
  public static final int Z = 32;
  /** The shape reported as the model's default (any shape renders): 64x64, 16 frames at 8 fps. */
  public static final VideoFormat DEFAULT_FORMAT = new VideoFormat(64, 64, 16, 8);

  private final String modelId;
  private final Bytes32 fileHash;
  private final Model model;
  private final NDManager manager;
  private boolean closed;

  /**
   * @param modelId the name the model is registered under ({@code [a-z0-9._-]{1,64}})
   * @param file the TorchScript {@code .pt} file
   * @param preference where to compute (CUDA refused when absent)
   * @throws InvalidInputException if the model id is malformed or the file is missing
   * @throws GenerationException if the file is not a loadable TorchScript module
   * @throws BackendUnavailableException if the engine cannot load or CUDA is absent when asked
   */
  public TorchScriptVideoGenerator(String modelId, Path file, DevicePreference preference) {
    if (modelId == null || !modelId.matches("[a-z0-9._-]{1,64}")) {
      throw new InvalidInputException("modelId: must be 1..64 characters of [a-z0-9._-], got '" + modelId + "'");
    }
    if (file == null || !Files.isRegularFile(file)) {
      throw new InvalidInputException("file: TorchScript file " + file + " does not exist");
    }
    this.modelId = modelId;
    try {
      this.fileHash = Bytes32.of(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new InvalidInputException("file: cannot read " + file + ": " + e.getMessage(), e);
    }
    Engine engine;
    try {
      engine = Engine.getEngine("PyTorch");
    } catch (RuntimeException | LinkageError e) {
      throw new BackendUnavailableException("torchscript: the PyTorch engine failed to load: " + e.getMessage(), e);
    }
    Device device;
    if (preference == DevicePreference.CUDA && engine.getGpuCount() == 0) {
      throw new BackendUnavailableException("torchscript: device cuda was requested but DJL's PyTorch engine "
          + engine.getVersion() + " sees no CUDA GPU here");
    }
    device = preference == DevicePreference.CPU || engine.getGpuCount() == 0 ? Device.cpu() : Device.gpu();
    Model m = Model.newInstance(modelId, device, "PyTorch");
    try {
      String name = file.getFileName().toString();
      m.load(file.getParent() == null ? Path.of(".") : file.getParent(),
          name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name);
    } catch (Exception e) {
      m.close();
      throw new GenerationException("torchscript: " + file + " is not a loadable TorchScript module: "
          + e.getMessage(), e);
    }
    this.model = m;
    this.manager = m.getNDManager().newSubManager();
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo(modelId, fileHash, false,
        "TorchScript model (SHA-256 of the file as weightsHash); verifiable optimistically only", DEFAULT_FORMAT, 1);
  }

  /**
   * @throws InvalidInputException if the request names another model or its seed is not below r
   * @throws GenerationException if the model fails or returns the wrong shape
   */
  @Override
  public VideoFrames generate(GenerationRequest request) {
    return generateBatch(List.of(request)).get(0);
  }

  /**
   * Evaluates requests of the same format together.
   *
   * @throws InvalidInputException if a request names another model or its seed is not below r
   * @throws GenerationException if the model fails or returns the wrong shape
   */
  @Override
  public synchronized List<VideoFrames> generateBatch(List<GenerationRequest> requests) {
    if (closed) {
      throw new IllegalStateException("TorchScriptVideoGenerator is closed");
    }
    if (requests == null || requests.isEmpty()) {
      throw new InvalidInputException("requests: must not be empty");
    }
    List<VideoFrames> out = new ArrayList<>();
    for (GenerationRequest r : requests) {
      if (!modelId.equals(r.modelId())) {
        throw new InvalidInputException("modelId: unknown model '" + r.modelId() + "'; this generator runs " + modelId);
      }
    }
    int i = 0;
    while (i < requests.size()) {
      VideoFormat f = requests.get(i).format();
      int j = i;
      while (j < requests.size() && requests.get(j).format().equals(f)) {
        j++;
      }
      out.addAll(run(requests.subList(i, j), f));
      i = j;
    }
    return out;
  }

  private List<VideoFrames> run(List<GenerationRequest> group, VideoFormat f) {
    int n = group.size();
    int w = f.width();
    int h = f.height();
    int p = w * h;
    float[] z = new float[n * Z];
    for (int k = 0; k < n; k++) {
      int[] l = Latent.of(group.get(k).seed());
      for (int i = 0; i < Z; i++) {
        z[k * Z + i] = l[i] / 128f;
      }
    }
    byte[][] rgb = new byte[n][f.rgbBytes()];
    int framesPerChunk = Math.max(1, CHUNK_PIXELS / Math.max(1, n * p));
    try (NDManager batch = manager.newSubManager()) {
      NDArray zt = batch.create(z, new Shape(n, Z));
      for (int t0 = 0; t0 < f.frames(); t0 += framesPerChunk) {
        int t1 = Math.min(f.frames(), t0 + framesPerChunk);
        float[] grid = new float[(t1 - t0) * p * 3];
        int g = 0;
        for (int t = t0; t < t1; t++) {
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              grid[g++] = (2f * x + 1) / w - 1;
              grid[g++] = (2f * y + 1) / h - 1;
              grid[g++] = (float) t / f.fps();
            }
          }
        }
        try (NDManager chunk = batch.newSubManager()) {
          NDArray gt = chunk.create(grid, new Shape(t1 - t0, h, w, 3));
          NDList res;
          try {
            res = model.getBlock().forward(new ParameterStore(chunk, false), new NDList(zt, gt), false);
          } catch (RuntimeException e) {
            throw new GenerationException("torchscript " + modelId + ": forward failed: " + e.getMessage(), e);
          }
          Shape want = new Shape(n, t1 - t0, h, w, 3);
          if (res.size() != 1 || !res.get(0).getShape().equals(want)) {
            throw new GenerationException("torchscript " + modelId + ": output shape "
                + (res.size() == 1 ? res.get(0).getShape() : res.size() + " tensors")
                + " differs from the contract [N, F, H, W, 3] = " + want);
          }
          NDArray v = res.get(0).toType(DataType.FLOAT32, false).clip(0f, 1f).muli(255f).addi(0.5f).floor();
          byte[] bytes = v.toType(DataType.UINT8, false).toByteArray();
          int per = (t1 - t0) * p * 3;
          for (int k = 0; k < n; k++) {
            System.arraycopy(bytes, k * per, rgb[k], t0 * p * 3, per);
          }
        }
      }
    }
    List<VideoFrames> out = new ArrayList<>(n);
    for (byte[] b : rgb) {
      out.add(new VideoFrames(f, b));
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      manager.close();
      model.close();
    }
  }
}
