package io.vnft.examples.challenger;

import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchStatus;
import io.vnft.api.Bytes32;
import io.vnft.api.ChainBackend;
import io.vnft.api.ChainException;
import io.vnft.api.CommitmentScheme;
import io.vnft.api.CommittedBatch;
import io.vnft.api.ContentId;
import io.vnft.api.ContentStore;
import io.vnft.api.GenerationRequest;
import io.vnft.api.PixelChallenge;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.api.VnftException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A challenger: watches committed batches, regenerates every token from the registered model and
 * compares its frames root with the committed one. On a mismatch it loads the operator's raw
 * frames (the {@code frames_cid} of the token's metadata), finds the first pixel that differs
 * from the model's output and challenges exactly that pixel with a bond. After the response
 * window it settles unanswered challenges (the operator is slashed, part of the bond paid to the
 * challenger) and withdraws its rewards.
 *
 * <p>Work happens in {@link #tick()}; not thread-safe.
 */
public final class ChallengerNode {
  private static final Pattern FRAMES_CID = Pattern.compile("\"frames_cid\":\"([a-z2-7]+)\"");

  /**
   * What one tick did.
   *
   * @param checked leaves regenerated and compared
   * @param mismatches leaves whose content is not the model's output
   * @param opened challenges opened
   * @param settled unanswered challenges settled (slashes)
   */
  public record TickReport(int checked, int mismatches, List<PixelChallenge> opened, int settled) {}

  private final String name;
  private final ChainBackend chain;
  private final VideoGenerator generator;
  private final CommitmentScheme commitments;
  private final ContentStore store;
  private final VideoFormat format;
  private final PrintStream log;
  private final Set<String> checked = new HashSet<>();
  private final Map<BigInteger, PixelChallenge> mine = new HashMap<>();

  /**
   * @param name a name for log lines
   * @param chain the chain, signing as the challenger
   * @param generator the registered model
   * @param commitments seed and frames root
   * @param store where the operators' files are
   * @param format the video shape tokens are generated at
   * @param log where progress lines go
   */
  public ChallengerNode(String name, ChainBackend chain, VideoGenerator generator,
      CommitmentScheme commitments, ContentStore store, VideoFormat format, PrintStream log) {
    this.name = name;
    this.chain = Objects.requireNonNull(chain, "chain");
    this.generator = Objects.requireNonNull(generator, "generator");
    this.commitments = Objects.requireNonNull(commitments, "commitments");
    this.store = Objects.requireNonNull(store, "store");
    this.format = Objects.requireNonNull(format, "format");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** @return challenges this challenger opened, by id */
  public Map<BigInteger, PixelChallenge> challenges() {
    return Map.copyOf(mine);
  }

  /**
   * Checks new leaves, challenges wrong ones, settles timed-out challenges.
   *
   * @return what was done
   */
  public TickReport tick() {
    int count = 0;
    int bad = 0;
    List<PixelChallenge> opened = new ArrayList<>();
    for (CommittedBatch b : chain.batches()) {
      if (b.status() != BatchStatus.PENDING && b.status() != BatchStatus.CHALLENGED) {
        continue;
      }
      for (int i = 0; i < b.leaves().size(); i++) {
        BatchLeaf leaf = b.leaves().get(i);
        String key = b.batchId() + "/" + i;
        if (!checked.add(key)) {
          continue;
        }
        count++;
        Optional<Long> wrong = findWrongPixel(leaf);
        if (wrong.isEmpty()) {
          continue;
        }
        bad++;
        say("batch " + b.batchId() + " leaf " + i + " (trigger " + leaf.triggerId()
            + ") is not the model's output; challenging pixel " + wrong.get());
        try {
          PixelChallenge c = chain.challenge(b.batchId(), i, wrong.get());
          mine.put(c.challengeId(), c);
          opened.add(c);
        } catch (ChainException e) {
          say("challenge refused: " + e.getMessage());
          checked.remove(key);
        }
      }
    }
    int settled = settle();
    return new TickReport(count, bad, opened, settled);
  }

  /**
   * Regenerates a leaf's token and compares.
   *
   * @param leaf the committed leaf
   * @return the first wrong pixel, or empty if the content is right
   */
  public Optional<Long> findWrongPixel(BatchLeaf leaf) {
    Trigger t = chain.trigger(leaf.triggerId());
    Bytes32 seed = commitments.seed(t.triggerId(), leaf.roundId(), t.promptHash());
    VideoFrames expected = generator.generate(new GenerationRequest(t.modelId(), seed, t.prompt(), format));
    if (commitments.framesRoot(expected).equals(leaf.framesRoot())) {
      return Optional.empty();
    }
    try {
      String meta = new String(store.get(leaf.metadataCid()), StandardCharsets.UTF_8);
      Matcher m = FRAMES_CID.matcher(meta);
      if (m.find()) {
        VideoFrames claimed = new VideoFrames(format, store.get(ContentId.parse(m.group(1))));
        if (commitments.framesRoot(claimed).equals(leaf.framesRoot())) {
          byte[] a = expected.rgbUnsafe();
          byte[] b = claimed.rgbUnsafe();
          for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
              return Optional.of((long) i / 3);
            }
          }
        }
      }
    } catch (VnftException e) {
      say("operator's raw frames unavailable (" + e.getMessage() + "); challenging pixel 0");
    }
    // Data withheld or inconsistent with the root: any pixel forces the operator to open the root.
    return Optional.of(0L);
  }

  private int settle() {
    Set<BigInteger> open = new HashSet<>();
    chain.openChallenges().forEach(c -> open.add(c.challengeId()));
    int settled = 0;
    for (PixelChallenge c : List.copyOf(mine.values())) {
      if (!open.contains(c.challengeId())) {
        continue;
      }
      try {
        chain.timeoutChallenge(c);
        settled++;
        say("challenge " + c.challengeId() + " unanswered: batch " + c.batchId()
            + " reverted, operator slashed");
        BigInteger got = chain.withdraw();
        say("withdrew " + got + " wei (bond back + reward)");
      } catch (ChainException e) {
        // Response window still open, or answered in the meantime: try again next tick.
      }
    }
    return settled;
  }

  private void say(String line) {
    log.println("[" + name + "] " + line);
  }
}
