/**
 * Internal helpers of the curve package (limb-level point arithmetic). Not part of the public API:
 * users must not call them; they may change without notice.
 */
package io.vnft.zk.curve.internal;
