package io.vnft.benchmarks;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlGanVideoGenerator;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.energy.GpuEnergyMeter;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.ReferenceGanVideoGenerator;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Frames per second of a built-in model ({@code model}: {@code vnft-cppn-1}, the default, or
 * {@code vnft-gan-1}) at 256x256: the DJL face ({@code impl=djl}, device from {@code device}: cpu
 * or cuda) against the pure-Java reference ({@code impl=reference}), for batches of 1, 8 or 32
 * videos of {@code frames} frames each. For {@code vnft-gan-1}, {@code concepts} picks prompts with
 * one concept ({@code single}: every frame shares one conditioning) or two ({@code morph}: "A into
 * B", nine morph levels, so nine network canvases per video); {@code vnft-cppn-1} ignores it. The
 * score is frames per second (each invocation renders {@code batch * frames} frames; the result is
 * divided by that through the secondary "frames" counter printed at tear-down). On CUDA the
 * tear-down also prints joules per frame from {@code nvidia-smi} power samples; on the CPU it
 * prints "energy: not measured".
 *
 * <p>Run from the repo root:
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main GenerationBenchmark -p impl=djl -p batch=1,8,32 -f 1 -wi 1 -i 3
 *   java -cp ... org.openjdk.jmh.Main GenerationBenchmark -p impl=reference -p batch=1 -f 1 -wi 1 -i 3
 *   java -cp ... org.openjdk.jmh.Main GenerationBenchmark -p model=vnft-gan-1 -p impl=djl \
 *       -p batch=1,8 -p frames=64 -p concepts=single,morph -f 1 -wi 1 -i 3
 * </pre>
 * (The vnft-gan-1 reference takes tens of seconds per 256x256x64 video: run it with
 * {@code -p batch=1 -wi 0 -i 1}.) Unit: operations (batches) per second; frames/s = score * batch
 * * frames. Each measurement
 * iteration also prints frames per CPU-second of the benchmark thread, the steadier figure on a
 * shared machine. The fork pins PyTorch to one intra-op thread ({@code ai.djl.pytorch.num_threads=1}):
 * on a small shared machine OpenMP threads spin against other processes (measured on the 2-core
 * development VM: 2 threads gave 167 frames/s once and 5 frames/s the next run); pass
 * {@code -jvmArgsAppend "-Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=N"} to try more.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"})
public class GenerationBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The model: {@code vnft-cppn-1} or {@code vnft-gan-1}. */
  @Param({"vnft-cppn-1"})
  public String model;

  /** The generator: {@code djl} (the model on DJL/PyTorch) or {@code reference} (plain Java). */
  @Param({"djl", "reference"})
  public String impl;

  /** Videos per batch call. */
  @Param({"1", "8", "32"})
  public int batch;

  /** Frames per video: 8 (per-video work weighs more) and 24 (the demo's one-second clip). */
  @Param({"8", "24"})
  public int frames;

  /**
   * vnft-gan-1's prompts: {@code single} (one concept each) or {@code morph} ("A into B");
   * ignored by vnft-cppn-1.
   */
  @Param({"single"})
  public String concepts;

  /** The DJL device preference ({@code auto}, {@code cpu} or {@code cuda}); ignored by {@code reference}. */
  @Param({"cpu"})
  public String device;

  VideoGenerator generator;
  List<GenerationRequest> requests;
  GpuEnergyMeter meter;
  long framesRendered;
  long iterationFrames;
  long iterationCpuNanos;

  /** Builds the generator and one batch of requests; starts the GPU energy meter when on a GPU. */
  @Setup
  public void setup() {
    boolean gan = model.equals(GanSpec.MODEL_ID);
    if (!gan && !model.equals(CppnSpec.MODEL_ID)) {
      throw new IllegalArgumentException("model: vnft-cppn-1 or vnft-gan-1, got " + model);
    }
    boolean djl = impl.equals("djl");
    if (gan) {
      generator = djl ? new DjlGanVideoGenerator(DevicePreference.parse(device)) : new ReferenceGanVideoGenerator();
    } else {
      generator = djl ? new DjlVideoGenerator(DevicePreference.parse(device)) : new ReferenceVideoGenerator();
    }
    requests = new ArrayList<>();
    String[] prompts = !gan ? new String[] {"calm ocean", "fast neon kaleidoscope", "golden desert mirror", "frantic fire"}
        : concepts.equals("morph") ? new String[] {"cat into dog", "sun becoming a moon", "heart then star", "fire to snow"}
        : new String[] {"a cat", "smiling sun", "red heart", "fire"};
    for (int i = 0; i < batch; i++) {
      String p = prompts[i % prompts.length];
      // vnft-gan-1 reads its motion from the seed's bytes 7..11: full-width seeds, so that frames move
      Bytes32 seed = gan ? ganSeed(i) : Bytes32.fromBigInteger(BigInteger.valueOf(1_000_003L * (i + 1)));
      requests.add(new GenerationRequest(model, seed, p, generator.conditioningOf(p),
          new VideoFormat(256, 256, frames, 24)));
    }
    boolean gpu = generator instanceof DjlVideoGenerator d && d.onGpu()
        || generator instanceof DjlGanVideoGenerator g && g.onGpu();
    meter = gpu ? GpuEnergyMeter.start() : null;
  }

  /** A seed below r: the first 31 bytes of SHA-256("vnft-gan-1 benchmark " + i) and one zero byte. */
  private static Bytes32 ganSeed(int i) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(("vnft-gan-1 benchmark " + i).getBytes(StandardCharsets.US_ASCII));
      h[0] = 0;
      return Bytes32.of(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Resets the per-iteration frame and CPU-time counters. */
  @Setup(Level.Iteration)
  public void startIteration() {
    iterationFrames = 0;
    iterationCpuNanos = 0;
  }

  /**
   * One batch of videos; counts frames and this thread's CPU time.
   *
   * @return the generated frames
   */
  @Benchmark
  public List<VideoFrames> generate() {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    List<VideoFrames> out = generator.generateBatch(requests);
    iterationCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
    framesRendered += (long) batch * frames;
    iterationFrames += (long) batch * frames;
    return out;
  }

  /**
   * Prints frames per CPU-second of the benchmark thread, which on a shared machine is steadier
   * than wall-clock throughput. It counts all the work only when the engine runs its operators on
   * the calling thread ({@code -Dai.djl.pytorch.num_threads=1}, and always for the reference).
   */
  @TearDown(Level.Iteration)
  public void endIteration() {
    if (iterationCpuNanos > 0) {
      System.out.printf("  [cpu: %.1f frames per CPU-second of the calling thread]",
          iterationFrames / (iterationCpuNanos / 1e9));
    }
  }

  /**
   * Prints the trial's energy figure (measured on a GPU only) and closes the generator.
   *
   * @param params the trial's parameters (JMH passes them; unused)
   */
  @TearDown(Level.Trial)
  public void tearDown(BenchmarkParams params) {
    if (meter != null) {
      double joules = meter.stop();
      System.out.printf("%nenergy: %.1f J over %d frames = %.4f J/frame (nvidia-smi power.draw)%n",
          joules, framesRendered, joules / framesRendered);
    } else {
      System.out.printf("%nenergy: not measured (%s)%n", impl.equals("djl") ? "CPU" : "reference");
    }
    generator.close();
  }
}
