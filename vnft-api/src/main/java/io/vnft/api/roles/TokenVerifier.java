package io.vnft.api.roles;

import io.vnft.api.BatchLeaf;
import io.vnft.api.Bytes32;
import io.vnft.api.ChainBackend;
import io.vnft.api.ContentId;
import io.vnft.api.FiringRule;
import io.vnft.api.RegeneratedVideo;
import io.vnft.api.TokenRecord;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.Vnft;
import io.vnft.api.VnftException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks one minted token end to end, trusting nobody: its owner, the oracle crossing at its round
 * ({@link FiringRule#checkMinted}), the seed, the regenerated frames against the committed
 * {@code framesRoot}, the raw frames file against its CID and the root, the video file (the
 * operator's rendition) against its CID and the encoding of the regenerated frames, the token's
 * {@code tokenURI} byte for byte against the JSON the contract must build, and the contract's
 * ERC-7007 {@code verify}. Each check yields a {@link Check};
 * a check that throws fails with the exception's message. All reads go through the one
 * {@link Vnft} it is built with (any signing key will do; nothing is sent). Thread-safe if the
 * client's backends are.
 */
public final class TokenVerifier {
  /**
   * The outcome of one check.
   *
   * @param name what was checked
   * @param passed whether it held
   * @param detail what was seen
   */
  public record Check(String name, boolean passed, String detail) {
    /** @return one line, {@code PASS name: detail} or {@code FAIL name: detail} */
    public String line() {
      return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
    }
  }

  /**
   * All checks of one token.
   *
   * @param tokenId the token
   * @param checks every check, in order
   */
  public record Report(BigInteger tokenId, List<Check> checks) {
    /**
     * Copies the list.
     *
     * @param tokenId the token
     * @param checks every check, in order
     */
    public Report {
      checks = List.copyOf(checks);
    }

    /** @return true iff every check passed (and there was at least one) */
    public boolean verified() {
      return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }
  }

  private final Vnft vnft;
  private final ChainBackend chain;

  private TokenVerifier(Vnft vnft) {
    this.vnft = Objects.requireNonNull(vnft, "vnft");
    this.chain = vnft.chain();
  }

  /**
   * @param vnft the client whose chain, model, commitment scheme and content store are used
   * @return a verifier
   * @throws io.vnft.api.BackendUnavailableException if the client has no chain
   */
  public static TokenVerifier of(Vnft vnft) {
    return new TokenVerifier(vnft);
  }

  /**
   * @param tokenId the token
   * @return every check, in order; the token is verified iff all passed
   */
  public Report verify(BigInteger tokenId) {
    List<Check> out = new ArrayList<>();
    TokenRecord token;
    Trigger trigger;
    try {
      Optional<TokenRecord> t = chain.token(tokenId);
      if (t.isEmpty()) {
        out.add(new Check("token", false, "token " + tokenId + " was never minted"));
        return new Report(tokenId, out);
      }
      token = t.get();
      trigger = chain.trigger(token.leaf().triggerId());
    } catch (VnftException e) {
      out.add(new Check("token", false, "cannot read token " + tokenId + ": " + e.getMessage()));
      return new Report(tokenId, out);
    }
    BatchLeaf leaf = token.leaf();
    out.add(check("owner", () -> result(token.recipient().equals(trigger.recipient()),
        "owned by " + token.owner() + ", minted to " + token.recipient() + ", trigger " + trigger.triggerId()
            + " recipient " + trigger.recipient())));
    out.add(check("oracle crossing", () -> {
      FiringRule.Verdict v = FiringRule.checkMinted(trigger, leaf.roundId(), chain.feed(trigger.feed()));
      return result(v == FiringRule.Verdict.FIRES, trigger.direction() + " " + trigger.threshold() + ": round "
          + leaf.roundId() + " is " + (v == FiringRule.Verdict.FIRES ? "the first crossing after round "
              + trigger.startRound() : "not the first crossing (" + v + ")"));
    }));
    Optional<RegeneratedVideo> regenerated = Optional.empty();
    try {
      regenerated = Optional.of(vnft.regenerate(trigger, leaf.roundId()).join());
    } catch (RuntimeException e) {
      out.add(new Check("frames", false, "cannot regenerate: " + Roles.rootMessage(e)));
    }
    if (regenerated.isPresent()) {
      RegeneratedVideo v = regenerated.get();
      VideoFormat f = v.frames().format();
      boolean same = v.framesRoot().equals(leaf.framesRoot());
      out.add(new Check("seed", true, "Poseidon(trigger " + trigger.triggerId() + ", round " + leaf.roundId()
          + ", promptHash mod r) = " + v.seed().hex()));
      out.add(new Check("frames", same, "regenerated " + trigger.modelId() + " " + f.width() + "x" + f.height()
          + "x" + f.frames() + ", framesRoot " + v.framesRoot().hex()
          + (same ? " = committed" : " != committed " + leaf.framesRoot().hex())));
    }
    Optional<RegeneratedVideo> frames = regenerated;
    out.add(check("frames file", () -> {
      byte[] raw = vnft.contentStore().get(leaf.framesCid());
      Optional<Check> bad = cidMismatch(raw, leaf.framesCid());
      if (bad.isPresent()) {
        return bad.get();
      }
      // The same bytes as the regenerated frames have the root computed already; others are hashed here.
      Bytes32 root = frames.isPresent() && Arrays.equals(raw, frames.get().frames().rgbUnsafe())
          ? frames.get().framesRoot()
          : vnft.commitments().framesRoot(new VideoFrames(chain.modelFormat(trigger.modelId()), raw));
      return result(root.equals(leaf.framesRoot()), raw.length + " bytes, CIDv1 " + leaf.framesCid() + ", framesRoot "
          + root.hex() + (root.equals(leaf.framesRoot()) ? " = committed" : " != committed " + leaf.framesRoot().hex()));
    }));
    out.add(check("video file (rendition)", () -> {
      byte[] file = vnft.contentStore().get(leaf.contentCid());
      Optional<Check> bad = cidMismatch(file, leaf.contentCid());
      if (bad.isPresent()) {
        return bad.get();
      }
      ContentId actual = leaf.contentCid();
      if (frames.isEmpty()) {
        return result(false, "cannot re-encode: the frames could not be regenerated");
      }
      ContentId expected = ContentId.compute(vnft.encoder().encode(frames.get().frames()));
      return result(expected.equals(actual), file.length + " bytes, CIDv1 " + actual
          + (expected.equals(actual) ? " = the " + vnft.encoder().mimeType() + " encoding of the regenerated frames"
              : " is not the " + vnft.encoder().mimeType() + " encoding of the regenerated frames (" + expected + ")"));
    }));
    out.add(check("tokenURI", () -> {
      String expected = DATA_URI_PREFIX + Base64.getEncoder().encodeToString(
          expectedTokenJson(tokenId, leaf, trigger).getBytes(StandardCharsets.UTF_8));
      boolean ok = token.tokenUri().equals(expected);
      return result(ok, ok ? "built on chain from the token's leaf and trigger, byte-equal to the expected JSON"
          : "differs from the expected " + expected);
    }));
    out.add(check("ERC-7007 verify", () -> {
      boolean ok = chain.verifyAigc(trigger.prompt(), leaf.framesRoot(), tokenId);
      return result(ok, "VideoNFT.verify(prompt, framesRoot, tokenId) = " + ok);
    }));
    return new Report(tokenId, out);
  }

  /** @return a failed check when the bytes the store gave for {@code cid} do not hash to it */
  private static Optional<Check> cidMismatch(byte[] bytes, ContentId cid) {
    ContentId actual = ContentId.compute(bytes);
    return actual.equals(cid) ? Optional.empty()
        : Optional.of(result(false, bytes.length + " bytes, CIDv1 " + actual + " != " + cid));
  }

  /** What {@code tokenURI} starts with: the JSON follows in base64 (RFC 4648, padded). */
  static final String DATA_URI_PREFIX = "data:application/json;base64,";

  /**
   * The JSON {@code VideoNFT.tokenJson} builds for a token, written here once for the verifier: keys
   * in this order, numbers as decimal strings, hashes as 0x + 64 lowercase hex digits. The only
   * operator-chosen value is {@code animation_url}, labelled a rendition and checked by re-encoding.
   *
   * @param tokenId the token
   * @param leaf its committed leaf
   * @param trigger its trigger
   * @return the exact JSON text
   */
  public static String expectedTokenJson(BigInteger tokenId, BatchLeaf leaf, Trigger trigger) {
    Bytes32 model = Bytes32.keccak256(trigger.modelId().getBytes(StandardCharsets.UTF_8));
    return "{\"name\":\"vnft #" + tokenId
        + "\",\"animation_url\":\"ipfs://" + leaf.contentCid().value()
        + "\",\"rendition\":\"animation_url is the operator's encoding of frames; vnft verify checks it\""
        + ",\"frames\":\"ipfs://" + leaf.framesCid().value()
        + "\",\"trigger\":\"" + leaf.triggerId()
        + "\",\"round\":\"" + leaf.roundId()
        + "\",\"model\":\"" + model.hex()
        + "\",\"promptHash\":\"" + trigger.promptHash().hex()
        + "\",\"conditioning\":\"" + trigger.conditioning().hex()
        + "\",\"framesRoot\":\"" + leaf.framesRoot().hex() + "\"}";
  }

  private static Check result(boolean ok, String detail) {
    return new Check("", ok, detail);
  }

  private static Check check(String name, Supplier<Check> body) {
    try {
      Check c = body.get();
      return new Check(name, c.passed(), c.detail());
    } catch (RuntimeException e) {
      return new Check(name, false, Roles.rootMessage(e));
    }
  }
}
