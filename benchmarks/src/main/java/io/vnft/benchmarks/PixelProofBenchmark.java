package io.vnft.benchmarks;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.PixelStatement;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.FramesRoot;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.model.CppnRequests;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanRequests;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one pixel proof (witness solving + Groth16 prove) and of its verification, for videos of
 * {@code model} ({@code vnft-cppn-1} or {@code vnft-gan-1}, built-in weights) and {@code shape}
 * (WxHxF; the Merkle depth grows with it). Setup (the video, its tree and an insecure development
 * Groth16 setup) runs once and takes a minute or two: the cppn video comes from the DJL face on
 * the CPU, the gan video from the pure-Java reference, frames in parallel.
 *
 * <p>Run from the repo root:
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main PixelProofBenchmark -f 1 -wi 1 -i 3 [-p model=vnft-gan-1]
 * </pre>
 * Unit: seconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dai.djl.offline=true", "--add-modules", "jdk.incubator.vector"})
public class PixelProofBenchmark {
  /** The video shape, width x height x frames. */
  @Param({"256x256x64"})
  public String shape;

  /** The model whose pixel circuit is proved. */
  @Param({CppnSpec.MODEL_ID})
  public String model;

  Groth16PixelProofSystem system;
  VideoFrames frames;
  PoseidonMerkleTree tree;
  PixelStatement statement;
  ProofEnvelope proof;
  SecureRandom rnd = new SecureRandom();

  /** Generates one video, builds its Merkle tree, runs the insecure development setup and one proof. */
  @Setup
  public void setup() {
    String[] s = shape.split("x");
    VideoFormat f = new VideoFormat(Integer.parseInt(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]), 24);
    boolean gan = GanSpec.MODEL_ID.equals(model);
    String prompt = gan ? "a red apple turning into a blue fish" : "golden desert mirror";
    Bytes32 ph = Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8));
    BigInteger trigger = BigInteger.valueOf(7);
    BigInteger round = new BigInteger("110680464442257310000");
    Bytes32 seed = new PoseidonCommitmentScheme().seed(trigger, round, ph);
    Bytes32 conditioning = gan ? GanRequests.conditioningOf(prompt) : CppnRequests.conditioningOf(prompt);
    long t0 = System.nanoTime();
    if (gan) {
      frames = ganFrames(seed, conditioning, f);
    } else {
      try (DjlVideoGenerator g = new DjlVideoGenerator(DevicePreference.CPU)) {
        frames = g.generate(new GenerationRequest(CppnSpec.MODEL_ID, seed, prompt, conditioning, f));
      }
    }
    long t1 = System.nanoTime();
    tree = FramesRoot.tree(frames);
    long t2 = System.nanoTime();
    system = Groth16PixelProofSystem.insecureDevelopmentSetup(model, f, rnd);
    long t3 = System.nanoTime();
    statement = new PixelStatement(model, Bytes32.of(tree.root().toBytesBE()), trigger,
        round, ph, conditioning, f.totalPixels() / 2 + 7);
    proof = system.provePixel(statement, frames, tree, rnd);
    System.out.printf("%n%s pixel circuit %s: %d constraints; video %.1f s, tree %.1f s, setup %.1f s%n", model,
        shape, system.constraints(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
  }

  /** The reference's frames, rendered a frame per task on the common pool (the reference is thread-safe). */
  private static VideoFrames ganFrames(Bytes32 seed, Bytes32 conditioning, VideoFormat f) {
    ReferenceGan ref = new ReferenceGan(GanWeights.builtIn());
    GanLatent latent = GanLatent.of(seed);
    int[][] ab = GanText.unpack(conditioning);
    byte[] rgb = new byte[f.rgbBytes()];
    int frameBytes = 3 * f.width() * f.height();
    IntStream.range(0, f.frames()).parallel().forEach(t -> {
      int i = t * frameBytes;
      for (int y = 0; y < f.height(); y++) {
        for (int x = 0; x < f.width(); x++) {
          int p = ref.pixel(latent, ab, f, t, x, y);
          rgb[i++] = (byte) (p >>> 16);
          rgb[i++] = (byte) (p >>> 8);
          rgb[i++] = (byte) p;
        }
      }
    });
    return new VideoFrames(f, rgb);
  }

  /**
   * One pixel proof with the tree already built.
   *
   * @return the proof
   */
  @Benchmark
  public ProofEnvelope prove() {
    return system.provePixel(statement, frames, tree, rnd);
  }

  /**
   * Verifies the proof made in setup.
   *
   * @return whether it verified
   */
  @Benchmark
  public boolean verify() {
    return system.verify(proof);
  }
}
