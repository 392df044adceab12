package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.InvalidInputException;
import io.vnft.api.ModelInfo;
import io.vnft.api.PixelProofSystem;
import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.chain.store.LocalContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A local development network in one call: an anvil node on a free loopback port, the four
 * contracts, a Chainlink-compatible mock ETH/USD feed (8 decimals, heartbeat 3600 s), and the
 * client's model (its generator's {@link io.vnft.api.VideoGenerator#model()}) registered with the
 * build-time Groth16 verifier holding its verifying key, at the client's format and with the
 * model's conditioning bits — no Node.js or solc at run time, only the jars (and anvil, found or
 * installed as {@link AnvilNode} says). More models can be registered with {@link #registerModel}.
 * Files (content store, anvil's log) go under the directory given.
 *
 * <pre>{@code
 * Vnft.Builder base = Vnft.builder().proofSystem(proofs);   // model, commitments, encoder: discovered
 * try (DevNetwork net = DevNetwork.start(base, dir)) {
 *   Vnft alice = net.client(5);                              // signs as anvil account 5
 *   ...
 * }
 * }</pre>
 *
 * <p>Accounts are anvil's default ones ({@link AnvilNode#privateKey(int)}): 0 deploys and owns the
 * contracts; accounts {@value #FIRST_OPERATOR}..{@value #LAST_OPERATOR} are bonded as operators
 * with {@value #OPERATOR_BOND_STAKES} times {@link VnftDeployment.Params#minOperatorBondWei()} each at
 * start (each pending batch locks one such stake plus its fees). Development only: anvil's
 * keys are public. Thread-safe; {@link #close()} stops the node and every backend it made.
 */
public final class DevNetwork implements AutoCloseable {
  /** The first account bonded as an operator at start. */
  public static final int FIRST_OPERATOR = 1;
  /** How many per-batch stakes each operator bonds at start: batches it may have pending at once. */
  public static final int OPERATOR_BOND_STAKES = 4;
  /** The last account bonded as an operator at start. */
  public static final int LAST_OPERATOR = 2;
  /** Decimals of the mock feed's answers (as Chainlink's ETH/USD). */
  public static final int FEED_DECIMALS = 8;
  /** Heartbeat of the mock feed configured in TriggerBook, seconds. */
  public static final long FEED_HEARTBEAT_SECONDS = 3600;

  private final AnvilNode anvil;
  private final Vnft.Builder base;
  private final VnftDeployment.Params params;
  private final VnftDeployment.Addresses contracts;
  private final Address feed;
  private final Map<String, Address> verifiers = new LinkedHashMap<>(); // guarded by itself
  private final String firstModel;
  private final LocalContentStore store;
  private final Web3jChainBackend owner;
  private final List<Web3jChainBackend> opened = new ArrayList<>();

  private DevNetwork(AnvilNode anvil, Vnft.Builder base, VnftDeployment.Params params, Path dir,
      BigDecimal initialPrice) {
    this.anvil = anvil;
    this.params = params;
    Web3jChainBackend deployer = backend(0, null);
    this.contracts = VnftDeployment.deploy(deployer, params);
    deployer.close();
    this.owner = backend(0, contracts);
    opened.add(owner);
    this.feed = DevChain.deployMockFeed(owner, FEED_DECIMALS, "ETH / USD", units(initialPrice));
    owner.configureFeed(feed, FEED_HEARTBEAT_SECONDS);
    this.store = new LocalContentStore(dir.resolve("ipfs"));
    // Discovery once (chain and store are set, so only model, commitments, encoder, proofs are looked
    // up): every client of the network shares these backends.
    Vnft probe = base.copy().chain(owner).contentStore(store).build();
    this.base = probe.toBuilder().discover(false);
    ModelInfo model = probe.generator().model();
    this.firstModel = model.modelId();
    registerModel(model, probe.format(), probe.proofSystem());
    for (int i = FIRST_OPERATOR; i <= LAST_OPERATOR; i++) {
      try (Web3jChainBackend op = backend(i, contracts)) {
        op.bond(params.minOperatorBondWei().multiply(BigInteger.valueOf(OPERATOR_BOND_STAKES)));
      }
    }
  }

  /**
   * Starts a network with {@link VnftDeployment.Params#defaults()} windows shortened to 600 s
   * (challenge) and 300 s (response), and the feed at 3 800.
   *
   * @param base a client builder holding at least a generator and a pixel proof system (explicit
   *     or discovered); chain and content store are set by {@link #client(int)}
   * @param dir where the content store and anvil's log go (created if missing)
   * @return the running network
   * @throws BackendUnavailableException if anvil cannot be found or installed, or the builder has
   *     no generator or proof system
   */
  public static DevNetwork start(Vnft.Builder base, Path dir) {
    BigInteger ether = BigInteger.TEN.pow(18);
    return start(base, dir, new VnftDeployment.Params(ether, ether.divide(BigInteger.TEN), 600, 300),
        new BigDecimal(3800));
  }

  /**
   * @param base a client builder holding at least a generator and a pixel proof system
   * @param dir where the content store and anvil's log go (created if missing)
   * @param params the Rollup parameters
   * @param initialPrice the feed's first answer, in units (round 1)
   * @return the running network
   * @throws BackendUnavailableException if anvil cannot be found or installed, or the builder has
   *     no generator or proof system
   */
  public static DevNetwork start(Vnft.Builder base, Path dir, VnftDeployment.Params params,
      BigDecimal initialPrice) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(initialPrice, "initialPrice");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("dir: cannot create " + dir, e);
    }
    AnvilNode anvil = AnvilNode.builder().accounts(10).logFile(dir.resolve("anvil.log")).start();
    try {
      return new DevNetwork(anvil, base.copy(), params, dir, initialPrice);
    } catch (RuntimeException | Error e) {
      anvil.close();
      throw e;
    }
  }

  /**
   * A client signing as one of anvil's default accounts, over this network's chain and content
   * store, with everything else from the base builder.
   *
   * @param account 0..9
   * @return the client (its backend is closed with the network)
   */
  public Vnft client(int account) {
    Web3jChainBackend chain = backend(account, contracts);
    synchronized (opened) {
      opened.add(chain);
    }
    return base.copy().chain(chain).contentStore(store).build();
  }

  /**
   * Reports a new price on the mock feed (a new round at the chain's current time).
   *
   * @param price the answer in units, at most {@value #FEED_DECIMALS} decimals
   */
  public void reportPrice(BigDecimal price) {
    DevChain.reportPrice(owner, feed, units(price));
  }

  /**
   * Moves the chain's clock forward and mines a block.
   *
   * @param seconds how far, &gt; 0
   */
  public void increaseTime(long seconds) {
    if (seconds <= 0) {
      throw new InvalidInputException("seconds: must be > 0, got " + seconds);
    }
    DevChain.increaseTime(anvil.rpcUrl(), seconds);
  }

  /** @return the mock ETH/USD feed */
  public Address feed() {
    return feed;
  }

  /** @return the Rollup parameters (bonds in wei, windows in seconds) */
  public VnftDeployment.Params params() {
    return params;
  }

  /** @return the deployed contracts */
  public VnftDeployment.Addresses contracts() {
    return contracts;
  }

  /**
   * Registers another model in the ModelRegistry: deploys a build-time Groth16 verifier holding
   * {@code proofs}' verifying key and registers the model with it, at {@code format}, with the
   * model's {@link ModelInfo#conditioningBits()} and weights hash. The network's clients then
   * accept triggers of that model (created with a client whose generator's default model it is, or
   * with {@link io.vnft.api.ChainBackend#createTrigger}); an operator answering challenges on its
   * tokens needs a client with this proof system.
   *
   * @param model the model, e.g. {@code BuiltInModels.modelInfo("vnft-gan-1")}
   * @param format the shape its tokens are generated at
   * @param proofs the model's pixel proof system for {@code format}
   * @return the verifier's address
   * @throws InvalidInputException if a model of that id is registered on this network already
   */
  public Address registerModel(ModelInfo model, VideoFormat format, PixelProofSystem proofs) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(proofs, "proofs");
    synchronized (verifiers) {
      if (verifiers.containsKey(model.modelId())) {
        throw new InvalidInputException("model: " + model.modelId() + " is registered on this network already");
      }
      Address v = PixelVerifierContract.deploy(owner, proofs.verifyingKeyWords());
      owner.registerModel(model.modelId(), model.weightsHash(), v, format, model.conditioningBits(),
          "vnft:" + model.modelId());
      verifiers.put(model.modelId(), v);
      return v;
    }
  }

  /** @return the build-time Groth16 verifier registered at start for the client's model */
  public Address verifier() {
    return verifier(firstModel);
  }

  /**
   * @param modelId a model registered on this network
   * @return its build-time Groth16 verifier
   * @throws InvalidInputException if this network registered no such model
   */
  public Address verifier(String modelId) {
    synchronized (verifiers) {
      Address v = verifiers.get(modelId);
      if (v == null) {
        throw new InvalidInputException("modelId: " + modelId + " is not registered on this network; registered: "
            + String.join(", ", verifiers.keySet()));
      }
      return v;
    }
  }

  /** @return the node */
  public AnvilNode node() {
    return anvil;
  }

  /** @return the content store every client of this network uses */
  public LocalContentStore store() {
    return store;
  }

  /** @return a backend signing as account 0, the contracts' owner (not closed by the caller) */
  public Web3jChainBackend owner() {
    return owner;
  }

  @Override
  public void close() {
    synchronized (opened) {
      opened.forEach(Web3jChainBackend::close);
      opened.clear();
    }
    anvil.close();
  }

  private static BigInteger units(BigDecimal price) {
    try {
      BigInteger v = price.movePointRight(FEED_DECIMALS).toBigIntegerExact();
      if (v.signum() <= 0) {
        throw new InvalidInputException("price: must be > 0, got " + price);
      }
      return v;
    } catch (ArithmeticException e) {
      throw new InvalidInputException("price: " + price + " has more than " + FEED_DECIMALS + " decimals", e);
    }
  }

  private Web3jChainBackend backend(int account, VnftDeployment.Addresses c) {
    Web3jChainBackend.Builder b = Web3jChainBackend.builder().rpcUrl(anvil.rpcUrl())
        .privateKey(anvil.privateKey(account)).chainId(anvil.chainId()).pollInterval(20);
    if (c != null) {
      b.contracts(c);
    }
    return b.build();
  }
}
