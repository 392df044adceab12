/**
 * Poseidon over the BN254 scalar field with circomlib's parameters: {@link
 * io.vnft.zk.poseidon.Poseidon} (1 to 16 inputs, equal to circomlib 2.0.5 / circomlibjs 0.1.7),
 * {@link io.vnft.zk.poseidon.PoseidonSponge} for any number of inputs (construction specified there),
 * and the binary {@link io.vnft.zk.poseidon.PoseidonMerkleTree} with
 * {@link io.vnft.zk.poseidon.MerkleOpening}s. The same functions exist as circuit gadgets in
 * {@link io.vnft.zk.circuit.CircuitApi}. Constants are resources generated from circomlibjs by
 * {@code vnft-zk/scripts/extract-poseidon-constants.js}.
 */
package io.vnft.zk.poseidon;
