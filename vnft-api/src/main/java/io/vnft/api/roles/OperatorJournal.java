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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * An operator's own record of what it prepared and committed, so that a restarted operator answers
 * challenges on (and finalizes) batches it committed before it stopped and never prepares a
 * trigger twice. Each entry holds a whole {@link PreparedMint} (trigger, round, seed, leaf) as a
 * value: what is restored is exactly what was prepared.
 *
 * <p><b>Bound to one deployment.</b> The header names the {@link Deployment} it was written for:
 * chain id, genesis block hash and rollup address. {@link #open} refuses a journal of another
 * deployment with an {@link InvalidInputException} that names the three values on both sides
 * (state from one chain is never trusted against another, and never silently thrown away either).
 * A caller that knowingly starts over on a new chain, such as a development network started anew,
 * moves the old file out of the way first with {@link #setAside}.
 *
 * <p><b>Durable.</b> Every change writes the whole journal to a temporary file in the same
 * directory, {@code fsync}s it, renames it over the old one (atomically) and {@code fsync}s the
 * directory ({@link AtomicFiles#replaceDurably}); when {@link #putAll} returns, the change survives
 * a crash or power loss, and a crash at any moment leaves the old journal or the new, whole. Why a
 * rewrite and not an append-only log: pruning keeps the journal small (the entries still in flight
 * plus the terminal ones within the horizon: a few hundred lines of about 470 bytes), and
 * changes come a few times per batch, so a whole rewrite costs two {@code fsync}s and some
 * kilobytes; in return there is no torn tail to repair, no compaction step to get wrong, and the
 * file on disk is always exactly the journal, readable by a person.
 *
 * <p><b>Pruned.</b> Entries in a terminal state ({@link State#FINALIZED}, and {@link State#REVERTED},
 * which the operator treats like an absent entry) are dropped once they have been in that state
 * longer than the horizon ({@link #DEFAULT_HORIZON} unless given), when the journal is opened and
 * on every change. Each entry records since when it is in its state.
 *
 * <p>Format (version 3): a header {@code # vnft operator journal v3 chainId=<id> genesis=<hash>
 * rollup=<address>}, then one entry per line, 21 space-separated fields: {@code state batchId
 * triggerId feed direction threshold promptBase64 conditioning modelId recipient feeWei startRound roundId
 * answer startedAt updatedAt seed framesRoot contentCid framesCid since} ({@code batchId} is
 * {@code -} until committed; {@code since} is epoch seconds). Version 2 journals of the same
 * deployment are read (their entries' {@code since} is the time of opening) and written back as
 * version 3 on the next change.
 *
 * <p><b>One process per journal.</b> {@link #open} takes an exclusive OS lock on {@code <file>.lock}
 * for the rest of the process's life and refuses a journal that another process holds: two
 * operators on one journal would each commit the same prepared batch. The OS drops the lock when the
 * process ends, however it ends; the empty lock file stays. Within one process the journal may be
 * opened again (a restart in tests, the command line's passes). Thread-safe (synchronized).
 */
public final class OperatorJournal {
  private static final String HEADER_V2 = "# vnft operator journal v2 deployment=";
  private static final String HEADER_V3 = "# vnft operator journal v3 ";
  private static final int FIELDS_V2 = 20;
  private static final int FIELDS = 21;

  /** How long terminal entries are kept by default: 7 days. */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);

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
    /**
     * Validates the components.
     *
     * @param mint the prepared item, as prepared
     * @param batchId the batch, empty until committed
     * @param state where it stands
     * @throws InvalidInputException if a field is missing, or a committed state lacks its batch
     */
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
  private final Duration horizon;
  private final LongSupplier clock;
  private final Map<BigInteger, Entry> entries = new LinkedHashMap<>();
  private final Map<BigInteger, Long> since = new HashMap<>();

  private OperatorJournal(Path file, Deployment deployment, Duration horizon, LongSupplier clock) {
    this.file = file;
    this.deployment = deployment;
    this.horizon = horizon;
    this.clock = clock;
  }

  /**
   * Opens (or creates) the journal of one deployment, keeping terminal entries for
   * {@link #DEFAULT_HORIZON} by the system clock.
   *
   * @param file the journal file; its directory is created if missing
   * @param deployment the deployment the operator works on
   * @return the journal with every entry read
   * @throws InvalidInputException if the file was written for another deployment (the message names
   *     chain id, genesis hash and rollup of both), is of an unknown format, a line is malformed
   *     (file and line number in the message), or another process holds the journal
   * @throws UncheckedIOException if the file cannot be read
   */
  public static OperatorJournal open(Path file, Deployment deployment) {
    return open(file, deployment, DEFAULT_HORIZON, () -> System.currentTimeMillis() / 1000);
  }

  /**
   * Opens (or creates) the journal of one deployment.
   *
   * @param file the journal file; its directory is created if missing
   * @param deployment the deployment the operator works on
   * @param horizon how long an entry stays after it became FINALIZED or REVERTED, &gt;= 0
   * @param epochSeconds the clock that stamps state changes and judges the horizon
   * @return the journal with every entry read and those past the horizon pruned
   * @throws InvalidInputException as {@link #open(Path, Deployment)}, or for a negative horizon
   * @throws UncheckedIOException if the file cannot be read, or the pruned journal cannot be written
   */
  public static OperatorJournal open(Path file, Deployment deployment, Duration horizon, LongSupplier epochSeconds) {
    if (file == null || deployment == null || horizon == null || epochSeconds == null) {
      throw new InvalidInputException("file, deployment, horizon and clock: must not be null");
    }
    if (horizon.isNegative()) {
      throw new InvalidInputException("horizon: must be >= 0, got " + horizon);
    }
    OperatorJournal j = new OperatorJournal(file, deployment, horizon, epochSeconds);
    synchronized (j) {
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        lock(file);
        if (!Files.exists(file)) {
          return j;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = lines.isEmpty() ? "" : lines.get(0).strip();
        Deployment written = headerDeployment(header, file);
        if (!written.equals(deployment)) {
          throw new InvalidInputException("journal " + file + " was written for another deployment: "
              + describe(written) + "; this operator runs on " + describe(deployment)
              + ". Refusing to mix their state: pass another journal file, or move this one away if that "
              + "chain is gone for good");
        }
        boolean v2 = header.startsWith(HEADER_V2);
        long now = epochSeconds.getAsLong();
        for (int i = 1; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          Entry e = parse(line, file, i + 1, v2);
          j.entries.put(e.triggerId(), e);
          j.since.put(e.triggerId(), v2 ? now : Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)));
        }
        int pruned = j.prune(j.entries, j.since, now);
        if (pruned > 0 || v2) {
          j.save(j.entries, j.since);
          if (pruned > 0) {
            LoggerFactory.getLogger(OperatorJournal.class).info(
                "journal {}: pruned {} finalized/reverted entries older than {}", file, pruned, horizon);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read operator journal " + file, e);
      }
    }
    return j;
  }

  /**
   * Moves an existing journal out of the way, for a caller that knowingly starts over on a new
   * deployment (a development chain started anew). The file is renamed to {@code
   * <file>.<chainId>-<genesis prefix>-<rollup prefix>.old} (the deployment it was written for), so it
   * can still be read. Nothing happens when the file does not exist.
   *
   * @param file the journal file
   * @return where it was moved, or empty if there was no file
   * @throws UncheckedIOException if it cannot be moved
   */
  public static Optional<Path> setAside(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String name;
    try {
      String header = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
      Deployment d = headerDeployment(header, file);
      name = d.chainId() + "-" + d.genesisHash().hex().substring(2, 10) + "-" + d.rollup().hex().substring(2, 10);
    } catch (IOException | VnftException e) {
      name = "unknown";
    }
    Path aside = file.resolveSibling(file.getFileName() + "." + name + ".old");
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set journal " + file + " aside", e);
    }
    return Optional.of(aside);
  }

  /** Journals this process holds the OS lock of: the lock belongs to the process, so the registry does too. */
  private static final Map<Path, FileLock> LOCKS = new HashMap<>();

  private static void lock(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    synchronized (LOCKS) {
      if (LOCKS.containsKey(key)) {
        return;
      }
      Path lockFile = key.resolveSibling(key.getFileName() + ".lock");
      FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      if (l == null) {
        ch.close();
        throw new InvalidInputException("journal " + file + " is in use by another process (it holds the lock on "
            + lockFile + "); two operators on one journal would each commit the same batch: stop the other one");
      }
      LOCKS.put(key, l);
    }
  }

  private static Deployment headerDeployment(String header, Path file) {
    try {
      if (header.startsWith(HEADER_V3)) {
        Map<String, String> kv = new HashMap<>();
        for (String f : header.substring(HEADER_V3.length()).trim().split(" +")) {
          int eq = f.indexOf('=');
          if (eq > 0) {
            kv.put(f.substring(0, eq), f.substring(eq + 1));
          }
        }
        return new Deployment(Long.parseLong(kv.getOrDefault("chainId", "0")),
            Bytes32.fromHex(kv.getOrDefault("genesis", "")), Address.of(kv.getOrDefault("rollup", "")));
      }
      if (header.startsWith(HEADER_V2)) {
        return Deployment.parse(header.substring(HEADER_V2.length()));
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException(file + ":1: malformed journal header '" + header + "': " + e.getMessage(), e);
    }
    throw new InvalidInputException(file + ":1: not a vnft operator journal of a known version (v2 or v3), "
        + "so it cannot be bound to a deployment; header: '" + header + "'. Move it away to start a new journal");
  }

  private static String describe(Deployment d) {
    return "chain id " + d.chainId() + ", genesis hash " + d.genesisHash().hex() + ", rollup " + d.rollup().hex();
  }

  /** @return the deployment this journal is bound to */
  public Deployment deployment() {
    return deployment;
  }

  /** @return the journal file */
  public Path file() {
    return file;
  }

  /** @return how long entries stay after they became FINALIZED or REVERTED */
  public Duration horizon() {
    return horizon;
  }

  /** @return every entry, in the order first recorded */
  public synchronized List<Entry> entries() {
    return Collections.unmodifiableList(new ArrayList<>(entries.values()));
  }

  /**
   * @param triggerId a trigger
   * @return its entry, if this operator prepared it (and it was not pruned)
   */
  public synchronized Optional<Entry> get(BigInteger triggerId) {
    return Optional.ofNullable(entries.get(triggerId));
  }

  /**
   * Records entries (new or updated), prunes terminal entries past the horizon, and saves durably:
   * when this returns, the change is on disk.
   *
   * @param updated the entries to put
   * @throws UncheckedIOException if the journal cannot be written (the file on disk and this object
   *     are then unchanged)
   */
  public synchronized void putAll(List<Entry> updated) {
    long now = clock.getAsLong();
    Map<BigInteger, Entry> next = new LinkedHashMap<>(entries);
    Map<BigInteger, Long> nextSince = new HashMap<>(since);
    for (Entry e : updated) {
      Entry old = next.put(e.triggerId(), e);
      if (old == null || old.state() != e.state()) {
        nextSince.put(e.triggerId(), now);
      }
    }
    prune(next, nextSince, now);
    save(next, nextSince);
    entries.clear();
    entries.putAll(next);
    since.clear();
    since.putAll(nextSince);
  }

  /** Drops terminal entries past the horizon from both maps; returns how many. */
  private int prune(Map<BigInteger, Entry> m, Map<BigInteger, Long> stamps, long now) {
    int before = m.size();
    m.values().removeIf(e -> (e.state() == State.FINALIZED || e.state() == State.REVERTED)
        && now - stamps.getOrDefault(e.triggerId(), now) > horizon.toSeconds());
    stamps.keySet().retainAll(m.keySet());
    return before - m.size();
  }

  private void save(Map<BigInteger, Entry> m, Map<BigInteger, Long> stamps) {
    long now = clock.getAsLong();
    StringBuilder sb = new StringBuilder(HEADER_V3).append("chainId=").append(deployment.chainId())
        .append(" genesis=").append(deployment.genesisHash().hex()).append(" rollup=")
        .append(deployment.rollup().hex()).append('\n');
    for (Entry e : m.values()) {
      sb.append(format(e)).append(' ').append(stamps.getOrDefault(e.triggerId(), now)).append('\n');
    }
    try {
      AtomicFiles.replaceDurably(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write operator journal " + file, ex);
    }
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

  static Entry parse(String line, Path file, int lineNo, boolean v2) {
    String[] f = line.split(" ");
    int want = v2 ? FIELDS_V2 : FIELDS;
    if (f.length != want) {
      throw new InvalidInputException(file + ":" + lineNo + ": expected " + want + " fields, got " + f.length);
    }
    if (!v2) {
      try {
        Long.parseLong(f[20]);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(file + ":" + lineNo + ": since: not a number: '" + f[20] + "'", e);
      }
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
