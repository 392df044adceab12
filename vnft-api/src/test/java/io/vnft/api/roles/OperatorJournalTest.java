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
  void aJournalOfAnotherDeploymentIsSetAsideNotTrusted() throws IOException {
    Path f = dir.resolve("j.txt");
    OperatorJournal.open(f, A).putAll(List.of(new Entry(mint(1, "x"), Optional.of(BigInteger.ONE), State.FINALIZED)));
    OperatorJournal j = OperatorJournal.open(f, B);
    assertTrue(j.entries().isEmpty(), "state of chain A is not trusted against chain B");
    try (var files = Files.list(dir)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".old")), "the old journal is kept aside");
    }
    j.putAll(List.of(new Entry(mint(2, "y"), Optional.empty(), State.PREPARED)));
    assertEquals(1, OperatorJournal.open(f, B).entries().size());
  }

  @Test
  void anOlderFormatIsSetAsideToo() throws IOException {
    Path f = dir.resolve("j.txt");
    Files.writeString(f, "# vnft operator journal: triggerId roundId ...\n1 2 0x00 0x00 b b - PREPARED\n");
    assertTrue(OperatorJournal.open(f, A).entries().isEmpty());
  }

  @Test
  void aMalformedLineNamesFileAndLine() throws IOException {
    Path f = dir.resolve("j.txt");
    Files.writeString(f, "# vnft operator journal v2 deployment=" + A.key() + "\nPREPARED - 1 2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OperatorJournal.open(f, A));
    assertTrue(e.getMessage().contains("j.txt:2"), e.getMessage());
  }
}
