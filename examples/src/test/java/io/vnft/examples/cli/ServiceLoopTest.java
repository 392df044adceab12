package io.vnft.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vnft.api.ChainException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service loop's health, metrics, failure limit and stop. */
class ServiceLoopTest {
  static HttpResponse<String> get(HttpServer s, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + s.getAddress().getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthAndMetricsFollowThePasses() throws Exception {
    ServiceLoop loop = new ServiceLoop("operator test", Duration.ofSeconds(5), 0);
    HttpServer s = loop.serve(0);
    try {
      assertEquals(503, get(s, "/healthz").statusCode(), "not healthy before a pass");
      assertEquals(Map.of("minted", 2L), loop.once(() -> Map.of("minted", 2L)));
      loop.once(() -> Map.of("minted", 3L));
      assertEquals(200, get(s, "/healthz").statusCode());
      loop.once(() -> {
        throw new ChainException("node unreachable");
      });
      HttpResponse<String> h = get(s, "/healthz");
      assertEquals(503, h.statusCode());
      assertTrue(h.body().contains("node unreachable"), h.body());
      HttpResponse<String> m = get(s, "/metrics");
      assertEquals(200, m.statusCode());
      assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
      String body = m.body();
      assertTrue(body.contains("vnft_passes_total{role=\"operator test\",outcome=\"ok\"} 2"), body);
      assertTrue(body.contains("vnft_passes_total{role=\"operator test\",outcome=\"failed\"} 1"), body);
      assertTrue(body.contains("vnft_failures_in_a_row{role=\"operator test\"} 1"), body);
      assertTrue(body.contains("# TYPE vnft_minted_total counter\nvnft_minted_total{role=\"operator test\"} 5"), body);
      for (String line : body.split("\n")) { // every sample is NAME{labels} NUMBER, every family has HELP and TYPE
        assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
            || line.matches("vnft_[a-z_]+\\{role=\"[^\"]*\"(,outcome=\"(ok|failed)\")?\\} [0-9.]+"), line);
      }
      assertEquals(body.split("# HELP ").length, body.split("# TYPE ").length, body);
    } finally {
      s.stop(0);
    }
  }

  @Test
  void theLoopStopsAfterTheFailureLimitOrWhenAsked() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ServiceLoop failing = new ServiceLoop("x", Duration.ofSeconds(1), 2);
    assertEquals(1, failing.run(() -> {
      calls.incrementAndGet();
      throw new ChainException("down");
    }));
    assertEquals(2, calls.get(), "stopped after 2 failures in a row");

    ServiceLoop loop = new ServiceLoop("y", Duration.ofSeconds(3600), 0);
    AtomicInteger passes = new AtomicInteger();
    CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> loop.run(() -> {
      passes.incrementAndGet();
      return Map.of();
    }));
    while (passes.get() == 0) {
      Thread.sleep(10);
    }
    loop.stop(); // what the SIGTERM hook does
    assertEquals(0, status.get(5, TimeUnit.SECONDS), "stops during its pause, not after an hour");
    assertEquals(1, passes.get());
  }
}
