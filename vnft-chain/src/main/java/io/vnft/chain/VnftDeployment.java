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
   * Rollup parameters, validated here as the Rollup's constructor validates them (so a bad value
   * fails before anything is deployed, naming the field).
   *
   * @param minOperatorBondWei the stake each batch locks besides its fees, wei; at least
   *     {@code 2 * maxOpenChallenges * challengeBondWei} so that every slash burns at least half
   * @param challengeBondWei the bond a challenger posts and the reward a successful one earns, wei, &gt; 0
   * @param challengeWindowSeconds how long a batch can be challenged after commit, 1 s..365 days
   * @param responseWindowSeconds how long the operator has to answer a challenge, 60 s..365 days
   * @param maxOpenChallenges challenges open at once on one batch, 1..1024
   */
  public record Params(BigInteger minOperatorBondWei, BigInteger challengeBondWei, long challengeWindowSeconds,
      long responseWindowSeconds, int maxOpenChallenges) {
    /** Most challenges open at once on one batch unless given: {@value}. */
    public static final int DEFAULT_MAX_OPEN_CHALLENGES = 4;

    /**
     * Validates the components.
     *
     * @param minOperatorBondWei the stake each batch locks besides its fees, wei; at least
     *     {@code 2 * maxOpenChallenges * challengeBondWei} so that every slash burns at least half
     * @param challengeBondWei the bond a challenger posts and the reward a successful one earns, wei, &gt; 0
     * @param challengeWindowSeconds how long a batch can be challenged after commit, 1 s..365 days
     * @param responseWindowSeconds how long the operator has to answer a challenge, 60 s..365 days
     * @param maxOpenChallenges challenges open at once on one batch, 1..1024
     * @throws InvalidInputException naming the field and the limit it broke
     */
    public Params {
      if (challengeBondWei == null || challengeBondWei.signum() <= 0 || challengeBondWei.bitLength() > 96) {
        throw new InvalidInputException("challengeBondWei: must be in (0, 2^96), got " + challengeBondWei);
      }
      if (maxOpenChallenges < 1 || maxOpenChallenges > 1024) {
        throw new InvalidInputException("maxOpenChallenges: must be in [1, 1024], got " + maxOpenChallenges);
      }
      BigInteger least = challengeBondWei.multiply(BigInteger.valueOf(2L * maxOpenChallenges));
      if (minOperatorBondWei == null || minOperatorBondWei.compareTo(least) < 0 || minOperatorBondWei.bitLength() > 96) {
        throw new InvalidInputException("minOperatorBondWei: must be >= 2 * maxOpenChallenges * challengeBondWei = "
            + least + " and < 2^96, got " + minOperatorBondWei);
      }
      if (challengeWindowSeconds < 1 || challengeWindowSeconds > 365L * 86400) {
        throw new InvalidInputException("challengeWindowSeconds: must be in [1, 31536000], got " + challengeWindowSeconds);
      }
      if (responseWindowSeconds < 60 || responseWindowSeconds > 365L * 86400) {
        throw new InvalidInputException("responseWindowSeconds: must be in [60, 31536000], got " + responseWindowSeconds);
      }
    }

    /**
     * @param minOperatorBondWei see the record
     * @param challengeBondWei see the record
     * @param challengeWindowSeconds see the record
     * @param responseWindowSeconds see the record
     * @throws InvalidInputException naming the field and the limit it broke
     */
    public Params(BigInteger minOperatorBondWei, BigInteger challengeBondWei, long challengeWindowSeconds,
        long responseWindowSeconds) {
      this(minOperatorBondWei, challengeBondWei, challengeWindowSeconds, responseWindowSeconds,
          DEFAULT_MAX_OPEN_CHALLENGES);
    }

    /** @return 1 ether stake, 0.1 ether challenge bond, 1 hour windows, 4 open challenges per batch */
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
        new Uint256(p.responseWindowSeconds()), new Uint256(p.maxOpenChallenges()))), "Rollup").getContractAddress();
    rpc.send(book, new Function("setRollup", List.of(new org.web3j.abi.datatypes.Address(rollup)), List.of()), BigInteger.ZERO);
    rpc.send(nft, new Function("setMinter", List.of(new org.web3j.abi.datatypes.Address(rollup)), List.of()), BigInteger.ZERO);
    return new Addresses(Address.of(registry), Address.of(book), Address.of(nft), Address.of(rollup),
        r1.getBlockNumber().longValueExact());
  }
}
