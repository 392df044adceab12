package io.vnft.examples.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a role's pass again and again as a service: a failed pass is logged and retried after a
 * backoff (the interval doubled per failure in a row, at most 5 minutes); an optional limit of
 * failures in a row stops with status 1; SIGTERM (or Ctrl-C) lets the pass in progress finish (up
 * to 2 minutes) and then the JVM exits (status 143, 128 + SIGTERM, as for any JVM stopped by that
 * signal; {@link #stop()} ends the loop with 0); {@code /healthz} and {@code /metrics} (Prometheus text format 0.0.4) can
 * be served on a loopback port. Thread-safe: the counters are read by the HTTP threads while the
 * loop thread writes them.
 */
final class ServiceLoop {
  private static final Logger LOG = LoggerFactory.getLogger("io.vnft.cli");
  private static final long MAX_BACKOFF_SECONDS = 300;

  /** What one pass did, as named counters (added to the totals). */
  interface Pass {
    /**
     * @return counters of the pass, e.g. {@code minted=3}
     */
    Map<String, Long> run();
  }

  private final String role;
  private final Duration interval;
  private final int maxFailures;
  private final Map<String, Long> totals = new LinkedHashMap<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch wake = new CountDownLatch(1);
  private long passesOk;
  private long passesFailed;
  private int failuresInARow;
  private double lastPassSeconds;
  private long lastSuccessEpoch;
  private final long startedEpoch = System.currentTimeMillis() / 1000;
  private String lastError = "";

  ServiceLoop(String role, Duration interval, int maxFailures) {
    this.role = role;
    this.interval = interval;
    this.maxFailures = maxFailures;
  }

  /**
   * Runs one pass.
   *
   * @param pass the pass
   * @return the pass's counters, or null if it failed (logged)
   */
  Map<String, Long> once(Pass pass) {
    long t0 = System.nanoTime();
    try {
      Map<String, Long> c = pass.run();
      synchronized (this) {
        passesOk++;
        failuresInARow = 0;
        lastSuccessEpoch = System.currentTimeMillis() / 1000;
        lastPassSeconds = (System.nanoTime() - t0) / 1e9;
        c.forEach((k, v) -> totals.merge(k, v, Long::sum));
      }
      return c;
    } catch (RuntimeException e) {
      synchronized (this) {
        passesFailed++;
        failuresInARow++;
        lastPassSeconds = (System.nanoTime() - t0) / 1e9;
        lastError = Commands.rootMessage(e);
      }
      LOG.warn("{}: pass failed ({} in a row): {}", role, failuresInARow, Commands.rootMessage(e));
      LOG.debug("{}: pass failure", role, e);
      return null;
    }
  }

  /**
   * Runs passes until stopped.
   *
   * @param pass the pass
   * @return 0 when stopped ({@link #stop()} or a signal), 1 after the limit of failures in a row
   */
  int run(Pass pass) {
    CountDownLatch done = new CountDownLatch(1);
    // Waits for the loop, not for its thread: that thread ends in System.exit, which blocks while
    // shutdown hooks run.
    Thread hook = new Thread(() -> {
      LOG.info("{}: stop requested; finishing the pass in progress", role);
      stopping.set(true);
      wake.countDown();
      try {
        if (!done.await(2, TimeUnit.MINUTES)) {
          LOG.warn("{}: the pass did not finish within 2 minutes; exiting anyway (the journal holds what was done)",
              role);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "vnft-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      while (!stopping.get()) {
        once(pass);
        if (maxFailures > 0 && failuresInARow >= maxFailures) {
          LOG.error("{}: {} passes failed in a row (--max-failures); stopping. State is in the journal and on "
              + "chain: a restart resumes", role, failuresInARow);
          return 1;
        }
        long pause = failuresInARow == 0 ? interval.toSeconds()
            : Math.min(MAX_BACKOFF_SECONDS, interval.toSeconds() << Math.min(16, failuresInARow - 1));
        try {
          wake.await(Math.max(1, pause), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      LOG.info("{}: stopped after {} passes ({} failed)", role, passesOk + passesFailed, passesFailed);
      return 0;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running and waits for this thread
      }
    }
  }

  /** Asks the loop to stop after the pass in progress. */
  void stop() {
    stopping.set(true);
    wake.countDown();
  }

  /** @return whether the last pass succeeded and one did recently enough */
  synchronized boolean healthy() {
    long now = System.currentTimeMillis() / 1000;
    long stale = Math.max(60, 3 * interval.toSeconds()) + (long) lastPassSeconds;
    return failuresInARow == 0 && lastSuccessEpoch > 0 && now - lastSuccessEpoch <= stale;
  }

  /** @return the metrics in Prometheus text format */
  synchronized String metrics() {
    String r = "role=\"" + role + "\"";
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP vnft_passes_total Passes run, by outcome.\n# TYPE vnft_passes_total counter\n");
    sb.append("vnft_passes_total{").append(r).append(",outcome=\"ok\"} ").append(passesOk).append('\n');
    sb.append("vnft_passes_total{").append(r).append(",outcome=\"failed\"} ").append(passesFailed).append('\n');
    sb.append("# HELP vnft_failures_in_a_row Passes failed since the last success.\n")
        .append("# TYPE vnft_failures_in_a_row gauge\nvnft_failures_in_a_row{").append(r).append("} ")
        .append(failuresInARow).append('\n');
    sb.append("# HELP vnft_last_success_timestamp_seconds When a pass last succeeded (0: never).\n")
        .append("# TYPE vnft_last_success_timestamp_seconds gauge\nvnft_last_success_timestamp_seconds{")
        .append(r).append("} ").append(lastSuccessEpoch).append('\n');
    sb.append("# HELP vnft_last_pass_duration_seconds How long the last pass took.\n")
        .append("# TYPE vnft_last_pass_duration_seconds gauge\nvnft_last_pass_duration_seconds{").append(r)
        .append("} ").append(String.format(java.util.Locale.ROOT, "%.3f", lastPassSeconds)).append('\n');
    sb.append("# HELP vnft_start_timestamp_seconds When this process started.\n")
        .append("# TYPE vnft_start_timestamp_seconds gauge\nvnft_start_timestamp_seconds{").append(r).append("} ")
        .append(startedEpoch).append('\n');
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      String name = "vnft_" + e.getKey() + "_total";
      sb.append("# HELP ").append(name).append(" Sum over passes of the role's ").append(e.getKey().replace('_', ' '))
          .append(" count.\n# TYPE ").append(name).append(" counter\n").append(name).append('{').append(r).append("} ")
          .append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  /**
   * Serves {@code /healthz} (200 "ok" or 503 with the reason) and {@code /metrics} on 127.0.0.1.
   *
   * @param port the port (0: any free one)
   * @return the server, started; stop it when done
   * @throws IOException if the port cannot be bound
   */
  HttpServer serve(int port) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    s.createContext("/healthz", ex -> {
      boolean ok = healthy();
      String body;
      synchronized (this) {
        body = ok ? "ok\n" : (lastSuccessEpoch == 0 && failuresInARow == 0 ? "starting\n"
            : "unhealthy: " + failuresInARow + " failed pass(es) in a row; last error: " + lastError + "\n");
      }
      reply(ex, ok ? 200 : 503, "text/plain; charset=utf-8", body);
    });
    s.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics()));
    s.setExecutor(null);
    s.start();
    LOG.info("{}: /healthz and /metrics on http://127.0.0.1:{}/", role, s.getAddress().getPort());
    return s;
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  /** @return the message of the last failed pass, or "" */
  synchronized String lastError() {
    return lastError;
  }

  /**
   * Runs a role as the command line's {@code operator}/{@code challenger} do: one pass with a
   * summary line ({@code --once}) or the service loop, with {@code /healthz} and {@code /metrics}
   * when asked.
   *
   * @param role the role's name, for logs and metric labels
   * @param options the service options
   * @param pass one pass
   * @param out where the {@code --once} summary goes
   * @return the exit status
   */
  static int runRole(String role, ServiceOptions options, Pass pass, java.io.PrintStream out) {
    ServiceLoop loop = new ServiceLoop(role, Duration.ofSeconds(options.interval), options.maxFailures);
    HttpServer http = null;
    try {
      if (options.metricsPort >= 0) {
        try {
          http = loop.serve(options.metricsPort);
        } catch (IOException e) {
          throw new io.vnft.api.InvalidInputException("--metrics-port: cannot listen on 127.0.0.1:"
              + options.metricsPort + ": " + e.getMessage(), e);
        }
      }
      if (!options.once) {
        return loop.run(pass);
      }
      long t0 = System.nanoTime();
      Map<String, Long> c = loop.once(pass);
      double s = (System.nanoTime() - t0) / 1e9;
      if (c == null) {
        out.printf(java.util.Locale.ROOT, "summary: %s: the pass FAILED after %.1f s: %s%n", role, s, loop.lastError());
        return 1;
      }
      StringBuilder sb = new StringBuilder();
      c.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.replace('_', ' ')).append(' ').append(v));
      out.printf(java.util.Locale.ROOT, "summary: %s: one pass in %.1f s: %s%n", role, s, sb);
      return 0;
    } finally {
      if (http != null) {
        http.stop(0);
      }
    }
  }

  /** @return the totals so far, by counter name */
  synchronized Map<String, Long> totals() {
    return new LinkedHashMap<>(totals);
  }
}
