package io.vnft.chain;

import io.vnft.api.ChainException;
import io.vnft.api.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/**
 * Chooses the EIP-1559 fees of each transaction (web3j's {@code ContractGasProvider} idea, without
 * hard-coded numbers). Implementations must be thread-safe: the backend calls them from any
 * sending thread.
 */
@FunctionalInterface
public interface FeePolicy {

  /**
   * EIP-1559 fees in wei: {@code maxFeePerGas >= maxPriorityFeePerGas >= 0}.
   *
   * @param maxFeePerGas the most paid per unit of gas, base fee included, wei
   * @param maxPriorityFeePerGas the tip per unit of gas, wei
   */
  record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    /**
     * Validates the fees.
     *
     * @param maxFeePerGas the most paid per unit of gas, base fee included, wei
     * @param maxPriorityFeePerGas the tip per unit of gas, wei
     * @throws InvalidInputException if either is null, the tip is negative or above the maximum
     */
    public Fees {
      if (maxFeePerGas == null || maxPriorityFeePerGas == null || maxPriorityFeePerGas.signum() < 0
          || maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
        throw new InvalidInputException("fees: need maxFeePerGas >= maxPriorityFeePerGas >= 0, got "
            + maxFeePerGas + " / " + maxPriorityFeePerGas);
      }
    }
  }

  /**
   * @param web3j the node the transaction goes to
   * @return the fees for the next transaction
   * @throws ChainException when the node cannot be asked
   */
  Fees fees(Web3j web3j);

  /**
   * @param maxFeePerGas wei per gas
   * @param maxPriorityFeePerGas wei per gas
   * @return a policy that always answers these fees
   */
  static FeePolicy fixed(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    Fees f = new Fees(maxFeePerGas, maxPriorityFeePerGas);
    return w -> f;
  }

  /** @return the default policy: {@link #feeHistory(int, double, BigInteger)} over 10 blocks, 50th percentile, 0.001 gwei floor */
  static FeePolicy defaults() {
    return feeHistory(10, 50.0, BigInteger.valueOf(1_000_000));
  }

  /**
   * The policy most wallets use: the priority fee is the median (over {@code blocks} recent blocks)
   * of the {@code percentile}-th percentile tip, at least {@code minPriorityFee}; the max fee is twice
   * the next block's base fee plus the tip, which survives six full blocks of base-fee growth.
   *
   * @param blocks how many recent blocks eth_feeHistory looks at, 1..1024
   * @param percentile reward percentile, 0..100
   * @param minPriorityFee floor of the tip in wei
   * @return the policy
   */
  static FeePolicy feeHistory(int blocks, double percentile, BigInteger minPriorityFee) {
    if (blocks < 1 || blocks > 1024) {
      throw new InvalidInputException("blocks: must be in [1, 1024], got " + blocks);
    }
    if (percentile < 0 || percentile > 100) {
      throw new InvalidInputException("percentile: must be in [0, 100], got " + percentile);
    }
    return web3j -> {
      EthFeeHistory h;
      try {
        h = web3j.ethFeeHistory(blocks, DefaultBlockParameterName.LATEST, List.of(percentile)).send();
      } catch (IOException e) {
        throw new ChainException("eth_feeHistory failed", e);
      }
      if (h.hasError() || h.getFeeHistory() == null) {
        throw new ChainException("eth_feeHistory failed: " + (h.hasError() ? h.getError().getMessage() : "no result"));
      }
      List<BigInteger> baseFees = h.getFeeHistory().getBaseFeePerGas();
      BigInteger nextBase = baseFees.isEmpty() ? BigInteger.ZERO : baseFees.get(baseFees.size() - 1);
      List<List<BigInteger>> rewards = h.getFeeHistory().getReward();
      BigInteger tip = minPriorityFee;
      if (rewards != null && !rewards.isEmpty()) {
        List<BigInteger> tips = rewards.stream().filter(r -> !r.isEmpty()).map(r -> r.get(0)).sorted().toList();
        if (!tips.isEmpty()) {
          tip = tip.max(tips.get(tips.size() / 2));
        }
      }
      return new Fees(nextBase.shiftLeft(1).add(tip), tip);
    };
  }
}
