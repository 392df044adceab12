// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

// Chainlink's own contracts (npm @chainlink/contracts@1.5.0, MIT), compiled unchanged with the solc their
// pragma names, as an independent checker of how TriggerBook reads a feed: the data-feeds proxy with
// phases (roundId = phaseId << 64 | aggregatorRoundId) and the mock aggregator Chainlink tests with.
// These two subclasses only give the compiled artifacts names of this repository; they add nothing.
import {DataFeedsLegacyAggregatorProxy} from
    "@chainlink/contracts/src/v0.8/data-feeds/test/helpers/DataFeedsLegacyAggregatorProxy.sol";
import {MockV3Aggregator} from "@chainlink/contracts/src/v0.8/shared/mocks/MockV3Aggregator.sol";

contract ChainlinkProxy is DataFeedsLegacyAggregatorProxy {
    constructor(address aggregator) DataFeedsLegacyAggregatorProxy(aggregator) {}
}

contract ChainlinkAggregator is MockV3Aggregator {
    constructor(uint8 decimals_, int256 initialAnswer) MockV3Aggregator(decimals_, initialAnswer) {}
}
