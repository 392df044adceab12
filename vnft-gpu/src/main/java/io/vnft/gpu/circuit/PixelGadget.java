package io.vnft.gpu.circuit;

import io.vnft.api.VideoFormat;
import io.vnft.zk.circuit.CircuitApi;
import io.vnft.zk.circuit.Var;

/**
 * A model's part of the {@link PixelCircuit}: everything between the seed and conditioning and
 * the pixel's value. The circuit around it (public inputs, seed, position, commitment, Merkle
 * opening) is the same for every model. {@link PixelCircuits} has the built-in models'.
 *
 * <p>The circuit calls {@link #video} once per definition, before it constrains the pixel's
 * position, then {@link Video#pixel} once; the order fixes the constraint system (and so the
 * verifying key), so an implementation must add its constraints deterministically.
 *
 * <p>Implementations are immutable and thread-safe; a {@link Video} belongs to one
 * {@code define} call.
 */
public interface PixelGadget {
  /** @return the model this gadget proves ({@code ModelInfo.modelId}) */
  String modelId();

  /**
   * @return the name of the public input holding the statement's conditioning (the 5th input;
   *     {@code "style"} for {@code vnft-cppn-1}, {@code "conditioning"} for {@code vnft-gan-1})
   */
  String conditioningInput();

  /**
   * The per-video part: the latent from the seed and the conditioning decoded, with every range
   * the model relies on proven (e.g. the conditioning's width).
   *
   * @param api the circuit being defined
   * @param format the video shape (width, height and frames are circuit constants)
   * @param seed the token's seed {@code Poseidon(triggerId, roundId, promptHash)}
   * @param conditioning the conditioning public input
   * @return the model bound to those values
   */
  Video video(CircuitApi api, VideoFormat format, Var seed, Var conditioning);

  /** The model bound to one video's seed and conditioning, inside one {@code define} call. */
  interface Video {
    /**
     * @param frame the frame index, known to lie in [0, frames)
     * @param x the column, known to lie in [0, width)
     * @param y the row, known to lie in [0, height)
     * @return the model's pixel {@code r<<16 | g<<8 | b}, each channel known to lie in [0, 255]
     */
    Var pixel(Var frame, Var x, Var y);
  }
}
