package io.vnft.chain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.ContentId;
import io.vnft.api.ContentStoreException;
import io.vnft.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a loopback server that answers like kubo's RPC API and records what it was sent. */
class KuboContentStoreTest {

  private MockWebServer server;
  private KuboContentStore store;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    store = KuboContentStore.builder().apiUrl(base())
        .authorization("Bearer secret").build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  @Test
  void putSendsTheFileWithTheCidParametersAndChecksTheAnsweredCid() throws Exception {
    byte[] video = "not really an mp4".getBytes(StandardCharsets.US_ASCII);
    ContentId cid = ContentId.compute(video);
    server.enqueue(json("{\"Name\":\"vnft-7.mp4\",\"Hash\":\"" + cid + "\",\"Size\":\"" + video.length + "\"}\n"));

    assertEquals(cid, store.put("vnft-7.mp4", video));

    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", r.getMethod());
    HttpUrl url = r.getRequestUrl();
    assertEquals("/api/v0/add", url.encodedPath());
    assertEquals("1", url.queryParameter("cid-version"));
    assertEquals("true", url.queryParameter("raw-leaves"));
    assertEquals("size-262144", url.queryParameter("chunker"));
    assertEquals("sha2-256", url.queryParameter("hash"));
    assertEquals("true", url.queryParameter("pin"));
    assertEquals("Bearer secret", r.getHeader("Authorization"));
    assertTrue(r.getHeader("Content-Type").startsWith("multipart/form-data; boundary="), r.getHeader("Content-Type"));
    String body = r.getBody().readUtf8();
    assertTrue(body.contains("name=\"file\"; filename=\"vnft-7.mp4\""), body);
    assertTrue(body.contains("not really an mp4"), body);
  }

  @Test
  void aNodeThatAnswersAnotherCidIsRefused() {
    byte[] bytes = new byte[1000];
    // e.g. a node configured for CIDv0 / other chunking answers a different hash
    server.enqueue(json("{\"Name\":\"a.bin\",\"Hash\":\"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku\",\"Size\":\"1000\"}"));
    ContentStoreException e = assertThrows(ContentStoreException.class, () -> store.put("a.bin", bytes));
    assertTrue(e.getMessage().contains(ContentId.compute(bytes).value()), e.getMessage());
  }

  @Test
  void kuboErrorsCarryItsMessage() {
    server.enqueue(new MockResponse().setResponseCode(500)
        .setBody("{\"Message\":\"unrecognized chunker option\",\"Code\":0,\"Type\":\"error\"}"));
    ContentStoreException e = assertThrows(ContentStoreException.class, () -> store.put("a", new byte[] {1}));
    assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("unrecognized chunker option"),
        e.getMessage());
  }

  @Test
  void getCatsAndVerifiesTheBytes() throws Exception {
    byte[] content = "metadata".getBytes(StandardCharsets.UTF_8);
    ContentId cid = ContentId.compute(content);
    server.enqueue(new MockResponse().setBody(new Buffer().write(content)));
    assertArrayEquals(content, store.get(cid));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", r.getMethod());
    assertEquals("/api/v0/cat", r.getRequestUrl().encodedPath());
    assertEquals(cid.value(), r.getRequestUrl().queryParameter("arg"));

    server.enqueue(new MockResponse().setBody("something else"));
    ContentStoreException e = assertThrows(ContentStoreException.class, () -> store.get(cid));
    assertTrue(e.getMessage().contains("hash to"), e.getMessage());
  }

  @Test
  void getRefusesContentOverTheLimit() {
    KuboContentStore small = KuboContentStore.builder().apiUrl(base()).maxGetBytes(10).build();
    server.enqueue(new MockResponse().setBody("0123456789abcdef"));
    assertThrows(ContentStoreException.class, () -> small.get(ContentId.compute(new byte[] {1})));
  }

  @Test
  void containsAsksForARecursivePin() throws Exception {
    ContentId cid = ContentId.compute(new byte[] {1, 2});
    server.enqueue(json("{\"Keys\":{\"" + cid + "\":{\"Type\":\"recursive\"}}}"));
    assertTrue(store.contains(cid));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/api/v0/pin/ls", r.getRequestUrl().encodedPath());
    assertEquals(cid.value(), r.getRequestUrl().queryParameter("arg"));
    assertEquals("recursive", r.getRequestUrl().queryParameter("type"));

    server.enqueue(new MockResponse().setResponseCode(500)
        .setBody("{\"Message\":\"path '" + cid + "' is not pinned\",\"Code\":0,\"Type\":\"error\"}"));
    assertFalse(store.contains(cid));

    server.enqueue(new MockResponse().setResponseCode(500)
        .setBody("{\"Message\":\"repo lock held\",\"Code\":0,\"Type\":\"error\"}"));
    assertThrows(ContentStoreException.class, () -> store.contains(cid));
  }

  @Test
  void pinAddsARecursivePin() throws Exception {
    ContentId cid = ContentId.compute(new byte[] {3});
    server.enqueue(json("{\"Pins\":[\"" + cid + "\"]}"));
    store.pin(cid);
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/api/v0/pin/add", r.getRequestUrl().encodedPath());
    assertEquals(cid.value(), r.getRequestUrl().queryParameter("arg"));

    server.enqueue(json("{\"Pins\":[]}"));
    assertThrows(ContentStoreException.class, () -> store.pin(cid));
  }

  @Test
  void unreachableNodeIsAContentStoreException() throws Exception {
    String url = base();
    server.shutdown();
    KuboContentStore gone = KuboContentStore.builder().apiUrl(url).build();
    ContentStoreException e = assertThrows(ContentStoreException.class, () -> gone.put("a", new byte[] {1}));
    assertTrue(e.getMessage().contains(url.replaceAll("/$", "")), e.getMessage());
  }

  @Test
  void badConfigurationIsRefused() {
    assertThrows(InvalidInputException.class, () -> KuboContentStore.builder().apiUrl("not a url"));
    assertThrows(InvalidInputException.class, () -> KuboContentStore.builder().maxGetBytes(0));
    assertThrows(InvalidInputException.class, () -> store.put("", new byte[0]));
    assertThrows(InvalidInputException.class, () -> store.get(null));
  }

  /** Built by hand: MockWebServer.url() looks up the canonical host name, slow without DNS. */
  private String base() {
    return "http://127.0.0.1:" + server.getPort() + "/";
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }
}
