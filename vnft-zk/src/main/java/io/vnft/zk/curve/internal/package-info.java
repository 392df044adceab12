/**
 * Internal helpers of the curve package (limb-level point arithmetic, the MSM task set and its
 * batch-affine windows). Not part of the public API:
 * users must not call them; they may change without notice.
 */
package io.vnft.zk.curve.internal;
