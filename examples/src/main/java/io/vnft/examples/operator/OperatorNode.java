package io.vnft.examples.operator;

import io.vnft.api.BatchOutcome;
import io.vnft.api.BatchReceipt;
import io.vnft.api.BatchStatus;
import io.vnft.api.ChainBackend;
import io.vnft.api.CommittedBatch;
import io.vnft.api.Firing;
import io.vnft.api.MintReceipt;
import io.vnft.api.PipelineException;
import io.vnft.api.PixelChallenge;
import io.vnft.api.PreparedMint;
import io.vnft.api.PriceRound;
import io.vnft.api.Trigger;
import io.vnft.api.Vnft;
import io.vnft.api.VnftException;
import io.vnft.examples.operator.OperatorJournal.Entry;
import io.vnft.examples.operator.OperatorJournal.State;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * An operator: follows the open triggers, finds each one's first crossing round, batches the
 * firings (up to {@code maxBatch}, or when the oldest has waited {@code maxWaitSeconds}),
 * generates and stores the videos through {@link Vnft}, commits each batch with its bond,
 * answers every challenge on its batches with a pixel proof, finalizes its batches after the
 * window and withdraws its fees.
 *
 * <p>Work happens in {@link #tick()}, one pass at a time, so a caller decides the pace (the CLI
 * loops with a sleep; the demo drives the chain clock between ticks). State survives restarts:
 * prepared and committed items are in an {@link OperatorJournal}, and each tick first reconciles
 * the journal with the chain, so a restarted operator neither mints twice nor loses a trigger.
 * Not thread-safe: call {@code tick} from one thread.
 */
public final class OperatorNode {
  /**
   * What one tick did.
   *
   * @param prepared items generated and stored
   * @param failed items that failed a stage (they are retried next tick)
   * @param committed batches committed
   * @param answered challenges answered with a proof
   * @param unanswerable challenges this operator could not prove (its content is wrong)
   * @param minted tokens minted by finalization
   */
  public record TickReport(int prepared, int failed, List<BatchReceipt> committed, int answered,
      int unanswerable, List<MintReceipt> minted) {}

  private final String name;
  private final Vnft vnft;
  private final ChainBackend chain;
  private final OperatorJournal journal;
  private final int maxBatch;
  private final long maxWaitSeconds;
  private final LongSupplier clock;
  private final PrintStream log;
  private final Map<BigInteger, Long> firstSeen = new HashMap<>();
  private final Set<BigInteger> unanswerable = new HashSet<>();

  private OperatorNode(Builder b) {
    this.name = b.name;
    this.vnft = Objects.requireNonNull(b.vnft, "vnft");
    this.chain = Objects.requireNonNull(b.chain, "chain");
    this.journal = Objects.requireNonNull(b.journal, "journal");
    this.maxBatch = b.maxBatch;
    this.maxWaitSeconds = b.maxWaitSeconds;
    this.clock = b.clock;
    this.log = b.log;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the journal */
  public OperatorJournal journal() {
    return journal;
  }

  /**
   * One pass: reconcile, answer challenges, finalize, then batch new firings.
   *
   * @return what was done
   */
  public TickReport tick() {
    reconcile();
    int[] answers = answerChallenges();
    List<MintReceipt> minted = finalizeReady();
    List<BatchReceipt> committed = new ArrayList<>();
    int[] counts = batchNewFirings(committed);
    return new TickReport(counts[0], counts[1], committed, answers[0], answers[1], minted);
  }

  /** Brings journal states in line with the chain (after a restart, a revert, a finalization). */
  private void reconcile() {
    Map<BigInteger, CommittedBatch> mine = new HashMap<>();
    Map<BigInteger, CommittedBatch> byTrigger = new HashMap<>();
    for (CommittedBatch b : chain.batches()) {
      if (!b.operator().equals(chain.account())) {
        continue;
      }
      mine.put(b.batchId(), b);
      if (b.status() != BatchStatus.REVERTED) {
        b.leaves().forEach(l -> byTrigger.put(l.triggerId(), b));
      }
    }
    List<Entry> updates = new ArrayList<>();
    for (Entry e : journal.entries()) {
      if (e.state() == State.PREPARED) {
        CommittedBatch b = byTrigger.get(e.leaf().triggerId());
        if (b != null && b.leaves().contains(e.leaf())) {
          updates.add(new Entry(e.leaf(), e.seed(), Optional.of(b.batchId()), stateOf(b)));
        }
      } else if (e.state() == State.COMMITTED && e.batchId().isPresent()) {
        CommittedBatch b = mine.get(e.batchId().get());
        if (b != null && stateOf(b) != State.COMMITTED) {
          updates.add(new Entry(e.leaf(), e.seed(), e.batchId(), stateOf(b)));
        }
      }
    }
    if (!updates.isEmpty()) {
      journal.putAll(updates);
    }
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
    for (PixelChallenge c : chain.openChallenges()) {
      Optional<Entry> exact = leafAt(c).filter(e -> e.state() == State.COMMITTED);
      if (exact.isEmpty() || unanswerable.contains(c.challengeId())) {
        continue; // not ours, or already known to be unanswerable
      }
      Entry e = exact.get();
      Trigger t = chain.trigger(e.leaf().triggerId());
      PriceRound round = chain.feed(t.feed()).round(e.leaf().roundId());
      PreparedMint item = new PreparedMint(new Firing(t, round), e.seed(), e.leaf());
      say("challenge " + c.challengeId() + " on batch " + c.batchId() + " leaf " + c.leafIndex()
          + " pixel " + c.pixelIndex() + ": proving ...");
      long start = System.nanoTime();
      try {
        vnft.answer(c, item).join();
        answered++;
        say(String.format("challenge %s answered with a Groth16 proof (%.1f s)", c.challengeId(),
            (System.nanoTime() - start) / 1e9));
      } catch (RuntimeException ex) {
        failed++;
        unanswerable.add(c.challengeId());
        say("challenge " + c.challengeId() + " cannot be answered: " + rootMessage(ex));
      }
    }
    return new int[] {answered, failed};
  }

  private Optional<Entry> leafAt(PixelChallenge c) {
    for (CommittedBatch b : chain.batches()) {
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
    Set<BigInteger> batches = new java.util.TreeSet<>();
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
          .map(e -> new Entry(e.leaf(), e.seed(), e.batchId(), State.FINALIZED)).toList();
      journal.putAll(done);
      say("batch " + id + " finalized: " + r.size() + " tokens minted");
    }
    if (!minted.isEmpty()) {
      BigInteger paid = chain.withdraw();
      say("withdrew " + paid + " wei of fees and bonds");
    }
    return minted;
  }

  private int[] batchNewFirings(List<BatchReceipt> committed) {
    long now = clock.getAsLong();
    List<Firing> firings = new ArrayList<>();
    List<PreparedMint> readyFromJournal = new ArrayList<>();
    for (Trigger t : chain.openTriggers()) {
      Optional<Entry> known = journal.get(t.triggerId());
      if (known.isPresent() && known.get().state() == State.PREPARED) {
        // Prepared before a restart but never committed: the leaf is deterministic, reuse it.
        PriceRound round = chain.feed(t.feed()).round(known.get().leaf().roundId());
        readyFromJournal.add(new PreparedMint(new Firing(t, round), known.get().seed(), known.get().leaf()));
        continue;
      }
      if (known.isPresent() && known.get().state() != State.REVERTED) {
        continue;
      }
      Optional<Firing> f = vnft.firing(t).join();
      if (f.isPresent()) {
        firstSeen.putIfAbsent(t.triggerId(), now);
        firings.add(f.get());
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
    List<Firing> take = firings.subList(0, Math.min(firings.size(), Math.max(0, maxBatch - readyFromJournal.size())));
    say("batch of " + (take.size() + readyFromJournal.size()) + ": generating " + take.size() + " videos ...");
    List<PreparedMint> ready = new ArrayList<>(readyFromJournal);
    int failed = 0;
    int done = 0;
    for (Firing f : take) {
      try {
        PreparedMint m = vnft.prepare(f).join();
        ready.add(m);
        journal.putAll(List.of(new Entry(m.leaf(), m.seed(), Optional.empty(), State.PREPARED)));
      } catch (RuntimeException ex) {
        failed++;
        say("trigger " + f.trigger().triggerId() + " failed: " + rootMessage(ex));
      }
      done++;
      say("  generated " + done + "/" + take.size());
    }
    if (ready.isEmpty()) {
      return new int[] {0, failed};
    }
    BatchReceipt r = vnft.commit(ready).join();
    Map<BigInteger, Entry> updated = new LinkedHashMap<>();
    for (PreparedMint m : ready) {
      updated.put(m.leaf().triggerId(),
          new Entry(m.leaf(), m.seed(), Optional.of(r.batchId()), State.COMMITTED));
      firstSeen.remove(m.leaf().triggerId());
    }
    journal.putAll(new ArrayList<>(updated.values()));
    committed.add(r);
    say("batch " + r.batchId() + " committed: " + ready.size() + " leaves, tx " + r.txHash()
        + ", challenge window until " + r.challengeDeadline());
    return new int[] {take.size() - failed, failed};
  }

  private void say(String line) {
    log.println("[" + name + "] " + line);
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && !(c instanceof VnftException && !(c instanceof PipelineException))) {
      c = c.getCause();
    }
    return c.getMessage();
  }

  /** Configures an {@link OperatorNode}. Not thread-safe. */
  public static final class Builder {
    private String name = "operator";
    private Vnft vnft;
    private ChainBackend chain;
    private OperatorJournal journal;
    private int maxBatch = 16;
    private long maxWaitSeconds = 30;
    private LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private PrintStream log = System.out;

    private Builder() {}

    /** @param v a name for log lines @return this */
    public Builder name(String v) {
      this.name = v;
      return this;
    }

    /** @param v the client running the pipeline (its chain must be {@code chain}) @return this */
    public Builder vnft(Vnft v) {
      this.vnft = v;
      return this;
    }

    /** @param v the chain backend, signing as this operator @return this */
    public Builder chain(ChainBackend v) {
      this.chain = v;
      return this;
    }

    /** @param v the journal @return this */
    public Builder journal(OperatorJournal v) {
      this.journal = v;
      return this;
    }

    /** @param v most leaves per batch, 1..100 (default 16) @return this */
    public Builder maxBatch(int v) {
      if (v < 1 || v > 100) {
        throw new io.vnft.api.InvalidInputException("maxBatch: must be in [1, 100], got " + v);
      }
      this.maxBatch = v;
      return this;
    }

    /** @param v seconds the oldest firing may wait for a fuller batch (default 30) @return this */
    public Builder maxWaitSeconds(long v) {
      if (v < 0) {
        throw new io.vnft.api.InvalidInputException("maxWaitSeconds: must be >= 0, got " + v);
      }
      this.maxWaitSeconds = v;
      return this;
    }

    /** @param v the clock in epoch seconds (default: system time) @return this */
    public Builder clock(LongSupplier v) {
      this.clock = v;
      return this;
    }

    /** @param v where progress lines go (default System.out) @return this */
    public Builder log(PrintStream v) {
      this.log = v;
      return this;
    }

    /** @return the operator */
    public OperatorNode build() {
      return new OperatorNode(this);
    }
  }
}
