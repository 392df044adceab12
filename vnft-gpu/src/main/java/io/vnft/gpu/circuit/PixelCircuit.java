package io.vnft.gpu.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelStatement;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.commit.FramesRoot;
import io.vnft.gpu.model.CppnWeights;
import io.vnft.zk.circuit.Circuit;
import io.vnft.zk.circuit.CircuitApi;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.MerkleOpening;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pixel circuit of one model ({@link PixelGadget}; {@link PixelCircuits} has the built-in
 * ones) for one video shape (W, H, frames are circuit constants): it proves that
 * {@code framesRoot} opens at {@code pixelIndex} to the model's output for the seed
 * {@code Poseidon(triggerId, roundId, promptHash)} and the conditioning.
 *
 * <p>Public inputs, in order: {@code framesRoot, triggerId, roundId, promptHash} (keccak256 mod
 * r), the conditioning (named by the model: {@code style}, a uint32, for {@code vnft-cppn-1};
 * {@code conditioning}, below 2^240, for {@code vnft-gan-1}), {@code pixelIndex}. Secret inputs:
 * {@code chunkPixels[0..9]} (the ten 24-bit pixels of the chunk holding the pixel) and
 * {@code siblings[0..depth-1]} (its Merkle path). Steps: seed; the model's per-video part
 * (latent, conditioning, proving its width); position
 * {@code p = frame*W*H + y*W + x} with {@code x < W, y < H, frame < frames} and
 * {@code p = 10c + j}, {@code j < 10}; the network at (x, y, frame); the chunk packed from its
 * range-checked pixels, pixel {@code j} equal to the network's output; the Merkle opening of the
 * chunk at leaf {@code c} equal to {@code framesRoot}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PixelCircuit implements Circuit {
  /** Public input names of the {@code vnft-cppn-1} circuit, in wire order ({@link #publicInputNames()} for any model). */
  public static final String[] PUBLIC_INPUTS = {
    "framesRoot", "triggerId", "roundId", "promptHash", "style", "pixelIndex"};

  private final PixelGadget model;
  private final VideoFormat format;
  private final int depth;
  private final List<String> publicInputNames;

  /**
   * The {@code vnft-cppn-1} circuit ({@link PixelCircuits#cppn}).
   *
   * @param weights the model's fixed weights (circuit constants)
   * @param format the video shape (fps is ignored)
   */
  public PixelCircuit(CppnWeights weights, VideoFormat format) {
    this(PixelCircuits.cppn(weights), format);
  }

  /**
   * @param model the model's pixel gadget (its weights are circuit constants)
   * @param format the video shape (fps is ignored)
   * @throws InvalidInputException if an argument is null
   */
  public PixelCircuit(PixelGadget model, VideoFormat format) {
    if (model == null || format == null) {
      throw new InvalidInputException((model == null ? "model" : "format") + ": must not be null");
    }
    this.model = model;
    this.format = format;
    this.depth = FramesRoot.depth(format.totalPixels());
    this.publicInputNames = List.of(PUBLIC_INPUTS[0], PUBLIC_INPUTS[1], PUBLIC_INPUTS[2], PUBLIC_INPUTS[3],
        model.conditioningInput(), PUBLIC_INPUTS[5]);
  }

  /** @return the model this circuit proves */
  public String modelId() {
    return model.modelId();
  }

  /** @return the video shape this circuit is built for */
  public VideoFormat format() {
    return format;
  }

  /** @return the public input names, in wire order (the statement's order; the 5th is the model's conditioning) */
  public List<String> publicInputNames() {
    return publicInputNames;
  }

  /** @return the Merkle depth for this shape */
  public int depth() {
    return depth;
  }

  @Override
  public void define(CircuitApi api) {
    Var root = api.publicInput(publicInputNames.get(0));
    Var triggerId = api.publicInput(publicInputNames.get(1));
    Var roundId = api.publicInput(publicInputNames.get(2));
    Var promptHash = api.publicInput(publicInputNames.get(3));
    Var conditioning = api.publicInput(publicInputNames.get(4));
    Var pixelIndex = api.publicInput(publicInputNames.get(5));
    Var[] chunkPixels = api.secretInputs("chunkPixels", FramesRoot.PIXELS_PER_CHUNK);
    Var[] siblings = api.secretInputs("siblings", depth);

    Var seed = api.scope("seed", () -> api.poseidon(triggerId, roundId, promptHash));
    PixelGadget.Video video = model.video(api, format, seed, conditioning);

    int w = format.width();
    int h = format.height();
    long wh = (long) w * h;
    Var[] pos = api.scope("position", () -> {
      Var[] v = api.hint("position", 5, in -> {
        long p = in[0].toBigInteger().min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
        long rem = p % wh;
        return new Fr[] {Fr.of(p / wh), Fr.of(rem / w), Fr.of(rem % w),
            Fr.of(p / FramesRoot.PIXELS_PER_CHUNK), Fr.of(p % FramesRoot.PIXELS_PER_CHUNK)};
      }, pixelIndex);
      Var frame = v[0];
      Var y = v[1];
      Var x = v[2];
      Gadgets.assertBelow(api, x, w);
      Gadgets.assertBelow(api, y, h);
      Gadgets.assertBelow(api, frame, format.frames());
      api.assertEqual(pixelIndex, api.add(api.add(api.mulConst(frame, wh), api.mulConst(y, w)), x));
      Gadgets.assertBelow(api, v[4], FramesRoot.PIXELS_PER_CHUNK);
      api.assertEqual(pixelIndex, api.add(api.mulConst(v[3], FramesRoot.PIXELS_PER_CHUNK), v[4]));
      return v;
    });

    Var rgb = api.scope("network", () -> video.pixel(pos[0], pos[2], pos[1]));

    api.scope("commitment", () -> {
      Fr[] shifts = new Fr[FramesRoot.PIXELS_PER_CHUNK];
      Var selected = api.constant(0);
      for (int i = 0; i < shifts.length; i++) {
        api.assertRange(chunkPixels[i], 24);
        shifts[i] = Fr.of(BigInteger.ONE.shiftLeft(24 * i));
        selected = api.add(selected, api.mul(api.isEqual(pos[4], api.constant(i)), chunkPixels[i]));
      }
      api.assertEqual(selected, rgb);
      Var chunk = api.dotConst(chunkPixels, shifts);
      if (depth == 0) {
        api.assertEqual(pos[3], api.constant(0));
        api.assertEqual(chunk, root);
      } else {
        Var[] index = api.toBits(pos[3], depth);
        api.assertEqual(api.merkleOpening(chunk, index, siblings), root);
      }
    });
  }

  /**
   * The solver inputs for a statement about these frames.
   *
   * @param statement what to prove (its conditioning must fit the model, its pixel inside the video)
   * @param frames the committed frames
   * @param tree their {@link FramesRoot#tree}
   * @return a value for every public and secret input, by name
   * @throws InvalidInputException if the frames do not have this circuit's shape, the pixel is
   *     outside them, or a public input is not below r
   */
  public Map<String, Fr> inputs(PixelStatement statement, VideoFrames frames, PoseidonMerkleTree tree) {
    VideoFormat f = frames.format();
    if (f.width() != format.width() || f.height() != format.height() || f.frames() != format.frames()) {
      throw new InvalidInputException("frames: shape " + f.width() + "x" + f.height() + "x" + f.frames()
          + " does not match the circuit's " + format.width() + "x" + format.height() + "x" + format.frames());
    }
    long p = statement.pixelIndex();
    if (p >= f.totalPixels()) {
      throw new InvalidInputException("pixelIndex: must be below " + f.totalPixels() + ", got " + p);
    }
    Map<String, Fr> in = new HashMap<>();
    List<BigInteger> pub = statement.publicInputs(Fr.MODULUS);
    for (int i = 0; i < publicInputNames.size(); i++) {
      if (pub.get(i).compareTo(Fr.MODULUS) >= 0) {
        throw new InvalidInputException(publicInputNames.get(i) + ": must be below r, got " + pub.get(i));
      }
      in.put(publicInputNames.get(i), Fr.of(pub.get(i)));
    }
    long c = p / FramesRoot.PIXELS_PER_CHUNK;
    for (int i = 0; i < FramesRoot.PIXELS_PER_CHUNK; i++) {
      long q = c * FramesRoot.PIXELS_PER_CHUNK + i;
      in.put("chunkPixels[" + i + "]", Fr.of(q < f.totalPixels() ? frames.pixel(q) : 0));
    }
    MerkleOpening o = FramesRoot.opening(tree, p);
    for (int i = 0; i < depth; i++) {
      in.put("siblings[" + i + "]", o.siblings().get(i));
    }
    return in;
  }
}
