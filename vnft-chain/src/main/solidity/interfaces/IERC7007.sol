// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @notice ERC-7007 (Verifiable AI-Generated Content Token), declared from the EIP text
/// (https://eips.ethereum.org/EIPS/eip-7007).
interface IERC7007 is IERC165, IERC721 {
    event AigcData(uint256 indexed tokenId, bytes indexed prompt, bytes indexed aigcData, bytes proof);

    function addAigcData(uint256 tokenId, bytes calldata prompt, bytes calldata aigcData, bytes calldata proof) external;

    function verify(bytes calldata prompt, bytes calldata aigcData, bytes calldata proof) external view returns (bool success);
}
