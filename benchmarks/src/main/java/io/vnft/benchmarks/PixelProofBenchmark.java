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
import io.vnft.gpu.model.CppnSpec;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
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
 * Time of one {@code vnft-cppn-1} pixel proof (witness solving + Groth16 prove) and of its
 * verification, for videos of {@code shape} (WxHxF; the Merkle depth grows with it). Setup (the
 * video, its tree and an insecure development Groth16 setup) runs once and takes a minute or two.
 *
 * <p>Run from the repo root:
 * <pre>
 *   mvn -B -q -DskipTests -DskipNpm=true -pl benchmarks -am package
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       org.openjdk.jmh.Main PixelProofBenchmark -f 1 -wi 1 -i 3
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
    String prompt = "golden desert mirror";
    Bytes32 ph = Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8));
    BigInteger trigger = BigInteger.valueOf(7);
    BigInteger round = new BigInteger("110680464442257310000");
    Bytes32 seed = new PoseidonCommitmentScheme().seed(trigger, round, ph);
    try (DjlVideoGenerator g = new DjlVideoGenerator(DevicePreference.CPU)) {
      frames = g.generate(new GenerationRequest(CppnSpec.MODEL_ID, seed, prompt,
          io.vnft.gpu.model.CppnRequests.conditioningOf(prompt), f));
    }
    tree = FramesRoot.tree(frames);
    system = Groth16PixelProofSystem.insecureDevelopmentSetup(f, rnd);
    statement = new PixelStatement(CppnSpec.MODEL_ID, Bytes32.of(tree.root().toBytesBE()), trigger,
        round, ph, io.vnft.gpu.model.CppnRequests.conditioningOf(prompt), f.totalPixels() / 2 + 7);
    proof = system.provePixel(statement, frames, tree, rnd);
    System.out.printf("%npixel circuit %s: %d constraints%n", shape, system.constraints());
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
