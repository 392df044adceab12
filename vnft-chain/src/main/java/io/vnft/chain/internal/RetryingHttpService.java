package io.vnft.chain.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * web3j's HTTP transport with bounded retries for <em>idempotent</em> JSON-RPC requests only. A read
 * ({@code eth_call}, {@code eth_getLogs}, {@code eth_getTransactionReceipt}, ...) whose answer is
 * lost, cut short, late past the read timeout, or an HTTP error (429, 5xx) is tried again under a
 * {@link RetryPolicy} (count and total time bounded, jittered exponential backoff). A request that
 * changes state is never repeated here: {@code eth_sendRawTransaction} and {@code eth_sendTransaction}
 * fail on the first transport error so the caller ({@link Rpc}) can resolve the unknown outcome by the
 * transaction's hash and nonce; node-control methods ({@code evm_*}, {@code anvil_*}, ...) are not
 * idempotent either ({@code evm_increaseTime} twice moves time twice) and are tried once.
 *
 * <p>OkHttp's own silent retry on a failed connection is switched off: it may re-post a request
 * body, which for a send would be exactly the blind repeat this class exists to avoid.
 *
 * <p>A JSON-RPC error in a well-formed answer (a revert, "header not found") is an answer, not a
 * transport fault, and is returned as is. Internal. Thread-safe.
 */
public final class RetryingHttpService extends HttpService {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingHttpService.class);

  /** JSON-RPC methods that change state and therefore are never retried by the transport. */
  static final Set<String> STATE_CHANGING = Set.of("eth_sendRawTransaction", "eth_sendTransaction", "eth_sign",
      "eth_signTransaction", "personal_sendTransaction");

  private final RetryPolicy policy;
  private final AtomicLong retries = new AtomicLong();

  private RetryingHttpService(String url, OkHttpClient client, RetryPolicy policy) {
    super(url, client, false);
    this.policy = policy;
  }

  /**
   * @param url the node's HTTP(S) JSON-RPC URL
   * @param policy how idempotent requests are retried
   * @param connectTimeout TCP connect timeout
   * @param readTimeout how long one answer may take (a stalled node counts as a lost answer after this)
   * @return the transport
   */
  public static RetryingHttpService create(String url, RetryPolicy policy, Duration connectTimeout,
      Duration readTimeout) {
    OkHttpClient client = HttpService.getOkHttpClientBuilder().retryOnConnectionFailure(false)
        .connectTimeout(connectTimeout).readTimeout(readTimeout).writeTimeout(readTimeout).build();
    return new RetryingHttpService(url, client, policy);
  }

  /**
   * @param url the node's HTTP(S) JSON-RPC URL
   * @return the transport with {@link RetryPolicy#DEFAULT}, 5 s connect and 30 s read timeouts
   */
  public static RetryingHttpService create(String url) {
    return create(url, RetryPolicy.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  /** @return how many retries this transport has made since it was created */
  public long retries() {
    return retries.get();
  }

  /**
   * @param method a JSON-RPC method name
   * @return whether repeating it is harmless (reads of the chain and of the node's state)
   */
  public static boolean idempotent(String method) {
    if (method == null || STATE_CHANGING.contains(method)) {
      return false;
    }
    return method.startsWith("eth_") || method.startsWith("net_") || method.startsWith("web3_");
  }

  @Override
  public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
    String method = request.getMethod();
    if (!idempotent(method)) {
      return super.send(request, responseType);
    }
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        T r = super.send(request, responseType);
        if (r == null) {
          throw new IOException("empty answer");
        }
        return r;
      } catch (IOException | ClientConnectionException e) {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
          throw (InterruptedIOException) e;
        }
        if (!policy.mayRetry(attempt, start)) {
          throw new IOException(method + ": " + attempt + " tries failed within "
              + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (" + policy + "); last: " + e, e);
        }
        retries.incrementAndGet();
        LOG.debug("{} try {} failed ({}); retrying", method, attempt, e.toString());
        try {
          policy.pause(attempt, start);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          InterruptedIOException x = new InterruptedIOException(method + ": interrupted while backing off");
          x.initCause(e);
          throw x;
        }
      }
    }
  }
}
