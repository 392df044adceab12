package io.vnft.examples.verify;

import io.vnft.api.BatchLeaf;
import io.vnft.api.Bytes32;
import io.vnft.api.CommitmentScheme;
import io.vnft.api.ContentId;
import io.vnft.api.ContentStore;
import io.vnft.api.GenerationRequest;
import io.vnft.api.PriceFeed;
import io.vnft.api.PriceRound;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.api.VnftException;
import io.vnft.chain.DevChain;
import io.vnft.chain.Web3jChainBackend;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Checks one token end to end, trusting nobody: the oracle crossing at its round, the seed, the
 * regenerated frames against the committed {@code framesRoot}, the stored files against their
 * CIDs, and the ERC-7007 {@code verify} answer of the contract. Each check yields a
 * {@link Check}; a check that throws fails with the exception's message. Thread-safe if its
 * parts are.
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
    /** @return one line, {@code PASS name: detail} or {@code FAIL ...} */
    public String line() {
      return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
    }
  }

  private final Web3jChainBackend chain;
  private final VideoGenerator generator;
  private final CommitmentScheme commitments;
  private final ContentStore store;
  private final VideoFormat format;

  /**
   * @param chain a reader of the deployment (any key)
   * @param generator the registered model
   * @param commitments seed and frames root
   * @param store where the token's files are (a local store or a gateway-backed one)
   * @param format the shape tokens are generated at
   */
  public TokenVerifier(Web3jChainBackend chain, VideoGenerator generator, CommitmentScheme commitments,
      ContentStore store, VideoFormat format) {
    this.chain = Objects.requireNonNull(chain);
    this.generator = Objects.requireNonNull(generator);
    this.commitments = Objects.requireNonNull(commitments);
    this.store = Objects.requireNonNull(store);
    this.format = Objects.requireNonNull(format);
  }

  /**
   * @param tokenId the token
   * @return every check, in order; the token is verified iff all passed
   */
  public List<Check> verify(BigInteger tokenId) {
    List<Check> out = new ArrayList<>();
    DevChain.TokenLeaf token;
    Trigger trigger;
    try {
      token = DevChain.tokenLeaf(chain, tokenId);
      trigger = chain.trigger(token.leaf().triggerId());
    } catch (VnftException e) {
      out.add(new Check("token", false, "cannot read token " + tokenId + ": " + e.getMessage()));
      return out;
    }
    BatchLeaf leaf = token.leaf();
    out.add(check("owner", () -> {
      var owner = chain.ownerOf(tokenId);
      return result(owner.equals(trigger.recipient()), "owned by " + owner + ", trigger " + trigger.triggerId()
          + " recipient " + trigger.recipient());
    }));
    out.add(check("oracle crossing", () -> crossing(trigger, leaf.roundId())));
    Bytes32 seed = commitments.seed(trigger.triggerId(), leaf.roundId(), trigger.promptHash());
    out.add(new Check("seed", true, "Poseidon(trigger " + trigger.triggerId() + ", round " + leaf.roundId()
        + ", promptHash mod r) = " + seed.hex()));
    out.add(check("frames", () -> {
      VideoFrames frames = generator.generate(new GenerationRequest(trigger.modelId(), seed, trigger.prompt(), format));
      Bytes32 root = commitments.framesRoot(frames);
      return result(root.equals(leaf.framesRoot()), "regenerated " + trigger.modelId() + " " + format.width() + "x"
          + format.height() + "x" + format.frames() + ", framesRoot " + root.hex()
          + (root.equals(leaf.framesRoot()) ? " = committed" : " != committed " + leaf.framesRoot().hex()));
    }));
    out.add(check("video file", () -> cidCheck(leaf.contentCid())));
    out.add(check("metadata", () -> {
      byte[] meta = store.get(leaf.metadataCid());
      String json = new String(meta, StandardCharsets.UTF_8);
      boolean ok = ContentId.compute(meta).equals(leaf.metadataCid())
          && json.contains("\"frames_root\":\"" + leaf.framesRoot().hex() + "\"")
          && json.contains("\"animation_url\":\"ipfs://" + leaf.contentCid().value() + "\"")
          && chain.tokenUri(tokenId).equals("ipfs://" + leaf.metadataCid().value());
      return result(ok, leaf.metadataCid() + (ok ? " matches its CID, the tokenURI, the frames root and the video"
          : " does not match the token"));
    }));
    out.add(check("ERC-7007 verify", () -> {
      boolean ok = chain.verifyAigc(trigger.prompt(), leaf.framesRoot(), tokenId);
      return result(ok, "VideoNFT.verify(prompt, framesRoot, tokenId) = " + ok);
    }));
    return out;
  }

  private Check crossing(Trigger t, BigInteger roundId) {
    PriceFeed feed = chain.feed(t.feed());
    PriceRound r = feed.round(roundId);
    boolean now = r.answer().signum() > 0 && t.direction().holds(r.answer(), t.threshold());
    boolean first;
    String before;
    if (roundId.subtract(BigInteger.ONE).compareTo(t.startRound()) <= 0) {
      first = true;
      before = "round " + roundId.subtract(BigInteger.ONE) + " predates the trigger";
    } else {
      PriceRound p = feed.round(roundId.subtract(BigInteger.ONE));
      first = !t.direction().holds(p.answer(), t.threshold());
      before = "round " + p.roundId() + " answered " + p.answer();
    }
    return result(now && first, t.direction() + " " + t.threshold() + ": round " + roundId + " answered "
        + r.answer() + ", " + before);
  }

  private Check cidCheck(ContentId cid) {
    byte[] bytes = store.get(cid);
    ContentId actual = ContentId.compute(bytes);
    return result(actual.equals(cid), bytes.length + " bytes, CIDv1 " + actual
        + (actual.equals(cid) ? "" : " != " + cid));
  }

  private static Check result(boolean ok, String detail) {
    return new Check("", ok, detail);
  }

  private static Check check(String name, Supplier<Check> body) {
    try {
      Check c = body.get();
      return new Check(name, c.passed(), c.detail());
    } catch (RuntimeException e) {
      return new Check(name, false, e.getMessage());
    }
  }
}
