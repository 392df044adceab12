package io.vnft.chain;

import static io.vnft.chain.ChainFixture.ETHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.ChainException;
import io.vnft.api.Direction;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelChallenge;
import io.vnft.api.ProofEnvelope;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Typed failures at the backend's boundary, and nonces under concurrency and after failures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendBadInputTest {
  private ChainFixture f;

  @BeforeAll
  void start() {
    f = new ChainFixture(VnftDeployment.Params.defaults());
  }

  @AfterAll
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void wrongChainIdIsAChainException() {
    ChainException e = assertThrows(ChainException.class, () -> Web3jChainBackend.builder()
        .rpcUrl(f.anvil.rpcUrl()).privateKey(f.anvil.privateKey(0)).chainId(1).build());
    assertTrue(e.getMessage().contains("expected 1") && e.getMessage().contains("31337"), e.getMessage());
  }

  @Test
  void unreachableRpcIsBackendUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int closed = port;
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Web3jChainBackend.builder()
        .rpcUrl("http://127.0.0.1:" + closed).privateKey(f.anvil.privateKey(0)).build());
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
  }

  @Test
  void malformedInputsAreInvalidInput() {
    assertThrows(InvalidInputException.class, () -> Address.of("0x1234"));
    assertThrows(InvalidInputException.class, () -> Address.of("0xZZ00000000000000000000000000000000000000"));
    assertThrows(InvalidInputException.class, () -> Web3jChainBackend.builder().rpcUrl(f.anvil.rpcUrl())
        .privateKey("0x1234").build());
    assertThrows(InvalidInputException.class, () -> Web3jChainBackend.builder().rpcUrl("ftp://x")
        .privateKey(f.anvil.privateKey(0)).build());
    assertThrows(InvalidInputException.class, () -> Web3jChainBackend.builder().confirmations(0));
    assertThrows(InvalidInputException.class, () -> f.owner.commitBatch(List.of()));
    assertThrows(InvalidInputException.class, () -> f.owner.configureFeed(f.recipient, 0));
    PixelChallenge c = new PixelChallenge(BigInteger.ONE, BigInteger.ONE, 0, 0, f.recipient);
    assertThrows(InvalidInputException.class, () -> f.owner.respond(c,
        new ProofEnvelope("groth16-bn254", ChainFixture.MODEL, List.of(), new byte[255])));
  }

  @Test
  void aCallToAnAddressWithoutCodeIsAChainException() {
    Address nothing = Address.of("0x000000000000000000000000000000000000dEaD");
    assertThrows(ChainException.class, () -> f.owner.feed(nothing));
    Web3jChainBackend elsewhere = f.owner.withContracts(new VnftDeployment.Addresses(nothing, nothing, nothing, nothing, 0));
    assertThrows(ChainException.class, () -> elsewhere.isFinalizable(BigInteger.ONE));
  }

  @Test
  void insufficientFundsIsAChainExceptionAndLeavesNoNonceGap() {
    String poorKey = "0x" + "11".repeat(32);
    try (Web3jChainBackend poor = Web3jChainBackend.builder().rpcUrl(f.anvil.rpcUrl()).privateKey(poorKey)
        .contracts(f.addresses).pollInterval(10).build()) {
      ChainException e = assertThrows(ChainException.class, () -> poor.bond(ETHER));
      assertTrue(e.getMessage().toLowerCase().contains("insufficient funds")
          || e.getMessage().toLowerCase().contains("funds"), e.getMessage());
    }
  }

  @Test
  void revertedSendLeavesNoNonceGapAndConcurrentSendsGetDistinctNonces() throws Exception {
    Address feed = f.newFeed(3000, 3600);
    // a refused transaction (reverts at estimation) must not consume a nonce
    ChainException e = assertThrows(ChainException.class, () -> f.user.cancelTrigger(BigInteger.valueOf(999_999)));
    assertEquals("UnknownTrigger", e.revertReason().map(r -> r.substring(0, r.indexOf('('))).orElse(""));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<BigInteger>> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int n = i;
        ids.add(pool.submit(() -> f.trigger(feed, Direction.ABOVE, 3500 + n, "concurrent " + n)));
      }
      HashSet<BigInteger> distinct = new HashSet<>();
      for (Future<BigInteger> id : ids) {
        distinct.add(id.get());
      }
      assertEquals(12, distinct.size());
    } finally {
      pool.shutdownNow();
    }
    // a transaction sent behind the backend's back with the same key: the nonce manager sees the
    // node's pending count ahead of its own before the next send and follows it (no failed send)
    try (Web3jChainBackend twin = f.backend(1, f.addresses)) {
      twin.createTrigger(feed, Direction.ABOVE, BigInteger.valueOf(5000).multiply(ChainFixture.E8), "twin", io.vnft.api.Bytes32.ZERO,
          ChainFixture.MODEL, f.recipient, BigInteger.ONE);
    }
    f.trigger(feed, Direction.ABOVE, 5001, "no stale nonce");
    f.trigger(feed, Direction.ABOVE, 5002, "and the next");
  }
}
