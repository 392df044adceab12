package io.vnft.api.roles;

import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchStatus;
import io.vnft.api.ChainBackend;
import io.vnft.api.ChainException;
import io.vnft.api.CommittedBatch;
import io.vnft.api.PixelChallenge;
import io.vnft.api.RegeneratedVideo;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFrames;
import io.vnft.api.Vnft;
import io.vnft.api.VnftException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The challenger role: watches committed batches, regenerates every token with the registered
 * model ({@link Vnft#regenerate}) and compares its frames root with the committed one. On a
 * mismatch it loads the operator's raw frames (the leaf's {@code framesCid}),
 * finds the first pixel that differs from the model's output and challenges exactly that pixel
 * with a bond (pixel 0 when the raw frames are withheld or do not match the root: any pixel then
 * forces the operator to open the root). After the response window it settles unanswered
 * challenges (the batch is reverted and the operator slashed), settles at once its challenges on
 * batches reverted by someone else's challenge, and withdraws its rewards.
 *
 * <p>Every call goes through the one {@link Vnft} it is built with. {@link #tick()} does one pass;
 * {@link #run} loops for a service. Not thread-safe.
 */
public final class Challenger {
  /**
   * What one pass did.
   *
   * @param checked leaves regenerated and compared
   * @param mismatches leaves whose content is not the model's output
   * @param opened challenges opened
   * @param settled unanswered challenges settled (slashes)
   */
  public record TickReport(int checked, int mismatches, List<PixelChallenge> opened, int settled) {
    /**
     * Copies the list.
     *
     * @param checked leaves regenerated and compared
     * @param mismatches leaves whose content is not the model's output
     * @param opened challenges opened
     * @param settled unanswered challenges settled (slashes)
     */
    public TickReport {
      opened = List.copyOf(opened);
    }
  }

  private final String name;
  private final Vnft vnft;
  private final ChainBackend chain;
  private final RoleListener listener;
  private final Set<String> checked = new HashSet<>();
  private final Map<BigInteger, PixelChallenge> mine = new LinkedHashMap<>();

  private Challenger(Builder b) {
    this.name = b.name;
    this.vnft = Objects.requireNonNull(b.vnft, "vnft: required (Challenger.builder().vnft(...))");
    this.chain = vnft.chain();
    this.listener = b.listener;
  }

  /** @return a builder; {@code vnft} is required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return challenges this challenger opened, by id, oldest first */
  public Map<BigInteger, PixelChallenge> challenges() {
    return Map.copyOf(mine);
  }

  /**
   * Checks new leaves, challenges wrong ones, settles timed-out challenges.
   *
   * @return what was done
   * @throws VnftException if the chain cannot be read
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
        Optional<Long> wrong;
        try {
          wrong = findWrongPixel(leaf);
        } catch (RuntimeException e) {
          checked.remove(key); // retried next pass
          say("batch " + b.batchId() + " leaf " + i + ": cannot regenerate: " + Roles.rootMessage(e));
          continue;
        }
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
   * Runs passes until {@code keepGoing} answers false, pausing {@code pause} between them; a failed
   * pass is reported to the listener and the loop goes on.
   *
   * @param pause time between passes, &gt;= 0
   * @param keepGoing asked before every pass
   */
  public void run(Duration pause, BooleanSupplier keepGoing) {
    Roles.loop(name, listener, this::tick, pause, keepGoing);
  }

  /**
   * Regenerates a leaf's token and compares it with what was committed.
   *
   * @param leaf a committed leaf
   * @return the first wrong pixel index ({@code t*W*H + y*W + x}), or empty if the content is right
   * @throws VnftException if the trigger or model cannot be read
   */
  public Optional<Long> findWrongPixel(BatchLeaf leaf) {
    Trigger t = chain.trigger(leaf.triggerId());
    RegeneratedVideo expected = vnft.regenerate(t, leaf.roundId()).join();
    if (expected.framesRoot().equals(leaf.framesRoot())) {
      return Optional.empty();
    }
    try {
      VideoFrames claimed = new VideoFrames(expected.frames().format(), vnft.contentStore().get(leaf.framesCid()));
      // Only frames that open the committed root say which pixel was committed.
      if (vnft.commitments().framesRoot(claimed).equals(leaf.framesRoot())) {
        byte[] a = expected.frames().rgbUnsafe();
        byte[] b = claimed.rgbUnsafe();
        for (int i = 0; i < a.length; i++) {
          if (a[i] != b[i]) {
            return Optional.of((long) i / 3);
          }
        }
      }
    } catch (VnftException e) {
      say("operator's raw frames unavailable (" + e.getMessage() + "); challenging pixel 0");
    }
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
        // Response window still open, or answered in the meantime: try again next pass.
      }
    }
    return settled;
  }

  private void say(String line) {
    Roles.say(listener, name, line);
  }

  /** Configures a {@link Challenger}. Not thread-safe. */
  public static final class Builder {
    private String name = "challenger";
    private Vnft vnft;
    private RoleListener listener = RoleListener.LOG;

    private Builder() {}

    /**
     * @param v a name for progress lines (default {@code challenger})
     * @return this
     */
    public Builder name(String v) {
      this.name = Objects.requireNonNull(v, "name");
      return this;
    }

    /**
     * @param v the client: its chain signs as the challenger, its generator is the registered
     *     model, its content store holds the operators' files
     * @return this
     */
    public Builder vnft(Vnft v) {
      this.vnft = Objects.requireNonNull(v, "vnft");
      return this;
    }

    /**
     * @param v where progress goes (default {@link RoleListener#LOG})
     * @return this
     */
    public Builder listener(RoleListener v) {
      this.listener = Objects.requireNonNull(v, "listener");
      return this;
    }

    /**
     * @return the challenger
     * @throws NullPointerException naming {@code vnft} if missing
     * @throws io.vnft.api.BackendUnavailableException if the client has no chain
     */
    public Challenger build() {
      return new Challenger(this);
    }
  }
}
