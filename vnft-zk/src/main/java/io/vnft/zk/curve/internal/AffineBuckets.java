package io.vnft.zk.curve.internal;

/**
 * Internal, not for users (may change without notice): the bucket bookkeeping shared by
 * {@link MsmG1Affine} and {@link MsmG2Affine} (one Pippenger window with affine buckets). The
 * subclass owns the coordinates and the arithmetic: it sets an empty bucket to a point, adds a
 * point to a side (Jacobian) bucket, and applies a batch of pending additions in {@link #flush}.
 * This class decides, point by point, which of those happens: an empty bucket takes the point; a
 * bucket that already has an addition pending in this batch queues the point for the next batch
 * (at most {@code batch} of them, then side buckets); otherwise the addition joins the batch, which
 * is flushed when full. Not thread-safe: one instance per window task.
 */
abstract class AffineBuckets {
  /** Kinds of a pending addition, set by the subclass's flush. */
  static final int ADD = 0, DBL = 1, CANCEL = 2;
  /** Buckets from which the reduction runs in batched affine segments. */
  static final int SEGMENTED_MIN = 256;
  /** Segment length (a power of two) of the segmented reduction. */
  static final int SEG = 32;
  /** Up to this many side-bucket additions, their buckets are weighted one by one. */
  static final int SIDE_SPARSE_MAX = 16;

  /** Number of buckets (the window's largest |digit|). */
  final int nb;
  /** Largest batch of pending additions (one inversion each). */
  final int batch;
  final boolean[] set;
  final int[] mark;  // batch id of the pending addition on each bucket
  int batchId = 1;
  // pending additions
  final int[] pb;    // bucket
  final int[] pi;    // point index
  final boolean[] pn; // negate point
  final int[] ptype;
  int pending;
  // points whose bucket already had a pending addition: retried after the next flush
  private final int[] qi;
  private final int[] qk;
  private final boolean[] qn;
  private int qlen;
  /** Additions that went to side buckets in this window. */
  int sideAdds;

  AffineBuckets(int nb) {
    this.nb = nb;
    this.batch = Math.max(16, Math.min(2048, nb / 4));
    qi = new int[batch];
    qk = new int[batch];
    qn = new boolean[batch];
    set = new boolean[nb];
    mark = new int[nb];
    pb = new int[batch];
    pi = new int[batch];
    pn = new boolean[batch];
    ptype = new int[batch];
  }

  /** Bucket k (empty) := point i, negated if asked. */
  abstract void setBucket(int i, boolean negate, int k);

  /** Side bucket k += point i (negated if asked), a Jacobian mixed addition. */
  abstract void sideAdd(int i, boolean negate, int k);

  /** Applies the pending additions, then sets pending = 0 and advances batchId. */
  abstract void flush();

  /**
   * Puts every point with a non-zero digit in window w into its bucket: batches as they fill, a
   * few more rounds for the queue, then whatever still collides goes to the side buckets (keeps
   * degenerate windows, where most points share a bucket, linear).
   */
  final void fillBuckets(int[] digits, int windows, int w, boolean[] skip, int n) {
    for (int i = 0; i < n; i++) {
      int d = digits[i * windows + w];
      if (d == 0 || skip[i]) {
        continue;
      }
      boolean negate = d < 0;
      offer(i, negate, (negate ? -d : d) - 1);
    }
    flush();
    for (int round = 0; round < 3 && qlen > 0; round++) {
      requeue();
      flush();
    }
    for (int j = 0; j < qlen; j++) {
      side(qi[j], qn[j], qk[j]);
    }
    qlen = 0;
  }

  /** Whether the bucket sum runs by segments (enough buckets, few side-bucket additions). */
  final boolean segmentedReduction() {
    return nb >= SEGMENTED_MIN && sideAdds <= SIDE_SPARSE_MAX;
  }

  /**
   * The segments sg (of SEG buckets each) whose bucket sg SEG + p is set: sg in lane[], that
   * bucket's coordinate offset 8 k in qo[]; returns how many.
   */
  final int setBucketLanes(int p, int segs, int[] lane, int[] qo) {
    int cnt = 0;
    for (int sg = 0; sg < segs; sg++) {
      int k = sg * SEG + p;
      if (k < nb && set[k]) {
        lane[cnt] = sg;
        qo[cnt] = 8 * k;
        cnt++;
      }
    }
    return cnt;
  }

  /** The lanes sg with flags[sg] set: sg in lane[], offset 8 sg in qo[]; returns how many. */
  static int flaggedLanes(boolean[] flags, int segs, int[] lane, int[] qo) {
    int cnt = 0;
    for (int sg = 0; sg < segs; sg++) {
      if (flags[sg]) {
        lane[cnt] = sg;
        qo[cnt] = 8 * sg;
        cnt++;
      }
    }
    return cnt;
  }

  private void offer(int i, boolean negate, int k) {
    place(i, negate, k);
    if (pending == batch) {
      flush();
      requeue();
    }
  }

  private void requeue() {
    int m = qlen;
    qlen = 0; // re-queued items are written at indices <= j: safe in place
    for (int j = 0; j < m; j++) {
      place(qi[j], qn[j], qk[j]);
      if (pending == batch) {
        flush();
      }
    }
  }

  // sets an empty bucket, adds a pending addition, or queues the point when its bucket is busy
  private void place(int i, boolean negate, int k) {
    if (!set[k]) {
      setBucket(i, negate, k);
      set[k] = true;
      return;
    }
    if (mark[k] == batchId) {
      if (qlen < qi.length) {
        qi[qlen] = i;
        qk[qlen] = k;
        qn[qlen] = negate;
        qlen++;
      } else {
        side(i, negate, k);
      }
      return;
    }
    mark[k] = batchId;
    pb[pending] = k;
    pi[pending] = i;
    pn[pending] = negate;
    pending++;
  }

  private void side(int i, boolean negate, int k) {
    sideAdds++;
    sideAdd(i, negate, k);
  }
}
