package io.vnft.chain.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.ChainException;
import io.vnft.chain.AnvilNode;
import io.vnft.chain.FeePolicy;
import io.vnft.chain.contracts.MockV3Aggregator;
import io.vnft.chain.testing.FaultProxy;
import io.vnft.chain.testing.FaultProxy.Fault;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * Reads and sends through a {@link FaultProxy} in front of a real anvil: reads are retried within
 * their bounds, a send whose answer was lost is resolved by its hash and lands exactly once, and
 * nonces follow the node when its state goes back. Every "exactly once" is checked on the node
 * directly, not through the proxy.
 */
class FaultToleranceTest {
  static AnvilNode anvil;
  static Web3j direct;
  static int nextAccount = 1;

  /** Fast bounds for tests: 10 tries, 20..400 ms pauses, 30 s in all. */
  static final RetryPolicy TEST_POLICY =
      new RetryPolicy(10, Duration.ofMillis(20), Duration.ofMillis(400), Duration.ofSeconds(30), 7L);

  @BeforeAll
  static void start() {
    anvil = AnvilNode.builder().accounts(10).start();
    direct = Web3j.build(new HttpService(anvil.rpcUrl()));
  }

  @AfterAll
  static void stop() {
    direct.shutdown();
    anvil.close();
  }

  /** A signer on a fresh anvil account, talking through {@code url}. */
  static Rpc rpc(String url, Duration readTimeout) {
    Web3j w = Web3j.build(RetryingHttpService.create(url, TEST_POLICY, Duration.ofSeconds(2), readTimeout));
    Credentials c = Credentials.create(anvil.privateKey(nextAccount++));
    return new Rpc(w, c, anvil.chainId(), FeePolicy.defaults(), 1, Duration.ofSeconds(20), 20, TEST_POLICY);
  }

  static long nonceOnNode(String address) throws IOException {
    return direct.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send().getTransactionCount()
        .longValueExact();
  }

  /**
   * The mined nonce, waiting up to 5 s for it to reach {@code expected}: anvil answers
   * {@code eth_sendRawTransaction} before its automine has mined the block, so under load a read
   * right after a send can still see the old count (seen once in CI).
   */
  static long minedNonce(String address, long expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long n = nonceOnNode(address);
    while (n < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      n = nonceOnNode(address);
    }
    return n;
  }

  static BigInteger balanceOnNode(String address) throws IOException {
    return direct.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  static String recipient(int i) {
    return String.format("0x%040x", 0xfa0000L + i + 1000L * nextAccount);
  }

  static TransactionReceipt transfer(Rpc rpc, String to, long wei) {
    return rpc.sendData(to, "0x", BigInteger.valueOf(wei), BigInteger.valueOf(21_000), "transfer " + wei);
  }

  @Test
  void readsAndSendsThroughTwelvePercentFaultsCompleteExactlyOnce() throws Exception {
    int rounds = 30;
    try (FaultProxy proxy = new FaultProxy(anvil.rpcUrl(), 0.12, 20261203L, 1_500)) {
      Rpc rpc = rpc(proxy.url(), Duration.ofSeconds(1));
      long start = System.nanoTime();
      String feed = rpc.deploy(MockV3Aggregator.BINARY, FunctionEncoder.encodeConstructor(List.of(new Uint8(8),
          new Utf8String("ETH / USD"), new Int256(BigInteger.ONE))), "feed").getContractAddress();
      Set<String> hashes = new HashSet<>();
      for (int i = 0; i < rounds; i++) {
        TransactionReceipt r = rpc.send(feed, new Function("updateAnswer", List.of(new Int256(BigInteger.valueOf(100 + i))),
            List.of()), BigInteger.ZERO);
        assertTrue(r.isStatusOK());
        assertTrue(hashes.add(r.getTransactionHash()), "one hash per send");
        assertTrue(hashes.add(transfer(rpc, recipient(i), 1_000 + i).getTransactionHash()));
        List<Type> round = rpc.call(feed, new Function("latestRoundData", List.of(), List.of(
            new TypeReference<Uint80>() {}, new TypeReference<Int256>() {}, new TypeReference<Uint256>() {},
            new TypeReference<Uint256>() {}, new TypeReference<Uint80>() {})));
        assertEquals(BigInteger.valueOf(100 + i), round.get(1).getValue(), "the read sees the send");
        assertTrue(rpc.blockNumber() > 0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // Exactly once, checked on the node itself: one deployment + 2 sends per round, no more.
      assertEquals(1 + 2L * rounds, nonceOnNode(rpc.from()), "no send was repeated with a new nonce, none was lost");
      List<Type> round = rpcDirectLatestRound(feed);
      assertEquals(BigInteger.valueOf(1 + rounds), round.get(0).getValue(), "updateAnswer ran exactly " + rounds + " times");
      for (int i = 0; i < rounds; i++) {
        assertEquals(BigInteger.valueOf(1_000 + i), balanceOnNode(recipient(i)), "transfer " + i + " landed once");
      }
      int faults = proxy.faultCount();
      System.out.printf("fault proxy: %d requests, %d faults (%.1f %%: %s), %d of them on eth_sendRawTransaction; "
          + "eth_sendRawTransaction reached the node %d times for %d transactions; %.1f s%n", proxy.requests(), faults,
          100.0 * faults / proxy.requests(), proxy.faults(), proxy.faults("eth_sendRawTransaction"),
          proxy.forwarded("eth_sendRawTransaction"), 1 + 2 * rounds, seconds);
      assertTrue(faults >= proxy.requests() * 0.11, "12 % of the requests met a fault: " + proxy.faults());
      assertTrue(proxy.faults("eth_sendRawTransaction") >= 3, "some sends met faults: " + proxy.faults("eth_sendRawTransaction"));
    }
  }

  private static List<Type> rpcDirectLatestRound(String feed) {
    Rpc plain = new Rpc(direct, Credentials.create(anvil.privateKey(0)), anvil.chainId(), FeePolicy.defaults(), 1,
        Duration.ofSeconds(5), 20);
    return plain.call(feed, new Function("latestRoundData", List.of(), List.of(new TypeReference<Uint80>() {},
        new TypeReference<Int256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {},
        new TypeReference<Uint80>() {})));
  }

  @Test
  void aSendWhoseAnswerIsLostIsFoundByItsHashAndNotSentAgain() throws Exception {
    for (Fault lost : List.of(Fault.DROP_ANSWER, Fault.TRUNCATE)) {
      try (FaultProxy proxy = new FaultProxy(anvil.rpcUrl(), 0, 1, 0)) {
        Rpc rpc = rpc(proxy.url(), Duration.ofSeconds(5));
        long before = nonceOnNode(rpc.from());
        proxy.script("eth_sendRawTransaction", lost);
        TransactionReceipt r = transfer(rpc, recipient(50), 7);
        assertTrue(r.isStatusOK(), lost.name());
        assertEquals(1, proxy.forwarded("eth_sendRawTransaction"), lost + ": the node got the transaction once");
        assertEquals(before + 1, nonceOnNode(rpc.from()), lost.name());
        // and the next send takes the next nonce (no "nonce too low")
        assertTrue(transfer(rpc, recipient(51), 8).isStatusOK());
        assertEquals(before + 2, nonceOnNode(rpc.from()));
      }
    }
  }

  @Test
  void aSendThatNeverReachedTheNodeIsBroadcastAgainWithTheSameHash() throws Exception {
    try (FaultProxy proxy = new FaultProxy(anvil.rpcUrl(), 0, 1, 0)) {
      Rpc rpc = rpc(proxy.url(), Duration.ofSeconds(5));
      long before = nonceOnNode(rpc.from());
      proxy.script("eth_sendRawTransaction", Fault.DROP_REQUEST, Fault.DROP_REQUEST);
      TransactionReceipt r = transfer(rpc, recipient(60), 9);
      assertTrue(r.isStatusOK());
      assertEquals(1, proxy.forwarded("eth_sendRawTransaction"), "only the third broadcast reached the node");
      assertEquals(3, proxy.faults("eth_sendRawTransaction") + proxy.forwarded("eth_sendRawTransaction"));
      assertEquals(before + 1, nonceOnNode(rpc.from()));
      assertEquals(before, direct.ethGetTransactionByHash(r.getTransactionHash()).send().getTransaction().orElseThrow()
          .getNonce().longValueExact(), "the same transaction, not a new one");
    }
  }

  @Test
  void aStalledSendThatArrivesLateCountsAsOurOwn() throws Exception {
    try (FaultProxy proxy = new FaultProxy(anvil.rpcUrl(), 0, 1, 1_200)) {
      Rpc rpc = rpc(proxy.url(), Duration.ofMillis(500));
      long before = nonceOnNode(rpc.from());
      proxy.script("eth_sendRawTransaction", Fault.STALL);
      assertTrue(transfer(rpc, recipient(70), 11).isStatusOK());
      Thread.sleep(1_500); // let the stalled copy reach the node too
      assertEquals(before + 1, nonceOnNode(rpc.from()), "the late copy did not land a second time");
      assertEquals(BigInteger.valueOf(11), balanceOnNode(recipient(70)));
      assertTrue(transfer(rpc, recipient(71), 12).isStatusOK(), "and the next nonce is right");
    }
  }

  @Test
  void noncesFollowTheNodeWhenItsStateGoesBack() throws Exception {
    Rpc rpc = rpc(anvil.rpcUrl(), Duration.ofSeconds(5));
    long before = nonceOnNode(rpc.from());
    String snapshot = new Request<>("evm_snapshot", List.of(), new HttpService(anvil.rpcUrl()),
        org.web3j.protocol.core.methods.response.EthSubscribe.class).send().getResult();
    transfer(rpc, recipient(80), 1);
    transfer(rpc, recipient(81), 1);
    assertEquals(before + 2, nonceOnNode(rpc.from()));
    new Request<>("evm_revert", List.of(snapshot), new HttpService(anvil.rpcUrl()), VoidResponse.class).send();
    assertEquals(before, nonceOnNode(rpc.from()), "the node forgot both transactions");
    long t0 = System.nanoTime();
    TransactionReceipt r = transfer(rpc, recipient(82), 1);
    assertTrue(r.isStatusOK());
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "no wait for a nonce gap to fill");
    assertEquals(before, direct.ethGetTransactionByHash(r.getTransactionHash()).send().getTransaction().orElseThrow()
        .getNonce().longValueExact(), "the nonce was taken from the node again");
  }

  @Test
  void readRetriesAreBoundedByCountAndByTime() throws Exception {
    try (FaultProxy proxy = new FaultProxy(anvil.rpcUrl(), 0, 1, 0)) {
      Fault[] all = new Fault[200];
      java.util.Arrays.fill(all, Fault.DROP_REQUEST);
      proxy.script("eth_blockNumber", all);
      Rpc rpc = rpc(proxy.url(), Duration.ofSeconds(5));
      ChainException e = assertThrows(ChainException.class, rpc::blockNumber);
      assertEquals(TEST_POLICY.maxAttempts(), proxy.faults("eth_blockNumber"), "count bound");
      assertTrue(e.getMessage().contains("eth_blockNumber") && e.getMessage().contains("10 tries"), e.getMessage());

      RetryPolicy shortTime = new RetryPolicy(1_000, Duration.ofMillis(50), Duration.ofMillis(100),
          Duration.ofMillis(800), 3L);
      Web3j w = Web3j.build(RetryingHttpService.create(proxy.url(), shortTime, Duration.ofSeconds(1),
          Duration.ofSeconds(1)));
      long t0 = System.nanoTime();
      assertThrows(IOException.class, () -> w.ethBlockNumber().send());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 2_000, "time bound: " + ms + " ms");
      assertTrue(proxy.faults("eth_blockNumber") < 10 + 60, "far fewer than 1000 tries");
      w.shutdown();
    }
  }

  @Test
  void stateChangingRequestsAreNeverRetriedByTheTransport() throws Exception {
    try (FaultProxy proxy = new FaultProxy(anvil.rpcUrl(), 0, 1, 0)) {
      proxy.script("evm_mine", Fault.DROP_ANSWER);
      RetryingHttpService s = RetryingHttpService.create(proxy.url(), TEST_POLICY, Duration.ofSeconds(1),
          Duration.ofSeconds(2));
      long block = direct.ethBlockNumber().send().getBlockNumber().longValueExact();
      assertThrows(IOException.class, () -> new Request<>("evm_mine", List.of(), s, VoidResponse.class).send());
      assertEquals(1, proxy.forwarded("evm_mine"));
      assertEquals(block + 1, direct.ethBlockNumber().send().getBlockNumber().longValueExact(), "mined once");
      assertTrue(RetryingHttpService.idempotent("eth_getLogs"));
      assertTrue(!RetryingHttpService.idempotent("eth_sendRawTransaction") && !RetryingHttpService.idempotent("evm_mine"));
    }
  }
  @Test
  void anAlreadyKnownAnswerForOurOwnHashCountsAsSentForAnotherHashItIsRefused() throws Exception {
    Rpc rpc = rpc(anvil.rpcUrl(), Duration.ofSeconds(5));
    Credentials me = Credentials.create(anvil.privateKey(nextAccount - 1));
    long nonce = nonceOnNode(rpc.from());
    FeePolicy.Fees f = FeePolicy.defaults().fees(direct);
    byte[] ours = org.web3j.crypto.TransactionEncoder.signMessage(org.web3j.crypto.RawTransaction.createTransaction(
        anvil.chainId(), BigInteger.valueOf(nonce), BigInteger.valueOf(21_000), recipient(90), BigInteger.ONE, "0x",
        f.maxPriorityFeePerGas(), f.maxFeePerGas()), anvil.chainId(), me);
    String hex = org.web3j.utils.Numeric.toHexString(ours);
    String hash = org.web3j.utils.Numeric.toHexString(org.web3j.crypto.Hash.sha3(ours));
    assertEquals(hash, direct.ethSendRawTransaction(hex).send().getTransactionHash(), "the hash is known before sending");
    // The same bytes again, as after a lost answer: the node refuses them, and that means "sent".
    assertEquals(hash, rpc.broadcast(hex, hash, nonce, "again"));
    assertEquals(nonce + 1, minedNonce(rpc.from(), nonce + 1));
    // Another transaction with the spent nonce is refused with a message that says so.
    byte[] other = org.web3j.crypto.TransactionEncoder.signMessage(org.web3j.crypto.RawTransaction.createTransaction(
        anvil.chainId(), BigInteger.valueOf(nonce), BigInteger.valueOf(21_000), recipient(91), BigInteger.TWO, "0x",
        f.maxPriorityFeePerGas(), f.maxFeePerGas()), anvil.chainId(), me);
    ChainException e = assertThrows(ChainException.class, () -> rpc.broadcast(org.web3j.utils.Numeric.toHexString(other),
        org.web3j.utils.Numeric.toHexString(org.web3j.crypto.Hash.sha3(other)), nonce, "other"));
    assertTrue(e.getMessage().contains("another transaction"), e.getMessage());
    assertEquals(BigInteger.ZERO, balanceOnNode(recipient(91)));
  }
  @Test
  void aReceiptWaitNoticesATransactionTheNodeForgotAndTheNextSendTakesTheFreedNonce() throws Exception {
    Rpc rpc = rpc(anvil.rpcUrl(), Duration.ofSeconds(5));
    HttpService raw = new HttpService(anvil.rpcUrl());
    long before = nonceOnNode(rpc.from());
    new Request<>("evm_setAutomine", List.of(false), raw, VoidResponse.class).send();
    try {
      java.util.concurrent.CompletableFuture<TransactionReceipt> f =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> transfer(rpc, recipient(95), 5));
      while (direct.ethGetTransactionCount(rpc.from(), DefaultBlockParameterName.PENDING).send().getTransactionCount()
          .longValueExact() == before) {
        Thread.sleep(20);
      }
      new Request<>("anvil_dropAllTransactions", List.of(), raw, VoidResponse.class).send();
      long t0 = System.nanoTime();
      java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("no longer knows"), e.getCause().getMessage());
      assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(15).toNanos(), "well before the 20 s receipt timeout");
    } finally {
      new Request<>("evm_setAutomine", List.of(true), raw, VoidResponse.class).send();
    }
    TransactionReceipt r = transfer(rpc, recipient(96), 6);
    assertTrue(r.isStatusOK());
    assertEquals(before, direct.ethGetTransactionByHash(r.getTransactionHash()).send().getTransaction().orElseThrow()
        .getNonce().longValueExact(), "the dropped transaction's nonce was reused, no gap");
    assertEquals(BigInteger.ZERO, balanceOnNode(recipient(95)));
  }
}
