package io.vnft.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.Direction;
import io.vnft.api.Trigger;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * The backend's event index on a real anvil: an idle pass costs the same few requests whatever
 * the history, and a node reset (an earlier snapshot restored, then other triggers created with
 * the same ids) is detected and read again instead of trusted.
 */
class ChainIndexTest {

  /** Requests one idle pass of the three protocol reads makes (openTriggers, batches, openChallenges). */
  private static long idlePass(Web3jChainBackend b) {
    long before = b.indexRequests();
    b.openTriggers();
    b.batches();
    b.openChallenges();
    return b.indexRequests() - before;
  }

  @Test
  void anIdlePassCostsTheSameWithTenOrTwoHundredTriggersInTheHistory() {
    try (ChainFixture f = new ChainFixture(VnftDeployment.Params.defaults())) {
      Address feed = f.newFeed(3000, 3600);
      for (int i = 0; i < 10; i++) {
        f.trigger(feed, Direction.ABOVE, 5000, "history " + i);
      }
      Web3jChainBackend reader = f.backend(5, f.addresses);
      assertEquals(10, reader.openTriggers().size());
      long small = idlePass(reader);
      for (int i = 10; i < 200; i++) {
        f.trigger(feed, Direction.ABOVE, 5000, "history " + i);
      }
      assertEquals(200, reader.openTriggers().size());
      long large = idlePass(reader);
      assertEquals(small, large, "idle requests with 10 vs 200 triggers");
      assertEquals(6, large, "three reads, each: eth_blockNumber + the last block's hash");
      System.out.printf("event index: %d requests per idle pass with 10 triggers, %d with 200%n", small, large);
      reader.close();
    }
  }

  @Test
  void aNodeThatLostTheDeploymentFailsEveryReadWithOneClearLine() throws Exception {
    try (ChainFixture f = new ChainFixture(VnftDeployment.Params.defaults())) {
      Address feed = f.newFeed(3000, 3600);
      f.trigger(feed, Direction.ABOVE, 5000, "before the restart");
      Web3jChainBackend reader = f.backend(5, f.addresses);
      assertEquals(1, reader.openTriggers().size());
      new Request<>("anvil_reset", List.of(), new HttpService(f.anvil.rpcUrl()), VoidResponse.class).send();
      for (int i = 0; i < 3; i++) {
        new Request<>("evm_mine", List.of(), new HttpService(f.anvil.rpcUrl()), VoidResponse.class).send();
      }
      io.vnft.api.ChainException e = org.junit.jupiter.api.Assertions.assertThrows(io.vnft.api.ChainException.class,
          reader::openTriggers);
      assertTrue(e.getMessage().contains("has no Rollup at"), e.getMessage());
      reader.close();
    }
  }

  @Test
  void aNodeResetToAnEarlierSnapshotIsDetectedAndReadAgain() throws Exception {
    try (ChainFixture f = new ChainFixture(VnftDeployment.Params.defaults())) {
      Address feed = f.newFeed(3000, 3600);
      HttpService http = new HttpService(f.anvil.rpcUrl());
      String snapshot = new Request<>("evm_snapshot", List.of(), http,
          org.web3j.protocol.core.methods.response.EthSubscribe.class).send().getResult();
      BigInteger first = f.trigger(feed, Direction.ABOVE, 5000, "before the reset");
      Web3jChainBackend reader = f.backend(5, f.addresses);
      assertEquals(List.of("before the reset"), reader.openTriggers().stream().map(Trigger::prompt).toList());
      new Request<>("evm_revert", List.of(snapshot), http, VoidResponse.class).send();
      f.owner.rpc().resyncNonce();
      f.user.rpc().resyncNonce();
      BigInteger again = f.trigger(feed, Direction.BELOW, 2000, "after the reset");
      f.trigger(feed, Direction.BELOW, 2000, "and one more");
      assertEquals(first, again, "the same trigger id, another trigger");
      List<Trigger> open = reader.openTriggers();
      assertEquals(List.of("after the reset", "and one more"), open.stream().map(Trigger::prompt).toList());
      assertEquals(Direction.BELOW, reader.trigger(again).direction());
      assertTrue(reader.batches().isEmpty());
      reader.close();
    }
  }
}
