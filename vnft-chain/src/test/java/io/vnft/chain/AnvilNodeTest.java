package io.vnft.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.ChainException;
import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher: start, answer, log, interval mining with confirmations, fee policies, stop. */
class AnvilNodeTest {

  @Test
  void startsOnALoopbackPortLogsAndStopsItsOwnProcess(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("anvil.log");
    AnvilNode other = AnvilNode.builder().chainId(4242).accounts(2).start();
    try (AnvilNode node = AnvilNode.builder().chainId(777).accounts(3).logFile(log).start()) {
      assertTrue(node.rpcUrl().startsWith("http://127.0.0.1:"));
      assertEquals(777, node.chainId());
      try (Web3jChainBackend b = Web3jChainBackend.builder().rpcUrl(node.rpcUrl()).privateKey(node.privateKey(2))
          .chainId(777).build()) {
        assertEquals(Address.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), b.account());
        assertEquals(new BigInteger("10000").multiply(ChainFixture.ETHER), b.balance(b.account()));
      }
      assertThrows(InvalidInputException.class, () -> node.privateKey(3));
      assertTrue(Files.size(log) > 0);
      node.close();
      assertFalse(node.isRunning());
      node.close(); // idempotent
      assertTrue(other.isRunning(), "closing one node must not stop another");
    } finally {
      other.close();
    }
  }

  @Test
  void everyDefaultKeyControlsAFundedAccountOfTheNode() {
    try (AnvilNode node = AnvilNode.builder().balanceEther(123).start()) {
      for (int i = 0; i < 10; i++) {
        try (Web3jChainBackend b = Web3jChainBackend.builder().rpcUrl(node.rpcUrl()).privateKey(node.privateKey(i))
            .build()) {
          assertEquals(BigInteger.valueOf(123).multiply(ChainFixture.ETHER), b.balance(b.account()), "account " + i);
        }
      }
    }
  }

  @Test
  void aMissingBinaryIsBackendUnavailable(@TempDir Path dir) {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> AnvilNode.builder().binary(dir.resolve("no-such-anvil")).start());
    assertTrue(e.getMessage().contains("anvil"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> AnvilNode.builder().chainId(0));
  }

  @Test
  void receiptsWaitForConfirmationsUnderIntervalMiningAndFeePoliciesApply() {
    try (AnvilNode node = AnvilNode.builder().blockTime(1).start();
        Web3jChainBackend b = Web3jChainBackend.builder().rpcUrl(node.rpcUrl()).privateKey(node.privateKey(0))
            .confirmations(2).pollInterval(50).build()) {
      VnftDeployment.Addresses a = VnftDeployment.deploy(b, VnftDeployment.Params.defaults());
      long head = b.rpc().blockNumber();
      // the deployment's last transaction had two confirmations when deploy() returned
      assertTrue(head >= a.deployBlock() + 1, head + " vs " + a.deployBlock());
      FeePolicy.Fees fees = FeePolicy.defaults().fees(b.rpc().web3j());
      assertTrue(fees.maxFeePerGas().compareTo(fees.maxPriorityFeePerGas()) >= 0);
      try (Web3jChainBackend cheap = Web3jChainBackend.builder().rpcUrl(node.rpcUrl()).privateKey(node.privateKey(1))
          .contracts(a).feePolicy(FeePolicy.fixed(BigInteger.ONE, BigInteger.ONE)).build()) {
        // max fee 1 wei is below anvil's base fee: refused by the node, typed, and the nonce resyncs
        assertThrows(ChainException.class, () -> cheap.bond(ChainFixture.ETHER));
      }
    }
  }
}
