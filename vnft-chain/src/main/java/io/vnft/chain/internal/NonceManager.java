package io.vnft.chain.internal;

import io.vnft.api.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.function.LongFunction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;

/**
 * Hands out consecutive nonces for one sender. {@link #send(LongFunction)} holds a lock from taking
 * the nonce until the node has accepted (or refused) the signed transaction, so concurrent senders
 * never reuse or skip a nonce; when a send fails, the next nonce is re-read from the node's pending
 * count, so no gap is left behind. Internal: not part of the public API. Thread-safe.
 */
public final class NonceManager {
  private final Web3j web3j;
  private final String address;
  private long next = -1;

  /**
   * @param web3j the node the pending nonce is read from
   * @param address the sending account, hex
   */
  public NonceManager(Web3j web3j, String address) {
    this.web3j = web3j;
    this.address = address;
  }

  /**
   * Runs {@code sender} with the next nonce while holding the lock.
   *
   * @param sender signs and broadcasts with the given nonce; returns the tx hash, throws when the node refused it
   * @return what sender returned
   */
  public synchronized String send(LongFunction<String> sender) {
    if (next < 0) {
      next = pendingCount();
    }
    try {
      String hash = sender.apply(next);
      next++;
      return hash;
    } catch (RuntimeException e) {
      next = -1; // resync from the node before the next send
      throw e;
    }
  }

  /** Forgets the cached nonce; the next send reads it from the node. */
  public synchronized void resync() {
    next = -1;
  }

  private long pendingCount() {
    try {
      EthGetTransactionCount c = web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send();
      if (c.hasError()) {
        throw new ChainException("eth_getTransactionCount failed: " + c.getError().getMessage());
      }
      BigInteger n = c.getTransactionCount();
      return n.longValueExact();
    } catch (IOException e) {
      throw new ChainException("eth_getTransactionCount failed for " + address, e);
    }
  }
}
