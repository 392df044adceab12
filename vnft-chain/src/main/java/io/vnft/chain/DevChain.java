package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.BatchLeaf;
import io.vnft.api.Bytes32;
import io.vnft.api.ChainException;
import io.vnft.api.ContentId;
import io.vnft.chain.contracts.MockV3Aggregator;
import io.vnft.chain.contracts.VideoNFT;
import io.vnft.chain.internal.Rpc;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * Helpers for local development chains (anvil) and for reading tokens: deploy and drive a
 * Chainlink-compatible {@code MockV3Aggregator}, move the chain clock, compile and deploy a
 * generated Solidity verifier with the module's pinned solc-js, and read a token's leaf.
 *
 * <p>The clock and mock-feed helpers only make sense on a development node; the rest works on
 * any chain. Stateless; every method blocks; thread-safe as far as the backends passed in are.
 */
public final class DevChain {
  private DevChain() {}

  /**
   * A minted token's committed leaf, as {@code VideoNFT.leafOf} returns it.
   *
   * @param tokenId the token
   * @param recipient who it was minted to
   * @param leaf the leaf (trigger, round, frames root, CIDs)
   */
  public record TokenLeaf(BigInteger tokenId, Address recipient, BatchLeaf leaf) {}

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

  /**
   * Compiles a Solidity source (e.g. a verifier exported by vnft-zk) with the module's pinned
   * solc-js and deploys the named contract.
   *
   * @param deployer the deploying account
   * @param source the Solidity source
   * @param contractName the contract to deploy from it
   * @param workDir a directory for the source and compiler output
   * @return the contract's address
   * @throws BackendUnavailableException if node or the module's solc-js cannot be found
   * @throws ChainException if compilation or deployment fails
   */
  public static Address compileAndDeploy(Web3jChainBackend deployer, String source, String contractName,
      Path workDir) {
    Path module = moduleDir();
    try {
      Path src = Files.createDirectories(workDir.resolve("src"));
      Path out = Files.createDirectories(workDir.resolve("out"));
      Files.writeString(src.resolve(contractName + ".sol"), source, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder("node", module.resolve("scripts/compile-contracts.js").toString(),
          src.toString(), out.toString()).redirectErrorStream(true)
          .redirectOutput(workDir.resolve("solc.log").toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new ChainException("solc failed for " + contractName + ": "
            + Files.readString(workDir.resolve("solc.log")).strip());
      }
      String bin = Files.readString(out.resolve(contractName + ".bin")).trim();
      return Address.of(deployer.rpc().deploy(bin, "", contractName).getContractAddress());
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot run node to compile " + contractName, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException("interrupted while compiling " + contractName, e);
    }
  }

  /**
   * Reads a minted token's leaf from {@code VideoNFT.leafOf}.
   *
   * @param backend a backend with the deployment's addresses
   * @param tokenId the token
   * @return the leaf
   * @throws ChainException if the token does not exist
   */
  public static TokenLeaf tokenLeaf(Web3jChainBackend backend, BigInteger tokenId) {
    Rpc rpc = backend.rpc();
    Function f = new Function("leafOf", List.of(new Uint256(tokenId)),
        List.of(new TypeReference<VideoNFT.Record>() {}));
    List<Type> out = rpc.call(backend.contracts().videoNft().hex(), f);
    if (out.isEmpty()) {
      throw new ChainException("token " + tokenId + " does not exist");
    }
    VideoNFT.Record r = (VideoNFT.Record) out.get(0);
    BatchLeaf leaf = new BatchLeaf(r.triggerId, r.roundId, Bytes32.of(r.framesRoot),
        ContentId.of(r.contentCodec.intValue(), r.contentDigest),
        ContentId.of(r.metadataCodec.intValue(), r.metadataDigest));
    return new TokenLeaf(tokenId, Address.of(r.recipient), leaf);
  }

  /**
   * @return the vnft-chain module directory (holding scripts/ and node_modules/): the system
   *     property {@code vnft.chain.moduleDir}, else {@code vnft-chain} in the working directory or
   *     one of its parents
   */
  static Path moduleDir() {
    List<Path> tried = new ArrayList<>();
    Optional<String> configured = Optional.ofNullable(System.getProperty("vnft.chain.moduleDir"));
    if (configured.isPresent()) {
      return Path.of(configured.get());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path c : List.of(dir, dir.resolve("vnft-chain"))) {
        if (Files.isRegularFile(c.resolve("scripts/compile-contracts.js"))) {
          return c;
        }
        tried.add(c);
      }
    }
    throw new BackendUnavailableException("vnft-chain module (scripts/compile-contracts.js) not found; set "
        + "-Dvnft.chain.moduleDir; looked in " + tried.subList(0, Math.min(4, tried.size())));
  }
}
