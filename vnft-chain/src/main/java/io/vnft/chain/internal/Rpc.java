package io.vnft.chain.internal;

import io.vnft.api.ChainException;
import io.vnft.chain.FeePolicy;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * One signer on one node: calls, EIP-1559 transactions (gas estimated first, so a revert is reported
 * with its reason before anything is signed), nonces through {@link NonceManager}, receipts awaited
 * with N confirmations, failed receipts replayed to recover their revert reason, and log reading in
 * block chunks. Every failure is a {@link ChainException}; web3j exceptions never leak. Internal.
 * Thread-safe.
 *
 * <p>Faults: reads are retried by the transport ({@link RetryingHttpService}); a send is never
 * blindly repeated. Each transaction's hash is computed before it is broadcast, so a lost answer is
 * resolved by asking the node for that hash and the account's nonce (see {@code broadcast}); a
 * receipt wait notices a transaction the node has forgotten (a reset, a reorg, an evicted pool
 * entry) instead of waiting out its timeout.
 */
public final class Rpc {
  private final Web3j web3j;
  private final Credentials credentials;
  private final long chainId;
  private final FeePolicy fees;
  private final int confirmations;
  private final Duration receiptTimeout;
  private final long pollMillis;
  private final NonceManager nonces;
  private final RetryPolicy sendPolicy;
  private static final Logger LOG = LoggerFactory.getLogger(Rpc.class);

  /**
   * @param web3j the node
   * @param credentials the key transactions are signed with
   * @param chainId the chain id signed into each transaction (EIP-155)
   * @param fees the EIP-1559 fee policy, asked once per transaction
   * @param confirmations blocks a receipt needs, its own included, before {@link #awaitReceipt} returns it
   * @param receiptTimeout how long {@link #awaitReceipt} waits
   * @param pollMillis pause between receipt polls, milliseconds
   */
  public Rpc(Web3j web3j, Credentials credentials, long chainId, FeePolicy fees, int confirmations,
      Duration receiptTimeout, long pollMillis) {
    this(web3j, credentials, chainId, fees, confirmations, receiptTimeout, pollMillis, RetryPolicy.DEFAULT);
  }

  /**
   * @param web3j the node (use a {@link RetryingHttpService} transport so that reads are retried)
   * @param credentials the key transactions are signed with
   * @param chainId the chain id signed into each transaction (EIP-155)
   * @param fees the EIP-1559 fee policy, asked once per transaction
   * @param confirmations blocks a receipt needs, its own included, before {@link #awaitReceipt} returns it
   * @param receiptTimeout how long {@link #awaitReceipt} waits
   * @param pollMillis pause between receipt polls, milliseconds
   * @param sendPolicy how often a broadcast that never reached the node is tried again (see {@code broadcast})
   */
  public Rpc(Web3j web3j, Credentials credentials, long chainId, FeePolicy fees, int confirmations,
      Duration receiptTimeout, long pollMillis, RetryPolicy sendPolicy) {
    this.sendPolicy = java.util.Objects.requireNonNull(sendPolicy, "sendPolicy");
    this.web3j = web3j;
    this.credentials = credentials;
    this.chainId = chainId;
    this.fees = fees;
    this.confirmations = confirmations;
    this.receiptTimeout = receiptTimeout;
    this.pollMillis = pollMillis;
    this.nonces = new NonceManager(web3j, credentials.getAddress());
  }

  /** @return the node this client talks to */
  public Web3j web3j() {
    return web3j;
  }

  /** @return the sending account's address, hex */
  public String from() {
    return credentials.getAddress();
  }

  /** @return the chain id signed into transactions */
  public long chainId() {
    return chainId;
  }

  /**
   * eth_call of {@code f} on {@code to} at the latest block; reverts become ChainException with the reason.
   *
   * @param to the contract address, hex
   * @param f the function and its arguments
   * @return the decoded return values
   * @throws ChainException on a revert, a transport failure, or an empty answer where outputs were expected
   */
  @SuppressWarnings("rawtypes")
  public List<Type> call(String to, Function f) {
    String data = FunctionEncoder.encode(f);
    EthCall r = request(() -> web3j.ethCall(Transaction.createEthCallTransaction(from(), to, data),
        DefaultBlockParameterName.LATEST).send(), "eth_call " + f.getName());
    if (r.hasError()) {
      throw reverted("call " + f.getName() + " on " + to, r.getError());
    }
    if (r.isReverted()) {
      String reason = RevertDecoder.get().decode(r.getRevertReason());
      throw new ChainException("call " + f.getName() + " on " + to + " reverted", reason, null);
    }
    String value = r.getValue();
    if ((value == null || value.equals("0x")) && !f.getOutputParameters().isEmpty()) {
      throw new ChainException("call " + f.getName() + " on " + to + " returned nothing (no contract at that address?)");
    }
    return FunctionReturnDecoder.decode(value, f.getOutputParameters());
  }

  /**
   * Sends a transaction calling {@code f} on {@code to} with {@code value} wei, waits for its receipt.
   *
   * @param to the contract address, hex
   * @param f the function and its arguments
   * @param value wei sent with the call
   * @return the receipt, with the configured confirmations
   * @throws ChainException if the estimate or the transaction reverts, or no receipt comes in time
   */
  public TransactionReceipt send(String to, Function f, BigInteger value) {
    return sendData(to, FunctionEncoder.encode(f), value, f.getName());
  }

  /**
   * Deploys {@code binary} + {@code encodedConstructor}; returns the receipt (contract address in it).
   *
   * @param binary the contract's creation code, hex
   * @param encodedConstructor the ABI-encoded constructor arguments, hex (may be empty)
   * @param what the contract's name, for messages
   * @return the receipt, with the new contract's address
   * @throws ChainException if the deployment reverts or no receipt comes in time
   */
  public TransactionReceipt deploy(String binary, String encodedConstructor, String what) {
    return sendData(null, binary + Numeric.cleanHexPrefix(encodedConstructor), BigInteger.ZERO, "deploy " + what);
  }

  private TransactionReceipt sendData(String to, String data, BigInteger value, String what) {
    EthEstimateGas est = request(() -> web3j.ethEstimateGas(
        new Transaction(from(), null, null, null, to, value, data)).send(), "eth_estimateGas " + what);
    if (est.hasError()) {
      throw reverted(what, est.getError());
    }
    BigInteger gas = est.getAmountUsed();
    return sendData(to, data, value, gas.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5))
        .add(BigInteger.valueOf(10_000)), what);
  }

  /**
   * Sends raw call data with a fixed gas limit, without estimating first (for calls whose estimate
   * would be misleading, e.g. a view that returns false instead of reverting when gas runs short).
   *
   * @param to the recipient address, hex, or null to create a contract
   * @param data the call data, hex
   * @param value wei sent with the transaction
   * @param gasLimit the gas limit
   * @param what what is sent, for messages
   * @return the receipt, with the configured confirmations
   * @throws ChainException if the transaction is refused or reverts, or no receipt comes in time
   */
  public TransactionReceipt sendData(String to, String data, BigInteger value, BigInteger gasLimit, String what) {
    FeePolicy.Fees f = fees.fees(web3j);
    String hash = nonces.send(nonce -> {
      RawTransaction tx = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce), gasLimit,
          to == null ? "" : to, value, data, f.maxPriorityFeePerGas(), f.maxFeePerGas());
      byte[] signed = TransactionEncoder.signMessage(tx, chainId, credentials);
      return broadcast(Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)), nonce, what);
    });
    TransactionReceipt receipt = awaitReceipt(hash, what);
    if (!receipt.isStatusOK()) {
      throw new ChainException(what + " reverted in tx " + hash, replayReason(to, data, value, receipt), null);
    }
    return receipt;
  }

  /** What the node holds for a transaction whose eth_sendRawTransaction answer was lost. */
  enum Outcome {
    /** The node knows the transaction by its hash (pending or mined): it was sent. */
    SENT,
    /** The node does not know the hash, and the nonce is taken by another transaction. */
    NONCE_TAKEN,
    /** Neither: the request never reached the node; the same signed bytes may be broadcast again. */
    NOT_SENT
  }

  /**
   * Broadcasts one signed transaction exactly once. Its hash is computed here, before sending, so an
   * unknown outcome (the answer lost, cut short or late) is resolved by asking the node about that
   * hash and about the account's nonce, never by signing anew: a transaction the node knows counts
   * as sent; if it knows neither the hash nor another use of the nonce, the <em>same signed
   * bytes</em> go out again (same hash, same nonce: it cannot land twice). An answer "already
   * known" / "nonce too low" for a hash the node knows is our own earlier broadcast and counts as
   * sent. Bounded by the send policy's count and time.
   */
  String broadcast(String signedHex, String hash, long nonce, String what) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      EthSendTransaction sent;
      try {
        sent = web3j.ethSendRawTransaction(signedHex).send(); // the transport never repeats this method
      } catch (IOException | RuntimeException e) {
        Outcome o = resolve(hash, nonce, what);
        if (o == Outcome.SENT) {
          LOG.info("{}: the answer to eth_sendRawTransaction was lost ({}); the node knows {} (nonce {}): sent",
              what, e.toString(), hash, nonce);
          return hash;
        }
        if (o == Outcome.NONCE_TAKEN) {
          throw new ChainException(what + ": the answer for " + hash + " was lost and nonce " + nonce
              + " is now used by another transaction of " + from() + "; not sent again", e);
        }
        if (!sendPolicy.mayRetry(attempt, start)) {
          throw new ChainException(what + ": eth_sendRawTransaction failed " + attempt + " time(s) and the node "
              + "does not know " + hash + " (nonce " + nonce + " still free): " + e.getMessage(), e);
        }
        LOG.info("{}: eth_sendRawTransaction got no answer ({}) and the node does not know {}; broadcasting the "
            + "same signed transaction again", what, e.toString(), hash);
        sleep(sendPolicy, attempt, start, what);
        continue;
      }
      if (sent.hasError()) {
        String msg = sent.getError().getMessage() == null ? "" : sent.getError().getMessage();
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("already known") || lower.contains("known transaction")
            || lower.contains("already imported") || lower.contains("already exists")
            || lower.contains("nonce too low") || lower.contains("replacement transaction underpriced")) {
          if (knownByHash(hash)) {
            LOG.info("{}: node answered '{}' for our own {}: already sent", what, msg, hash);
            return hash;
          }
          throw new ChainException(what + ": node refused nonce " + nonce + " (" + msg + ") and does not know "
              + hash + ": another transaction of " + from() + " used that nonce");
        }
        if (lower.contains("insufficient funds")) {
          throw new ChainException(what + ": insufficient funds for gas * price + value (" + msg + ")");
        }
        throw reverted(what, sent.getError());
      }
      String answered = sent.getTransactionHash();
      if (answered != null && !answered.equalsIgnoreCase(hash)) {
        LOG.warn("{}: node answered hash {} for a transaction whose hash is {}; following {}", what, answered, hash,
            answered);
        return answered;
      }
      return hash;
    }
  }

  /** Resolves a lost send answer: reads only, each retried by the transport. */
  Outcome resolve(String hash, long nonce, String what) {
    if (knownByHash(hash)) {
      return Outcome.SENT;
    }
    long pending = request(() -> web3j.ethGetTransactionCount(from(), DefaultBlockParameterName.PENDING).send(),
        "eth_getTransactionCount (resolving " + what + ")").getTransactionCount().longValueExact();
    if (pending > nonce) {
      // The nonce is used; the hash may have just been mined between the two reads: ask once more.
      return knownByHash(hash) ? Outcome.SENT : Outcome.NONCE_TAKEN;
    }
    return Outcome.NOT_SENT;
  }

  /**
   * @param hash a transaction hash, hex
   * @return whether the node knows the transaction (in its pool or mined)
   */
  public boolean knownByHash(String hash) {
    EthTransaction t = request(() -> web3j.ethGetTransactionByHash(hash).send(), "eth_getTransactionByHash");
    return t.getTransaction().isPresent();
  }

  private static void sleep(RetryPolicy p, int attempt, long start, String what) {
    try {
      p.pause(attempt, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(what + ": interrupted", e);
    }
  }

  private String replayReason(String to, String data, BigInteger value, TransactionReceipt receipt) {
    try {
      EthCall r = web3j.ethCall(new Transaction(from(), null, null, receipt.getGasUsed(), to, value, data),
          DefaultBlockParameter.valueOf(receipt.getBlockNumber().subtract(BigInteger.ONE))).send();
      if (r.hasError()) {
        return RevertDecoder.get().decode(errorData(r.getError()).orElse(null));
      }
      return r.isReverted() ? RevertDecoder.get().decode(r.getRevertReason()) : "out of gas or unknown";
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Waits until the receipt exists and has {@code confirmations} blocks (including its own).
   *
   * @param hash the transaction hash, hex
   * @param what what was sent, for messages
   * @return the receipt
   * @throws ChainException if none comes within the receipt timeout, or the thread is interrupted
   */
  public TransactionReceipt awaitReceipt(String hash, String what) {
    long deadline = System.nanoTime() + receiptTimeout.toNanos();
    long checkEvery = Math.max(1, 2_000 / Math.max(1, pollMillis));
    int unknown = 0;
    for (long poll = 1; ; poll++) {
      EthGetTransactionReceipt r = request(() -> web3j.ethGetTransactionReceipt(hash).send(), "eth_getTransactionReceipt");
      Optional<TransactionReceipt> receipt = r.getTransactionReceipt();
      if (receipt.isPresent()) {
        long mined = receipt.get().getBlockNumber().longValueExact();
        if (blockNumber() - mined + 1 >= confirmations) {
          return receipt.get();
        }
      } else if (poll % checkEvery == 0) {
        unknown = knownByHash(hash) ? 0 : unknown + 1;
        if (unknown >= 2) {
          nonces.resync();
          throw new ChainException(what + ": the node no longer knows " + hash
              + " (node reset, reorg, or evicted from its pool); nonces resynced from the node");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new ChainException(what + ": no receipt with " + confirmations + " confirmation(s) for " + hash
            + " within " + receiptTimeout);
      }
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChainException(what + ": interrupted while waiting for " + hash, e);
      }
    }
  }

  /** @return the latest block's number */
  public long blockNumber() {
    return request(() -> web3j.ethBlockNumber().send(), "eth_blockNumber").getBlockNumber().longValueExact();
  }

  /** @return the latest block's timestamp, epoch seconds */
  public long latestTimestamp() {
    return request(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send(), "eth_getBlockByNumber")
        .getBlock().getTimestamp().longValueExact();
  }

  /**
   * Logs of {@code address} with first topic {@code topic0} in [from, to], read in chunks of {@code chunk} blocks.
   *
   * @param address the emitting contract, hex
   * @param topic0 the event's signature hash, hex
   * @param from the first block, inclusive
   * @param to the last block, inclusive
   * @param chunk blocks per eth_getLogs request
   * @return the logs, in block order
   * @throws ChainException if a request fails
   */
  public List<Log> logs(String address, String topic0, long from, long to, long chunk) {
    List<Log> out = new java.util.ArrayList<>();
    for (long start = from; start <= to; start += chunk) {
      long end = Math.min(to, start + chunk - 1);
      EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
          DefaultBlockParameter.valueOf(BigInteger.valueOf(end)), address);
      filter.addSingleTopic(topic0);
      EthLog r = request(() -> web3j.ethGetLogs(filter).send(), "eth_getLogs");
      if (r.hasError()) {
        throw new ChainException("eth_getLogs failed: " + r.getError().getMessage());
      }
      for (EthLog.LogResult<?> lr : r.getLogs()) {
        out.add((Log) lr.get());
      }
    }
    return out;
  }

  /** Forgets the cached nonce (after a transaction was sent by another client with the same key). */
  public void resyncNonce() {
    nonces.resync();
  }

  /**
   * One blocking node request.
   *
   * @param <T> the response type
   */
  @FunctionalInterface
  public interface IoCall<T> {
    /**
     * @return the response
     * @throws IOException on a transport failure
     */
    T run() throws IOException;
  }

  /**
   * Runs one request; transport failures become ChainException naming the request.
   *
   * @param <T> the response type
   * @param call the request
   * @param what the request's name, for messages
   * @return the response
   * @throws ChainException if the request fails
   */
  public static <T> T request(IoCall<T> call, String what) {
    try {
      return call.run();
    } catch (IOException e) {
      throw new ChainException(what + " failed: node unreachable or transport error (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      if (e instanceof ChainException ce) {
        throw ce;
      }
      throw new ChainException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static ChainException reverted(String what, Response.Error error) {
    String reason = RevertDecoder.get().decode(errorData(error).orElse(null));
    if (reason == null) {
      return new ChainException(what + " failed: " + error.getMessage());
    }
    return new ChainException(what + " failed", reason, null);
  }

  private static Optional<String> errorData(Response.Error error) {
    String d = error.getData();
    if (d == null) {
      return Optional.empty();
    }
    d = d.trim();
    if (d.startsWith("\"")) {
      d = d.substring(1, d.length() - 1);
    }
    return d.startsWith("0x") ? Optional.of(d) : Optional.empty();
  }
}
