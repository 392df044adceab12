package io.vnft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Direction;
import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.RoleListener;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.testing.FaultProxy;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.encode.Mp4Encoder;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's idle pass costs the same JSON-RPC requests, counted at the HTTP level by a loopback
 * proxy (FaultProxy at 0 % faults), whether its history holds 10 triggers (5 minted, 5 open that
 * never cross) or 100 (50 and 50): the pass reads the event index incrementally and each feed once,
 * never once per trigger, batch or token. {@code benchmarks/operator-idle-rpc.sh} measures the same
 * with 1000.
 */
class OperatorIdlePassTest {
  @TempDir Path dir;

  @Test
  void anIdlePassCostsTheSameRequestsWithTenOrAHundredTriggersInTheHistory() throws Exception {
    VideoFormat format = new VideoFormat(16, 16, 2, 2);
    ProvingKey pk = Groth16.setup(Groth16PixelProofSystem.circuitFor(format).r1cs(), new SecureRandom());
    try (DjlVideoGenerator model = new DjlVideoGenerator(DevicePreference.CPU);
        DevNetwork net = DevNetwork.start(Vnft.builder().discover(false).generator(model)
            .commitments(new PoseidonCommitmentScheme()).encoder(new Mp4Encoder())
            .proofSystem(new Groth16PixelProofSystem(format, pk)).format(format), dir);
        FaultProxy proxy = new FaultProxy(net.node().rpcUrl(), 0.0, 1, 0);
        Web3jChainBackend chain = Web3jChainBackend.builder().rpcUrl(proxy.url())
            .privateKey(net.node().privateKey(DevNetwork.FIRST_OPERATOR)).chainId(net.node().chainId())
            .contracts(net.contracts()).pollInterval(20).build()) {
      Vnft vnft = net.client(DevNetwork.FIRST_OPERATOR).toBuilder().chain(chain).build();
      Operator operator = Operator.builder().vnft(vnft).journal(dir.resolve("journal.txt")).maxBatch(100)
          .maxWaitSeconds(0).listener(RoleListener.NONE).build();
      List<Vnft> users = List.of(net.client(5), net.client(6));

      long small = growHistory(net, proxy, users, operator, 0, 5, 4100);
      long large = growHistory(net, proxy, users, operator, 5, 45, 4300);
      System.out.printf("idle operator pass: %d requests with 10 triggers in the history, %d with 100%n", small, large);
      assertTrue(small > 0, "the pass reads the chain");
      assertEquals(small, large, "requests of an idle pass, 10 vs 100 triggers in the history");
    }
  }

  /**
   * Adds {@code n} triggers that cross at a new round of {@code price} (the operator mints them) and
   * {@code n} that never cross, then counts the requests of one idle pass through {@code proxy}.
   */
  private static long growHistory(DevNetwork net, FaultProxy proxy, List<Vnft> users, Operator operator, int from, int n,
      long price) {
    BigInteger fee = BigInteger.TEN.pow(16);
    // Two users in parallel (one backend each, so one nonce sequence each): history builds twice as fast.
    IntStream.range(0, 2).parallel().forEach(u -> {
      Vnft user = users.get(u);
      for (int i = from; i < from + n; i++) {
        BigDecimal threshold = u == 0 ? BigDecimal.valueOf(price - 50) : new BigDecimal(1_000_000);
        user.createTrigger(net.feed(), Direction.ABOVE, threshold, (u == 0 ? "crosses " : "never crosses ") + i,
            user.chain().account(), fee).join();
      }
    });
    net.reportPrice(BigDecimal.valueOf(price));
    assertEquals(1, operator.tick().committed().size(), "one batch of the new firings");
    net.increaseTime(net.params().challengeWindowSeconds() + 1);
    assertEquals(n, operator.tick().minted().size(), "the batch finalized");
    operator.tick(); // idle from here on: everything seen once
    int before = proxy.requests();
    Operator.TickReport idle = operator.tick();
    assertEquals(0, idle.prepared() + idle.committed().size() + idle.minted().size(), "an idle pass");
    return proxy.requests() - before;
  }
}
