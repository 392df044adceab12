// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IPixelVerifier} from "./interfaces/IPixelVerifier.sol";

/// @notice Groth16 (BN254) verifier for the six-input pixel statement, compiled once at build time; the
/// model's verifying key is given at deployment, so registering a model needs no compiler.
/// @dev The key is 28 uint256 words, each < p, in this order (G2 points imaginary part first, the EIP-197
/// and snarkjs call-data order):
///   [0..1]   alpha1 (x, y)
///   [2..5]   beta2  (x1, x0, y1, y0)
///   [6..9]   gamma2 (x1, x0, y1, y0)
///   [10..13] delta2 (x1, x0, y1, y0)
///   [14..27] IC[0..6] (x, y each)
/// The constructor takes them as (alpha1, beta2, gamma2, delta2, ic), which ABI-encodes to exactly these
/// 28 words. It refuses a coordinate >= p, alpha/beta/gamma/delta at infinity, and any point that the
/// precompiles refuse (off the curve, or for G2 outside the order-r subgroup); IC points may be infinity.
/// The key lives in immutables (in the code): reading it costs 3 gas a word, against 2 100 for a cold
/// storage slot.
///
/// `verifyProof` behaves like the verifiers vnft-zk exports: it returns false (never reverts) for a public
/// input >= r (input aliasing), a proof coordinate >= p, a point the precompiles refuse, and a failed
/// pairing. With too little gas a precompile call fails and the answer is false as well, so callers give
/// it enough gas (about 230 000) rather than trust eth_estimateGas of a direct call.
contract Groth16PixelVerifier is IPixelVerifier {
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 internal constant P = 21888242871839275222246405745257275088696311157297823662689037894645226208583;

    /// @notice A key word is not below p; `index` is its position in the 28-word key.
    error KeyWordOutOfRange(uint256 index, uint256 value);
    /// @notice The key point starting at word `index` is refused (infinity where not allowed, off the
    /// curve, or outside the subgroup).
    error KeyPointInvalid(uint256 index);

    uint256 internal immutable ALPHA_X;
    uint256 internal immutable ALPHA_Y;
    uint256 internal immutable BETA_X1;
    uint256 internal immutable BETA_X0;
    uint256 internal immutable BETA_Y1;
    uint256 internal immutable BETA_Y0;
    uint256 internal immutable GAMMA_X1;
    uint256 internal immutable GAMMA_X0;
    uint256 internal immutable GAMMA_Y1;
    uint256 internal immutable GAMMA_Y0;
    uint256 internal immutable DELTA_X1;
    uint256 internal immutable DELTA_X0;
    uint256 internal immutable DELTA_Y1;
    uint256 internal immutable DELTA_Y0;
    uint256 internal immutable IC0_X;
    uint256 internal immutable IC0_Y;
    uint256 internal immutable IC1_X;
    uint256 internal immutable IC1_Y;
    uint256 internal immutable IC2_X;
    uint256 internal immutable IC2_Y;
    uint256 internal immutable IC3_X;
    uint256 internal immutable IC3_Y;
    uint256 internal immutable IC4_X;
    uint256 internal immutable IC4_Y;
    uint256 internal immutable IC5_X;
    uint256 internal immutable IC5_Y;
    uint256 internal immutable IC6_X;
    uint256 internal immutable IC6_Y;

    /// @param alpha1 alpha in G1 (x, y)
    /// @param beta2 beta in G2 ([x1, x0], [y1, y0])
    /// @param gamma2 gamma in G2 ([x1, x0], [y1, y0])
    /// @param delta2 delta in G2 ([x1, x0], [y1, y0])
    /// @param ic the input commitments IC[0..6] in G1 (x, y); IC[0] is the constant wire's
    constructor(
        uint256[2] memory alpha1,
        uint256[2][2] memory beta2,
        uint256[2][2] memory gamma2,
        uint256[2][2] memory delta2,
        uint256[2][7] memory ic
    ) {
        uint256[28] memory k = [
            alpha1[0], alpha1[1],
            beta2[0][0], beta2[0][1], beta2[1][0], beta2[1][1],
            gamma2[0][0], gamma2[0][1], gamma2[1][0], gamma2[1][1],
            delta2[0][0], delta2[0][1], delta2[1][0], delta2[1][1],
            ic[0][0], ic[0][1], ic[1][0], ic[1][1], ic[2][0], ic[2][1], ic[3][0], ic[3][1],
            ic[4][0], ic[4][1], ic[5][0], ic[5][1], ic[6][0], ic[6][1]
        ];
        for (uint256 i; i < 28; ++i) {
            if (k[i] >= P) revert KeyWordOutOfRange(i, k[i]);
        }
        if (k[0] == 0 && k[1] == 0) revert KeyPointInvalid(0);
        for (uint256 i = 2; i < 14; i += 4) {
            if (k[i] == 0 && k[i + 1] == 0 && k[i + 2] == 0 && k[i + 3] == 0) revert KeyPointInvalid(i);
        }
        // G1 points: ecAdd(Q, 0) fails unless Q is on the curve (G1 has cofactor 1, so that is the subgroup).
        if (!_g1Valid(k[0], k[1])) revert KeyPointInvalid(0);
        for (uint256 i = 14; i < 28; i += 2) {
            if (!_g1Valid(k[i], k[i + 1])) revert KeyPointInvalid(i);
        }
        // G2 points: the pairing precompile fails for a point off the twist or outside the subgroup. Each point
        // is paired with the generator of G1 and with its negation, so the product is 1 when all are valid.
        for (uint256 i = 2; i < 14; i += 4) {
            if (!_g2Valid(k[i], k[i + 1], k[i + 2], k[i + 3])) revert KeyPointInvalid(i);
        }
        ALPHA_X = k[0];
        ALPHA_Y = k[1];
        BETA_X1 = k[2];
        BETA_X0 = k[3];
        BETA_Y1 = k[4];
        BETA_Y0 = k[5];
        GAMMA_X1 = k[6];
        GAMMA_X0 = k[7];
        GAMMA_Y1 = k[8];
        GAMMA_Y0 = k[9];
        DELTA_X1 = k[10];
        DELTA_X0 = k[11];
        DELTA_Y1 = k[12];
        DELTA_Y0 = k[13];
        IC0_X = k[14];
        IC0_Y = k[15];
        IC1_X = k[16];
        IC1_Y = k[17];
        IC2_X = k[18];
        IC2_Y = k[19];
        IC3_X = k[20];
        IC3_Y = k[21];
        IC4_X = k[22];
        IC4_Y = k[23];
        IC5_X = k[24];
        IC5_Y = k[25];
        IC6_X = k[26];
        IC6_Y = k[27];
    }

    /// @notice The verifying key this verifier was deployed with, in the constructor's 28-word order.
    function verifyingKey() external view returns (uint256[28] memory k) {
        k = [
            ALPHA_X, ALPHA_Y, BETA_X1, BETA_X0, BETA_Y1, BETA_Y0, GAMMA_X1, GAMMA_X0, GAMMA_Y1, GAMMA_Y0,
            DELTA_X1, DELTA_X0, DELTA_Y1, DELTA_Y0, IC0_X, IC0_Y, IC1_X, IC1_Y, IC2_X, IC2_Y, IC3_X, IC3_Y,
            IC4_X, IC4_Y, IC5_X, IC5_Y, IC6_X, IC6_Y
        ];
    }

    /// @param a proof point A (G1: x, y)
    /// @param b proof point B (G2, imaginary first: [[x1, x0], [y1, y0]])
    /// @param c proof point C (G1: x, y)
    /// @param input the public inputs [framesRoot, triggerId, roundId, promptHash mod r, style, pixelIndex]
    /// @return true iff every input is < r, every coordinate < p, and e(A, B) = e(alpha, beta) e(vk_x, gamma)
    /// e(C, delta) with vk_x = IC[0] + sum input[i] IC[i + 1]
    function verifyProof(uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[6] calldata input)
        external
        view
        returns (bool)
    {
        if (a[0] >= P || a[1] >= P || c[0] >= P || c[1] >= P) return false;
        if (b[0][0] >= P || b[0][1] >= P || b[1][0] >= P || b[1][1] >= P) return false;
        for (uint256 i; i < 6; ++i) {
            if (input[i] >= R) return false;
        }
        // Scratch for vk_x: words 0-1 the accumulator, 2-4 the ecMul input (point, scalar), whose result
        // lands in words 2-3, so that words 0-3 are then the ecAdd input.
        uint256[5] memory s;
        s[0] = IC0_X;
        s[1] = IC0_Y;
        if (!_mulAdd(s, IC1_X, IC1_Y, input[0])) return false;
        if (!_mulAdd(s, IC2_X, IC2_Y, input[1])) return false;
        if (!_mulAdd(s, IC3_X, IC3_Y, input[2])) return false;
        if (!_mulAdd(s, IC4_X, IC4_Y, input[3])) return false;
        if (!_mulAdd(s, IC5_X, IC5_Y, input[4])) return false;
        if (!_mulAdd(s, IC6_X, IC6_Y, input[5])) return false;

        // e(-A, B) e(alpha, beta) e(vk_x, gamma) e(C, delta) == 1
        uint256[24] memory p;
        p[0] = a[0];
        p[1] = a[1] == 0 ? 0 : P - a[1];
        p[2] = b[0][0];
        p[3] = b[0][1];
        p[4] = b[1][0];
        p[5] = b[1][1];
        p[6] = ALPHA_X;
        p[7] = ALPHA_Y;
        p[8] = BETA_X1;
        p[9] = BETA_X0;
        p[10] = BETA_Y1;
        p[11] = BETA_Y0;
        p[12] = s[0];
        p[13] = s[1];
        p[14] = GAMMA_X1;
        p[15] = GAMMA_X0;
        p[16] = GAMMA_Y1;
        p[17] = GAMMA_Y0;
        p[18] = c[0];
        p[19] = c[1];
        p[20] = DELTA_X1;
        p[21] = DELTA_X0;
        p[22] = DELTA_Y1;
        p[23] = DELTA_Y0;
        bool ok;
        uint256 result;
        assembly ("memory-safe") {
            // the answer overwrites p[0], which is no longer needed
            ok := staticcall(gas(), 0x08, p, 768, p, 0x20)
            result := mload(p)
        }
        return ok && result == 1;
    }

    /// @dev s[0..1] += scalar * (x, y) with ecMul (0x07) and ecAdd (0x06); false if either call fails.
    function _mulAdd(uint256[5] memory s, uint256 x, uint256 y, uint256 scalar) private view returns (bool ok) {
        assembly ("memory-safe") {
            let m := add(s, 0x40)
            mstore(m, x)
            mstore(add(m, 0x20), y)
            mstore(add(m, 0x40), scalar)
            ok := staticcall(gas(), 0x07, m, 0x60, m, 0x40)
            if ok { ok := staticcall(gas(), 0x06, s, 0x80, s, 0x40) }
        }
    }

    function _g1Valid(uint256 x, uint256 y) private view returns (bool ok) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, x)
            mstore(add(m, 0x20), y)
            mstore(add(m, 0x40), 0)
            mstore(add(m, 0x60), 0)
            ok := staticcall(gas(), 0x06, m, 0x80, m, 0x40)
        }
    }

    function _g2Valid(uint256 x1, uint256 x0, uint256 y1, uint256 y0) private view returns (bool ok) {
        uint256 result;
        assembly ("memory-safe") {
            let m := mload(0x40)
            // (G1 generator, Q), (-G1 generator, Q)
            mstore(m, 1)
            mstore(add(m, 0x20), 2)
            mstore(add(m, 0x40), x1)
            mstore(add(m, 0x60), x0)
            mstore(add(m, 0x80), y1)
            mstore(add(m, 0xa0), y0)
            mstore(add(m, 0xc0), 1)
            mstore(add(m, 0xe0), sub(P, 2))
            mstore(add(m, 0x100), x1)
            mstore(add(m, 0x120), x0)
            mstore(add(m, 0x140), y1)
            mstore(add(m, 0x160), y0)
            ok := staticcall(gas(), 0x08, m, 0x180, m, 0x20)
            result := mload(m)
        }
        ok = ok && result == 1;
    }
}
