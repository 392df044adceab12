// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Rollup} from "Rollup.sol";

/// @notice Test attacker: a bonded contract that sees a commit (leaves + salt) and tries to reserve and commit
/// it in one transaction, i.e. in the same block, as a mempool copier would have to.
contract SameBlockCommitter {
    Rollup public immutable rollup;

    constructor(Rollup rollup_) {
        rollup = rollup_;
    }

    function bondMe() external payable {
        rollup.bond{value: msg.value}();
    }

    function copy(Rollup.Leaf[] calldata leaves, bytes32 salt) external returns (uint256) {
        rollup.reserve(rollup.commitmentOf(address(this), salt, leaves));
        return rollup.commitBatch(leaves, salt);
    }
}
