package io.vnft.examples.cli;

import picocli.CommandLine.Option;

/** Options of the long-running commands ({@code operator}, {@code challenger}). Filled by the parser. */
public final class ServiceOptions {
  @Option(names = "--once", description = "run one pass, print a summary and exit (status 1 if the pass failed)")
  boolean once;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
      description = "pause between passes, 1..3600 (after failures it doubles, up to 300). Default: ${DEFAULT-VALUE}")
  long interval;

  @Option(names = "--max-failures", paramLabel = "N", defaultValue = "0",
      description = "stop with status 1 after N failed passes in a row; 0: never stop, keep backing off. "
          + "Default: ${DEFAULT-VALUE}")
  int maxFailures;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
      description = "serve /healthz and /metrics (Prometheus text) on 127.0.0.1:PORT; 0 picks a free port, "
          + "-1 (default) serves nothing")
  int metricsPort;

  /** @throws io.vnft.api.InvalidInputException naming the flag for an out-of-range value */
  void check() {
    if (interval < 1 || interval > 3600) {
      throw new io.vnft.api.InvalidInputException("--interval: must be in [1, 3600], got " + interval);
    }
    if (maxFailures < 0) {
      throw new io.vnft.api.InvalidInputException("--max-failures: must be >= 0, got " + maxFailures);
    }
    if (metricsPort < -1 || metricsPort > 65_535) {
      throw new io.vnft.api.InvalidInputException("--metrics-port: must be in [-1, 65535], got " + metricsPort);
    }
  }
}
