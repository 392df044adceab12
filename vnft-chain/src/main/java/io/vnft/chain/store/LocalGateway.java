package io.vnft.chain.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vnft.api.ContentId;
import io.vnft.api.ContentStore;
import io.vnft.api.ContentStoreException;
import io.vnft.api.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only HTTP gateway on the loopback interface serving a {@link ContentStore} the way IPFS
 * path gateways do: {@code GET /ipfs/<cid>} (and {@code HEAD}) answers the bytes with a
 * {@code Content-Type}, a strong {@code ETag} of the CID and an immutable cache header, and honours
 * one byte {@code Range} ({@code 206}, so browsers can seek in an MP4; {@code 416} when
 * unsatisfiable); an unknown CID is {@code 404}, a malformed one {@code 400}, another method {@code 405}, content that fails
 * its CID check {@code 502}. Meant for the demo and tests, so that token metadata can point at
 * {@code http://127.0.0.1:<port>/ipfs/<cid>} — not for serving the public.
 *
 * <p>It binds {@code 127.0.0.1} on a free port chosen by the OS (or the one given) and serves on
 * its own small thread pool of daemon threads, stopped by {@link #close()}. The content type comes
 * from the file name the {@link LocalContentStore} kept ({@code .mp4}, {@code .gif}, {@code .png},
 * {@code .json}, ...), else from the first bytes, else {@code application/octet-stream}.
 *
 * <p>Thread-safe.
 */
public final class LocalGateway implements AutoCloseable {

  private static final Map<String, String> TYPES = Map.of(
      "mp4", "video/mp4", "gif", "image/gif", "png", "image/png", "json", "application/json",
      "txt", "text/plain; charset=utf-8", "webm", "video/webm", "jpg", "image/jpeg", "jpeg", "image/jpeg",
      "svg", "image/svg+xml", "html", "text/html; charset=utf-8");

  private final HttpServer server;
  private final ExecutorService pool;
  private final ContentStore store;

  private LocalGateway(HttpServer server, ExecutorService pool, ContentStore store) {
    this.server = server;
    this.pool = pool;
    this.store = store;
  }

  /**
   * Starts a gateway on a free loopback port.
   *
   * @param store the content to serve
   * @return the running gateway
   * @throws InvalidInputException when {@code store} is null
   * @throws ContentStoreException when the server cannot bind
   */
  public static LocalGateway start(ContentStore store) {
    return start(store, 0);
  }

  /**
   * Starts a gateway on {@code 127.0.0.1:port}.
   *
   * @param store the content to serve
   * @param port the TCP port, or 0 for a free one
   * @return the running gateway
   * @throws InvalidInputException when {@code store} is null or the port is outside 0..65535
   * @throws ContentStoreException when the server cannot bind
   */
  public static LocalGateway start(ContentStore store, int port) {
    if (store == null) {
      throw new InvalidInputException("store: must not be null");
    }
    if (port < 0 || port > 65_535) {
      throw new InvalidInputException("port: must be in [0, 65535], got " + port);
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new ContentStoreException("cannot start the local gateway on 127.0.0.1:" + port + ": "
          + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "vnft-gateway-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    LocalGateway gw = new LocalGateway(server, pool, store);
    server.createContext("/", gw::handle);
    server.setExecutor(pool);
    server.start();
    return gw;
  }

  /** @return the TCP port the gateway listens on */
  public int port() {
    return server.getAddress().getPort();
  }

  /** @return the base URI, {@code http://127.0.0.1:<port>/} */
  public URI baseUri() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/");
  }

  /**
   * @param cid a CID
   * @return {@code http://127.0.0.1:<port>/ipfs/<cid>}
   */
  public URI uri(ContentId cid) {
    if (cid == null) {
      throw new InvalidInputException("cid: must not be null");
    }
    return baseUri().resolve("ipfs/" + cid.value());
  }

  /** Stops serving at once and releases the port and threads. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      boolean head = "HEAD".equals(method);
      if (!head && !"GET".equals(method)) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        text(ex, 405, "method not allowed: " + method);
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (!path.startsWith("/ipfs/")) {
        text(ex, 404, "only /ipfs/<cid> is served");
        return;
      }
      String tail = path.substring("/ipfs/".length());
      if (tail.endsWith("/")) {
        tail = tail.substring(0, tail.length() - 1);
      }
      ContentId cid;
      try {
        cid = ContentId.parse(tail);
      } catch (InvalidInputException e) {
        text(ex, 400, "malformed CID: " + e.getMessage());
        return;
      }
      if (!store.contains(cid)) {
        text(ex, 404, "not found: " + cid);
        return;
      }
      byte[] bytes;
      try {
        bytes = store.get(cid);
      } catch (ContentStoreException e) {
        text(ex, 502, "content for " + cid + " is unavailable or fails its CID check");
        return;
      }
      var h = ex.getResponseHeaders();
      h.set("Content-Type", contentType(cid, bytes));
      h.set("ETag", "\"" + cid.value() + "\"");
      h.set("Cache-Control", "public, max-age=29030400, immutable");
      h.set("X-Ipfs-Path", "/ipfs/" + cid.value());
      h.set("Accept-Ranges", "bytes");
      int from = 0;
      int to = bytes.length - 1;
      int status = 200;
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null) {
        int[] r = parseRange(range, bytes.length);
        if (r == null) {
          h.set("Content-Range", "bytes */" + bytes.length);
          text(ex, 416, "unsatisfiable range: " + range);
          return;
        }
        if (r.length == 2) {
          from = r[0];
          to = r[1];
          status = 206;
          h.set("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
        }
      }
      int length = to - from + 1;
      if (head) {
        h.set("Content-Length", Long.toString(length));
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, length == 0 ? -1 : length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes, from, length);
      }
    } finally {
      ex.close();
    }
  }

  /**
   * Parses one {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} range (RFC 9110 14.1.2).
   *
   * @return {@code {from, to}} inclusive; an empty array to ignore the header (several ranges or
   *     another unit: the whole content is sent); {@code null} when unsatisfiable
   */
  static int[] parseRange(String header, int size) {
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
      return new int[0];
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new int[0];
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      long from;
      long to;
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || size == 0) {
          return null;
        }
        from = Math.max(0, size - suffix);
        to = size - 1;
      } else {
        from = Long.parseLong(a);
        to = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
        if (from >= size || to < from) {
          return null;
        }
      }
      return new int[] {(int) from, (int) to};
    } catch (NumberFormatException e) {
      return new int[0];
    }
  }

  private String contentType(ContentId cid, byte[] bytes) {
    Optional<String> name = store instanceof LocalContentStore l ? l.fileName(cid) : Optional.empty();
    if (name.isPresent()) {
      String n = name.get();
      int dot = n.lastIndexOf('.');
      if (dot >= 0) {
        String type = TYPES.get(n.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type != null) {
          return type;
        }
      }
    }
    return sniff(bytes);
  }

  /** Recognises the formats vnft writes by their first bytes. */
  static String sniff(byte[] b) {
    if (startsWith(b, 4, "ftyp")) {
      return "video/mp4";
    }
    if (startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")) {
      return "image/gif";
    }
    if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && startsWith(b, 1, "PNG")) {
      return "image/png";
    }
    if (b.length > 0 && b[0] == '{') {
      return "application/json";
    }
    return "application/octet-stream";
  }

  private static boolean startsWith(byte[] b, int off, String ascii) {
    if (b.length < off + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (b[off + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static void text(HttpExchange ex, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if ("HEAD".equals(ex.getRequestMethod())) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
