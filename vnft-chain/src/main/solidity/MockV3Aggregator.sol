// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";

/// @title MockV3Aggregator
/// @notice A Chainlink-compatible price feed for local chains and tests. Rounds are numbered 1, 2, 3...
/// (one phase). The owner reports answers; `getRoundData` of a round that was never reported reverts,
/// as Chainlink's aggregators do.
contract MockV3Aggregator is AggregatorV3Interface, Ownable {
    error NoDataPresent(uint80 roundId);
    error RoundIdNotIncreasing(uint80 roundId, uint80 latest);

    uint8 public immutable override decimals;
    string public override description;
    uint256 public constant override version = 4;

    uint80 public latestRound;
    mapping(uint80 => int256) public answerOf;
    mapping(uint80 => uint256) public startedAtOf;
    mapping(uint80 => uint256) public updatedAtOf;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    constructor(uint8 decimals_, string memory description_, int256 initialAnswer) Ownable(msg.sender) {
        decimals = decimals_;
        description = description_;
        updateAnswer(initialAnswer);
    }

    /// @notice Reports `answer` as a new round, timestamped with the current block.
    function updateAnswer(int256 answer) public onlyOwner {
        _report(latestRound + 1, answer, block.timestamp, block.timestamp);
    }

    /// @notice Reports a round with explicit timestamps (tests use it for stale rounds).
    function updateRoundData(uint80 roundId, int256 answer, uint256 updatedAt, uint256 startedAt) external onlyOwner {
        if (roundId <= latestRound) revert RoundIdNotIncreasing(roundId, latestRound);
        _report(roundId, answer, updatedAt, startedAt);
    }

    function _report(uint80 roundId, int256 answer, uint256 updatedAt, uint256 startedAt) private {
        latestRound = roundId;
        answerOf[roundId] = answer;
        updatedAtOf[roundId] = updatedAt;
        startedAtOf[roundId] = startedAt;
        emit NewRound(roundId, msg.sender, startedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    function getRoundData(uint80 roundId) external view override returns (uint80, int256, uint256, uint256, uint80) {
        uint256 updatedAt = updatedAtOf[roundId];
        if (updatedAt == 0) revert NoDataPresent(roundId);
        return (roundId, answerOf[roundId], startedAtOf[roundId], updatedAt, roundId);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        uint80 r = latestRound;
        return (r, answerOf[r], startedAtOf[r], updatedAtOf[r], r);
    }
}
