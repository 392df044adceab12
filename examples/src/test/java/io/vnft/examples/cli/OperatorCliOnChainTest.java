package io.vnft.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.CommittedBatch;
import io.vnft.api.Direction;
import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.Keystores;
import io.vnft.chain.testing.FaultProxy;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.encode.Mp4Encoder;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.iden3.ZkeyFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vnft operator --once} on a real anvil, with a keystore, through a fault proxy that breaks
 * 12 % of the requests: the first pass commits three firings in one batch, a second commits nothing
 * more, a third (after the challenge window) finalizes; the chain, read directly, holds exactly one
 * batch of three leaves and three tokens owned by their recipient.
 */
class OperatorCliOnChainTest {
  @TempDir Path dir;

  @Test
  void operatorOnceCommitsExactlyOneBatchThroughTwelvePercentFaults() throws Exception {
    VideoFormat format = new VideoFormat(32, 32, 8, 8);
    ProvingKey pk = Groth16.setup(Groth16PixelProofSystem.circuitFor(format).r1cs(), new SecureRandom());
    ZkeyFile.write(pk, dir.resolve("pixel.zkey"));
    try (DjlVideoGenerator model = new DjlVideoGenerator(DevicePreference.CPU);
        DevNetwork net = DevNetwork.start(Vnft.builder().discover(false).generator(model)
            .commitments(new PoseidonCommitmentScheme()).encoder(new Mp4Encoder())
            .proofSystem(new Groth16PixelProofSystem(format, pk)).format(format), dir);
        FaultProxy proxy = new FaultProxy(net.node().rpcUrl(), 0.12, 42, 1_000)) {
      new DeploymentFile(proxy.url(), net.node().chainId(), net.contracts(), format, "pixel.zkey")
          .write(dir.resolve("deployment.properties"));
      Vnft alice = net.client(5);
      for (String prompt : List.of("ocean waves at dawn", "a fire dance", "city lights in rain")) {
        alice.createTrigger(net.feed(), Direction.ABOVE, new BigDecimal("4000"), prompt, alice.chain().account(),
            BigInteger.TEN.pow(16)).join();
      }
      net.reportPrice(new BigDecimal("4120.50"));
      Path ks = dir.resolve("operator.json");
      Keystores.write(ks, net.node().privateKey(DevNetwork.FIRST_OPERATOR), "pw", true);
      Files.writeString(dir.resolve("pw"), "pw\n");
      String[] args = {"operator", "--once", "--keystore", ks.toString(), "--password-file", dir.resolve("pw").toString(),
          "--deployment", dir.resolve("deployment.properties").toString(), "--max-wait", "0", "--device", "cpu"};

      CliTest.Run first = CliTest.run(args);
      assertEquals(0, first.status(), first.out() + first.err());
      assertTrue(first.out().contains("summary: operator") && first.out().contains("batches committed 1"), first.out());
      CliTest.Run second = CliTest.run(args);
      assertEquals(0, second.status(), second.out() + second.err());
      assertTrue(second.out().contains("batches committed 0"), second.out());
      net.increaseTime(net.params().challengeWindowSeconds() + 1); // nobody challenged
      CliTest.Run third = CliTest.run(args);
      assertEquals(0, third.status(), third.out() + third.err());
      assertTrue(third.out().contains("tokens minted 3"), third.out());

      List<CommittedBatch> batches = net.owner().batches(); // read directly, not through the proxy
      assertEquals(1, batches.size(), "exactly one batch: " + batches);
      assertEquals(3, batches.get(0).leaves().size());
      for (long token = 1; token <= 3; token++) {
        assertEquals(alice.chain().account(), net.owner().ownerOf(BigInteger.valueOf(token)), "token " + token);
      }
      assertTrue(Files.exists(dir.resolve("journal-" + batches.get(0).operator().hex() + ".txt")),
          "the journal lives beside the deployment file");
      // The standalone verify passes every check, the rendition's re-encoding included (it once had no encoder).
      CliTest.Run verify = CliTest.run("verify", "--token", "2", "--deployment",
          dir.resolve("deployment.properties").toString(), "--device", "cpu");
      assertEquals(0, verify.status(), verify.out() + verify.err());
      assertTrue(verify.out().contains("token 2: VERIFIED") && !verify.out().contains("FAIL"), verify.out());
      System.out.printf("operator --once through the fault proxy: %d requests, %d faults (%s)%n%s%s%s",
          proxy.requests(), proxy.faultCount(), proxy.faults(), first.out(), second.out(), third.out());
      assertTrue(proxy.faultCount() >= proxy.requests() * 0.10, "12 % of the requests met a fault");
    }
  }
}
