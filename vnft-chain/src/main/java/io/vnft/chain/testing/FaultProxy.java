package io.vnft.chain.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault-injecting HTTP/1.1 proxy on loopback, in front of a JSON-RPC node: a test tool for
 * checking that a client (an operator, a challenger, the SDK's own retry and send logic) makes
 * progress, and sends each transaction exactly once, over an unreliable connection. Not for
 * production traffic. A seeded share of requests meets one of the {@link Fault}s, chosen with equal
 * weight; the rest pass through unchanged. The share is exact per block of {@value #BLOCK} requests
 * (for 12 %, 6 of every 50, at seeded positions), so a short test sees the rate it asked for. Faults can also be scripted per JSON-RPC method ("the next
 * eth_sendRawTransaction loses its answer"), which wins over the random draw. Counts what it did,
 * per fault and per method that reached the node. Listens on 127.0.0.1 only. Thread-safe.
 */
public final class FaultProxy implements AutoCloseable {
  /** What happens to a faulty request. */
  public enum Fault {
    /** The connection is closed before the request is forwarded: the node never sees it. */
    DROP_REQUEST,
    /** The request is forwarded and answered by the node, then the connection is closed: the answer is lost. */
    DROP_ANSWER,
    /** The request is held for the stall time, then forwarded; the answer is returned if the client still waits. */
    STALL,
    /** The request is forwarded; headers and half of the answer are returned, then the connection is closed. */
    TRUNCATE
  }

  private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

  private final URI upstream;
  private final double rate;
  private final Random random;
  private final long stallMillis;
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
  private final Map<String, Integer> forwarded = new HashMap<>();
  private final Map<String, Integer> faultsByMethod = new HashMap<>();
  private final Map<String, Deque<Fault>> script = new HashMap<>();
  private int requests;
  private final java.util.BitSet block = new java.util.BitSet();

  /** Requests per block over which the fault share is exact. */
  public static final int BLOCK = 50;
  private volatile boolean open = true;

  /**
   * @param upstreamUrl the node's URL
   * @param rate share of requests that meet a random fault, in [0, 1]
   * @param seed the random draw's seed
   * @param stallMillis how long {@link Fault#STALL} holds a request
   * @throws IOException if no loopback port can be bound
   */
  public FaultProxy(String upstreamUrl, double rate, long seed, long stallMillis) throws IOException {
    this.upstream = URI.create(upstreamUrl);
    this.rate = rate;
    this.random = new Random(seed);
    this.stallMillis = stallMillis;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** @return the proxy's URL, {@code http://127.0.0.1:PORT} */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Makes the next requests of {@code method} meet {@code next}, in order, before random draws resume.
   *
   * @param method a JSON-RPC method name
   * @param next the faults
   */
  public synchronized void script(String method, Fault... next) {
    script.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(java.util.List.of(next));
  }

  /** @return requests seen, faulty or not */
  public synchronized int requests() {
    return requests;
  }

  /** @return how many requests met each fault */
  public synchronized Map<Fault, Integer> faults() {
    return new EnumMap<>(faults);
  }

  /** @return faults injected in all */
  public synchronized int faultCount() {
    return faults.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * @param method a JSON-RPC method
   * @return how many requests of it reached the node
   */
  public synchronized int forwarded(String method) {
    return forwarded.getOrDefault(method, 0);
  }

  /**
   * @param method a JSON-RPC method
   * @return how many requests of it met a fault
   */
  public synchronized int faults(String method) {
    return faultsByMethod.getOrDefault(method, 0);
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (open) {
      try {
        Socket s = server.accept();
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private synchronized Fault draw(String method) {
    int i = requests % BLOCK;
    requests++;
    if (i == 0) {
      block.clear();
      int k = (int) Math.round(rate * BLOCK);
      while (block.cardinality() < k) {
        block.set(random.nextInt(BLOCK));
      }
    }
    Deque<Fault> q = script.get(method);
    Fault f = null;
    if (q != null && !q.isEmpty()) {
      f = q.poll();
    } else if (block.get(i)) {
      f = Fault.values()[random.nextInt(Fault.values().length)];
    }
    if (f != null) {
      faults.merge(f, 1, Integer::sum);
      faultsByMethod.merge(method, 1, Integer::sum);
    }
    return f;
  }

  private synchronized void countForwarded(String method) {
    forwarded.merge(method, 1, Integer::sum);
  }

  private void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      s.setTcpNoDelay(true);
      while (open) {
        byte[] body = readRequest(in);
        if (body == null) {
          return; // the client closed the connection
        }
        String json = new String(body, StandardCharsets.UTF_8);
        Matcher m = METHOD.matcher(json);
        String method = m.find() ? m.group(1) : "?";
        Fault f = draw(method);
        if (f == Fault.DROP_REQUEST) {
          return;
        }
        if (f == Fault.STALL) {
          Thread.sleep(stallMillis);
        }
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(upstream).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        countForwarded(method);
        if (f == Fault.DROP_ANSWER) {
          return;
        }
        byte[] answer = r.body();
        String head = "HTTP/1.1 " + r.statusCode() + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + answer.length + "\r\n\r\n";
        // Head and body in one write: two small writes on one connection meet Nagle's algorithm and the
        // client's delayed ACK, which cost about 40 ms per request on Linux loopback.
        ByteArrayOutputStream whole = new ByteArrayOutputStream(head.length() + answer.length);
        whole.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        whole.write(answer, 0, f == Fault.TRUNCATE ? answer.length / 2 : answer.length);
        out.write(whole.toByteArray());
        out.flush();
        if (f == Fault.TRUNCATE) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away (for example after its read timeout during a stall)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** @return the body of the next request on the connection, or null at its end */
  private static byte[] readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      return null;
    }
    return body;
  }
}
