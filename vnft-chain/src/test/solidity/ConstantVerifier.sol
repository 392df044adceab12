// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice Test-only verifier that answers a fixed verdict and records nothing: used where a test is about
/// the Rollup's state machine (windows, bonds, slashing), not about proofs. The real Groth16 verifier is
/// exercised by the verifier tests.
contract ConstantVerifier {
    bool public immutable verdict;

    constructor(bool verdict_) {
        verdict = verdict_;
    }

    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[6] calldata)
        external
        view
        returns (bool)
    {
        return verdict;
    }
}
