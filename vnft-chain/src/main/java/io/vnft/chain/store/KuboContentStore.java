package io.vnft.chain.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vnft.api.ContentId;
import io.vnft.api.ContentStore;
import io.vnft.api.ContentStoreException;
import io.vnft.api.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link ContentStore} backed by the user's own IPFS node through kubo's HTTP RPC API
 * ({@code /api/v0/...}, every call a POST), using OkHttp.
 *
 * <ul>
 *   <li>{@link #put(String, byte[])}: {@code /api/v0/add} with {@code cid-version=1},
 *       {@code raw-leaves=true}, {@code chunker=size-262144}, {@code hash=sha2-256},
 *       {@code pin=true} (unless turned off) — the parameters {@link ContentId#compute(byte[])}
 *       assumes, passed explicitly so a node whose {@code Import} config changes the defaults
 *       still agrees. The CID the node answers must equal the locally computed one, else
 *       {@link ContentStoreException} (e.g. a node set to more than 174 links per node).</li>
 *   <li>{@link #get(ContentId)}: {@code /api/v0/cat}; the bytes are checked against the CID.</li>
 *   <li>{@link #contains(ContentId)}: {@code /api/v0/pin/ls?type=recursive}: true when the node
 *       pins the content (what a store should guarantee), false when kubo says "not pinned".</li>
 *   <li>{@link #pin(ContentId)}: {@code /api/v0/pin/add}, for content added elsewhere.</li>
 * </ul>
 * The RPC API gives full control of the node: keep it on loopback or behind authentication (kubo
 * {@code API.Authorizations}; set the header with {@link Builder#authorization(String)}).
 *
 * <p>Thread-safe (OkHttp clients are); calls block. Network and node errors become
 * {@link ContentStoreException} carrying kubo's {@code Message}.
 */
public final class KuboContentStore implements ContentStore {

  /** Default RPC endpoint of a local kubo node. */
  public static final String DEFAULT_API_URL = "http://127.0.0.1:5001";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType OCTET = MediaType.get("application/octet-stream");

  private final HttpUrl api;
  private final OkHttpClient client;
  private final String authorization;
  private final boolean pin;
  private final long maxGetBytes;

  private KuboContentStore(Builder b) {
    this.api = b.api;
    this.client = b.client != null ? b.client : new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10)).readTimeout(b.timeout).writeTimeout(b.timeout)
        .callTimeout(Duration.ZERO).build();
    this.authorization = b.authorization;
    this.pin = b.pin;
    this.maxGetBytes = b.maxGetBytes;
  }

  /** @return a builder for {@value #DEFAULT_API_URL} */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the RPC base URL */
  public HttpUrl apiUrl() {
    return api;
  }

  @Override
  public ContentId put(String fileName, byte[] bytes) {
    LocalContentStore.checkName(fileName);
    if (bytes == null) {
      throw new InvalidInputException("bytes: must not be null");
    }
    ContentId expected = ContentId.compute(bytes);
    HttpUrl url = endpoint("add")
        .addQueryParameter("cid-version", "1")
        .addQueryParameter("raw-leaves", "true")
        .addQueryParameter("chunker", "size-" + ContentId.CHUNK_SIZE)
        .addQueryParameter("hash", "sha2-256")
        .addQueryParameter("pin", Boolean.toString(pin))
        .addQueryParameter("progress", "false")
        .build();
    RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", fileName, RequestBody.create(bytes, OCTET))
        .build();
    String text = callText(url, body, "add " + fileName);
    String hash = null;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = parse(line, "add");
      if (node.hasNonNull("Hash")) {
        hash = node.get("Hash").asText();
      }
    }
    if (hash == null) {
      throw new ContentStoreException("kubo add of " + fileName + " answered no Hash: " + abbreviate(text));
    }
    if (!hash.equals(expected.value())) {
      throw new ContentStoreException("kubo stored " + fileName + " as " + hash + " but its CID is "
          + expected + " (does the node's Import config change the chunker, layout or link count?)");
    }
    return expected;
  }

  @Override
  public byte[] get(ContentId cid) {
    if (cid == null) {
      throw new InvalidInputException("cid: must not be null");
    }
    HttpUrl url = endpoint("cat").addQueryParameter("arg", cid.value()).build();
    byte[] bytes;
    try (Response r = execute(url, emptyBody(), "cat " + cid)) {
      requireOk(r, "cat " + cid);
      bytes = readLimited(r.body(), cid);
    } catch (IOException e) {
      throw new ContentStoreException("kubo cat " + cid + " failed at " + api + ": " + e.getMessage(), e);
    }
    ContentId actual = ContentId.compute(bytes);
    if (!actual.equals(cid)) {
      throw new ContentStoreException("kubo answered bytes for " + cid + " that hash to " + actual);
    }
    return bytes;
  }

  @Override
  public boolean contains(ContentId cid) {
    if (cid == null) {
      throw new InvalidInputException("cid: must not be null");
    }
    HttpUrl url = endpoint("pin/ls").addQueryParameter("arg", cid.value())
        .addQueryParameter("type", "recursive").build();
    try (Response r = execute(url, emptyBody(), "pin/ls " + cid)) {
      String text = r.body() == null ? "" : r.body().string();
      if (r.isSuccessful()) {
        JsonNode keys = parse(text, "pin/ls").path("Keys");
        return keys.has(cid.value());
      }
      String message = kuboMessage(text);
      if (message.contains("not pinned")) {
        return false;
      }
      throw new ContentStoreException("kubo pin/ls " + cid + " failed: HTTP " + r.code() + " " + message);
    } catch (IOException e) {
      throw new ContentStoreException("kubo pin/ls " + cid + " failed at " + api + ": " + e.getMessage(), e);
    }
  }

  /**
   * Pins content already known to the node (or fetchable by it), recursively.
   *
   * @param cid the content
   * @throws ContentStoreException when the node refuses or cannot be reached
   */
  public void pin(ContentId cid) {
    if (cid == null) {
      throw new InvalidInputException("cid: must not be null");
    }
    HttpUrl url = endpoint("pin/add").addQueryParameter("arg", cid.value()).build();
    String text = callText(url, emptyBody(), "pin/add " + cid);
    JsonNode pins = parse(text, "pin/add").path("Pins");
    boolean found = false;
    for (JsonNode p : pins) {
      found |= cid.value().equals(p.asText());
    }
    if (!found) {
      throw new ContentStoreException("kubo pin/add " + cid + " did not list it as pinned: " + abbreviate(text));
    }
  }

  private HttpUrl.Builder endpoint(String command) {
    return api.newBuilder().addPathSegments("api/v0/" + command);
  }

  private String callText(HttpUrl url, RequestBody body, String what) {
    try (Response r = execute(url, body, what)) {
      requireOk(r, what);
      return r.body() == null ? "" : r.body().string();
    } catch (IOException e) {
      throw new ContentStoreException("kubo " + what + " failed at " + api + ": " + e.getMessage(), e);
    }
  }

  private Response execute(HttpUrl url, RequestBody body, String what) throws IOException {
    Request.Builder rb = new Request.Builder().url(url).post(body);
    if (authorization != null) {
      rb.header("Authorization", authorization);
    }
    return client.newCall(rb.build()).execute();
  }

  private static void requireOk(Response r, String what) throws IOException {
    if (!r.isSuccessful()) {
      String text = r.body() == null ? "" : r.body().string();
      throw new ContentStoreException("kubo " + what + " failed: HTTP " + r.code() + " " + kuboMessage(text));
    }
  }

  private byte[] readLimited(ResponseBody body, ContentId cid) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65_536];
    long total = 0;
    try (InputStream in = body.byteStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxGetBytes) {
          throw new ContentStoreException("kubo cat " + cid + " is larger than the limit of " + maxGetBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static RequestBody emptyBody() {
    return RequestBody.create(new byte[0], null);
  }

  private static JsonNode parse(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new ContentStoreException("kubo " + what + " answered malformed JSON: " + abbreviate(text), e);
    }
  }

  /** Kubo's error body is {@code {"Message": ..., "Code": ..., "Type": "error"}}. */
  private static String kuboMessage(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n != null && n.hasNonNull("Message")) {
        return n.get("Message").asText();
      }
    } catch (IOException ignored) {
      // not JSON: report the raw text
    }
    return abbreviate(text);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** Settings of a {@link KuboContentStore}. Not thread-safe; {@link #build()} it once. */
  public static final class Builder {
    private HttpUrl api = HttpUrl.get(DEFAULT_API_URL);
    private OkHttpClient client;
    private Duration timeout = Duration.ofSeconds(60);
    private String authorization;
    private boolean pin = true;
    private long maxGetBytes = 1L << 30;

    private Builder() {}

    /**
     * @param url the RPC base, e.g. {@code http://127.0.0.1:5001}
     * @return this builder
     * @throws InvalidInputException when not an http(s) URL
     */
    public Builder apiUrl(String url) {
      HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
      if (parsed == null) {
        throw new InvalidInputException("apiUrl: must be an http or https URL, got '" + url + "'");
      }
      this.api = parsed;
      return this;
    }

    /**
     * @param client the OkHttp client to use (its timeouts then apply); null for a private one
     * @return this builder
     */
    public Builder client(OkHttpClient client) {
      this.client = client;
      return this;
    }

    /**
     * @param timeout read/write timeout of the private client
     * @return this builder
     * @throws InvalidInputException when null, zero or negative
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new InvalidInputException("timeout: must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * @param headerValue the {@code Authorization} header for kubo's {@code API.Authorizations},
     *     e.g. {@code "Bearer <token>"} or {@code "Basic <base64>"}; null for none
     * @return this builder
     */
    public Builder authorization(String headerValue) {
      this.authorization = headerValue;
      return this;
    }

    /**
     * @param pin whether {@code put} pins what it adds (default true)
     * @return this builder
     */
    public Builder pin(boolean pin) {
      this.pin = pin;
      return this;
    }

    /**
     * @param maxGetBytes the largest content {@code get} will read, in bytes (default 1 GiB)
     * @return this builder
     * @throws InvalidInputException when below 1 or above 2^31 - 9
     */
    public Builder maxGetBytes(long maxGetBytes) {
      if (maxGetBytes < 1 || maxGetBytes > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException("maxGetBytes: must be in [1, " + (Integer.MAX_VALUE - 8) + "], got " + maxGetBytes);
      }
      this.maxGetBytes = maxGetBytes;
      return this;
    }

    /** @return the store (no connection is made until the first call) */
    public KuboContentStore build() {
      return new KuboContentStore(this);
    }
  }
}
