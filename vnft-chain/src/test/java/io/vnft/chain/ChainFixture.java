package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.BatchLeaf;
import io.vnft.api.Bytes32;
import io.vnft.api.ContentId;
import io.vnft.api.Direction;
import io.vnft.chain.contracts.MockV3Aggregator;
import io.vnft.chain.internal.Rpc;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;

/** One anvil + one deployment shared by a test class; helpers for feeds, triggers, leaves and time. */
final class ChainFixture implements AutoCloseable {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger E8 = BigInteger.TEN.pow(8);
  static final String MODEL = "cppn-test";
  static final String MODEL_REJECTING = "cppn-rejecting";
  /** The format both test models are registered with: 4x4 pixels, 2 frames, 1 fps (32 pixels). */
  static final io.vnft.api.VideoFormat FORMAT = new io.vnft.api.VideoFormat(4, 4, 2, 1);
  /** The conditioning {@link #trigger} stores: 7. */
  static final Bytes32 CONDITIONING = Bytes32.fromBigInteger(BigInteger.valueOf(7));

  final AnvilNode anvil;
  final Web3jChainBackend owner; // deployer, registry/book owner, operator
  final Web3jChainBackend user; // creates triggers
  final Web3jChainBackend challenger;
  final VnftDeployment.Addresses addresses;
  final Address recipient;
  final List<Web3jChainBackend.TxInfo> txs = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger cidCounter = new AtomicInteger();

  ChainFixture(VnftDeployment.Params params) {
    anvil = AnvilNode.builder().accounts(10).start();
    Web3jChainBackend deployer = backend(0, null);
    addresses = VnftDeployment.deploy(deployer, params);
    deployer.close();
    owner = backend(0, addresses);
    user = backend(1, addresses);
    challenger = backend(2, addresses);
    recipient = backend(3, null).address();
    Address accept = deployTestContract("ConstantVerifier", List.of(new org.web3j.abi.datatypes.Bool(true)));
    Address reject = deployTestContract("ConstantVerifier", List.of(new org.web3j.abi.datatypes.Bool(false)));
    owner.registerModel(MODEL, Bytes32.keccak256("weights".getBytes(StandardCharsets.UTF_8)), accept, FORMAT, 32,
        "ipfs://model");
    owner.registerModel(MODEL_REJECTING, Bytes32.keccak256("w2".getBytes(StandardCharsets.UTF_8)), reject, FORMAT, 32,
        "");
    owner.bond(ETHER.multiply(BigInteger.valueOf(20)));
  }

  Web3jChainBackend backend(int account, VnftDeployment.Addresses a) {
    return Web3jChainBackend.builder().rpcUrl(anvil.rpcUrl()).privateKey(anvil.privateKey(account))
        .chainId(anvil.chainId()).contracts(a).pollInterval(10).listener(txs::add).build();
  }

  Rpc rpc() {
    return owner.rpc();
  }

  /** Deploys a MockV3Aggregator (8 decimals) with an initial answer, configured in TriggerBook with the heartbeat. */
  Address newFeed(long initialAnswerE8, long heartbeat) {
    String addr = rpc().deploy(MockV3Aggregator.BINARY, FunctionEncoder.encodeConstructor(List.of(new Uint8(8),
        new Utf8String("ETH / USD"), new Int256(BigInteger.valueOf(initialAnswerE8).multiply(E8)))), "feed")
        .getContractAddress();
    Address feed = Address.of(addr);
    owner.configureFeed(feed, heartbeat);
    return feed;
  }

  void report(Address feed, long answerE8) {
    rpc().send(feed.hex(), new Function("updateAnswer", List.of(new Int256(BigInteger.valueOf(answerE8).multiply(E8))),
        List.of()), BigInteger.ZERO);
  }

  void reportAt(Address feed, BigInteger roundId, long answerE8, long updatedAt) {
    reportAt(feed, roundId, answerE8, updatedAt, updatedAt);
  }

  /** A round with its own startedAt: a report that took {@code updatedAt - startedAt} seconds. */
  void reportAt(Address feed, BigInteger roundId, long answerE8, long updatedAt, long startedAt) {
    rpc().send(feed.hex(), new Function("updateRoundData", List.of(new Uint80(roundId),
        new Int256(BigInteger.valueOf(answerE8).multiply(E8)), new Uint256(updatedAt), new Uint256(startedAt)),
        List.of()), BigInteger.ZERO);
  }

  BigInteger trigger(Address feed, Direction d, long thresholdE8, String prompt) {
    return trigger(feed, d, thresholdE8, prompt, MODEL, recipient);
  }

  BigInteger trigger(Address feed, Direction d, long thresholdE8, String prompt, String model, Address to) {
    return user.createTrigger(feed, d, BigInteger.valueOf(thresholdE8).multiply(E8), prompt, CONDITIONING, model, to,
        ETHER.divide(BigInteger.valueOf(100)));
  }

  /** A leaf with a fresh frames root (< r) and fresh CIDs. */
  BatchLeaf leaf(BigInteger triggerId, BigInteger roundId) {
    int n = cidCounter.incrementAndGet();
    byte[] root = Bytes32.keccak256(("frames" + n).getBytes(StandardCharsets.UTF_8)).bytes();
    root[0] &= 0x0f; // < r
    ContentId content = ContentId.compute(("video " + n).getBytes(StandardCharsets.UTF_8));
    ContentId frames = ContentId.compute(("raw frames " + n).getBytes(StandardCharsets.UTF_8));
    return new BatchLeaf(triggerId, roundId, Bytes32.of(root), content, frames);
  }

  void increaseTime(long seconds) {
    new Request<>("evm_increaseTime", List.of(seconds), new org.web3j.protocol.http.HttpService(anvil.rpcUrl()),
        VoidResponse.class).sendAsync().join();
    new Request<>("evm_mine", List.of(), new org.web3j.protocol.http.HttpService(anvil.rpcUrl()), VoidResponse.class)
        .sendAsync().join();
  }

  Address deployTestContract(String name, List<Type> ctorArgs) {
    Path dir = Path.of(System.getProperty("vnft.chain.testContracts", "target/test-contracts"));
    try {
      String bin = Files.readString(dir.resolve(name + ".bin")).trim();
      return Address.of(rpc().deploy(bin, FunctionEncoder.encodeConstructor(ctorArgs), name).getContractAddress());
    } catch (IOException e) {
      throw new IllegalStateException("test contract " + name + " not compiled in " + dir, e);
    }
  }

  @Override
  public void close() {
    owner.close();
    user.close();
    challenger.close();
    anvil.close();
  }
}
