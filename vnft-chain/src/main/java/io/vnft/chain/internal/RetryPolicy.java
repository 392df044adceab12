package io.vnft.chain.internal;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long an idempotent node request is tried: at most {@link #maxAttempts()} tries
 * and no try starting later than {@link #maxElapsed()} after the first, with "full jitter"
 * exponential backoff between tries (the pause after the n-th failure is drawn uniformly from
 * {@code [0, min(maxDelay, initialDelay * 2^(n-1))]}, so clients that failed together do not retry
 * together). Internal. Immutable apart from the jitter source; thread-safe.
 */
public final class RetryPolicy {
  /** 8 tries within 60 s, pauses capped from 100 ms doubling up to 5 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(60), null);

  /** One try, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, null);

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Duration maxElapsed;
  private final Random seeded;

  /**
   * @param maxAttempts tries in all, the first included, &gt;= 1
   * @param initialDelay the cap of the first pause
   * @param maxDelay the cap of any pause
   * @param maxElapsed no try starts after this much time from the first one
   * @param seed the jitter's seed (reproducible tests), or null for an unseeded source
   * @throws IllegalArgumentException for a count below 1 or a negative duration
   */
  public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxElapsed, Long seed) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts: must be >= 1, got " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.isNegative() || maxElapsed.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.maxElapsed = maxElapsed;
    this.seeded = seed == null ? null : new Random(seed);
  }

  /** @return tries in all, the first included */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** @return the time after the first try past which no try starts */
  public Duration maxElapsed() {
    return maxElapsed;
  }

  /**
   * @param attempt the try that just failed, 1-based
   * @return the pause before the next try, jittered
   */
  public Duration pauseAfter(int attempt) {
    long cap = Math.min(maxDelay.toMillis(),
        initialDelay.toMillis() * (1L << Math.min(30, Math.max(0, attempt - 1))));
    if (cap <= 0) {
      return Duration.ZERO;
    }
    long ms;
    if (seeded == null) {
      ms = ThreadLocalRandom.current().nextLong(cap + 1);
    } else {
      synchronized (seeded) {
        ms = (long) (seeded.nextDouble() * (cap + 1));
      }
    }
    return Duration.ofMillis(ms);
  }

  /**
   * @param attempt the try that just failed, 1-based
   * @param startNanos {@link System#nanoTime()} at the first try
   * @return whether another try may start (the count and the time budget both allow it)
   */
  public boolean mayRetry(int attempt, long startNanos) {
    return attempt < maxAttempts && System.nanoTime() - startNanos < maxElapsed.toNanos();
  }

  /**
   * Sleeps {@link #pauseAfter(int)}, never past the time budget.
   *
   * @param attempt the try that just failed, 1-based
   * @param startNanos {@link System#nanoTime()} at the first try
   * @throws InterruptedException if interrupted while pausing
   */
  public void pause(int attempt, long startNanos) throws InterruptedException {
    long left = maxElapsed.toMillis() - (System.nanoTime() - startNanos) / 1_000_000;
    long ms = Math.min(pauseAfter(attempt).toMillis(), Math.max(0, left));
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  @Override
  public String toString() {
    return maxAttempts + " tries within " + maxElapsed.toMillis() + " ms, backoff " + initialDelay.toMillis()
        + ".." + maxDelay.toMillis() + " ms with full jitter";
  }
}
