package io.vnft.api.roles;

import io.vnft.api.BatchReceipt;
import io.vnft.api.BatchStatus;
import io.vnft.api.ChainBackend;
import io.vnft.api.ChainException;
import io.vnft.api.CommittedBatch;
import io.vnft.api.Firing;
import io.vnft.api.FiringRule;
import io.vnft.api.InvalidInputException;
import io.vnft.api.MintReceipt;
import io.vnft.api.PixelChallenge;
import io.vnft.api.PreparedMint;
import io.vnft.api.SkippedLeaf;
import io.vnft.api.Trigger;
import io.vnft.api.Vnft;
import io.vnft.api.roles.OperatorJournal.Entry;
import io.vnft.api.roles.OperatorJournal.State;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The operator role: follows the open triggers, finds each one's firing round with the contract's
 * rule ({@link FiringRule}, advancing a trigger's checkpoint when {@value FiringRule#MAX_SCAN}
 * rounds pass without a crossing), batches the firings (up to {@code maxBatch}, or once the oldest
 * has waited {@code maxWaitSeconds}), generates and stores the videos and commits each batch with
 * its bond, answers every challenge on its batches with a pixel proof, finalizes its batches after
 * the window and withdraws what it is owed. It mints only triggers of its client's model
 * ({@code vnft.generator().model()}, the model its proof system proves): a token it could generate
 * but not prove would cost it its bond at the first challenge.
 *
 * <p>All chain, store, model and proof calls go through the one {@link Vnft} it is built with
 * (its {@link Vnft#chain()} signs as this operator). {@link #tick()} does one pass, so the caller
 * sets the pace (tests and the demo drive the chain clock between ticks); {@link #run} loops for a
 * service. State survives restarts: prepared and committed items are in an {@link OperatorJournal}
 * bound to the deployment, and each pass first reconciles the journal with the chain, so a
 * restarted operator neither mints twice nor loses a trigger. Not thread-safe: call {@code tick}
 * from one thread.
 */
public final class Operator {
  /**
   * What one pass did.
   *
   * @param prepared items generated and stored
   * @param failed items that failed a stage (retried next pass)
   * @param committed batches committed
   * @param answered challenges answered with a proof
   * @param unanswerable challenges this operator could not prove (its content is wrong)
   * @param minted tokens minted by finalization
   * @param withdrawnWei what was withdrawn, in wei
   */
  public record TickReport(int prepared, int failed, List<BatchReceipt> committed, int answered,
      int unanswerable, List<MintReceipt> minted, BigInteger withdrawnWei) {
    /**
     * Copies the lists.
     *
     * @param prepared items generated and stored
     * @param failed items that failed a stage (retried next pass)
     * @param committed batches committed
     * @param answered challenges answered with a proof
     * @param unanswerable challenges this operator could not prove (its content is wrong)
     * @param minted tokens minted by finalization
     * @param withdrawnWei what was withdrawn, in wei
     */
    public TickReport {
      committed = List.copyOf(committed);
      minted = List.copyOf(minted);
    }
  }

  private final String name;
  private final Vnft vnft;
  private final ChainBackend chain;
  private final OperatorJournal journal;
  private final int maxBatch;
  private final long maxWaitSeconds;
  private final LongSupplier clock;
  private final RoleListener listener;
  private final Map<BigInteger, Long> firstSeen = new HashMap<>();
  /** Per trigger, the feed's latest round when a scan last found nothing: not rescanned until it moves. */
  private final Map<BigInteger, BigInteger> quietAt = new HashMap<>();
  /** Ids of this operator's batches the chain holds, as of the last reconcile. */
  private Set<BigInteger> liveBatches = Set.of();
  private final Set<BigInteger> staleSaid = new HashSet<>();
  private final Set<BigInteger> unanswerable = new HashSet<>();

  private Operator(Builder b) {
    this.name = b.name;
    this.vnft = Objects.requireNonNull(b.vnft, "vnft: required (Operator.builder().vnft(...))");
    this.chain = vnft.chain();
    this.journal = Objects.requireNonNull(b.journal, "journal: required (Operator.builder().journal(...))");
    this.maxBatch = b.maxBatch;
    this.maxWaitSeconds = b.maxWaitSeconds;
    this.clock = b.clock != null ? b.clock : chain::chainTime;
    this.listener = b.listener;
  }

  /** @return a builder; {@code vnft} and {@code journal} are required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the journal */
  public OperatorJournal journal() {
    return journal;
  }

  /**
   * One pass: reconcile the journal with the chain, answer challenges, finalize, batch new firings,
   * withdraw what is owed.
   *
   * @return what was done
   * @throws io.vnft.api.VnftException if the chain cannot be read or a send is refused (the journal
   *     holds what was done before; the next pass resumes)
   */
  public TickReport tick() {
    reconcile();
    int[] answers = answerChallenges();
    List<MintReceipt> minted = finalizeReady();
    List<BatchReceipt> committed = new ArrayList<>();
    int[] counts = batchNewFirings(committed);
    BigInteger paid = chain.withdraw();
    if (paid.signum() > 0) {
      say("withdrew " + paid + " wei of fees and bonds");
    }
    return new TickReport(counts[0], counts[1], committed, answers[0], answers[1], minted, paid);
  }

  /**
   * Runs passes until {@code keepGoing} answers false, pausing {@code pause} between them. A pass
   * that fails is reported to the listener and the loop goes on (its work is retried).
   *
   * @param pause time between passes, &gt;= 0
   * @param keepGoing asked before every pass
   */
  public void run(Duration pause, BooleanSupplier keepGoing) {
    Roles.loop(name, listener, this::tick, pause, keepGoing);
  }

  /** Brings journal states in line with the chain (after a restart, a revert, a finalization). */
  private void reconcile() {
    Set<BigInteger> live = new HashSet<>();
    Map<BigInteger, CommittedBatch> mine = new HashMap<>();
    Map<BigInteger, CommittedBatch> byTrigger = new HashMap<>();
    for (CommittedBatch b : chain.batches()) {
      if (!b.operator().equals(chain.account())) {
        continue;
      }
      mine.put(b.batchId(), b);
      live.add(b.batchId());
      if (b.status() != BatchStatus.REVERTED) {
        b.leaves().forEach(l -> byTrigger.put(l.triggerId(), b));
      }
    }
    List<Entry> updates = new ArrayList<>();
    for (Entry e : journal.entries()) {
      if (e.state() == State.PREPARED) {
        CommittedBatch b = byTrigger.get(e.triggerId());
        if (b != null && b.leaves().contains(e.leaf())) {
          updates.add(e.with(Optional.of(b.batchId()), stateOf(b)));
        }
      } else if (e.state() == State.COMMITTED) {
        CommittedBatch b = mine.get(e.batchId().orElseThrow());
        if (b != null && stateOf(b) != State.COMMITTED) {
          updates.add(e.with(e.batchId(), stateOf(b)));
        }
      }
    }
    if (!updates.isEmpty()) {
      journal.putAll(updates);
    }
    liveBatches = live;
  }

  /**
   * Whether a journal entry still describes the chain: the same trigger (every field: a node reset can
   * give the same id to another trigger) and, if it says committed or finalized, a batch of ours that
   * the chain still holds (the chain says the trigger is open, so otherwise the batch is gone). A stale
   * entry is ignored, said once, and overwritten when the trigger is prepared again: no stale video is
   * ever committed for another trigger and no trigger is left unminted by a journal that lies.
   */
  private boolean matchesChain(Entry e, Trigger onChain) {
    boolean same = e.mint().firing().trigger().equals(onChain);
    boolean live = e.state() == State.PREPARED || e.state() == State.REVERTED
        || e.batchId().map(liveBatches::contains).orElse(false);
    if (same && live) {
      return true;
    }
    if (staleSaid.add(onChain.triggerId())) {
      say("trigger " + onChain.triggerId() + ": the journal's " + e.state() + " entry does not match the chain ("
          + (same ? "its batch " + e.batchId().map(Object::toString).orElse("-") + " is not on chain"
              : "another trigger has this id") + "; a node reset?): ignored, the trigger is taken from the chain");
    }
    return false;
  }

  private static State stateOf(CommittedBatch b) {
    return switch (b.status()) {
      case FINALIZED -> State.FINALIZED;
      case REVERTED -> State.REVERTED;
      default -> State.COMMITTED;
    };
  }

  private int[] answerChallenges() {
    int answered = 0;
    int failed = 0;
    List<CommittedBatch> batches = null;
    for (PixelChallenge c : chain.openChallenges()) {
      if (unanswerable.contains(c.challengeId())) {
        continue;
      }
      if (batches == null) {
        batches = chain.batches();
      }
      Optional<Entry> exact = leafAt(batches, c).filter(e -> e.state() == State.COMMITTED);
      if (exact.isEmpty()) {
        continue; // not ours
      }
      say("challenge " + c.challengeId() + " on batch " + c.batchId() + " leaf " + c.leafIndex()
          + " pixel " + c.pixelIndex() + ": proving ...");
      long start = System.nanoTime();
      try {
        vnft.answer(c, exact.get().mint()).join();
        answered++;
        say(String.format("challenge %s answered with a Groth16 proof (%.1f s)", c.challengeId(),
            (System.nanoTime() - start) / 1e9));
      } catch (RuntimeException ex) {
        failed++;
        unanswerable.add(c.challengeId());
        say("challenge " + c.challengeId() + " cannot be answered: " + Roles.rootMessage(ex));
      }
    }
    return new int[] {answered, failed};
  }

  private Optional<Entry> leafAt(List<CommittedBatch> batches, PixelChallenge c) {
    for (CommittedBatch b : batches) {
      if (b.batchId().equals(c.batchId()) && b.operator().equals(chain.account())
          && c.leafIndex() < b.leaves().size()) {
        BigInteger trigger = b.leaves().get(c.leafIndex()).triggerId();
        return journal.get(trigger).filter(e -> e.batchId().equals(Optional.of(c.batchId())));
      }
    }
    return Optional.empty();
  }

  private List<MintReceipt> finalizeReady() {
    List<MintReceipt> minted = new ArrayList<>();
    Set<BigInteger> batches = new TreeSet<>();
    journal.entries().stream().filter(e -> e.state() == State.COMMITTED)
        .forEach(e -> batches.add(e.batchId().orElseThrow()));
    for (BigInteger id : batches) {
      if (!chain.isFinalizable(id)) {
        continue;
      }
      List<MintReceipt> r = vnft.finalizeBatch(id).join();
      minted.addAll(r);
      List<Entry> done = journal.entries().stream()
          .filter(e -> e.batchId().equals(Optional.of(id)))
          .map(e -> e.with(e.batchId(), State.FINALIZED)).toList();
      journal.putAll(done);
      say("batch " + id + " finalized: " + r.size() + " tokens minted");
    }
    return minted;
  }

  private int[] batchNewFirings(List<BatchReceipt> committed) {
    long now = clock.getAsLong();
    List<Firing> firings = new ArrayList<>();
    List<PreparedMint> readyFromJournal = new ArrayList<>();
    Map<io.vnft.api.Address, Optional<BigInteger>> latestByFeed = new HashMap<>();
    // only triggers of this operator's own model: its proof system proves that model's pixels, so a
    // token of another model it could generate (a multi-model generator) could not be defended
    String ownModel = vnft.generator().model().modelId();
    for (Trigger t : chain.openTriggers()) {
      if (!t.modelId().equals(ownModel)) {
        continue;
      }
      Optional<Entry> known = journal.get(t.triggerId()).filter(e -> matchesChain(e, t));
      if (known.isPresent() && known.get().state() == State.PREPARED) {
        // Prepared before a restart but never committed: the leaf is deterministic, reuse it.
        readyFromJournal.add(known.get().mint());
        continue;
      }
      if (known.isPresent() && known.get().state() != State.REVERTED) {
        continue;
      }
      // An idle pass costs one read per feed, not one scan per trigger: a trigger whose last scan found
      // nothing is scanned again only once its feed has a new round.
      Optional<BigInteger> latest = latestByFeed.computeIfAbsent(t.feed(), feed -> {
        try {
          return Optional.of(chain.feed(feed).latestRound().roundId());
        } catch (RuntimeException e) {
          say("feed " + feed + ": cannot read its latest round: " + Roles.rootMessage(e));
          return Optional.empty();
        }
      });
      if (latest.isEmpty() || latest.get().equals(quietAt.get(t.triggerId()))) {
        continue;
      }
      FiringRule.Scan scan;
      try {
        scan = vnft.scan(t).join();
      } catch (RuntimeException e) {
        say("trigger " + t.triggerId() + ": cannot scan its feed: " + Roles.rootMessage(e));
        continue; // one bad trigger never stops the others
      }
      if (scan.firing().isEmpty() && scan.advanceTo().isEmpty()) {
        quietAt.put(t.triggerId(), latest.get());
      } else {
        quietAt.remove(t.triggerId());
      }
      if (scan.advanceTo().isPresent()) {
        try {
          chain.advanceCheckpoint(t.triggerId(), scan.advanceTo().get());
          say("trigger " + t.triggerId() + ": checkpoint advanced to round " + scan.advanceTo().get());
        } catch (ChainException e) {
          say("trigger " + t.triggerId() + ": checkpoint advance refused: " + e.getMessage());
        }
      }
      if (scan.firing().isPresent()) {
        firstSeen.putIfAbsent(t.triggerId(), now);
        firings.add(scan.firing().get());
      }
    }
    int total = firings.size() + readyFromJournal.size();
    if (total == 0) {
      return new int[] {0, 0};
    }
    long oldest = firings.stream().mapToLong(f -> firstSeen.get(f.trigger().triggerId())).min().orElse(now);
    if (total < maxBatch && now - oldest < maxWaitSeconds && readyFromJournal.isEmpty()) {
      return new int[] {0, 0};
    }
    List<Firing> take = firings.subList(0,
        Math.min(firings.size(), Math.max(0, maxBatch - readyFromJournal.size())));
    say("batch of " + (take.size() + readyFromJournal.size()) + ": generating " + take.size() + " videos ...");
    List<PreparedMint> ready = new ArrayList<>(readyFromJournal);
    int failed = 0;
    int done = 0;
    for (Firing f : take) {
      try {
        PreparedMint m = vnft.prepare(f).join();
        ready.add(m);
        journal.putAll(List.of(new Entry(m, Optional.empty(), State.PREPARED)));
      } catch (RuntimeException ex) {
        failed++;
        say("trigger " + f.trigger().triggerId() + " failed: " + Roles.rootMessage(ex));
      }
      done++;
      say("  generated " + done + "/" + take.size());
    }
    // Ask the contract itself before paying for a commit: a leaf it would skip (cancelled just now,
    // sequencer down, ...) stays prepared in the journal and is asked again next pass.
    List<PreparedMint> fire = new ArrayList<>();
    for (PreparedMint m : ready) {
      FiringRule.Verdict v;
      try {
        v = chain.checkFiring(m.leaf().triggerId(), m.leaf().roundId());
      } catch (RuntimeException e) {
        say("trigger " + m.leaf().triggerId() + ": cannot ask the contract: " + Roles.rootMessage(e));
        continue;
      }
      if (v == FiringRule.Verdict.FIRES) {
        fire.add(m);
      } else {
        say("trigger " + m.leaf().triggerId() + ": not committed, the contract says " + v + " at round "
            + m.leaf().roundId());
      }
    }
    if (fire.isEmpty()) {
      return new int[] {take.size() - failed, failed};
    }
    BatchReceipt r = vnft.commit(fire).join();
    for (SkippedLeaf k : r.skipped()) {
      say("trigger " + k.triggerId() + ": skipped by the contract (" + k.reason() + ") at round " + k.roundId());
    }
    if (!r.committed()) {
      return new int[] {take.size() - failed, failed};
    }
    Set<BigInteger> in = new HashSet<>(r.committedTriggers());
    Map<BigInteger, Entry> updated = new LinkedHashMap<>();
    for (PreparedMint m : fire) {
      if (in.contains(m.leaf().triggerId())) {
        updated.put(m.leaf().triggerId(), new Entry(m, Optional.of(r.batchId()), State.COMMITTED));
        firstSeen.remove(m.leaf().triggerId());
      }
    }
    journal.putAll(new ArrayList<>(updated.values()));
    committed.add(r);
    say("batch " + r.batchId() + " committed: " + updated.size() + " leaves, tx " + r.txHash()
        + ", challenge window until " + r.challengeDeadline());
    return new int[] {take.size() - failed, failed};
  }

  private void say(String line) {
    Roles.say(listener, name, line);
  }

  /** Configures an {@link Operator}. Not thread-safe. */
  public static final class Builder {
    private String name = "operator";
    private Vnft vnft;
    private OperatorJournal journal;
    private java.nio.file.Path journalFile;
    private int maxBatch = 16;
    private long maxWaitSeconds = 30;
    private LongSupplier clock;
    private RoleListener listener = RoleListener.LOG;

    private Builder() {}

    /**
     * @param v a name for progress lines (default {@code operator})
     * @return this
     */
    public Builder name(String v) {
      this.name = Objects.requireNonNull(v, "name");
      return this;
    }

    /**
     * @param v the client: every chain, store, model and proof call goes through it; its chain
     *     signs as this operator
     * @return this
     */
    public Builder vnft(Vnft v) {
      this.vnft = Objects.requireNonNull(v, "vnft");
      return this;
    }

    /**
     * @param v the journal, opened for the deployment of {@code vnft}'s chain
     * @return this
     */
    public Builder journal(OperatorJournal v) {
      this.journal = Objects.requireNonNull(v, "journal");
      this.journalFile = null;
      return this;
    }

    /**
     * @param file the journal file, opened by {@link #build()} for the deployment of the client's
     *     chain ({@link OperatorJournal#open}); a journal of another deployment is set aside
     * @return this
     */
    public Builder journal(java.nio.file.Path file) {
      this.journalFile = Objects.requireNonNull(file, "journal");
      this.journal = null;
      return this;
    }

    /**
     * @param v most leaves per batch, 1..100 (default 16)
     * @return this
     */
    public Builder maxBatch(int v) {
      if (v < 1 || v > 100) {
        throw new InvalidInputException("maxBatch: must be in [1, 100], got " + v);
      }
      this.maxBatch = v;
      return this;
    }

    /**
     * @param v seconds the oldest firing may wait for a fuller batch, &gt;= 0 (default 30)
     * @return this
     */
    public Builder maxWaitSeconds(long v) {
      if (v < 0) {
        throw new InvalidInputException("maxWaitSeconds: must be >= 0, got " + v);
      }
      this.maxWaitSeconds = v;
      return this;
    }

    /**
     * @param v the clock in epoch seconds (default: the chain's latest block time)
     * @return this
     */
    public Builder clock(LongSupplier v) {
      this.clock = Objects.requireNonNull(v, "clock");
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
     * @return the operator
     * @throws NullPointerException naming {@code vnft} or {@code journal} if missing
     * @throws io.vnft.api.BackendUnavailableException if the client has no chain
     * @throws InvalidInputException if the journal belongs to another deployment
     */
    public Operator build() {
      if (journal == null && journalFile != null && vnft != null) {
        journal = OperatorJournal.open(journalFile, vnft.chain().deployment());
      }
      Operator o = new Operator(this);
      if (!o.journal.deployment().equals(o.chain.deployment())) {
        throw new InvalidInputException("journal: " + o.journal.file() + " is bound to deployment "
            + o.journal.deployment().key() + ", the chain is " + o.chain.deployment().key());
      }
      return o;
    }
  }
}
