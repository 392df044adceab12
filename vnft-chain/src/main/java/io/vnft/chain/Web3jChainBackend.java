package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchReceipt;
import io.vnft.api.BatchStatus;
import io.vnft.api.CommittedBatch;
import io.vnft.api.ChainBackend;
import io.vnft.api.ChainException;
import io.vnft.api.ContentId;
import io.vnft.api.Deployment;
import io.vnft.api.Direction;
import io.vnft.api.FiringRule;
import io.vnft.api.InvalidInputException;
import io.vnft.api.MintReceipt;
import io.vnft.api.PixelChallenge;
import io.vnft.api.PriceFeed;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.SkippedLeaf;
import io.vnft.api.TokenRecord;
import io.vnft.api.Trigger;
import io.vnft.chain.contracts.Rollup;
import io.vnft.chain.contracts.TriggerBook;
import io.vnft.chain.contracts.VideoNFT;
import io.vnft.chain.internal.RevertDecoder;
import io.vnft.chain.internal.Rpc;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.StaticArray6;
import org.web3j.abi.datatypes.generated.StaticArray8;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The vnft chain backend on any EVM JSON-RPC node (anvil, a testnet, mainnet) through web3j:
 * triggers, price feeds, batch commits, challenges, proofs and finalization against the deployed
 * vnft contracts, plus the operator and user actions the SPI does not cover (creating and
 * cancelling triggers, bonding, timeouts, withdrawals, model and feed registration).
 *
 * <p>Transactions are EIP-1559, fees from a {@link FeePolicy}; gas is estimated first, so a
 * transaction that would revert fails with its decoded reason before it is signed; nonces come from
 * one nonce manager per backend (safe under concurrent sends, re-read from the node after a failed
 * send); receipts are awaited with {@link Builder#confirmations(int)} confirmations. Every failure
 * is a {@link ChainException} (with {@link ChainException#revertReason()} for reverts: the custom
 * error's name and arguments, or the {@code Error(string)} text), an {@link InvalidInputException}
 * for bad arguments, or a {@link BackendUnavailableException} when the node cannot be reached at
 * build time. Event scans ({@link #triggersCreated(long, long)}) read logs in block chunks and can
 * resume from a saved block.
 *
 * <p>Thread-safe. Close it to release the HTTP client.
 */
public final class Web3jChainBackend implements ChainBackend, AutoCloseable {
  /** The BN254 scalar field order r (EIP-196/197). */
  static final BigInteger R = new BigInteger(
      "21888242871839275222246405745257275088548364400416034343698204186575808495617");

  /** Record of one mined transaction, for listeners (gas accounting, logs). */
  public record TxInfo(String what, String txHash, long blockNumber, long gasUsed) {}

  /** A trigger's on-chain lifecycle state. */
  public enum TriggerStatus {
    /** No trigger has this id. */
    NONE,
    /** Waiting to fire; the creator may cancel it. */
    OPEN,
    /** Fired into a batch (reopens if that batch is reverted). */
    TAKEN,
    /** Cancelled by its creator; the fee was made withdrawable. */
    CANCELLED
  }

  /**
   * One page of an event scan.
   *
   * @param items the decoded events in block order
   * @param nextFromBlock the block to resume from (save it; pass it to the next scan)
   */
  public record EventPage<T>(List<T> items, long nextFromBlock) {}

  private static final java.security.SecureRandom SALTS = new java.security.SecureRandom();

  private final Web3j web3j;
  private final Rpc rpc;
  private final VnftDeployment.Addresses contracts;
  private final long logChunk;
  private final Consumer<TxInfo> listener;
  private final Map<io.vnft.api.Bytes32, String> modelNames = new ConcurrentHashMap<>();
  private final Map<String, io.vnft.api.VideoFormat> modelFormats = new ConcurrentHashMap<>();
  private final Object scanLock = new Object();
  private volatile Deployment deployment;
  private final long triggerScanFrom;
  private final int readDepth;
  private ChainIndex index;

  private Web3jChainBackend(Builder b, Web3j web3j, Rpc rpc) {
    this.web3j = web3j;
    this.rpc = rpc;
    this.contracts = b.contracts;
    this.logChunk = b.logChunk;
    this.listener = b.listener;
    this.triggerScanFrom = b.fromBlock >= 0 ? b.fromBlock : contracts == null ? 0 : contracts.deployBlock();
    this.readDepth = b.readDepth;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  Rpc rpc() {
    return rpc;
  }

  /** @return the signer's address */
  public Address address() {
    return Address.of(rpc.from());
  }

  /** @return the contract addresses this backend talks to */
  public VnftDeployment.Addresses contracts() {
    return requireContracts();
  }

  /**
   * @param contracts other contract addresses
   * @return a backend using {@code contracts} with the same node connection, key, nonce manager and
   *     policies; it shares the connection, so close only one of the two
   */
  public Web3jChainBackend withContracts(VnftDeployment.Addresses contracts) {
    Builder b = new Builder();
    b.contracts = contracts;
    b.logChunk = logChunk;
    b.listener = listener;
    b.readDepth = readDepth;
    return new Web3jChainBackend(b, web3j, rpc);
  }

  private VnftDeployment.Addresses requireContracts() {
    if (contracts == null) {
      throw new InvalidInputException("contracts: this backend was built without contract addresses");
    }
    return contracts;
  }

  private String book() {
    return requireContracts().triggerBook().hex();
  }

  private String rollupAddr() {
    return requireContracts().rollup().hex();
  }

  private String nft() {
    return requireContracts().videoNft().hex();
  }

  private TransactionReceipt send(String to, Function f, BigInteger value) {
    TransactionReceipt r = rpc.send(to, f, value);
    if (listener != null) {
      listener.accept(new TxInfo(f.getName(), r.getTransactionHash(), r.getBlockNumber().longValueExact(),
          r.getGasUsed().longValueExact()));
    }
    return r;
  }

  private static Function fn(String name, List<Type> in, List<TypeReference<?>> out) {
    return new Function(name, in, out);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private <T> T call1(String to, String name, List<Type> in, TypeReference<?> out) {
    List<Type> r = rpc.call(to, fn(name, in, List.of(out)));
    return (T) r.get(0).getValue();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private <T> T callStruct(String to, String name, List<Type> in, TypeReference<?> out) {
    List<Type> r = rpc.call(to, fn(name, in, List.of(out)));
    return (T) r.get(0);
  }

  // ------------------------------------------------------------------ admin and user actions

  /**
   * Registers a model with its format and the width of its conditioning (owner of the registry only).
   *
   * @param conditioningBits how many low bits a trigger's conditioning may use, 1..253 (the registry
   *     refuses a trigger whose conditioning is wider)
   * @param name the model's name; its id is keccak256 of its UTF-8 bytes
   * @param weightsHash the hash of the model's weights
   * @param verifier the Groth16 verifier contract for the model's pixel circuit
   * @param format the video shape the model produces
   * @param metadataUri where the model's description lives
   * @return the on-chain model id, keccak256(UTF-8 name)
   */
  public io.vnft.api.Bytes32 registerModel(String name, io.vnft.api.Bytes32 weightsHash, Address verifier,
      io.vnft.api.VideoFormat format, int conditioningBits, String metadataUri) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    if (conditioningBits < 1 || conditioningBits > 253) {
      throw new InvalidInputException("conditioningBits: must be in [1, 253], got " + conditioningBits);
    }
    send(requireContracts().registry().hex(), fn("registerModel", List.of(new Utf8String(name),
        new Bytes32(weightsHash.bytes()), new org.web3j.abi.datatypes.Address(verifier.hex()),
        new Uint32(format.width()), new Uint32(format.height()), new Uint32(format.frames()), new Uint32(format.fps()),
        new Uint16(conditioningBits), new Utf8String(metadataUri)), List.of()), BigInteger.ZERO);
    io.vnft.api.Bytes32 id = io.vnft.api.Bytes32.keccak256(name.getBytes(StandardCharsets.UTF_8));
    modelNames.put(id, name);
    return id;
  }

  /**
   * Accepts a price feed with its heartbeat and no sequencer-uptime feed (TriggerBook owner only).
   *
   * @param feed the feed (a Chainlink proxy or aggregator)
   * @param heartbeatSeconds the longest a fresh report may take after its round started, in [1, 2^32)
   */
  public void configureFeed(Address feed, long heartbeatSeconds) {
    configureFeed(feed, heartbeatSeconds, null, 0);
  }

  /**
   * Accepts a price feed (TriggerBook owner only).
   *
   * @param feed the feed (a Chainlink proxy or aggregator)
   * @param heartbeatSeconds the longest a fresh report may take after its round started, in [1, 2^32)
   * @param sequencer an L2 sequencer-uptime feed (Chainlink's pattern: answer 0 = up), or null for none
   * @param gracePeriodSeconds how long the sequencer must have been up before firing, in [0, 2^32)
   */
  public void configureFeed(Address feed, long heartbeatSeconds, Address sequencer, long gracePeriodSeconds) {
    if (heartbeatSeconds < 1 || heartbeatSeconds > 0xffff_ffffL) {
      throw new InvalidInputException("heartbeatSeconds: must be in [1, 2^32), got " + heartbeatSeconds);
    }
    if (gracePeriodSeconds < 0 || gracePeriodSeconds > 0xffff_ffffL) {
      throw new InvalidInputException("gracePeriodSeconds: must be in [0, 2^32), got " + gracePeriodSeconds);
    }
    String seq = sequencer == null ? "0x0000000000000000000000000000000000000000" : sequencer.hex();
    send(book(), fn("configureFeed", List.of(new org.web3j.abi.datatypes.Address(feed.hex()),
        new Uint32(heartbeatSeconds), new org.web3j.abi.datatypes.Address(seq), new Uint32(gracePeriodSeconds)),
        List.of()), BigInteger.ZERO);
  }

  @Override
  public BigInteger createTrigger(io.vnft.api.TriggerOrder o) {
    return createTrigger(o.feed(), o.direction(), o.threshold(), o.prompt(), o.conditioning(), o.modelId(),
        o.recipient(), o.feeWei());
  }

  /**
   * Creates a trigger paying {@code feeWei} into escrow.
   *
   * @param feed the Chainlink-compatible feed (configured in TriggerBook)
   * @param direction which way the price must cross
   * @param threshold the threshold in the feed's decimals, &gt; 0
   * @param prompt the prompt; its keccak256 goes on chain, the text in an event
   * @param conditioning the model's conditioning (model-defined)
   * @param modelName the registered model's name
   * @param recipient who receives the token
   * @param feeWei the fee escrowed for the operator, in wei, sent as the transaction's value
   * @return the new trigger id
   */
  public BigInteger createTrigger(Address feed, Direction direction, BigInteger threshold, String prompt,
      io.vnft.api.Bytes32 conditioning, String modelName, Address recipient, BigInteger feeWei) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(conditioning, "conditioning");
    byte[] promptHash = io.vnft.api.Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8)).bytes();
    byte[] modelId = io.vnft.api.Bytes32.keccak256(modelName.getBytes(StandardCharsets.UTF_8)).bytes();
    TransactionReceipt r = send(book(), fn("createTrigger", List.of(new org.web3j.abi.datatypes.Address(feed.hex()),
        new Uint8(direction == Direction.ABOVE ? 0 : 1), new Int256(threshold), new Bytes32(promptHash),
        new Bytes32(conditioning.bytes()), new Bytes32(modelId), new org.web3j.abi.datatypes.Address(recipient.hex()),
        new Utf8String(prompt)), List.of()), feeWei);
    Log log = findLog(r, book(), TriggerBook.TRIGGERCREATED_EVENT);
    return Numeric.toBigInt(log.getTopics().get(1));
  }

  /**
   * Cancels an open trigger created by this backend's key; the fee becomes withdrawable.
   *
   * @param triggerId the trigger
   */
  public void cancelTrigger(BigInteger triggerId) {
    send(book(), fn("cancel", List.of(new Uint256(triggerId)), List.of()), BigInteger.ZERO);
  }

  /** Proves rounds up to {@code toRound} non-crossing for a trigger (see TriggerBook.advanceCheckpoint). */
  @Override
  public void advanceCheckpoint(BigInteger triggerId, BigInteger toRound) {
    send(book(), fn("advanceCheckpoint", List.of(new Uint256(triggerId), new Uint80(toRound)), List.of()),
        BigInteger.ZERO);
  }

  /** Withdraws what TriggerBook credits this key (refunds, operator fees). */
  public void withdrawFromTriggerBook() {
    send(book(), fn("withdraw", List.of(), List.of()), BigInteger.ZERO);
  }

  /** Withdraws what Rollup credits this key (challenge bonds, slash shares, released bonds). */
  public void withdrawFromRollup() {
    send(rollupAddr(), fn("withdraw", List.of(), List.of()), BigInteger.ZERO);
  }

  /**
   * @param account the account to look up
   * @return wei withdrawable from TriggerBook and Rollup by {@code account}
   */
  public BigInteger pendingWithdrawal(Address account) {
    BigInteger a = call1(book(), "pendingWithdrawal", List.of(new org.web3j.abi.datatypes.Address(account.hex())),
        new TypeReference<Uint256>() {});
    BigInteger b = call1(rollupAddr(), "pendingWithdrawal",
        List.of(new org.web3j.abi.datatypes.Address(account.hex())), new TypeReference<Uint256>() {});
    return a.add(b);
  }

  /** Adds {@code wei} to this key's operator bond. */
  @Override
  public void bond(BigInteger wei) {
    send(rollupAddr(), fn("bond", List.of(), List.of()), wei);
  }

  /**
   * Reverts a pending batch of a slashed operator (anyone may call it): its triggers reopen, its
   * stake is slashed, its open challenges can then be settled at once.
   *
   * @param batchId the pending batch
   */
  public void revertSlashed(BigInteger batchId) {
    send(rollupAddr(), fn("revertSlashed", List.of(new Uint256(batchId)), List.of()), BigInteger.ZERO);
  }

  /**
   * An operator's account in the Rollup.
   *
   * @param bondWei its bond, wei
   * @param lockedWei the part of the bond its pending batches lock as stakes, wei
   * @param pendingBatches its batches neither finalized nor reverted
   * @param slashed whether it was ever slashed (then it can never commit or finalize again)
   * @param openChallenges challenges open on any of its batches; while one is, none of its batches finalizes
   */
  public record OperatorAccount(BigInteger bondWei, BigInteger lockedWei, long pendingBatches, boolean slashed,
      long openChallenges) {}

  /**
   * @param account the operator's address
   * @return {@code account}'s operator record in the Rollup
   */
  public OperatorAccount operatorAccount(Address account) {
    List<Type> v = rpc.call(rollupAddr(), fn("operators", List.of(new org.web3j.abi.datatypes.Address(account.hex())),
        List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint128>() {},
            new TypeReference<org.web3j.abi.datatypes.generated.Uint128>() {}, new TypeReference<Uint32>() {},
            new TypeReference<Bool>() {}, new TypeReference<Uint32>() {})));
    return new OperatorAccount((BigInteger) v.get(0).getValue(), (BigInteger) v.get(1).getValue(),
        ((BigInteger) v.get(2).getValue()).longValueExact(), (Boolean) v.get(3).getValue(),
        ((BigInteger) v.get(4).getValue()).longValueExact());
  }

  /** @return wei the Rollup has burned (slashed stakes less challengers' rewards); no function moves it */
  public BigInteger burnedWei() {
    return call1(rollupAddr(), "burned", List.of(), new TypeReference<Uint256>() {});
  }

  /**
   * @param batchId the batch
   * @return the stake batch {@code batchId} locks (minOperatorBond + its fees), wei
   */
  public BigInteger stakeOf(BigInteger batchId) {
    return call1(rollupAddr(), "stakeOf", List.of(new Uint256(batchId)), new TypeReference<Uint256>() {});
  }

  /**
   * ERC-7007 {@code addAigcData} for a minted token (emits {@code AigcData} and {@code MetadataUpdate}
   * once per token; a second call reverts {@code AigcDataAlreadyAdded}).
   *
   * @param tokenId the minted token
   * @param prompt the token's prompt
   * @param framesRoot the Poseidon Merkle root of the token's raw frames
   */
  public void addAigcData(BigInteger tokenId, String prompt, io.vnft.api.Bytes32 framesRoot) {
    send(nft(), fn("addAigcData", List.of(new Uint256(tokenId), new DynamicBytes(prompt.getBytes(StandardCharsets.UTF_8)),
        new DynamicBytes(framesRoot.bytes()), new DynamicBytes(Numeric.toBytesPadded(tokenId, 32))), List.of()),
        BigInteger.ZERO);
  }

  /**
   * Settles a challenge left unanswered past its response window (anyone may call it).
   *
   * @param challengeId the challenge
   */
  public void timeout(BigInteger challengeId) {
    send(rollupAddr(), fn("timeout", List.of(new Uint256(challengeId)), List.of()), BigInteger.ZERO);
  }

  /**
   * @param account the account
   * @return the ether balance of {@code account} in wei
   */
  public BigInteger balance(Address account) {
    return Rpc.request(() -> web3j.ethGetBalance(account.hex(),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send(), "eth_getBalance").getBalance();
  }

  // ------------------------------------------------------------------ reads

  /**
   * @param triggerId the trigger
   * @return the trigger's on-chain state
   */
  public TriggerStatus triggerStatus(BigInteger triggerId) {
    TriggerBook.Trigger t = rawTrigger(triggerId);
    return TriggerStatus.values()[t.status.intValue()];
  }

  private TriggerBook.Trigger rawTrigger(BigInteger triggerId) {
    return callStruct(book(), "getTrigger", List.of(new Uint256(triggerId)), new TypeReference<TriggerBook.Trigger>() {});
  }

  /**
   * Reads a trigger (its prompt comes from its TriggerPrompt event).
   *
   * @throws ChainException with reason UnknownTrigger for an id never created
   */
  @Override
  public Trigger trigger(BigInteger triggerId) {
    synchronized (scanLock) {
      if (index != null) {
        index.sync(); // two requests: the index may be stale (a node reset makes ids mean other triggers)
        Optional<Trigger> seen = index.trigger(triggerId);
        if (seen.isPresent()) {
          return seen.get();
        }
      }
    }
    TriggerBook.Trigger t = rawTrigger(triggerId);
    String prompt = promptOf(triggerId);
    return toTrigger(triggerId, t, prompt);
  }

  private String promptOf(BigInteger triggerId) {
    Event ev = TriggerBook.TRIGGERPROMPT_EVENT;
    org.web3j.protocol.core.methods.request.EthFilter filter = new org.web3j.protocol.core.methods.request.EthFilter(
        org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(requireContracts().deployBlock())),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST, book());
    filter.addSingleTopic(EventEncoder.encode(ev));
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(triggerId, 64));
    var r = Rpc.request(() -> web3j.ethGetLogs(filter).send(), "eth_getLogs TriggerPrompt");
    if (r.hasError() || r.getLogs().isEmpty()) {
      throw new ChainException("no TriggerPrompt event for trigger " + triggerId);
    }
    Log log = (Log) r.getLogs().get(0).get();
    return (String) FunctionReturnDecoder.decode(log.getData(), ev.getNonIndexedParameters()).get(0).getValue();
  }

  private Trigger toTrigger(BigInteger id, TriggerBook.Trigger t, String prompt) {
    io.vnft.api.Bytes32 modelId = io.vnft.api.Bytes32.of(t.modelId);
    return new Trigger(id, Address.of(t.feed), t.direction.intValue() == 0 ? Direction.ABOVE : Direction.BELOW,
        t.threshold, io.vnft.api.Bytes32.of(t.promptHash), prompt, io.vnft.api.Bytes32.of(t.conditioning),
        modelName(modelId),
        Address.of(t.recipient), t.fee, t.startRound);
  }

  /**
   * @param modelId the model's on-chain id
   * @return the model's registered name for its on-chain id
   */
  public String modelName(io.vnft.api.Bytes32 modelId) {
    return modelNames.computeIfAbsent(modelId, id -> rawModel(id).name);
  }

  private io.vnft.chain.contracts.ModelRegistry.Model rawModel(io.vnft.api.Bytes32 modelId) {
    io.vnft.chain.contracts.ModelRegistry.Model m = callStruct(requireContracts().registry().hex(), "getModel",
        List.of(new Bytes32(modelId.bytes())), new TypeReference<io.vnft.chain.contracts.ModelRegistry.Model>() {});
    if (m.verifier == null || m.verifier.equals("0x0000000000000000000000000000000000000000")) {
      throw new ChainException("model " + modelId + " is not registered in ModelRegistry");
    }
    return m;
  }

  @Override
  public io.vnft.api.VideoFormat modelFormat(String modelId) {
    Objects.requireNonNull(modelId, "modelId");
    return modelFormats.computeIfAbsent(modelId, name -> {
      io.vnft.chain.contracts.ModelRegistry.Model m =
          rawModel(io.vnft.api.Bytes32.keccak256(name.getBytes(StandardCharsets.UTF_8)));
      return new io.vnft.api.VideoFormat(m.width.intValueExact(), m.height.intValueExact(), m.frames.intValueExact(),
          m.fps.intValueExact());
    });
  }

  /**
   * @param modelId a registered model's name
   * @return how many low bits its conditioning may use ({@code ModelRegistry})
   */
  public int conditioningBits(String modelId) {
    return rawModel(io.vnft.api.Bytes32.keccak256(modelId.getBytes(StandardCharsets.UTF_8))).conditioningBits
        .intValueExact();
  }

  /**
   * Scans TriggerCreated/TriggerPrompt events in [fromBlock, toBlock] (in chunks); resume with
   * {@link EventPage#nextFromBlock()}.
   *
   * @param fromBlock the first block to scan, &gt;= 0
   * @param toBlock the last block to scan (inclusive); fromBlock - 1 gives an empty page
   * @return the triggers created in that range and the block to resume from
   */
  public EventPage<Trigger> triggersCreated(long fromBlock, long toBlock) {
    if (fromBlock < 0 || toBlock < fromBlock - 1) {
      throw new InvalidInputException("fromBlock/toBlock: need 0 <= fromBlock <= toBlock + 1, got " + fromBlock + ".." + toBlock);
    }
    List<Log> created = rpc.logs(book(), EventEncoder.encode(TriggerBook.TRIGGERCREATED_EVENT), fromBlock, toBlock, logChunk);
    List<Log> prompts = rpc.logs(book(), EventEncoder.encode(TriggerBook.TRIGGERPROMPT_EVENT), fromBlock, toBlock, logChunk);
    Map<BigInteger, String> promptById = new TreeMap<>();
    for (Log l : prompts) {
      promptById.put(Numeric.toBigInt(l.getTopics().get(1)), (String) FunctionReturnDecoder
          .decode(l.getData(), TriggerBook.TRIGGERPROMPT_EVENT.getNonIndexedParameters()).get(0).getValue());
    }
    List<Trigger> out = new ArrayList<>();
    for (Log l : created) {
      BigInteger id = Numeric.toBigInt(l.getTopics().get(1));
      ChainIndex.decodeTrigger(id, l, promptById.get(id), this::modelName).ifPresent(out::add);
    }
    return new EventPage<>(out, toBlock + 1);
  }

  @Override
  public List<Trigger> openTriggers() {
    synchronized (scanLock) {
      ChainIndex ix = index();
      ix.sync();
      return ix.openTriggers();
    }
  }

  private ChainIndex index() {
    if (index == null) {
      index = new ChainIndex(rpc, book(), rollupAddr(), triggerScanFrom, logChunk, readDepth, this::modelName);
    }
    return index;
  }

  /** @return node requests the event index has made so far (constant per idle pass; for measurements) */
  public long indexRequests() {
    synchronized (scanLock) {
      return index == null ? 0 : index.requests();
    }
  }

  @Override
  public PriceFeed feed(Address feed) {
    Objects.requireNonNull(feed, "feed");
    BigInteger hb = call1(book(), "heartbeatOf", List.of(new org.web3j.abi.datatypes.Address(feed.hex())),
        new TypeReference<Uint32>() {});
    if (hb.signum() == 0) {
      throw new ChainException("feed " + feed + " is not configured in TriggerBook (no heartbeat)");
    }
    return new ChainlinkPriceFeed(rpc, feed, hb.longValueExact());
  }

  // ------------------------------------------------------------------ batches

  @Override
  public BatchReceipt commitBatch(List<BatchLeaf> leaves) {
    byte[] salt = new byte[32];
    SALTS.nextBytes(salt);
    reserve(leaves, salt);
    // The receipt of reserve means it is mined, so this commit lands in a later block.
    return commitReserved(leaves, salt);
  }

  /** First half of {@link #commitBatch}: {@code Rollup.reserve(commitmentOf(me, salt, leaves))}. */
  void reserve(List<BatchLeaf> leaves, byte[] salt) {
    send(rollupAddr(), fn("reserve", List.of(new Bytes32(commitment(rpc.from(), salt, leafStructs(leaves)))),
        List.of()), BigInteger.ZERO);
  }

  /** Second half of {@link #commitBatch}: {@code Rollup.commitBatch(leaves, salt)}, decoding what happened. */
  BatchReceipt commitReserved(List<BatchLeaf> leaves, byte[] salt) {
    TransactionReceipt r = send(rollupAddr(), fn("commitBatch",
        List.of(new DynamicArray<>(Rollup.Leaf.class, leafStructs(leaves)), new Bytes32(salt)), List.of()),
        BigInteger.ZERO);
    return batchReceipt(r);
  }

  static List<Rollup.Leaf> leafStructs(List<BatchLeaf> leaves) {
    if (leaves == null || leaves.isEmpty()) {
      throw new InvalidInputException("leaves: must hold 1..160 leaves, got " + (leaves == null ? "null" : 0));
    }
    if (leaves.size() > 160) {
      throw new InvalidInputException("leaves: at most 160 per batch, got " + leaves.size());
    }
    List<Rollup.Leaf> structs = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      BatchLeaf l = leaves.get(i);
      if (l.framesRoot().toBigInteger().compareTo(R) >= 0) {
        throw new InvalidInputException("leaves[" + i + "].framesRoot: must be < r (BN254 scalar field)");
      }
      CidParts c = cid("leaves[" + i + "].contentCid", l.contentCid());
      CidParts f = cid("leaves[" + i + "].framesCid", l.framesCid());
      structs.add(new Rollup.Leaf(l.triggerId(), l.roundId(), l.framesRoot().bytes(), BigInteger.valueOf(c.codec),
          c.digest, BigInteger.valueOf(f.codec), f.digest));
    }
    return structs;
  }

  private BatchReceipt batchReceipt(TransactionReceipt r) {
    List<SkippedLeaf> skipped = new ArrayList<>();
    List<BigInteger> committed = new ArrayList<>();
    String skipTopic = EventEncoder.encode(Rollup.LEAFSKIPPED_EVENT);
    String leafTopic = EventEncoder.encode(Rollup.LEAFCOMMITTED_EVENT);
    String batchTopic = EventEncoder.encode(Rollup.BATCHCOMMITTED_EVENT);
    BigInteger batchId = BigInteger.ZERO;
    long deadline = 0;
    for (Log l : r.getLogs()) {
      if (!l.getAddress().equalsIgnoreCase(rollupAddr()) || l.getTopics().isEmpty()) {
        continue;
      }
      String topic = l.getTopics().get(0);
      if (topic.equals(skipTopic)) {
        List<Type> v = FunctionReturnDecoder.decode(l.getData(), Rollup.LEAFSKIPPED_EVENT.getNonIndexedParameters());
        skipped.add(SkippedLeaf.of(Numeric.toBigInt(l.getTopics().get(1)),
            ((BigInteger) v.get(0).getValue()).intValueExact(), (BigInteger) v.get(1).getValue(),
            ((BigInteger) v.get(2).getValue()).intValueExact()));
      } else if (topic.equals(leafTopic)) {
        committed.add(Numeric.toBigInt(l.getTopics().get(2)));
      } else if (topic.equals(batchTopic)) {
        List<Type> v = FunctionReturnDecoder.decode(l.getData(), Rollup.BATCHCOMMITTED_EVENT.getNonIndexedParameters());
        batchId = Numeric.toBigInt(l.getTopics().get(1));
        deadline = ((BigInteger) v.get(1).getValue()).longValueExact();
      }
    }
    if (batchId.signum() == 0) {
      committed.clear(); // every leaf was skipped: nothing was created
    }
    return new BatchReceipt(batchId, r.getTransactionHash(), r.getBlockNumber().longValueExact(), deadline, committed,
        skipped);
  }

  /**
   * {@code Rollup.commitmentOf}: keccak256(abi.encode(operator, salt, keccak256(abi.encode(leaves)))),
   * computed here so the reservation does not depend on what a node answers.
   */
  static byte[] commitment(String operator, byte[] salt, List<Rollup.Leaf> leaves) {
    String leavesAbi = org.web3j.abi.FunctionEncoder.encodeConstructor(
        List.of(new DynamicArray<>(Rollup.Leaf.class, leaves)));
    byte[] leavesHash = org.web3j.crypto.Hash.sha3(Numeric.hexStringToByteArray(leavesAbi));
    String outer = org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(
        new org.web3j.abi.datatypes.Address(operator), new Bytes32(salt), new Bytes32(leavesHash)));
    return org.web3j.crypto.Hash.sha3(Numeric.hexStringToByteArray(outer));
  }

  private record CidParts(int codec, byte[] digest) {}

  private static CidParts cid(String field, ContentId cid) {
    byte[] b = cid.bytes();
    int codec = cid.codec();
    if (b.length < 36 || b[0] != 1 || (b[b.length - 34] & 0xff) != 0x12 || b[b.length - 33] != 32) {
      throw new InvalidInputException(field + ": must be a CIDv1 with a sha2-256 multihash");
    }
    if (codec > 0xffff) {
      throw new InvalidInputException(field + ": codec must be < 2^16, got " + codec);
    }
    return new CidParts(codec, Arrays.copyOfRange(b, b.length - 32, b.length));
  }

  @Override
  public List<PixelChallenge> openChallenges() {
    synchronized (scanLock) {
      ChainIndex ix = index();
      ix.sync();
      return ix.openChallenges();
    }
  }

  @Override
  public PixelChallenge challenge(BigInteger batchId, int leafIndex, long pixelIndex) {
    if (leafIndex < 0 || pixelIndex < 0) {
      throw new InvalidInputException("leafIndex/pixelIndex: must be >= 0");
    }
    BigInteger bondWei = call1(rollupAddr(), "challengeBond", List.of(), new TypeReference<Uint256>() {});
    TransactionReceipt r = send(rollupAddr(), fn("challenge", List.of(new Uint256(batchId), new Uint256(leafIndex),
        new Uint256(pixelIndex)), List.of()), bondWei);
    return ChainIndex.challengeOpened(findLog(r, rollupAddr(), Rollup.CHALLENGEOPENED_EVENT));
  }

  /**
   * @param challengeId the challenge
   * @return the six public inputs the Rollup builds for a challenge (what a proof must be made for)
   */
  public List<BigInteger> publicInputs(BigInteger challengeId) {
    List<Type> v = rpc.call(rollupAddr(), fn("publicInputs", List.of(new Uint256(challengeId)), List.of(
        new TypeReference<StaticArray6<Uint256>>() {}, new TypeReference<org.web3j.abi.datatypes.Address>() {})));
    @SuppressWarnings("unchecked")
    List<Uint256> words = (List<Uint256>) v.get(0).getValue();
    return words.stream().map(Uint256::getValue).toList();
  }

  @Override
  public void respond(PixelChallenge challenge, ProofEnvelope proof) {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(proof, "proof");
    List<BigInteger> proofWords = proof.evmWords();
    List<BigInteger> expected = publicInputs(challenge.challengeId());
    if (!proof.publicInputs().isEmpty() && !proof.publicInputs().equals(expected)) {
      throw new InvalidInputException("proof.publicInputs: " + proof.publicInputs()
          + " differ from the inputs the Rollup builds for challenge " + challenge.challengeId() + ": " + expected);
    }
    List<Uint256> words = proofWords.stream().map(Uint256::new).toList();
    send(rollupAddr(), fn("respond", List.of(new Uint256(challenge.challengeId()), new StaticArray8<>(Uint256.class, words)),
        List.of()), BigInteger.ZERO);
  }

  @Override
  public boolean isFinalizable(BigInteger batchId) {
    Boolean b = call1(rollupAddr(), "isFinalizable", List.of(new Uint256(batchId)), new TypeReference<Bool>() {});
    return b;
  }

  @Override
  public List<MintReceipt> finalizeBatch(BigInteger batchId) {
    TransactionReceipt r = send(rollupAddr(), fn("finalize", List.of(new Uint256(batchId)), List.of()), BigInteger.ZERO);
    Log log = findLog(r, rollupAddr(), Rollup.BATCHFINALIZED_EVENT);
    List<Type> v = FunctionReturnDecoder.decode(log.getData(), Rollup.BATCHFINALIZED_EVENT.getNonIndexedParameters());
    BigInteger first = (BigInteger) v.get(0).getValue();
    int count = ((BigInteger) v.get(1).getValue()).intValueExact();
    List<MintReceipt> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Rollup.Record rec = callStruct(rollupAddr(), "getLeaf", List.of(new Uint256(batchId), new Uint256(i)),
          new TypeReference<Rollup.Record>() {});
      out.add(new MintReceipt(first.add(BigInteger.valueOf(i)), Address.of(rec.recipient), rec.triggerId,
          r.getTransactionHash()));
    }
    return out;
  }

  @Override
  public Address account() {
    return address();
  }

  @Override
  public List<CommittedBatch> batches() {
    synchronized (scanLock) {
      ChainIndex ix = index();
      ix.sync();
      return ix.batches();
    }
  }

  @Override
  public void timeoutChallenge(PixelChallenge challenge) {
    Objects.requireNonNull(challenge, "challenge");
    timeout(challenge.challengeId());
  }

  @Override
  public BigInteger withdraw() {
    String me = rpc.from();
    BigInteger fromBook = call1(book(), "pendingWithdrawal", List.of(new org.web3j.abi.datatypes.Address(me)),
        new TypeReference<Uint256>() {});
    BigInteger fromRollup = call1(rollupAddr(), "pendingWithdrawal", List.of(new org.web3j.abi.datatypes.Address(me)),
        new TypeReference<Uint256>() {});
    if (fromBook.signum() > 0) {
      withdrawFromTriggerBook();
    }
    if (fromRollup.signum() > 0) {
      withdrawFromRollup();
    }
    return fromBook.add(fromRollup);
  }

  // ------------------------------------------------------------------ tokens

  /**
   * @param tokenId the token
   * @return the owner of a minted token
   */
  public Address ownerOf(BigInteger tokenId) {
    String a = call1(nft(), "ownerOf", List.of(new Uint256(tokenId)), new TypeReference<org.web3j.abi.datatypes.Address>() {});
    return Address.of(a);
  }

  /**
   * @param tokenId the token
   * @return the token's URI: {@code data:application/json;base64,} + the JSON VideoNFT builds on chain
   */
  public String tokenUri(BigInteger tokenId) {
    return call1(nft(), "tokenURI", List.of(new Uint256(tokenId)), new TypeReference<Utf8String>() {});
  }

  /** @return ERC-7007 verify(prompt, framesRoot, abi.encode(tokenId)) as the contract answers it */
  @Override
  public boolean verifyAigc(String prompt, io.vnft.api.Bytes32 framesRoot, BigInteger tokenId) {
    Boolean b = call1(nft(), "verify", List.of(new DynamicBytes(prompt.getBytes(StandardCharsets.UTF_8)),
        new DynamicBytes(framesRoot.bytes()), new DynamicBytes(Numeric.toBytesPadded(tokenId, 32))),
        new TypeReference<Bool>() {});
    return b;
  }

  @Override
  public Optional<TokenRecord> token(BigInteger tokenId) {
    if (tokenId == null || tokenId.signum() < 0) {
      throw new InvalidInputException("tokenId: must be >= 0, got " + tokenId);
    }
    Address owner;
    try {
      owner = ownerOf(tokenId);
    } catch (ChainException e) {
      if (e.revertReason().map(r -> RevertDecoder.errorName(r).equals("ERC721NonexistentToken")).orElse(false)) {
        return Optional.empty();
      }
      throw e;
    }
    Function f = new Function("leafOf", List.of(new Uint256(tokenId)), List.of(new TypeReference<VideoNFT.Record>() {}));
    List<Type> out = rpc.call(nft(), f);
    VideoNFT.Record r = (VideoNFT.Record) out.get(0);
    BatchLeaf leaf = new BatchLeaf(r.triggerId, r.roundId, io.vnft.api.Bytes32.of(r.framesRoot),
        io.vnft.api.ContentId.of(r.contentCodec.intValue(), r.contentDigest), io.vnft.api.ContentId.of(r.framesCodec.intValue(), r.framesDigest));
    return Optional.of(new TokenRecord(tokenId, owner, Address.of(r.recipient), leaf, tokenUri(tokenId)));
  }

  @Override
  public BigInteger checkpoint(BigInteger triggerId) {
    return call1(book(), "checkpointOf", List.of(new Uint256(triggerId)), new TypeReference<Uint80>() {});
  }

  @Override
  public FiringRule.Verdict checkFiring(BigInteger triggerId, BigInteger roundId) {
    BigInteger v = call1(book(), "checkFiring", List.of(new Uint256(triggerId), new Uint80(roundId)),
        new TypeReference<Uint8>() {});
    FiringRule.Verdict[] all = FiringRule.Verdict.values();
    if (v.signum() < 0 || v.intValue() >= all.length) {
      throw new ChainException("checkFiring(" + triggerId + ", " + roundId + ") answered unknown verdict " + v);
    }
    return all[v.intValue()];
  }

  @Override
  public long chainTime() {
    return rpc.latestTimestamp();
  }

  @Override
  public Deployment deployment() {
    Deployment d = deployment;
    if (d == null) {
      org.web3j.protocol.core.methods.response.EthBlock.Block genesis = Rpc.request(() -> web3j.ethGetBlockByNumber(
          org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.ZERO), false).send(),
          "eth_getBlockByNumber 0").getBlock();
      if (genesis == null) {
        throw new ChainException("the node has no genesis block");
      }
      d = new Deployment(rpc.chainId(), io.vnft.api.Bytes32.fromHex(genesis.getHash()), Address.of(rollupAddr()));
      deployment = d;
    }
    return d;
  }

  private static Log findLog(TransactionReceipt r, String address, Event event) {
    String topic = EventEncoder.encode(event);
    for (Log l : r.getLogs()) {
      if (l.getAddress().equalsIgnoreCase(address) && !l.getTopics().isEmpty() && l.getTopics().get(0).equals(topic)) {
        return l;
      }
    }
    throw new ChainException("tx " + r.getTransactionHash() + " has no " + event.getName() + " event");
  }

  @Override
  public void close() {
    web3j.shutdown();
  }

  /**
   * Builds a {@link Web3jChainBackend}. Not thread-safe.
   */
  public static final class Builder {
    private String rpcUrl;
    private String privateKey;
    private Long expectedChainId;
    private VnftDeployment.Addresses contracts;
    private FeePolicy feePolicy = FeePolicy.defaults();
    private int confirmations = 1;
    private Duration receiptTimeout = Duration.ofSeconds(60);
    private long pollMillis = 100;
    private long logChunk = 5_000;
    private long fromBlock = -1;
    private int readDepth;
    private Consumer<TxInfo> listener;

    private Builder() {}

    /**
     * @param rpcUrl the node's HTTP JSON-RPC URL
     * @return this builder
     */
    public Builder rpcUrl(String rpcUrl) {
      this.rpcUrl = rpcUrl;
      return this;
    }

    /**
     * @param privateKey the signer's key, 0x-prefixed 64 hex digits
     * @return this builder
     */
    public Builder privateKey(String privateKey) {
      this.privateKey = privateKey;
      return this;
    }

    /**
     * @param chainId the chain id the node must report; build() fails with ChainException otherwise
     * @return this builder
     */
    public Builder chainId(long chainId) {
      this.expectedChainId = chainId;
      return this;
    }

    /**
     * @param contracts the deployed contract addresses (null for deployment only)
     * @return this builder
     */
    public Builder contracts(VnftDeployment.Addresses contracts) {
      this.contracts = contracts;
      return this;
    }

    /**
     * @param feePolicy EIP-1559 fee policy; default {@link FeePolicy#defaults()}
     * @return this builder
     */
    public Builder feePolicy(FeePolicy feePolicy) {
      this.feePolicy = Objects.requireNonNull(feePolicy, "feePolicy");
      return this;
    }

    /**
     * @param confirmations blocks (including the transaction's own) a receipt needs, >= 1; default 1
     * @return this builder
     */
    public Builder confirmations(int confirmations) {
      if (confirmations < 1) {
        throw new InvalidInputException("confirmations: must be >= 1, got " + confirmations);
      }
      this.confirmations = confirmations;
      return this;
    }

    /**
     * @param timeout how long to wait for a receipt; default 60 s
     * @return this builder
     */
    public Builder receiptTimeout(Duration timeout) {
      this.receiptTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * @param millis receipt polling interval, >= 10 ms; default 100 ms
     * @return this builder
     */
    public Builder pollInterval(long millis) {
      if (millis < 10) {
        throw new InvalidInputException("pollInterval: must be >= 10 ms, got " + millis);
      }
      this.pollMillis = millis;
      return this;
    }

    /**
     * @param blocks blocks per eth_getLogs request, >= 1; default 5 000
     * @return this builder
     */
    public Builder logChunkBlocks(long blocks) {
      if (blocks < 1) {
        throw new InvalidInputException("logChunkBlocks: must be >= 1, got " + blocks);
      }
      this.logChunk = blocks;
      return this;
    }

    /**
     * @param block the block event scans start from (a saved {@link EventPage#nextFromBlock()}); default
     *     the deploy block
     * @return this builder
     */
    public Builder fromBlock(long block) {
      if (block < 0) {
        throw new InvalidInputException("fromBlock: must be >= 0, got " + block);
      }
      this.fromBlock = block;
      return this;
    }

    /**
     * @param blocks how far behind the head the protocol's events are read (a confirmation depth
     *     against reorganisations), 0..64; default 0 (the head). A reorganisation deeper than this is
     *     detected by the stored block hash and the events are read again from the first block.
     * @return this builder
     */
    public Builder readDepth(int blocks) {
      if (blocks < 0 || blocks > 64) {
        throw new InvalidInputException("readDepth: must be in [0, 64], got " + blocks);
      }
      this.readDepth = blocks;
      return this;
    }

    /**
     * @param listener called after each mined transaction (on the sending thread); must be thread-safe
     * @return this builder
     */
    public Builder listener(Consumer<TxInfo> listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Connects, checks the chain id, and returns the backend.
     *
     * @return a connected backend; close it when done
     * @throws InvalidInputException for a missing URL or a malformed key
     * @throws BackendUnavailableException when the node cannot be reached
     * @throws ChainException when the node's chain id differs from {@link #chainId(long)}
     */
    public Web3jChainBackend build() {
      if (rpcUrl == null || !(rpcUrl.startsWith("http://") || rpcUrl.startsWith("https://"))) {
        throw new InvalidInputException("rpcUrl: must be an http(s) URL, got " + rpcUrl);
      }
      if (privateKey == null || !privateKey.matches("(0x)?[0-9a-fA-F]{64}")) {
        throw new InvalidInputException("privateKey: must be 64 hex digits (optionally 0x-prefixed)");
      }
      Credentials credentials = Credentials.create(privateKey);
      Web3j web3j = Web3j.build(io.vnft.chain.internal.RetryingHttpService.create(rpcUrl)); // reads retried, sends resolved
      long chainId;
      try {
        EthChainId id = web3j.ethChainId().send();
        if (id.hasError()) {
          throw new BackendUnavailableException("eth_chainId failed at " + rpcUrl + ": " + id.getError().getMessage());
        }
        chainId = id.getChainId().longValueExact();
      } catch (IOException e) {
        web3j.shutdown();
        throw new BackendUnavailableException("node unreachable at " + rpcUrl + " (" + e.getMessage() + ")", e);
      } catch (RuntimeException e) {
        web3j.shutdown();
        if (e instanceof BackendUnavailableException b) {
          throw b;
        }
        throw new BackendUnavailableException("eth_chainId failed at " + rpcUrl + ": " + e.getMessage(), e);
      }
      if (expectedChainId != null && expectedChainId != chainId) {
        web3j.shutdown();
        throw new ChainException("chain id: expected " + expectedChainId + " but the node at " + rpcUrl
            + " reports " + chainId);
      }
      Rpc rpc = new Rpc(web3j, credentials, chainId, feePolicy, confirmations, receiptTimeout, pollMillis);
      return new Web3jChainBackend(this, web3j, rpc);
    }
  }
}
