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
import org.web3j.crypto.Credentials;
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
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * One signer on one node: calls, EIP-1559 transactions (gas estimated first, so a revert is reported
 * with its reason before anything is signed), nonces through {@link NonceManager}, receipts awaited
 * with N confirmations, failed receipts replayed to recover their revert reason, and log reading in
 * block chunks. Every failure is a {@link ChainException}; web3j exceptions never leak. Internal.
 * Thread-safe.
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
      String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
      EthSendTransaction sent = request(() -> web3j.ethSendRawTransaction(signed).send(), "eth_sendRawTransaction " + what);
      if (sent.hasError()) {
        String msg = sent.getError().getMessage();
        if (msg != null && msg.toLowerCase().contains("insufficient funds")) {
          throw new ChainException(what + ": insufficient funds for gas * price + value (" + msg + ")");
        }
        throw reverted(what, sent.getError());
      }
      return sent.getTransactionHash();
    });
    TransactionReceipt receipt = awaitReceipt(hash, what);
    if (!receipt.isStatusOK()) {
      throw new ChainException(what + " reverted in tx " + hash, replayReason(to, data, value, receipt), null);
    }
    return receipt;
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
    while (true) {
      EthGetTransactionReceipt r = request(() -> web3j.ethGetTransactionReceipt(hash).send(), "eth_getTransactionReceipt");
      Optional<TransactionReceipt> receipt = r.getTransactionReceipt();
      if (receipt.isPresent()) {
        long mined = receipt.get().getBlockNumber().longValueExact();
        if (blockNumber() - mined + 1 >= confirmations) {
          return receipt.get();
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
