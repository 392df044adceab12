package io.vnft.zk.groth16.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits an index range into contiguous chunks and runs them on the common fork-join pool (one chunk
 * on the calling thread). Internal: not part of the public API.
 */
public final class Parallel {
  private Parallel() {}

  /** A task over the half-open index range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeTask {
    /**
     * Runs the task on the indices {@code [from, to)}.
     *
     * @param from first index (inclusive)
     * @param to last index (exclusive)
     */
    void run(int from, int to);
  }

  /**
   * Number of worker threads to use when the caller asks for "all": the available processors.
   *
   * @return the number of available processors
   */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Runs {@code task} over {@code [0, n)} split into at most {@code threads} chunks of at least
   * {@code minChunk} indices; returns when all chunks are done and rethrows the first failure.
   *
   * @param n the number of indices
   * @param threads the most chunks to run at once, at least 1
   * @param minChunk the fewest indices per chunk
   * @param task the work, called once per chunk
   */
  public static void forRange(int n, int threads, int minChunk, RangeTask task) {
    if (n <= 0) {
      return;
    }
    int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minChunk)));
    if (chunks == 1) {
      task.run(0, n);
      return;
    }
    List<ForkJoinTask<?>> forks = new ArrayList<>(chunks - 1);
    int per = (n + chunks - 1) / chunks;
    for (int c = 1; c < chunks; c++) {
      int from = c * per;
      int to = Math.min(n, from + per);
      if (from >= to) {
        break;
      }
      forks.add(ForkJoinPool.commonPool().submit(() -> task.run(from, to)));
    }
    task.run(0, Math.min(n, per));
    for (ForkJoinTask<?> f : forks) {
      try {
        f.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw e;
      }
    }
  }
}
