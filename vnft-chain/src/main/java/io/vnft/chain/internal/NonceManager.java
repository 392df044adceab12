package io.vnft.chain.internal;

import io.vnft.api.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;
import org.web3j.protocol.core.methods.response.EthTransaction;

/**
 * Hands out consecutive nonces for one sender. {@link #send(LongFunction)} holds a lock from taking
 * the nonce until the node has accepted (or refused) the signed transaction, so concurrent senders
 * in this process never reuse or skip a nonce.
 *
 * <p>Before each send the node's pending count is read (one cheap request) and compared with the
 * nonce kept here, so the manager follows changes of the node's state instead of trusting its
 * cache for months:
 * <ul>
 *   <li>the node is <em>ahead</em> (another client sent with this key): the node's count is used;
 *   <li>the node is <em>behind</em> and does not know the last transaction sent from here (a node
 *       reset or restart, a reorg, a pool eviction): the node's count is used, with one WARN line;
 *       keeping ours would leave a gap and every later transaction would wait forever;
 *   <li>the node is behind but knows the last transaction (a node that reports its pending count
 *       late): ours is kept.
 * </ul>
 * When a send fails, the next nonce is re-read from the node, so no gap is left behind. Internal:
 * not part of the public API. Thread-safe.
 */
public final class NonceManager {
  private static final Logger LOG = LoggerFactory.getLogger(NonceManager.class);
  private final Web3j web3j;
  private final String address;
  private long next = -1;
  private String lastHash;

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
    long pending = pendingCount();
    if (next < 0) {
      next = pending;
    } else if (pending > next) {
      LOG.info("nonce of {}: the node's pending count {} is ahead of ours {} (another client sends with this key); "
          + "using the node's", address, pending, next);
      next = pending;
    } else if (pending < next && (lastHash == null || !known(lastHash))) {
      LOG.warn("nonce of {}: the node's pending count dropped to {} below ours {} and it does not know our last "
          + "transaction {} (node reset, reorg or pool eviction); resyncing from the node", address, pending, next,
          lastHash);
      next = pending;
    }
    try {
      String hash = sender.apply(next);
      next++;
      lastHash = hash;
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

  private boolean known(String hash) {
    try {
      EthTransaction t = web3j.ethGetTransactionByHash(hash).send();
      return !t.hasError() && t.getTransaction().isPresent();
    } catch (IOException e) {
      throw new ChainException("eth_getTransactionByHash failed for " + hash, e);
    }
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
