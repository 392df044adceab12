package io.vnft.gpu.commit;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFrames;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.MerkleOpening;
import io.vnft.zk.poseidon.PoseidonMerkleTree;

/**
 * The {@code framesRoot} commitment (see {@code docs/framesroot.md}): the raw RGB8 pixels in
 * pixel-index order ({@code p = frame*W*H + y*W + x}) are packed {@value #PIXELS_PER_CHUNK} per
 * BN254 scalar field element — pixel {@code i} of a chunk as the 24-bit value
 * {@code r<<16 | g<<8 | b} at bits {@code 24i} — the last chunk zero-padded; the chunks are the
 * leaves of a {@link PoseidonMerkleTree} (padded with zero leaves to a power of two) and
 * {@code framesRoot} is its root. A chunk holds 240 bits, below r, so packing is injective.
 *
 * <p>Stateless and thread-safe. Building the tree for a long video takes seconds (one Poseidon
 * per chunk, parallel); memory is about 2 field elements per chunk.
 */
public final class FramesRoot {
  /** Pixels per field element. */
  public static final int PIXELS_PER_CHUNK = 10;

  private FramesRoot() {}

  /**
   * @param frames the video
   * @return the Merkle root
   */
  public static Bytes32 of(VideoFrames frames) {
    return Bytes32.of(tree(frames).root().toBytesBE());
  }

  /**
   * @param frames the video
   * @return the whole tree (for openings)
   */
  public static PoseidonMerkleTree tree(VideoFrames frames) {
    return PoseidonMerkleTree.build(chunks(frames.rgbUnsafe()));
  }

  /**
   * @param rgb RGB8 bytes of whole pixels
   * @return the packed chunks
   */
  public static Fr[] chunks(byte[] rgb) {
    if (rgb.length % 3 != 0) {
      throw new InvalidInputException("rgb: length " + rgb.length + " is not a multiple of 3");
    }
    long pixels = rgb.length / 3;
    int n = Math.toIntExact(Math.max(1, (pixels + PIXELS_PER_CHUNK - 1) / PIXELS_PER_CHUNK));
    Fr[] out = new Fr[n];
    byte[] le = new byte[32];
    for (int c = 0; c < n; c++) {
      java.util.Arrays.fill(le, (byte) 0);
      for (int i = 0; i < PIXELS_PER_CHUNK; i++) {
        long p = (long) c * PIXELS_PER_CHUNK + i;
        if (p >= pixels) {
          break;
        }
        int s = (int) (3 * p);
        le[3 * i] = rgb[s + 2];     // b: bits 24i .. 24i+7
        le[3 * i + 1] = rgb[s + 1]; // g
        le[3 * i + 2] = rgb[s];     // r
      }
      out[c] = Fr.fromBytesLE(le);
    }
    return out;
  }

  /**
   * @param tree the tree of a video
   * @param pixelIndex the pixel
   * @return the opening of the chunk holding the pixel
   */
  public static MerkleOpening opening(PoseidonMerkleTree tree, long pixelIndex) {
    return tree.opening(Math.toIntExact(pixelIndex / PIXELS_PER_CHUNK));
  }

  /**
   * @param totalPixels pixels in the video
   * @return the depth of its tree: {@code ceil(log2(ceil(totalPixels / 10)))}
   */
  public static int depth(long totalPixels) {
    long chunks = Math.max(1, (totalPixels + PIXELS_PER_CHUNK - 1) / PIXELS_PER_CHUNK);
    int d = 0;
    while ((1L << d) < chunks) {
      d++;
    }
    return d;
  }
}
