package io.vnft.api.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.vnft.api.roles.OperatorJournal.Entry;
import io.vnft.api.roles.OperatorJournal.State;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal restores exactly what it stored, and never trusts another deployment's state. */
class OperatorJournalTest {
  static final Address FEED = Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  static final Address ME = Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final Deployment A = new Deployment(31337, Bytes32.fromBigInteger(BigInteger.ONE),
      Address.of("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9"));
  static final Deployment B = new Deployment(31337, Bytes32.fromBigInteger(BigInteger.TWO),
      Address.of("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9"));

  @TempDir Path dir;

  static PreparedMint mint(long id, String prompt) {
    Trigger t = new Trigger(BigInteger.valueOf(id), FEED, Direction.BELOW, BigInteger.valueOf(360_000_000_000L),
        Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8)), prompt, Bytes32.fromBigInteger(BigInteger.valueOf(0xffff_ffffL)), "vnft-cppn-1", ME,
        BigInteger.TEN.pow(16), BigInteger.valueOf(3));
    PriceRound r = new PriceRound(FEED, BigInteger.valueOf(7), BigInteger.valueOf(-1), 1_700_000_000L, 1_700_000_012L);
    BatchLeaf leaf = new BatchLeaf(t.triggerId(), r.roundId(), Bytes32.fromBigInteger(BigInteger.valueOf(99)),
        ContentId.compute(new byte[] {1}), ContentId.compute(new byte[] {2}));
    return new PreparedMint(new Firing(t, r), Bytes32.fromBigInteger(BigInteger.valueOf(5)), leaf);
  }

  @Test
  void restoresPreparedMintsAsValuesWhateverThePromptHolds() {
    Path f = dir.resolve("j.txt");
    PreparedMint odd = mint(1, "  fire  dance\nwith spaces, tabs\t and ünïcödé 🔥 ");
    PreparedMint empty = mint(2, "");
    OperatorJournal.open(f, A).putAll(List.of(new Entry(odd, Optional.empty(), State.PREPARED),
        new Entry(empty, Optional.of(BigInteger.valueOf(4)), State.COMMITTED)));
    OperatorJournal j = OperatorJournal.open(f, A);
    assertEquals(odd, j.get(BigInteger.ONE).orElseThrow().mint());
    assertEquals(empty, j.get(BigInteger.TWO).orElseThrow().mint());
    assertEquals(Optional.of(BigInteger.valueOf(4)), j.get(BigInteger.TWO).orElseThrow().batchId());
  }

  @Test
  void aJournalOfAnotherDeploymentIsRefusedNamingChainGenesisAndRollup() throws IOException {
    Path f = dir.resolve("j.txt");
    OperatorJournal.open(f, A).putAll(List.of(new Entry(mint(1, "x"), Optional.of(BigInteger.ONE), State.COMMITTED)));
    String before = Files.readString(f);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OperatorJournal.open(f, B));
    String m = e.getMessage();
    assertTrue(m.contains("chain id 31337") && m.contains(A.genesisHash().hex()) && m.contains(B.genesisHash().hex())
        && m.contains(A.rollup().hex()) && m.contains("j.txt"), m);
    assertEquals(before, Files.readString(f), "the refused journal is left as it was");
    Deployment otherRollup = new Deployment(31337, A.genesisHash(), ME);
    assertThrows(InvalidInputException.class, () -> OperatorJournal.open(f, otherRollup));
    Deployment otherChain = new Deployment(1, A.genesisHash(), A.rollup());
    assertThrows(InvalidInputException.class, () -> OperatorJournal.open(f, otherChain));

    // Starting over knowingly: the old file is set aside under its deployment's name and kept.
    Path aside = OperatorJournal.setAside(f).orElseThrow();
    assertTrue(aside.getFileName().toString().startsWith("j.txt.31337-") && aside.toString().endsWith(".old"), aside.toString());
    assertEquals(before, Files.readString(aside));
    OperatorJournal j = OperatorJournal.open(f, B);
    assertTrue(j.entries().isEmpty());
    assertEquals(Optional.empty(), OperatorJournal.setAside(dir.resolve("none.txt")));
  }

  @Test
  void anUnboundOlderFormatIsRefused() throws IOException {
    Path f = dir.resolve("j.txt");
    Files.writeString(f, "# vnft operator journal: triggerId roundId ...\n1 2 0x00 0x00 b b - PREPARED\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OperatorJournal.open(f, A));
    assertTrue(e.getMessage().contains("j.txt:1") && e.getMessage().contains("known version"), e.getMessage());
  }

  @Test
  void aVersion2JournalOfTheSameDeploymentIsReadAndWrittenBackAsVersion3() throws IOException {
    Path f = dir.resolve("j.txt");
    Entry e = new Entry(mint(3, "v2 prompt"), Optional.of(BigInteger.TEN), State.COMMITTED);
    Files.writeString(f, "# vnft operator journal v2 deployment=" + A.key() + "\n" + OperatorJournal.format(e) + "\n");
    OperatorJournal j = OperatorJournal.open(f, A);
    assertEquals(e, j.get(BigInteger.valueOf(3)).orElseThrow());
    String header = Files.readAllLines(f).get(0);
    assertTrue(header.startsWith("# vnft operator journal v3 chainId=31337 genesis=" + A.genesisHash().hex()), header);
    assertEquals(e, OperatorJournal.open(f, A).get(BigInteger.valueOf(3)).orElseThrow());
  }

  @Test
  void terminalEntriesArePrunedOncePastTheHorizonOthersNever() {
    Path f = dir.resolve("j.txt");
    long[] now = {1_000};
    Duration horizon = Duration.ofSeconds(100);
    OperatorJournal j = OperatorJournal.open(f, A, horizon, () -> now[0]);
    j.putAll(List.of(new Entry(mint(1, "a"), Optional.of(BigInteger.ONE), State.FINALIZED),
        new Entry(mint(2, "b"), Optional.of(BigInteger.ONE), State.REVERTED),
        new Entry(mint(3, "c"), Optional.of(BigInteger.TWO), State.COMMITTED),
        new Entry(mint(4, "d"), Optional.empty(), State.PREPARED)));
    now[0] = 1_050;
    j.putAll(List.of(new Entry(mint(5, "e"), Optional.of(BigInteger.TWO), State.FINALIZED)));
    now[0] = 1_100; // exactly at the horizon: kept
    assertEquals(5, OperatorJournal.open(f, A, horizon, () -> now[0]).entries().size());
    now[0] = 1_101; // past it for 1 and 2 (stamped at 1 000 and read back from the file), not for 5
    OperatorJournal reopened = OperatorJournal.open(f, A, horizon, () -> now[0]);
    assertEquals(List.of(BigInteger.valueOf(3), BigInteger.valueOf(4), BigInteger.valueOf(5)),
        reopened.entries().stream().map(Entry::triggerId).toList());
    now[0] = 1_000_000; // in-flight entries stay whatever their age
    reopened.putAll(List.of());
    assertEquals(List.of(BigInteger.valueOf(3), BigInteger.valueOf(4)),
        OperatorJournal.open(f, A, horizon, () -> now[0]).entries().stream().map(Entry::triggerId).toList());
  }

  @Test
  void aFailedWriteLeavesTheJournalAsItWasAndNoTemporaryFile() throws IOException {
    Path sub = dir.resolve("sub");
    Path f = sub.resolve("j.txt");
    OperatorJournal j = OperatorJournal.open(f, A);
    j.putAll(List.of(new Entry(mint(1, "a"), Optional.empty(), State.PREPARED)));
    try (var files = Files.list(sub)) {
      assertEquals(List.of("j.txt", "j.txt.lock"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left behind");
    }
    // Take the directory away: the write must fail loudly and the journal object must not move on.
    Files.move(sub, dir.resolve("gone"));
    Files.writeString(sub, "not a directory");
    assertThrows(java.io.UncheckedIOException.class,
        () -> j.putAll(List.of(new Entry(mint(2, "b"), Optional.empty(), State.PREPARED))));
    assertEquals(1, j.entries().size());
  }

  @Test
  void durableWritesOfAPrunedJournalAreCheap() {
    Path f = dir.resolve("j.txt");
    OperatorJournal j = OperatorJournal.open(f, A);
    List<Entry> batch = new java.util.ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      batch.add(new Entry(mint(i, "prompt " + i), Optional.of(BigInteger.ONE), State.COMMITTED));
    }
    j.putAll(batch);
    long t0 = System.nanoTime();
    int n = 20;
    for (int i = 0; i < n; i++) {
      j.putAll(List.of(new Entry(mint(1 + i, "prompt " + (1 + i)), Optional.of(BigInteger.ONE), State.FINALIZED)));
    }
    double ms = (System.nanoTime() - t0) / 1e6 / n;
    System.out.printf("journal: %d entries, %d bytes, durable putAll %.2f ms on average%n", j.entries().size(),
        f.toFile().length(), ms);
    assertEquals(200, OperatorJournal.open(f, A).entries().size());
    assertTrue(ms < 500, "a durable rewrite of 200 entries took " + ms + " ms");
  }

  @Test
  void aMalformedLineNamesFileAndLine() throws IOException {
    Path f = dir.resolve("j.txt");
    Files.writeString(f, "# vnft operator journal v2 deployment=" + A.key() + "\nPREPARED - 1 2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OperatorJournal.open(f, A));
    assertTrue(e.getMessage().contains("j.txt:2"), e.getMessage());
  }
  @Test
  void aJournalHeldByAnotherProcessIsRefusedAndFreedWhenItEnds() throws Exception {
    Path f = dir.resolve("j.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        JournalHolder.class.getName(), f.toString()).redirectErrorStream(true).start();
    try {
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("holding", in.readLine(), "the other process opened the journal");
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> OperatorJournal.open(f, A));
      assertTrue(e.getMessage().contains("in use by another process") && e.getMessage().contains("j.txt.lock"),
          e.getMessage());
    } finally {
      other.destroyForcibly().waitFor();
    }
    OperatorJournal j = OperatorJournal.open(f, A); // the OS dropped the dead process's lock
    assertEquals(1, j.entries().size(), "and the other process's entry is there");
    assertEquals(1, OperatorJournal.open(f, A).entries().size(), "reopening in this process is fine");
  }

  /** Opens a journal in a separate JVM, writes one entry, says so, and waits to be killed. */
  public static final class JournalHolder {
    public static void main(String[] args) throws Exception {
      OperatorJournal.open(Path.of(args[0]), A).putAll(List.of(new Entry(mint(9, "held"), Optional.empty(), State.PREPARED)));
      System.out.println("holding");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
