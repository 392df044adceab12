package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.ChainException;
import io.vnft.chain.contracts.MockV3Aggregator;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * Helpers for local development chains (anvil): deploy and drive a Chainlink-compatible
 * {@code MockV3Aggregator} and move the chain clock. A minted token is read with
 * {@link Web3jChainBackend#token}; a model's verifier is deployed from the jar with
 * {@link PixelVerifierContract#deploy}. Stateless; every method blocks; thread-safe as far as the
 * backends passed in are.
 */
public final class DevChain {
  private DevChain() {}

  /**
   * Deploys a {@code MockV3Aggregator}.
   *
   * @param owner the deploying account
   * @param decimals the feed's decimals (Chainlink ETH/USD uses 8)
   * @param description e.g. {@code "ETH / USD"}
   * @param initialAnswer the first answer (round 1), in the feed's decimals
   * @return the feed's address
   */
  public static Address deployMockFeed(Web3jChainBackend owner, int decimals, String description,
      BigInteger initialAnswer) {
    String addr = owner.rpc().deploy(MockV3Aggregator.BINARY, FunctionEncoder.encodeConstructor(List.of(
        new Uint8(decimals), new Utf8String(description), new Int256(initialAnswer))), "MockV3Aggregator")
        .getContractAddress();
    return Address.of(addr);
  }

  /**
   * Starts a new round on a mock feed with {@code answer} at the current chain time.
   *
   * @param owner any account (the mock is open)
   * @param feed the mock feed
   * @param answer the answer in the feed's decimals
   */
  public static void reportPrice(Web3jChainBackend owner, Address feed, BigInteger answer) {
    owner.rpc().send(feed.hex(), new Function("updateAnswer", List.of(new Int256(answer)), List.of()),
        BigInteger.ZERO);
  }

  /**
   * Moves a development node's clock forward and mines a block ({@code evm_increaseTime} +
   * {@code evm_mine}, as anvil and hardhat implement them).
   *
   * @param rpcUrl the node
   * @param seconds how far, > 0
   */
  public static void increaseTime(String rpcUrl, long seconds) {
    HttpService http = new HttpService(rpcUrl);
    try {
      new Request<>("evm_increaseTime", List.of(seconds), http, VoidResponse.class).send();
      new Request<>("evm_mine", List.of(), http, VoidResponse.class).send();
    } catch (IOException e) {
      throw new ChainException("cannot move the clock of " + rpcUrl + " (is it a development node?)", e);
    }
  }

  /**
   * @param backend any backend
   * @return the latest block's timestamp, epoch seconds
   */
  public static long chainTime(Web3jChainBackend backend) {
    return backend.rpc().latestTimestamp();
  }
}
