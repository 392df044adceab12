package io.vnft.gpu.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.MerkleOpening;
import io.vnft.zk.poseidon.Poseidon;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramesRootTest {
  private static VideoFrames random(int w, int h, int f, long seed) {
    byte[] rgb = new byte[w * h * f * 3];
    new Random(seed).nextBytes(rgb);
    return new VideoFrames(new VideoFormat(w, h, f, 24), rgb);
  }

  /** Independent packing with BigInteger shifts, straight from docs/framesroot.md. */
  private static Fr[] packSlow(VideoFrames v) {
    long n = v.format().totalPixels();
    int chunks = (int) ((n + 9) / 10);
    Fr[] out = new Fr[chunks];
    for (int c = 0; c < chunks; c++) {
      BigInteger acc = BigInteger.ZERO;
      for (int i = 0; i < 10 && c * 10L + i < n; i++) {
        acc = acc.or(BigInteger.valueOf(v.pixel(c * 10L + i)).shiftLeft(24 * i));
      }
      out[c] = Fr.of(acc);
    }
    return out;
  }

  @Test
  void packingPutsPixelIAtBits24i() {
    VideoFrames v = random(7, 3, 2, 1); // 42 pixels: 5 chunks, the last with 2 pixels
    Fr[] fast = FramesRoot.chunks(v.rgbUnsafe());
    Fr[] slow = packSlow(v);
    assertEquals(5, fast.length);
    for (int i = 0; i < 5; i++) {
      assertEquals(slow[i], fast[i]);
    }
    assertEquals(v.pixel(41), fast[4].toBigInteger().shiftRight(24).intValue());
    assertTrue(fast[4].toBigInteger().bitLength() <= 48, "zero padding");
  }

  @Test
  void rootIsThePoseidonTreeOverTheChunksPaddedWithZeros() {
    VideoFrames v = random(5, 5, 3, 2); // 75 pixels -> 8 chunks -> depth 3
    Fr[] c = packSlow(v);
    Fr[] l1 = new Fr[4];
    for (int i = 0; i < 4; i++) {
      l1[i] = Poseidon.hash(c[2 * i], c[2 * i + 1]);
    }
    Fr root = Poseidon.hash(Poseidon.hash(l1[0], l1[1]), Poseidon.hash(l1[2], l1[3]));
    assertEquals(Bytes32.of(root.toBytesBE()), FramesRoot.of(v));
    assertEquals(3, FramesRoot.depth(75));
    assertEquals(0, FramesRoot.depth(1));
    assertEquals(0, FramesRoot.depth(10));
    assertEquals(1, FramesRoot.depth(11));
  }

  @Test
  void oneChangedByteChangesTheRootAndOpeningsVerify() {
    VideoFrames v = random(8, 8, 2, 3);
    byte[] rgb = v.rgb();
    rgb[77] ^= 1;
    VideoFrames w = new VideoFrames(v.format(), rgb);
    assertNotEquals(FramesRoot.of(v), FramesRoot.of(w));
    PoseidonMerkleTree t = FramesRoot.tree(v);
    MerkleOpening o = FramesRoot.opening(t, 77 / 3);
    assertTrue(o.verify(t.root()));
    assertEquals(FramesRoot.depth(128), o.siblings().size());
  }

  @Test
  void singlePixelVideoRootIsItsChunk() {
    VideoFrames v = new VideoFrames(new VideoFormat(1, 1, 1, 1), new byte[] {1, 2, 3});
    assertEquals(Bytes32.fromBigInteger(BigInteger.valueOf(0x010203)), FramesRoot.of(v));
  }

  @Test
  void seedIsPoseidonOfTriggerRoundAndPromptHashModR() {
    PoseidonCommitmentScheme cs = new PoseidonCommitmentScheme();
    Bytes32 ph = Bytes32.keccak256("calm ocean".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Bytes32 seed = cs.seed(BigInteger.valueOf(5), BigInteger.valueOf(92233720368547758L), ph);
    Fr expect = Poseidon.hash(Fr.of(5), Fr.of(BigInteger.valueOf(92233720368547758L)),
        Fr.of(ph.toBigInteger().mod(Fr.MODULUS)));
    assertEquals(Bytes32.of(expect.toBytesBE()), seed);
    Bytes32 aboveR = Bytes32.fromBigInteger(Fr.MODULUS.add(BigInteger.TWO));
    assertEquals(cs.seed(BigInteger.ONE, BigInteger.ONE, Bytes32.fromBigInteger(BigInteger.TWO)),
        cs.seed(BigInteger.ONE, BigInteger.ONE, aboveR));
    assertThrows(InvalidInputException.class, () -> cs.seed(Fr.MODULUS, BigInteger.ONE, ph));
    assertThrows(InvalidInputException.class, () -> cs.seed(BigInteger.ONE, BigInteger.valueOf(-1), ph));
  }
}
