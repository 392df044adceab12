/**
 * Internal helpers of the iden3/snarkjs file codecs (a strict, depth-limited JSON reader). Not part
 * of the public API: may change without notice.
 */
package io.vnft.zk.iden3.internal;
