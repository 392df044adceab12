package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.InvalidInputException;
import io.vnft.chain.contracts.ModelRegistry;
import io.vnft.chain.contracts.Rollup;
import io.vnft.chain.contracts.TriggerBook;
import io.vnft.chain.contracts.VideoNFT;
import io.vnft.chain.internal.Rpc;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Deploys the vnft contracts (ModelRegistry, TriggerBook, VideoNFT, Rollup) and wires them
 * (TriggerBook.setRollup, VideoNFT.setMinter). The deploying key owns all of them. Stateless and
 * thread-safe; each call deploys a fresh set.
 */
public final class VnftDeployment {
  private VnftDeployment() {}

  /**
   * Rollup parameters.
   *
   * @param minOperatorBondWei the bond an operator needs to commit, wei
   * @param challengeBondWei the bond a challenger posts, wei
   * @param challengeWindowSeconds how long a batch can be challenged after commit, seconds
   * @param responseWindowSeconds how long the operator has to answer a challenge, seconds
   */
  public record Params(BigInteger minOperatorBondWei, BigInteger challengeBondWei, long challengeWindowSeconds,
      long responseWindowSeconds) {
    /**
     * Validates the parameters.
     *
     * @param minOperatorBondWei the bond an operator needs to commit, wei (above 0)
     * @param challengeBondWei the bond a challenger posts, wei (above 0)
     * @param challengeWindowSeconds how long a batch can be challenged after commit, seconds (at least 1)
     * @param responseWindowSeconds how long the operator has to answer a challenge, seconds (at least 1)
     * @throws InvalidInputException if a bond is null or not positive, or a window is under 1 s
     */
    public Params {
      if (minOperatorBondWei == null || minOperatorBondWei.signum() <= 0) {
        throw new InvalidInputException("minOperatorBondWei: must be > 0");
      }
      if (challengeBondWei == null || challengeBondWei.signum() <= 0) {
        throw new InvalidInputException("challengeBondWei: must be > 0");
      }
      if (challengeWindowSeconds < 1 || responseWindowSeconds < 1) {
        throw new InvalidInputException("challengeWindowSeconds/responseWindowSeconds: must be >= 1 s");
      }
    }

    /** @return 1 ether operator bond, 0.1 ether challenge bond, 1 hour windows */
    public static Params defaults() {
      BigInteger ether = BigInteger.TEN.pow(18);
      return new Params(ether, ether.divide(BigInteger.TEN), 3600, 3600);
    }
  }

  /**
   * The deployed contract addresses.
   *
   * @param registry ModelRegistry
   * @param triggerBook TriggerBook
   * @param videoNft VideoNFT
   * @param rollup Rollup
   * @param deployBlock the block of the first deployment (where event scans may start)
   */
  public record Addresses(Address registry, Address triggerBook, Address videoNft, Address rollup, long deployBlock) {}

  /**
   * Deploys and wires the four contracts with the backend's key.
   *
   * @param backend a backend whose key pays and owns the deployment (its own contract addresses are ignored)
   * @param params the Rollup parameters
   * @return the addresses
   * @throws io.vnft.api.ChainException when a deployment or wiring transaction fails
   */
  public static Addresses deploy(Web3jChainBackend backend, Params params) {
    return deploy(backend.rpc(), params);
  }

  static Addresses deploy(Rpc rpc, Params p) {
    var r1 = rpc.deploy(ModelRegistry.BINARY, "", "ModelRegistry");
    String registry = r1.getContractAddress();
    String book = rpc.deploy(TriggerBook.BINARY,
        FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.Address(registry))), "TriggerBook")
        .getContractAddress();
    String nft = rpc.deploy(VideoNFT.BINARY,
        FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.Address(book))), "VideoNFT")
        .getContractAddress();
    String rollup = rpc.deploy(Rollup.BINARY, FunctionEncoder.encodeConstructor(List.of(
        new org.web3j.abi.datatypes.Address(book), new org.web3j.abi.datatypes.Address(registry),
        new org.web3j.abi.datatypes.Address(nft), new Uint256(p.minOperatorBondWei()),
        new Uint256(p.challengeBondWei()), new Uint256(p.challengeWindowSeconds()),
        new Uint256(p.responseWindowSeconds()))), "Rollup").getContractAddress();
    rpc.send(book, new Function("setRollup", List.of(new org.web3j.abi.datatypes.Address(rollup)), List.of()), BigInteger.ZERO);
    rpc.send(nft, new Function("setMinter", List.of(new org.web3j.abi.datatypes.Address(rollup)), List.of()), BigInteger.ZERO);
    return new Addresses(Address.of(registry), Address.of(book), Address.of(nft), Address.of(rollup),
        r1.getBlockNumber().longValueExact());
  }
}
