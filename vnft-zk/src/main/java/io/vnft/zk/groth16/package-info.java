/**
 * Groth16 over BN254, compatible with snarkjs 0.7: {@link io.vnft.zk.groth16.Groth16#setup}
 * (single-party, tests/dev only: leaked setup randomness forges proofs),
 * {@link io.vnft.zk.groth16.Groth16#prove} (radix-2 NTT, odd-coset H, multi-threaded MSMs) and
 * {@link io.vnft.zk.groth16.Groth16#verify} (4-pair pairing check; false for a well-formed wrong
 * proof, {@link io.vnft.api.InvalidInputException} for malformed input). Keys read and written in
 * snarkjs' formats with {@code io.vnft.zk.iden3.ZkeyFile} and {@code io.vnft.zk.iden3.SnarkjsJson}.
 */
package io.vnft.zk.groth16;
