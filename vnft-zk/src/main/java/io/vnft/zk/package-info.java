/**
 * vnft-zk: BN254 fields and curves, the optimal ate pairing, Poseidon and Poseidon Merkle trees,
 * the circuit DSL (R1CS), Groth16 setup/prove/verify, the iden3/snarkjs file formats, the
 * Solidity verifier export and vnft's own circuits. Pure Java, no native code.
 */
package io.vnft.zk;
