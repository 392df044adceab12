/**
 * Internal helpers of the Groth16 implementation (NTT domain, fixed-base multiplication,
 * range parallelism, matrix form of an R1CS). Not part of the public API: may change
 * without notice; do not call from user code.
 */
package io.vnft.zk.groth16.internal;
