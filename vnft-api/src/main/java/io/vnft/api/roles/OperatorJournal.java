package io.vnft.api.roles;

import io.vnft.api.Address;
import io.vnft.api.BatchLeaf;
import io.vnft.api.Bytes32;
import io.vnft.api.ContentId;
import io.vnft.api.Deployment;
import io.vnft.api.Direction;
import io.vnft.api.Firing;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PreparedMint;
import io.vnft.api.PriceRound;
import io.vnft.api.Trigger;
import io.vnft.api.VnftException;
import io.vnft.api.internal.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * An operator's own record of what it prepared and committed, so that a restarted operator answers
 * challenges on (and finalizes) batches it committed before it stopped and never prepares a
 * trigger twice. Each entry holds a whole {@link PreparedMint} (trigger, round, seed, leaf) as a
 * value: what is restored is exactly what was prepared.
 *
 * <p>A journal is bound to one {@link Deployment} (chain id, genesis hash, rollup address), named
 * in its first line. {@link #open} sets a journal of another deployment aside (renamed to
 * {@code <file>.<chainId>-<genesis prefix>-<rollup prefix>.old}, one WARN line says so) and
 * starts empty, so state from an earlier chain is never trusted against a new one.
 *
 * <p>Format (version 2): a header {@code # vnft operator journal v2 deployment=<key>}, then one
 * entry per line, 20 space-separated fields: {@code state batchId triggerId feed direction threshold
 * promptBase64 conditioning modelId recipient feeWei startRound roundId answer startedAt updatedAt seed
 * framesRoot contentCid framesCid} ({@code batchId} is {@code -} until committed). Every change
 * writes the whole file to a temporary name and renames it over the old one, so a crash leaves the
 * old or the new journal, never half of one. Thread-safe (synchronized).
 */
public final class OperatorJournal {
  private static final String HEADER = "# vnft operator journal v2 deployment=";
  private static final int FIELDS = 20;

  /** Where an entry stands. */
  public enum State {
    /** Generated, committed to and stored; not yet in a batch on chain. */
    PREPARED,
    /** In a committed batch. */
    COMMITTED,
    /** Minted. */
    FINALIZED,
    /** Its batch was reverted; the trigger reopened on chain. */
    REVERTED
  }

  /**
   * One journal entry.
   *
   * @param mint the prepared item, as prepared
   * @param batchId the batch, empty until committed
   * @param state where it stands
   */
  public record Entry(PreparedMint mint, Optional<BigInteger> batchId, State state) {
    /** @throws InvalidInputException if a field is missing, or a committed state lacks its batch */
    public Entry {
      if (mint == null || batchId == null || state == null) {
        throw new InvalidInputException("entry: mint, batchId and state must not be null");
      }
      if (state != State.PREPARED && batchId.isEmpty()) {
        throw new InvalidInputException("batchId: required for state " + state);
      }
    }

    /** @return the leaf as committed */
    public BatchLeaf leaf() {
      return mint.leaf();
    }

    /** @return the trigger id */
    public BigInteger triggerId() {
      return mint.leaf().triggerId();
    }

    /**
     * @param batch the batch
     * @param s the new state
     * @return this entry in another state
     */
    public Entry with(Optional<BigInteger> batch, State s) {
      return new Entry(mint, batch, s);
    }
  }

  private final Path file;
  private final Deployment deployment;
  private final Map<BigInteger, Entry> entries = new LinkedHashMap<>();

  private OperatorJournal(Path file, Deployment deployment) {
    this.file = file;
    this.deployment = deployment;
  }

  /**
   * Opens (or creates) the journal of one deployment.
   *
   * @param file the journal file; its directory is created if missing
   * @param deployment the deployment the operator works on
   * @return the journal with every entry read (empty if the file was of another deployment)
   * @throws InvalidInputException if a line is malformed (file and line number in the message)
   * @throws UncheckedIOException if the file cannot be read or set aside
   */
  public static synchronized OperatorJournal open(Path file, Deployment deployment) {
    if (file == null || deployment == null) {
      throw new InvalidInputException("file and deployment: must not be null");
    }
    OperatorJournal j = new OperatorJournal(file, deployment);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!Files.exists(file)) {
        return j;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String header = lines.isEmpty() ? "" : lines.get(0).strip();
      if (!header.equals(HEADER + deployment.key())) {
        Path aside = file.resolveSibling(file.getFileName() + "." + asideName(header) + ".old");
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        LoggerFactory.getLogger(OperatorJournal.class).warn(
            "journal {} belongs to another deployment ({}); set aside as {}, starting empty for {}", file,
            header.startsWith(HEADER) ? header.substring(HEADER.length()) : "unknown, older format", aside,
            deployment.key());
        return j;
      }
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        Entry e = parse(line, file, i + 1);
        j.entries.put(e.triggerId(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read operator journal " + file, e);
    }
    return j;
  }

  private static String asideName(String header) {
    if (!header.startsWith(HEADER)) {
      return "v1";
    }
    try {
      Deployment d = Deployment.parse(header.substring(HEADER.length()));
      return d.chainId() + "-" + d.genesisHash().hex().substring(2, 10) + "-" + d.rollup().hex().substring(2, 10);
    } catch (VnftException e) {
      return "unknown";
    }
  }

  /** @return the deployment this journal is bound to */
  public Deployment deployment() {
    return deployment;
  }

  /** @return the journal file */
  public Path file() {
    return file;
  }

  /** @return every entry, in the order first recorded */
  public synchronized List<Entry> entries() {
    return Collections.unmodifiableList(new ArrayList<>(entries.values()));
  }

  /**
   * @param triggerId a trigger
   * @return its entry, if this operator prepared it
   */
  public synchronized Optional<Entry> get(BigInteger triggerId) {
    return Optional.ofNullable(entries.get(triggerId));
  }

  /**
   * Records entries (new or updated) and saves atomically.
   *
   * @param updated the entries to put
   * @throws UncheckedIOException if the journal cannot be written (the file on disk is unchanged)
   */
  public synchronized void putAll(List<Entry> updated) {
    Map<BigInteger, Entry> next = new LinkedHashMap<>(entries);
    for (Entry e : updated) {
      next.put(e.triggerId(), e);
    }
    StringBuilder sb = new StringBuilder(HEADER).append(deployment.key()).append('\n');
    for (Entry e : next.values()) {
      sb.append(format(e)).append('\n');
    }
    try {
      AtomicFiles.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write operator journal " + file, ex);
    }
    entries.clear();
    entries.putAll(next);
  }

  static String format(Entry e) {
    PreparedMint m = e.mint();
    Trigger t = m.firing().trigger();
    PriceRound r = m.firing().round();
    BatchLeaf l = m.leaf();
    return String.join(" ", e.state().name(), e.batchId().map(BigInteger::toString).orElse("-"),
        t.triggerId().toString(), t.feed().hex(), t.direction().name(), t.threshold().toString(),
        Base64.getEncoder().encodeToString(t.prompt().getBytes(StandardCharsets.UTF_8)), t.conditioning().hex(),
        t.modelId(), t.recipient().hex(), t.feeWei().toString(), t.startRound().toString(),
        r.roundId().toString(), r.answer().toString(), Long.toString(r.startedAt()), Long.toString(r.updatedAt()),
        m.seed().hex(), l.framesRoot().hex(), l.contentCid().value(), l.framesCid().value());
  }

  static Entry parse(String line, Path file, int lineNo) {
    String[] f = line.split(" ");
    if (f.length != FIELDS) {
      throw new InvalidInputException(file + ":" + lineNo + ": expected " + FIELDS + " fields, got " + f.length);
    }
    try {
      State state = State.valueOf(f[0]);
      Optional<BigInteger> batch = f[1].equals("-") ? Optional.empty() : Optional.of(new BigInteger(f[1]));
      String prompt = new String(Base64.getDecoder().decode(f[6]), StandardCharsets.UTF_8);
      Address feed = Address.of(f[3]);
      Trigger t = new Trigger(new BigInteger(f[2]), feed, Direction.valueOf(f[4]), new BigInteger(f[5]),
          Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8)), prompt, Bytes32.fromHex(f[7]), f[8],
          Address.of(f[9]), new BigInteger(f[10]), new BigInteger(f[11]));
      PriceRound r = new PriceRound(feed, new BigInteger(f[12]), new BigInteger(f[13]), Long.parseLong(f[14]),
          Long.parseLong(f[15]));
      BatchLeaf leaf = new BatchLeaf(t.triggerId(), r.roundId(), Bytes32.fromHex(f[17]), ContentId.parse(f[18]),
          ContentId.parse(f[19]));
      return new Entry(new PreparedMint(new Firing(t, r), Bytes32.fromHex(f[16]), leaf), batch, state);
    } catch (IllegalArgumentException | VnftException e) {
      throw new InvalidInputException(file + ":" + lineNo + ": " + e.getMessage(), e);
    }
  }
}
