// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice The Chainlink price feed interface (AggregatorV3Interface), declared here from its
/// published ABI so that the build needs no Chainlink package.
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
