package io.vnft.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ContentIdTest {

  /**
   * CIDv1 of the empty file: the raw block of SHA-256("") — printed in many public codebases
   * (found by code search). Checked independently below by decoding it to 0x01 0x55 0x12 0x20 ||
   * e3b0c442...b855 (SHA-256 of the empty string, FIPS 180-2).
   */
  static final String EMPTY = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

  /** "hello world\n" as served by ipfs/boxo's gateway example test (examples/gateway, TestFile). */
  static final String HELLO = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

  @Test
  void emptyFileIsTheRawBlockOfTheEmptyString() throws Exception {
    ContentId cid = ContentId.compute(new byte[0]);
    assertEquals(EMPTY, cid.value());
    byte[] expected = HexFormat.of().parseHex(
        "01551220" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertArrayEquals(expected, cid.bytes());
    assertEquals(ContentId.CODEC_RAW, cid.codec());
  }

  @Test
  void helloWorldMatchesKubo() {
    ContentId cid = ContentId.compute("hello world\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(HELLO, cid.value());
    assertTrue(cid.matches("hello world\n".getBytes(StandardCharsets.US_ASCII)));
    assertFalse(cid.matches("hello world".getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * A 1 000 000-byte file (bytes = top byte of the LCG above, seed 1): 4 chunks under one dag-pb
   * root. The CID is the one a public project records as Kubo's answer for the same bytes
   * (github.com/excho0/Sisyphus, its gRPC server test, "megabyteCID").
   */
  @Test
  void megabyteFileMatchesKubo() {
    assertEquals("bafybeiczwqoyribvfkrxcuhcjnwva43kuvcrl2h57ergkeszwguynobh5a",
        ContentId.compute(pattern(1_000_000, 1)).value());
  }

  @Test
  void oneChunkFilesAreRawLeavesAndLongerFilesAreDagPb() throws Exception {
    byte[] full = pattern(ContentId.CHUNK_SIZE, 7);
    ContentId single = ContentId.compute(full);
    assertEquals(ContentId.of(ContentId.CODEC_RAW, MessageDigest.getInstance("SHA-256").digest(full)), single);
    assertTrue(single.value().startsWith("bafkrei"));

    ContentId two = ContentId.compute(pattern(ContentId.CHUNK_SIZE + 1, 7));
    assertEquals(ContentId.CODEC_DAG_PB, two.codec());
    assertTrue(two.value().startsWith("bafybei"), two.value());
    assertNotEquals(single, two);
  }

  @Test
  void streamAndArrayGiveTheSameCidEvenWithShortReads() {
    // 175 chunks + a tail: crosses the 174-link boundary, so the root has depth 2.
    byte[] file = pattern(175 * ContentId.CHUNK_SIZE + 12_345, 3);
    ContentId fromArray = ContentId.compute(file);
    InputStream trickle = new FilterInputStream(new ByteArrayInputStream(file)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
    assertEquals(fromArray, ContentId.compute(trickle));
    assertEquals(ContentId.CODEC_DAG_PB, fromArray.codec());
  }

  @Test
  void everyByteCounts() {
    byte[] file = pattern(3 * ContentId.CHUNK_SIZE, 11);
    ContentId before = ContentId.compute(file);
    file[2 * ContentId.CHUNK_SIZE + 5] ^= 1;
    assertNotEquals(before, ContentId.compute(file));
  }

  @Test
  void readFailureIsAContentStoreException() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };
    assertThrows(ContentStoreException.class, () -> ContentId.compute(broken));
  }

  @Test
  void parseRoundTripsAndRefusesMalformedText() {
    assertEquals(HELLO, ContentId.parse(HELLO).toString());
    byte[] bin = ContentId.parse(HELLO).bytes();
    assertEquals(36, bin.length);
    assertEquals(ContentId.parse(HELLO), ContentId.of(ContentId.CODEC_RAW, Arrays.copyOfRange(bin, 4, 36)));

    assertInvalid(null, "null");
    assertInvalid("", "length");
    assertInvalid("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", "CIDv0");
    assertInvalid("z" + HELLO.substring(1), "multibase");
    assertInvalid(HELLO.toUpperCase(), "multibase");
    assertInvalid("b" + HELLO.substring(1, 20) + "1" + HELLO.substring(21), "base32");
    assertInvalid(HELLO.substring(0, HELLO.length() - 4), "length");
    assertInvalid(HELLO.substring(0, HELLO.length() - 8), "contentId");
    assertInvalid(HELLO + "aaaaaaaa", "digest length");
    // version 0 in a v1 wrapper: 0x00 0x55 0x12 0x20 ...
    byte[] v0 = ContentId.parse(HELLO).bytes();
    v0[0] = 0;
    assertThrows(InvalidInputException.class, () -> ContentId.parse(base32(v0)));
  }

  @Test
  void nullInputsAreTypedErrors() {
    assertThrows(InvalidInputException.class, () -> ContentId.compute((byte[]) null));
    assertThrows(InvalidInputException.class, () -> ContentId.compute((InputStream) null));
    assertThrows(InvalidInputException.class, () -> ContentId.of(ContentId.CODEC_RAW, new byte[31]));
  }

  private static void assertInvalid(String text, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContentId.parse(text));
    assertTrue(e.getMessage().contains("contentId"), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  /** Deterministic test bytes: a 64-bit LCG (Knuth's MMIX constants), top byte of each step. */
  static byte[] pattern(int length, long seed) {
    byte[] b = new byte[length];
    long s = seed;
    for (int i = 0; i < length; i++) {
      s = s * 6364136223846793005L + 1442695040888963407L;
      b[i] = (byte) (s >>> 56);
    }
    return b;
  }

  private static String base32(byte[] data) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    StringBuilder sb = new StringBuilder("b");
    int buffer = 0;
    int bits = 0;
    for (byte x : data) {
      buffer = (buffer << 8) | (x & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
      buffer &= (1 << bits) - 1;
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }
}
