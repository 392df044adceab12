// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice Test-only verifier of a model whose committed frames are right everywhere except at one pixel:
/// a proof "verifies" for every pixel index but `wrongPixel`. Stands for a cheating operator who can answer
/// challenges on correct pixels (its own sock puppets' ones) and not the honest challenger's.
contract SelectiveVerifier {
    uint256 public immutable wrongPixel;

    constructor(uint256 wrongPixel_) {
        wrongPixel = wrongPixel_;
    }

    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[6] calldata input)
        external
        view
        returns (bool)
    {
        return input[5] != wrongPixel;
    }
}
