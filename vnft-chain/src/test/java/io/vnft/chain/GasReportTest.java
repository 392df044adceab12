package io.vnft.chain;

import static io.vnft.chain.ChainFixture.ETHER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vnft.api.Address;
import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchReceipt;
import io.vnft.api.Direction;
import io.vnft.api.MintReceipt;
import io.vnft.chain.contracts.MockV3Aggregator;
import io.vnft.chain.contracts.ModelRegistry;
import io.vnft.chain.contracts.Rollup;
import io.vnft.chain.contracts.TriggerBook;
import io.vnft.chain.contracts.VideoNFT;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Prints the gas table (deployment, commitBatch per leaf and finalize per token for 1, 10 and 100
 * leaves with distinct recipients and with one recipient). Figures are measured from receipts on
 * anvil and printed, not asserted (performance is never asserted in tests); the test only checks
 * that every batch minted what it should.
 */
class GasReportTest {

  @Test
  void printGasTable() {
    try (ChainFixture f = new ChainFixture(new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), 60, 60))) {
      Map<String, Long> rows = new LinkedHashMap<>();
      org.web3j.abi.datatypes.Address zero = new org.web3j.abi.datatypes.Address("0x" + "00".repeat(19) + "01");
      rows.put("deploy ModelRegistry", f.rpc().deploy(ModelRegistry.BINARY, "", "r").getGasUsed().longValueExact());
      rows.put("deploy TriggerBook", f.rpc().deploy(TriggerBook.BINARY, FunctionEncoder.encodeConstructor(List.of(zero)), "t")
          .getGasUsed().longValueExact());
      rows.put("deploy VideoNFT", f.rpc().deploy(VideoNFT.BINARY, FunctionEncoder.encodeConstructor(List.of(zero)), "v")
          .getGasUsed().longValueExact());
      rows.put("deploy Rollup", f.rpc().deploy(Rollup.BINARY, FunctionEncoder.encodeConstructor(List.of(zero, zero, zero,
          new Uint256(2), new Uint256(1), new Uint256(1), new Uint256(60), new Uint256(1))), "ro").getGasUsed().longValueExact());
      rows.put("deploy MockV3Aggregator", f.rpc().deploy(MockV3Aggregator.BINARY, FunctionEncoder.encodeConstructor(
          List.of(new Uint8(8), new Utf8String("ETH / USD"), new Int256(BigInteger.ONE))), "m").getGasUsed().longValueExact());

      Address feed = f.newFeed(3000, 86_400);
      StringBuilder table = new StringBuilder("\n| what | gas total | gas per leaf/token |\n|---|---:|---:|\n");
      rows.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" | |\n"));
      for (boolean distinct : new boolean[] {true, false}) {
        for (int n : new int[] {1, 10, 100}) {
          List<BigInteger> ids = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            Address to = distinct ? Address.of(String.format("0x%040x", 0x1000_0000L + (distinct ? n * 1000L : 0) + i))
                : f.recipient;
            ids.add(f.trigger(feed, Direction.ABOVE, 3500, "gas " + distinct + " " + n + " " + i, ChainFixture.MODEL, to));
          }
          f.report(feed, 3600);
          BigInteger round = f.owner.feed(feed).latestRound().roundId();
          List<BatchLeaf> leaves = new ArrayList<>();
          for (BigInteger id : ids) {
            leaves.add(f.leaf(id, round));
          }
          f.txs.clear();
          BatchReceipt b = f.owner.commitBatch(leaves);
          long reserveGas = f.txs.get(f.txs.size() - 2).gasUsed();
          long commitGas = f.txs.get(f.txs.size() - 1).gasUsed();
          assertEquals(n, b.committedTriggers().size());
          long challengeGas = 0;
          long respondGas = 0;
          if (distinct) {
            // one challenge on the last leaf, answered (ConstantVerifier: the Groth16 check itself is the
            // build-time verifier's 223 245 gas, measured in Groth16OnChainTest, on top of this row)
            f.txs.clear();
            io.vnft.api.PixelChallenge c = f.challenger.challenge(b.batchId(), n - 1, 5);
            challengeGas = f.txs.get(f.txs.size() - 1).gasUsed();
            f.txs.clear();
            f.owner.respond(c, new io.vnft.api.ProofEnvelope("groth16-bn254", ChainFixture.MODEL,
                f.owner.publicInputs(c.challengeId()), new byte[256]));
            respondGas = f.txs.get(f.txs.size() - 1).gasUsed();
          }
          f.increaseTime(61);
          f.txs.clear();
          List<MintReceipt> minted = f.owner.finalizeBatch(b.batchId());
          long finalizeGas = f.txs.get(f.txs.size() - 1).gasUsed();
          assertEquals(n, minted.size());
          String who = distinct ? "distinct recipients" : "one recipient";
          table.append("| reserve, ").append(n).append(" leaves (").append(who).append(") | ").append(reserveGas)
              .append(" | ").append(reserveGas / n).append(" |\n");
          table.append("| commitBatch, ").append(n).append(" leaves (").append(who).append(") | ").append(commitGas)
              .append(" | ").append(commitGas / n).append(" |\n");
          table.append("| finalize, ").append(n).append(" tokens (").append(who).append(") | ").append(finalizeGas)
              .append(" | ").append(finalizeGas / n).append(" |\n");
          table.append("| end to end per token (reserve + commit + finalize), batch ").append(n).append(" (")
              .append(who).append(") | ").append(reserveGas + commitGas + finalizeGas).append(" | ")
              .append((reserveGas + commitGas + finalizeGas) / n).append(" |\n");
          if (distinct) {
            table.append("| challenge, batch of ").append(n).append(" | ").append(challengeGas).append(" | |\n");
            table.append("| respond (ConstantVerifier), batch of ").append(n).append(" | ").append(respondGas)
                .append(" | |\n");
          }
          f.report(feed, 3000); // back below: the next triggers need a fresh first crossing
        }
      }
      System.out.println("vnft gas table (anvil, solc 0.8.28, optimizer 200 runs):" + table);
    }
  }
}
