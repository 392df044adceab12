package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchStatus;
import io.vnft.api.ChainException;
import io.vnft.api.CommittedBatch;
import io.vnft.api.ContentId;
import io.vnft.api.Direction;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelChallenge;
import io.vnft.api.Trigger;
import io.vnft.chain.contracts.Rollup;
import io.vnft.chain.contracts.TriggerBook;
import io.vnft.chain.internal.Rpc;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The protocol's state as the events of TriggerBook and Rollup tell it, followed incrementally: each
 * {@link #sync()} reads only the logs of blocks it has not read (one {@code eth_getLogs} over both
 * contracts per chunk), up to {@code depth} blocks behind the head, and the leaves of a new batch
 * once (one {@code eth_getCode} of its data contract). An idle pass costs two requests (block
 * number, and the hash of the last block read, to detect a reorganisation), however long the
 * history. When that hash changed, the chain was reorganised deeper than {@code depth} (or the node
 * was reset): everything is forgotten and read again from the first block, with one warning.
 *
 * <p>Not thread-safe: the backend calls it under its scan lock.
 */
final class ChainIndex {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChainIndex.class);
  private static final int RECORD = 138; // LeafStore.RECORD_SIZE

  /** A batch as its events and data contract tell it. */
  private static final class BatchState {
    final BigInteger id;
    final Address operator;
    long deadline;
    final List<BatchLeaf> leaves;
    int status = 1; // 1 pending, 2 finalized, 3 reverted
    int open;

    BatchState(BigInteger id, Address operator, long deadline, List<BatchLeaf> leaves) {
      this.id = id;
      this.operator = operator;
      this.deadline = deadline;
      this.leaves = leaves;
    }
  }

  private final Rpc rpc;
  private final String book;
  private final String rollup;
  private final long firstBlock;
  private final long chunk;
  private final int depth;
  private final Function<io.vnft.api.Bytes32, String> modelName;
  private final Map<String, Event> events = new HashMap<>();

  private long nextBlock;
  private long lastBlock = -1;
  private String lastHash;
  private final TreeMap<BigInteger, Trigger> triggers = new TreeMap<>();
  private final Map<BigInteger, Web3jChainBackend.TriggerStatus> status = new HashMap<>();
  private final Map<BigInteger, Log> createdWithoutPrompt = new HashMap<>();
  private final TreeMap<BigInteger, BatchState> batches = new TreeMap<>();
  private final TreeMap<BigInteger, PixelChallenge> challenges = new TreeMap<>();
  private final Map<BigInteger, Boolean> challengeOpen = new HashMap<>();
  private long requests;

  ChainIndex(Rpc rpc, String book, String rollup, long firstBlock, long chunk, int depth,
      Function<io.vnft.api.Bytes32, String> modelName) {
    this.rpc = rpc;
    this.book = book.toLowerCase(java.util.Locale.ROOT);
    this.rollup = rollup.toLowerCase(java.util.Locale.ROOT);
    this.firstBlock = firstBlock;
    this.chunk = chunk;
    this.depth = depth;
    this.modelName = modelName;
    this.nextBlock = firstBlock;
    for (Event e : List.of(TriggerBook.TRIGGERCREATED_EVENT, TriggerBook.TRIGGERPROMPT_EVENT,
        TriggerBook.TRIGGERCANCELLED_EVENT, TriggerBook.TRIGGERFIRED_EVENT, TriggerBook.TRIGGERREOPENED_EVENT,
        Rollup.BATCHCOMMITTED_EVENT, Rollup.BATCHFINALIZED_EVENT, Rollup.BATCHREVERTED_EVENT,
        Rollup.CHALLENGEOPENED_EVENT, Rollup.CHALLENGEANSWERED_EVENT, Rollup.CHALLENGETIMEDOUT_EVENT,
        Rollup.CHALLENGEWINDOWEXTENDED_EVENT)) {
      events.put(EventEncoder.encode(e), e);
    }
  }

  /** @return node requests this index has made (for measurements) */
  long requests() {
    return requests;
  }

  /** Reads the blocks not read yet (see the class comment). */
  void sync() {
    long head = rpc.blockNumber();
    requests++;
    if (lastBlock >= 0) {
      String now = hashOf(lastBlock);
      if (!lastHash.equals(now)) {
        String code = Rpc.request(() -> rpc.web3j().ethGetCode(rollup,
            org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send(), "eth_getCode").getCode();
        requests++;
        if (code == null || code.equals("0x") || code.isEmpty()) {
          // A restarted or replaced node: nothing of this deployment is there. Refuse every read (each pass
          // fails with this line) instead of reporting an empty protocol; the state read so far is kept.
          throw new ChainException("block " + lastBlock + " changed hash and the node has no Rollup at " + rollup
              + " any more: it was restarted or replaced without this deployment (same chain id does not mean same"
              + " chain); point the operator at the deployment's node");
        }
        LOG.warn("block {} changed hash ({} -> {}): the chain was reorganised or the node reset; re-reading the "
            + "protocol's events from block {}", lastBlock, lastHash, now, firstBlock);
        reset();
      }
    }
    long target = head - depth;
    if (target < nextBlock) {
      return;
    }
    for (long start = nextBlock; start <= target; start += chunk) {
      long end = Math.min(target, start + chunk - 1);
      EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
          DefaultBlockParameter.valueOf(BigInteger.valueOf(end)), List.of(book, rollup));
      EthLog r = Rpc.request(() -> rpc.web3j().ethGetLogs(filter).send(), "eth_getLogs");
      requests++;
      if (r.hasError()) {
        throw new ChainException("eth_getLogs failed: " + r.getError().getMessage());
      }
      for (EthLog.LogResult<?> lr : r.getLogs()) {
        apply((Log) lr.get());
      }
    }
    nextBlock = target + 1;
    lastBlock = target;
    lastHash = hashOf(target);
  }

  private String hashOf(long block) {
    EthBlock.Block b = Rpc.request(() -> rpc.web3j().ethGetBlockByNumber(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send(), "eth_getBlockByNumber").getBlock();
    requests++;
    return b == null ? "none" : b.getHash();
  }

  private void reset() {
    nextBlock = firstBlock;
    lastBlock = -1;
    lastHash = null;
    triggers.clear();
    status.clear();
    createdWithoutPrompt.clear();
    batches.clear();
    challenges.clear();
    challengeOpen.clear();
  }

  private void apply(Log l) {
    if (l.isRemoved() || l.getTopics().isEmpty()) {
      return;
    }
    Event e = events.get(l.getTopics().get(0));
    if (e == null) {
      return;
    }
    String from = l.getAddress().toLowerCase(java.util.Locale.ROOT);
    BigInteger key = l.getTopics().size() > 1 ? Numeric.toBigInt(l.getTopics().get(1)) : BigInteger.ZERO;
    if (from.equals(book)) {
      switch (e.getName()) {
        case "TriggerCreated" -> createdWithoutPrompt.put(key, l);
        case "TriggerPrompt" -> created(key, createdWithoutPrompt.remove(key), l);
        case "TriggerCancelled" -> status.put(key, Web3jChainBackend.TriggerStatus.CANCELLED);
        case "TriggerFired" -> status.put(key, Web3jChainBackend.TriggerStatus.TAKEN);
        case "TriggerReopened" -> status.put(key, Web3jChainBackend.TriggerStatus.OPEN);
        default -> { }
      }
    } else if (from.equals(rollup)) {
      List<Type> v = FunctionReturnDecoder.decode(l.getData(), e.getNonIndexedParameters());
      switch (e.getName()) {
        case "BatchCommitted" -> {
          // data: count, challengeDeadline, data contract
          Address operator = Address.of("0x" + l.getTopics().get(2).substring(26));
          List<BatchLeaf> leaves = leaves((String) v.get(2).getValue());
          batches.put(key, new BatchState(key, operator, ((BigInteger) v.get(1).getValue()).longValueExact(), leaves));
        }
        case "BatchFinalized" -> batch(key).ifPresent(b -> b.status = 2);
        case "BatchReverted" -> batch(key).ifPresent(b -> b.status = 3);
        case "ChallengeWindowExtended" ->
            batch(key).ifPresent(b -> b.deadline = ((BigInteger) v.get(0).getValue()).longValueExact());
        case "ChallengeOpened" -> {
          PixelChallenge c = challengeOpened(l);
          challenges.put(key, c);
          challengeOpen.put(key, true);
          batch(c.batchId()).ifPresent(b -> b.open++);
        }
        case "ChallengeAnswered", "ChallengeTimedOut" -> {
          if (Boolean.TRUE.equals(challengeOpen.put(key, false))) {
            batch(Numeric.toBigInt(l.getTopics().get(2))).ifPresent(b -> b.open--);
          }
        }
        default -> { }
      }
    }
  }

  private Optional<BatchState> batch(BigInteger id) {
    return Optional.ofNullable(batches.get(id));
  }

  private void created(BigInteger id, Log createdLog, Log promptLog) {
    Optional<Trigger> t = decodeTrigger(id, createdLog, promptLog == null ? null : (String) FunctionReturnDecoder
        .decode(promptLog.getData(), TriggerBook.TRIGGERPROMPT_EVENT.getNonIndexedParameters()).get(0).getValue(),
        modelName);
    if (t.isPresent()) {
      triggers.put(id, t.get());
      status.putIfAbsent(id, Web3jChainBackend.TriggerStatus.OPEN);
    }
  }

  /**
   * The one decoder of a {@code TriggerCreated} event (and its {@code TriggerPrompt} text) into a
   * validated {@link Trigger}. Rule 9: a trigger that cannot be decoded or validated is left out with
   * one warning naming it, so the reader goes on with the others.
   *
   * @return the trigger, or empty (warned) when its data is bad or one of the two events is missing
   */
  static Optional<Trigger> decodeTrigger(BigInteger id, Log createdLog, String prompt,
      Function<io.vnft.api.Bytes32, String> modelName) {
    try {
      if (createdLog == null || prompt == null) {
        throw new InvalidInputException(createdLog == null ? "no TriggerCreated event" : "prompt: no TriggerPrompt event");
      }
      List<Type> v = FunctionReturnDecoder.decode(createdLog.getData(),
          TriggerBook.TRIGGERCREATED_EVENT.getNonIndexedParameters());
      // direction, threshold, promptHash, conditioning, modelId, recipient, fee, startRound
      io.vnft.api.Bytes32 modelId = io.vnft.api.Bytes32.of((byte[]) v.get(4).getValue());
      return Optional.of(new Trigger(id, Address.of("0x" + createdLog.getTopics().get(3).substring(26)),
          ((BigInteger) v.get(0).getValue()).intValue() == 0 ? Direction.ABOVE : Direction.BELOW,
          (BigInteger) v.get(1).getValue(), io.vnft.api.Bytes32.of((byte[]) v.get(2).getValue()), prompt,
          io.vnft.api.Bytes32.of((byte[]) v.get(3).getValue()), modelName.apply(modelId),
          Address.of((String) v.get(5).getValue()), (BigInteger) v.get(6).getValue(), (BigInteger) v.get(7).getValue()));
    } catch (InvalidInputException | ChainException | ClassCastException e) {
      LOG.warn("trigger {}: skipped, its on-chain data cannot be decoded or validated: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The one decoder of a {@code ChallengeOpened} event.
   *
   * @param l the event's log
   * @return the challenge it opened
   */
  static PixelChallenge challengeOpened(Log l) {
    List<Type> v = FunctionReturnDecoder.decode(l.getData(), Rollup.CHALLENGEOPENED_EVENT.getNonIndexedParameters());
    return new PixelChallenge(Numeric.toBigInt(l.getTopics().get(1)), Numeric.toBigInt(l.getTopics().get(2)),
        ((BigInteger) v.get(0).getValue()).intValueExact(), ((BigInteger) v.get(1).getValue()).longValueExact(),
        Address.of((String) v.get(2).getValue()));
  }

  private List<BatchLeaf> leaves(String data) {
    String hex = Rpc.request(() -> rpc.web3j().ethGetCode(data,
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send(), "eth_getCode").getCode();
    requests++;
    byte[] code = Numeric.hexStringToByteArray(hex);
    if (code.length < 1 || (code.length - 1) % RECORD != 0) {
      throw new ChainException("batch data contract " + data + " holds " + code.length + " bytes, not 1 + k * "
          + RECORD);
    }
    List<BatchLeaf> out = new ArrayList<>();
    for (int off = 1; off < code.length; off += RECORD) {
      BigInteger triggerId = new BigInteger(1, Arrays.copyOfRange(code, off, off + 8));
      BigInteger roundId = new BigInteger(1, Arrays.copyOfRange(code, off + 8, off + 18));
      io.vnft.api.Bytes32 root = io.vnft.api.Bytes32.of(Arrays.copyOfRange(code, off + 38, off + 70));
      int contentCodec = ((code[off + 70] & 0xff) << 8) | (code[off + 71] & 0xff);
      byte[] contentDigest = Arrays.copyOfRange(code, off + 72, off + 104);
      int framesCodec = ((code[off + 104] & 0xff) << 8) | (code[off + 105] & 0xff);
      byte[] framesDigest = Arrays.copyOfRange(code, off + 106, off + 138);
      out.add(new BatchLeaf(triggerId, roundId, root, ContentId.of(contentCodec, contentDigest),
          ContentId.of(framesCodec, framesDigest)));
    }
    return List.copyOf(out);
  }

  /** @return the triggers whose last event leaves them open, oldest first */
  List<Trigger> openTriggers() {
    List<Trigger> out = new ArrayList<>();
    for (Trigger t : triggers.values()) {
      if (status.get(t.triggerId()) == Web3jChainBackend.TriggerStatus.OPEN) {
        out.add(t);
      }
    }
    return out;
  }

  /** @return a trigger read from its events, if this index has seen it */
  Optional<Trigger> trigger(BigInteger id) {
    return Optional.ofNullable(triggers.get(id));
  }

  /** @return every batch seen, oldest first, with its status */
  List<CommittedBatch> batches() {
    List<CommittedBatch> out = new ArrayList<>();
    for (BatchState b : batches.values()) {
      BatchStatus st = switch (b.status) {
        case 2 -> BatchStatus.FINALIZED;
        case 3 -> BatchStatus.REVERTED;
        default -> b.open > 0 ? BatchStatus.CHALLENGED : BatchStatus.PENDING;
      };
      out.add(new CommittedBatch(b.id, b.operator, b.leaves, b.deadline, st));
    }
    return out;
  }

  /** @return challenges neither answered nor timed out, oldest first */
  List<PixelChallenge> openChallenges() {
    List<PixelChallenge> out = new ArrayList<>();
    for (PixelChallenge c : challenges.values()) {
      if (Boolean.TRUE.equals(challengeOpen.get(c.challengeId()))) {
        out.add(c);
      }
    }
    return out;
  }
}
