package io.vnft.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordValidationTest {
  static final Address FEED = Address.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

  @Test
  void keccakMatchesKnownAnswers() {
    // Ethereum's well-known empty-input hash and the Keccak team's "abc" vector.
    assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        Bytes32.keccak256(new byte[0]).hex());
    assertEquals("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        Bytes32.keccak256("abc".getBytes(StandardCharsets.US_ASCII)).hex());
    // Longer than one 136-byte block.
    byte[] twoBlocks = new byte[200];
    assertEquals(32, Bytes32.keccak256(twoBlocks).bytes().length);
  }

  @Test
  void addressChecksumIsEnforcedForMixedCase() {
    // EIP-55's own examples.
    for (String ok : List.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")) {
      assertEquals(ok, Address.of(ok).checksummed());
    }
    assertEquals(FEED, Address.of("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    var e = assertThrows(InvalidInputException.class,
        () -> Address.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Address.of("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    assertThrows(InvalidInputException.class, () -> Address.of("0x1234"));
    assertThrows(InvalidInputException.class, () -> Address.of("0xzzaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    assertThrows(InvalidInputException.class, () -> new Address(new byte[19]));
  }

  @Test
  void bytesAreCopiedInAndOut() {
    byte[] raw = new byte[32];
    Bytes32 b = Bytes32.of(raw);
    raw[0] = 1;
    assertEquals(0, b.bytes()[0]);
    b.bytes()[1] = 5;
    assertEquals(0, b.bytes()[1]);
    assertEquals(BigInteger.TWO.pow(255), Bytes32.fromBigInteger(BigInteger.TWO.pow(255)).toBigInteger());
    assertThrows(InvalidInputException.class, () -> Bytes32.fromBigInteger(BigInteger.TWO.pow(256)));
    assertThrows(InvalidInputException.class, () -> Bytes32.fromHex("0x12"));
  }

  @Test
  void videoFormatNamesTheFieldAndLimit() {
    var e = assertThrows(InvalidInputException.class, () -> new VideoFormat(4097, 10, 1, 8));
    assertEquals("width: must be in [1, 4096], got 4097", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new VideoFormat(10, 0, 1, 8));
    assertTrue(e.getMessage().startsWith("height:"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new VideoFormat(10, 10, 10_001, 8));
    assertTrue(e.getMessage().startsWith("frames:"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new VideoFormat(10, 10, 1, 0));
    assertTrue(e.getMessage().startsWith("fps:"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new VideoFormat(4096, 4096, 100, 8));
    assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    assertEquals(4 * 3 * 2 * 3, new VideoFormat(4, 3, 2, 1).rgbBytes());
  }

  @Test
  void framesMustMatchTheFormatAndAreCopied() {
    VideoFormat f = new VideoFormat(2, 1, 1, 1);
    assertThrows(InvalidInputException.class, () -> new VideoFrames(f, new byte[5]));
    byte[] rgb = {1, 2, 3, 4, 5, 6};
    VideoFrames v = new VideoFrames(f, rgb);
    rgb[0] = 9;
    assertEquals(0x010203, v.pixel(0));
    assertEquals(0x040506, v.pixel(1));
    assertThrows(InvalidInputException.class, () -> v.pixel(2));
  }

  @Test
  void promptAndModelLimits() {
    String longPrompt = "é".repeat(513); // 1026 UTF-8 bytes
    var e = assertThrows(InvalidInputException.class,
        () -> new GenerationRequest("vnft-cppn-1", Bytes32.ZERO, longPrompt, Bytes32.ZERO, new VideoFormat(1, 1, 1, 1)));
    assertEquals("prompt: must be at most 1024 UTF-8 bytes, got 1026", e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> new GenerationRequest("Bad Model", Bytes32.ZERO, "x", Bytes32.ZERO, new VideoFormat(1, 1, 1, 1)));
    assertTrue(e.getMessage().startsWith("modelId:"), e.getMessage());
  }

  @Test
  void triggerChecksPromptHashAndRanges() {
    Trigger ok = trigger(BigInteger.ONE, "sunset over the sea");
    assertTrue(ok.direction().holds(BigInteger.valueOf(4000), BigInteger.valueOf(4000)));
    assertFalse(Direction.BELOW.holds(BigInteger.valueOf(4001), BigInteger.valueOf(4000)));
    var e = assertThrows(InvalidInputException.class, () -> new Trigger(BigInteger.ONE, FEED,
        Direction.ABOVE, BigInteger.TEN, Bytes32.ZERO, "p", Bytes32.ZERO, "vnft-cppn-1", FEED, BigInteger.ZERO,
        BigInteger.ZERO));
    assertTrue(e.getMessage().startsWith("promptHash:"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new Trigger(BigInteger.ONE, FEED,
        Direction.ABOVE, BigInteger.ZERO, hash("p"), "p", Bytes32.ZERO, "vnft-cppn-1", FEED, BigInteger.ZERO,
        BigInteger.ZERO));
    assertEquals("threshold: must be > 0, got 0", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new Trigger(BigInteger.ONE, FEED,
        Direction.ABOVE, BigInteger.TEN, hash("p"), "p", null, "vnft-cppn-1", FEED, BigInteger.ZERO,
        BigInteger.ZERO));
    assertTrue(e.getMessage().startsWith("conditioning:"), e.getMessage());
  }

  @Test
  void roundsAndLeavesValidate() {
    assertThrows(InvalidInputException.class,
        () -> new PriceRound(FEED, BigInteger.TWO.pow(80), BigInteger.ONE, 0, 0));
    PriceRound r = new PriceRound(FEED, BigInteger.ONE, BigInteger.ONE, 100, 100);
    assertTrue(r.isStale(200, 50));
    assertFalse(r.isStale(120, 50));
    assertThrows(InvalidInputException.class, () -> new BatchLeaf(BigInteger.ONE, BigInteger.ONE,
        Bytes32.ZERO, null, ContentId.compute(new byte[0])));
    assertThrows(InvalidInputException.class, () -> ContentId.parse("Qmabc"));
    assertThrows(InvalidInputException.class, () -> new BatchReceipt(BigInteger.ONE, "0x12", 1, 0, List.of(), List.of()));
  }

  @Test
  void proofEnvelopeCopiesAndBoundsItsBytes() {
    byte[] p = new byte[256];
    ProofEnvelope env = new ProofEnvelope("groth16-bn254", "vnft-cppn-1", List.of(BigInteger.ONE), p);
    p[0] = 1;
    assertArrayEquals(new byte[256], env.proof());
    assertThrows(InvalidInputException.class, () -> new ProofEnvelope("groth16-bn254", "vnft-cppn-1",
        List.of(BigInteger.ONE.negate()), new byte[256]));
    assertThrows(InvalidInputException.class, () -> new ProofEnvelope("groth16-bn254", "vnft-cppn-1",
        List.of(), new byte[ProofEnvelope.MAX_PROOF_BYTES + 1]));
  }

  @Test
  void pixelStatementReducesThePromptHash() {
    BigInteger r = new BigInteger(
        "21888242871839275222246186828443648135245618046381401298258089479051050516481");
    Bytes32 big = Bytes32.fromBigInteger(r.add(BigInteger.valueOf(7)));
    PixelStatement st = new PixelStatement("vnft-cppn-1", Bytes32.ZERO, BigInteger.ONE, BigInteger.TWO,
        big, Bytes32.fromBigInteger(BigInteger.valueOf(3)), 99);
    assertEquals(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(7),
        BigInteger.valueOf(3), BigInteger.valueOf(99)), st.publicInputs(r));
  }

  static Bytes32 hash(String prompt) {
    return Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8));
  }

  static Trigger trigger(BigInteger id, String prompt) {
    return new Trigger(id, FEED, Direction.ABOVE, BigInteger.valueOf(4000), hash(prompt), prompt, Bytes32.fromBigInteger(BigInteger.valueOf(7)),
        "vnft-cppn-1", FEED, BigInteger.TEN, BigInteger.ZERO);
  }
}
