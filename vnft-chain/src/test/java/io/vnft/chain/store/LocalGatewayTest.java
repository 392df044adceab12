package io.vnft.chain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.ContentId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalGatewayTest {

  @TempDir Path dir;

  private LocalContentStore store;
  private LocalGateway gateway;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    store = new LocalContentStore(dir);
    gateway = LocalGateway.start(store);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void servesStoredFilesWithTheirContentType() throws Exception {
    byte[] json = "{\"name\":\"vnft #1\"}".getBytes(StandardCharsets.UTF_8);
    ContentId meta = store.put("vnft-1.json", json);
    HttpResponse<byte[]> r = get(gateway.uri(meta));
    assertEquals(200, r.statusCode());
    assertArrayEquals(json, r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("\"" + meta.value() + "\"", r.headers().firstValue("ETag").orElse(""));
    assertTrue(gateway.uri(meta).toString().startsWith("http://127.0.0.1:" + gateway.port() + "/ipfs/b"));

    // A name without a known extension: type from the first bytes (a GIF header here).
    ContentId gif = store.put("anim", "GIF89a....".getBytes(StandardCharsets.US_ASCII));
    assertEquals("image/gif", get(gateway.uri(gif)).headers().firstValue("Content-Type").orElse(""));

    ContentId empty = store.put("empty.bin", new byte[0]);
    HttpResponse<byte[]> e = get(gateway.uri(empty));
    assertEquals(200, e.statusCode());
    assertEquals(0, e.body().length);
  }

  @Test
  void headAnswersTheLengthWithoutABody() throws Exception {
    ContentId cid = store.put("a.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0});
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(gateway.uri(cid))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("9", r.headers().firstValue("Content-Length").orElse(""));
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals(0, r.body().length);
  }

  @Test
  void unknownIs404MalformedIs400OtherMethodsAre405TamperedIs502() throws Exception {
    ContentId absent = ContentId.compute(new byte[] {9});
    assertEquals(404, get(gateway.uri(absent)).statusCode());
    assertEquals(400, get(gateway.baseUri().resolve("ipfs/bnotacid")).statusCode());
    assertEquals(400, get(gateway.baseUri().resolve("ipfs/QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")).statusCode());
    assertEquals(404, get(gateway.baseUri().resolve("other")).statusCode());
    ContentId cid = store.put("x.txt", "x".getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(gateway.uri(cid))
        .POST(HttpRequest.BodyPublishers.ofString("y")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    Files.writeString(store.path(cid), "tampered");
    assertEquals(502, get(gateway.uri(cid)).statusCode());
  }

  @Test
  void byteRangesLetPlayersSeek() throws Exception {
    byte[] video = new byte[1000];
    for (int i = 0; i < video.length; i++) {
      video[i] = (byte) i;
    }
    ContentId cid = store.put("v.mp4", video);
    HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(gateway.uri(cid)).header("Range", "bytes=100-199")
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(206, part.statusCode());
    assertEquals("bytes 100-199/1000", part.headers().firstValue("Content-Range").orElse(""));
    assertArrayEquals(java.util.Arrays.copyOfRange(video, 100, 200), part.body());
    HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(gateway.uri(cid)).header("Range", "bytes=-10")
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertArrayEquals(java.util.Arrays.copyOfRange(video, 990, 1000), tail.body());
    HttpResponse<byte[]> bad = http.send(HttpRequest.newBuilder(gateway.uri(cid)).header("Range", "bytes=1000-")
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(416, bad.statusCode());
    assertEquals("bytes", get(gateway.uri(cid)).headers().firstValue("Accept-Ranges").orElse(""));
    assertArrayEquals(new int[] {0, 999}, LocalGateway.parseRange("bytes=0-5000", 1000));
    assertArrayEquals(new int[0], LocalGateway.parseRange("bytes=0-1,5-6", 1000));
  }

  @Test
  void closeReleasesThePort() throws Exception {
    ContentId cid = store.put("x.txt", "x".getBytes(StandardCharsets.US_ASCII));
    URI uri = gateway.uri(cid);
    assertEquals(200, get(uri).statusCode());
    gateway.close();
    gateway.close(); // idempotent
    assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(), uri));
  }

  private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    return get(http, uri);
  }

  private static HttpResponse<byte[]> get(HttpClient http, URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
