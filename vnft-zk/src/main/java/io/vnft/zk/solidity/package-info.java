/**
 * Solidity 0.8 Groth16 verifier generation from a verifying key, and the matching call data.
 * See {@link io.vnft.zk.solidity.SolidityVerifierExporter}.
 */
package io.vnft.zk.solidity;
