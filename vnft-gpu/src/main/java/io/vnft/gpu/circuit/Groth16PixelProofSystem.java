package io.vnft.gpu.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelProofSystem;
import io.vnft.api.PixelStatement;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.ProofException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.commit.FramesRoot;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.Proof;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.groth16.VerifyingKey;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import io.vnft.zk.solidity.SolidityVerifierExporter;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Groth16 (BN254) pixel proofs for the videos of one model and one shape: its {@link PixelCircuit}
 * compiled once, proved with vnft-zk's Groth16 (snarkjs-compatible), proofs in the EVM calldata
 * order ({@link ProofEnvelope}, system {@value #PROOF_SYSTEM}). The model is named by its id
 * ({@link PixelCircuits#MODELS}, built-in weights) or given as a circuit; the constructors and
 * methods without a model id mean {@code vnft-cppn-1}.
 *
 * <p><b>Security.</b> {@link #insecureDevelopmentSetup} runs a single-party trusted setup: whoever learns
 * its randomness can forge pixel proofs, so it is for tests and local demos only; production keys
 * come from a multi-party ceremony and are passed to {@link #Groth16PixelProofSystem(String,
 * VideoFormat, ProvingKey)}. BN254 gives about 100 bits of security. Proofs are malleable: never
 * use one as an identifier.
 *
 * <p>Thread-safe: proving and verifying hold no mutable state.
 */
public final class Groth16PixelProofSystem implements PixelProofSystem {
  /** The {@link ProofEnvelope#proofSystem()} name. */
  public static final String PROOF_SYSTEM = "groth16-bn254";

  private final VideoFormat format;
  private final PixelCircuit circuit;
  private final CompiledCircuit compiled;
  private final ProvingKey pk;
  private final List<BigInteger> keyWords;

  /**
   * A {@code vnft-cppn-1} proof system (built-in weights).
   *
   * @param format the video shape the circuit is built for
   * @param pk a proving key for {@link #circuitFor(VideoFormat)}'s constraint system
   * @throws InvalidInputException if the key does not fit the circuit
   */
  public Groth16PixelProofSystem(VideoFormat format, ProvingKey pk) {
    this(CppnSpec.MODEL_ID, format, pk);
  }

  /**
   * @param modelId the model, one of {@link PixelCircuits#MODELS} (built-in weights)
   * @param format the video shape the circuit is built for
   * @param pk a proving key for {@link #circuitFor(String, VideoFormat)}'s constraint system
   * @throws InvalidInputException if the model has no built-in circuit, or the key does not fit the circuit
   */
  public Groth16PixelProofSystem(String modelId, VideoFormat format, ProvingKey pk) {
    this(PixelCircuits.of(modelId, format), pk);
  }

  /**
   * @param circuit the pixel circuit (e.g. over other weights, for tests)
   * @param pk a proving key for that circuit's constraint system
   * @throws InvalidInputException if the key does not fit the circuit
   */
  public Groth16PixelProofSystem(PixelCircuit circuit, ProvingKey pk) {
    this(circuit, CircuitCompiler.compile(circuit), pk);
  }

  private Groth16PixelProofSystem(PixelCircuit circuit, CompiledCircuit compiled, ProvingKey pk) {
    this.format = circuit.format();
    this.circuit = circuit;
    this.compiled = compiled;
    int nPublic = circuit.publicInputNames().size();
    if (pk.nVars() != compiled.r1cs().nWires() || pk.nPublic() != nPublic) {
      throw new InvalidInputException("pk: has " + pk.nVars() + " wires / " + pk.nPublic()
          + " public inputs, the " + circuit.modelId() + " pixel circuit for " + format + " has "
          + compiled.r1cs().nWires() + " / " + nPublic);
    }
    this.pk = pk;
    this.keyWords = keyWords(pk.verifyingKey());
  }

  private static List<BigInteger> keyWords(VerifyingKey vk) {
    List<BigInteger> w = new ArrayList<>(28);
    w.add(vk.alpha1().x());
    w.add(vk.alpha1().y());
    for (G2Point g : List.of(vk.beta2(), vk.gamma2(), vk.delta2())) {
      w.add(g.x1());
      w.add(g.x0());
      w.add(g.y1());
      w.add(g.y0());
    }
    for (G1Point ic : vk.ic()) {
      w.add(ic.x());
      w.add(ic.y());
    }
    return List.copyOf(w);
  }

  /**
   * <b>Insecure single-party setup, for tests and local demos only</b> (see the class comment):
   * anyone who learns {@code rnd}'s output can forge proofs. Takes seconds (64x64x24: about 8 s).
   * No provider calls it; a caller has to name it. The model is {@code vnft-cppn-1}.
   *
   * @param format the video shape
   * @param rnd the toxic randomness; discard it after the call
   * @return a proof system with fresh keys
   */
  public static Groth16PixelProofSystem insecureDevelopmentSetup(VideoFormat format, SecureRandom rnd) {
    return insecureDevelopmentSetup(CppnSpec.MODEL_ID, format, rnd);
  }

  /**
   * <b>Insecure single-party setup, for tests and local demos only</b>, as {@link
   * #insecureDevelopmentSetup(VideoFormat, SecureRandom)} for a named model.
   *
   * @param modelId the model, one of {@link PixelCircuits#MODELS} (built-in weights)
   * @param format the video shape
   * @param rnd the toxic randomness; discard it after the call
   * @return a proof system with fresh keys
   * @throws InvalidInputException if the model has no built-in circuit (the message names the known ones)
   */
  public static Groth16PixelProofSystem insecureDevelopmentSetup(String modelId, VideoFormat format,
      SecureRandom rnd) {
    return insecureDevelopmentSetup(PixelCircuits.of(modelId, format), rnd);
  }

  /**
   * <b>Insecure single-party setup, for tests and local demos only</b>, as {@link
   * #insecureDevelopmentSetup(VideoFormat, SecureRandom)} for a given circuit.
   *
   * @param circuit the pixel circuit
   * @param rnd the toxic randomness; discard it after the call
   * @return a proof system with fresh keys
   */
  public static Groth16PixelProofSystem insecureDevelopmentSetup(PixelCircuit circuit, SecureRandom rnd) {
    CompiledCircuit c = CircuitCompiler.compile(circuit);
    return new Groth16PixelProofSystem(circuit, c, Groth16.setup(c.r1cs(), rnd));
  }

  /**
   * @param format the video shape
   * @return the compiled {@code vnft-cppn-1} pixel circuit for a shape (for setups and ceremonies)
   */
  public static CompiledCircuit circuitFor(VideoFormat format) {
    return circuitFor(CppnSpec.MODEL_ID, format);
  }

  /**
   * @param modelId the model, one of {@link PixelCircuits#MODELS} (built-in weights)
   * @param format the video shape
   * @return the compiled pixel circuit of that model for a shape (for setups and ceremonies)
   * @throws InvalidInputException if the model has no built-in circuit (the message names the known ones)
   */
  public static CompiledCircuit circuitFor(String modelId, VideoFormat format) {
    return CircuitCompiler.compile(PixelCircuits.of(modelId, format));
  }

  /** @return the verifying key (for the on-chain verifier) */
  public VerifyingKey verifyingKey() {
    return pk.verifyingKey();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read from {@link #verifyingKey()}; the same key that {@link #solidityVerifier(String)}
   * bakes into a generated contract.
   */
  @Override
  public List<BigInteger> verifyingKeyWords() {
    return keyWords;
  }

  /**
   * @param contractName the Solidity contract name
   * @return the generated Solidity verifier for this key
   */
  public String solidityVerifier(String contractName) {
    return SolidityVerifierExporter.export(pk.verifyingKey(), contractName);
  }

  /** @return the number of constraints of the circuit */
  public int constraints() {
    return compiled.nConstraints();
  }

  /**
   * @throws InvalidInputException if the statement names another model, or the frames have
   *     another shape, or the pixel is outside them
   * @throws ProofException if the frames do not open to the model's output at the pixel (the
   *     statement is false), naming the failing part of the circuit
   */
  @Override
  public ProofEnvelope provePixel(PixelStatement statement, VideoFrames frames) {
    return provePixel(statement, frames, FramesRoot.tree(frames), new SecureRandom());
  }

  /**
   * As {@link #provePixel(PixelStatement, VideoFrames)} with a prebuilt tree (proving several
   * pixels of one video) and explicit blinding randomness.
   *
   * @param statement the public statement: model, commitment, pixel
   * @param frames the regenerated frames the statement commits to
   * @param tree the Poseidon Merkle tree of those frames, built once for all their pixels
   * @param rnd the proof's blinding randomness
   * @return the proof, in an envelope naming its system
   */
  public ProofEnvelope provePixel(PixelStatement statement, VideoFrames frames,
      PoseidonMerkleTree tree, SecureRandom rnd) {
    requireModel(statement.modelId());
    Witness w = compiled.solve(circuit.inputs(statement, frames, tree));
    Proof proof = Groth16.prove(pk, w, rnd);
    List<BigInteger> pub = statement.publicInputs(Fr.MODULUS);
    List<BigInteger> words = SolidityVerifierExporter.calldata(proof, pub).subList(0, ProofEnvelope.EVM_WORDS);
    return new ProofEnvelope(PROOF_SYSTEM, circuit.modelId(), pub, ProofEnvelope.evmProof(words));
  }

  /**
   * @return true iff the proof verifies for its public inputs under this system's key
   * @throws InvalidInputException if the envelope is malformed: another proof system or model, a
   *     proof that is not 256 bytes, a point off the curve, a coordinate or input not below its
   *     modulus, not 6 public inputs
   */
  @Override
  public boolean verify(ProofEnvelope envelope) {
    if (!PROOF_SYSTEM.equals(envelope.proofSystem())) {
      throw new InvalidInputException("proofSystem: expected " + PROOF_SYSTEM + ", got " + envelope.proofSystem());
    }
    requireModel(envelope.modelId());
    List<BigInteger> pub = envelope.publicInputs();
    List<String> names = circuit.publicInputNames();
    if (pub.size() != names.size()) {
      throw new InvalidInputException("publicInputs: expected " + names.size()
          + " values, got " + pub.size());
    }
    for (int i = 0; i < pub.size(); i++) {
      if (pub.get(i).compareTo(Fr.MODULUS) >= 0) {
        throw new InvalidInputException("publicInputs[" + i + "] (" + names.get(i)
            + "): must be below r");
      }
    }
    List<BigInteger> w = envelope.evmWords();
    Proof proof = new Proof(G1Point.of(w.get(0), w.get(1)),
        G2Point.fromEip197(w.get(2), w.get(3), w.get(4), w.get(5)), G1Point.of(w.get(6), w.get(7)));
    return Groth16.verify(pk.verifyingKey(), proof, pub);
  }

  private void requireModel(String modelId) {
    if (!circuit.modelId().equals(modelId)) {
      throw new InvalidInputException("modelId: this proof system proves " + circuit.modelId()
          + ", not '" + modelId + "'");
    }
  }

  /** @return the video shape this system proves */
  public VideoFormat format() {
    return format;
  }

  /** @return the model this system proves */
  public String modelId() {
    return circuit.modelId();
  }
}
