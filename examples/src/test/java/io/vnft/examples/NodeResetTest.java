package io.vnft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.Bytes32;
import io.vnft.api.CommittedBatch;
import io.vnft.api.Direction;
import io.vnft.api.MintReceipt;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.RoleListener;
import io.vnft.api.roles.TokenVerifier;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.VnftDeployment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSubscribe;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * Issue 13's node reset, end to end on anvil: the node is restored to a snapshot taken before any
 * trigger (same chain id, same genesis, same Rollup address, so the journal's binding cannot tell),
 * and other triggers are created under the same ids. The operator's journal says the old trigger
 * 1 was finalized; the operator must neither trust that (the new trigger 1 would never be minted)
 * nor reuse the old video (wrong content, slashable): it mints the new trigger with its own video.
 */
class NodeResetTest {
  static final VideoFormat FORMAT = new VideoFormat(8, 8, 2, 8);
  static final BigInteger ETHER = BigInteger.TEN.pow(18);

  @TempDir Path dir;

  @Test
  void afterANodeResetTheJournalIsNotTrustedAndTheNewTriggerIsMintedWithItsOwnVideo() throws Exception {
    VnftDeployment.Params params = SmallNetworks.PARAMS;
    try (DevNetwork net = SmallNetworks.start(dir, FORMAT)) {
      HttpService http = new HttpService(net.node().rpcUrl());
      String snapshot = new Request<>("evm_snapshot", List.of(), http, EthSubscribe.class).send().getResult();
      Vnft user = net.client(5);
      Address me = user.chain().account();
      Operator operator = Operator.builder().vnft(net.client(DevNetwork.FIRST_OPERATOR))
          .journal(dir.resolve("journal.txt")).maxWaitSeconds(0).listener(RoleListener.NONE).build();

      BigInteger old = user.createTrigger(net.feed(), Direction.ABOVE, new BigDecimal(4000), "before the reset",
          me, ETHER.divide(BigInteger.valueOf(100))).join();
      net.reportPrice(new BigDecimal(4100));
      assertEquals(1, operator.tick().committed().size());
      net.increaseTime(params.challengeWindowSeconds() + 1);
      assertEquals(1, operator.tick().minted().size());
      Bytes32 oldRoot = committedRoots(user).get(0);

      new Request<>("evm_revert", List.of(snapshot), http, VoidResponse.class).send();
      BigInteger again = user.createTrigger(net.feed(), Direction.BELOW, new BigDecimal(3000), "after the reset",
          me, ETHER.divide(BigInteger.valueOf(100))).join();
      assertEquals(old, again, "the same id, another trigger");
      net.reportPrice(new BigDecimal(2900));

      Operator.TickReport r = operator.tick();
      assertEquals(1, r.committed().size(), "the new trigger is committed, not skipped as already finalized");
      assertEquals(1, r.prepared(), "its video is generated anew, not taken from the journal");
      Trigger now = user.chain().trigger(again);
      Bytes32 expected = user.regenerate(now, committedRound(user)).join().framesRoot();
      assertEquals(List.of(expected), committedRoots(user));
      assertNotEquals(oldRoot, expected);
      net.increaseTime(params.challengeWindowSeconds() + 1);
      List<MintReceipt> minted = operator.tick().minted();
      assertEquals(1, minted.size());
      TokenVerifier.Report report = TokenVerifier.of(user).verify(minted.get(0).tokenId());
      assertTrue(report.verified(), report.checks().toString());
    }
  }

  private static List<Bytes32> committedRoots(Vnft v) {
    List<Bytes32> roots = new ArrayList<>();
    for (CommittedBatch b : v.chain().batches()) {
      b.leaves().forEach(l -> roots.add(l.framesRoot()));
    }
    return roots;
  }

  private static BigInteger committedRound(Vnft v) {
    return v.chain().batches().get(0).leaves().get(0).roundId();
  }
}
