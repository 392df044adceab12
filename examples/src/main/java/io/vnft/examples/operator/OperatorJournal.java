package io.vnft.examples.operator;

import io.vnft.api.BatchLeaf;
import io.vnft.api.Bytes32;
import io.vnft.api.ContentId;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VnftException;
import io.vnft.examples.internal.AtomicWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's own record of what it prepared and committed, so a restarted operator can answer
 * challenges about (and finalize) batches it committed before it stopped, and never prepares a
 * trigger twice.
 *
 * <p>Format: a text file, one entry per line, {@code triggerId roundId seed framesRoot contentCid
 * metadataCid batchId state} separated by spaces ({@code batchId} is {@code -} until committed).
 * Every change rewrites the whole file to a temporary name and renames it over the old one, so
 * a crash leaves either the old or the new journal, never half of one. Thread-safe (synchronized).
 */
public final class OperatorJournal {
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
   * One journal line.
   *
   * @param leaf the leaf as committed
   * @param seed the seed used
   * @param batchId the batch, empty until committed
   * @param state where it stands
   */
  public record Entry(BatchLeaf leaf, Bytes32 seed, Optional<BigInteger> batchId, State state) {}

  private final Path file;
  private final Map<BigInteger, Entry> entries = new LinkedHashMap<>();

  private OperatorJournal(Path file) {
    this.file = file;
  }

  /**
   * Opens (or creates) a journal.
   *
   * @param file the journal file; its directory must exist or be creatable
   * @return the journal with every entry read
   * @throws InvalidInputException if a line is malformed (the line number is in the message)
   */
  public static synchronized OperatorJournal open(Path file) {
    OperatorJournal j = new OperatorJournal(file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          Entry e = parse(line, file, i + 1);
          j.entries.put(e.leaf().triggerId(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read operator journal " + file, e);
    }
    return j;
  }

  private static Entry parse(String line, Path file, int lineNo) {
    String[] f = line.split(" ");
    if (f.length != 8) {
      throw new InvalidInputException(file + ":" + lineNo + ": expected 8 fields, got " + f.length);
    }
    try {
      BatchLeaf leaf = new BatchLeaf(new BigInteger(f[0]), new BigInteger(f[1]), Bytes32.fromHex(f[3]),
          ContentId.parse(f[4]), ContentId.parse(f[5]));
      Optional<BigInteger> batch = f[6].equals("-") ? Optional.empty() : Optional.of(new BigInteger(f[6]));
      return new Entry(leaf, Bytes32.fromHex(f[2]), batch, State.valueOf(f[7]));
    } catch (IllegalArgumentException | VnftException e) {
      throw new InvalidInputException(file + ":" + lineNo + ": " + e.getMessage(), e);
    }
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
   */
  public synchronized void putAll(List<Entry> updated) {
    for (Entry e : updated) {
      entries.put(e.leaf().triggerId(), e);
    }
    save();
  }

  private void save() {
    StringBuilder sb = new StringBuilder("# vnft operator journal: triggerId roundId seed framesRoot "
        + "contentCid metadataCid batchId state\n");
    for (Entry e : entries.values()) {
      BatchLeaf l = e.leaf();
      sb.append(l.triggerId()).append(' ').append(l.roundId()).append(' ').append(e.seed().hex())
          .append(' ').append(l.framesRoot().hex()).append(' ').append(l.contentCid().value())
          .append(' ').append(l.metadataCid().value()).append(' ')
          .append(e.batchId().map(BigInteger::toString).orElse("-")).append(' ')
          .append(e.state().name()).append('\n');
    }
    AtomicWrite.replace(file, tmp -> Files.writeString(tmp, sb, StandardCharsets.UTF_8));
  }
}
