// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {TriggerBook} from "TriggerBook.sol";

/// @notice Test attacker: creates a trigger, cancels it, and on receiving its refund re-enters
/// withdraw() (and cancel()) to try to be paid twice. Records how often it was paid and whether the
/// re-entry was refused.
contract ReentrantCanceller {
    TriggerBook public immutable book;
    uint256 public triggerId;
    uint256 public received;
    uint256 public reentries;
    bool public reentryRefused;

    constructor(TriggerBook book_) {
        book = book_;
    }

    function open(address feed, int256 threshold, bytes32 modelId, string calldata prompt) external payable {
        triggerId = book.createTrigger{value: msg.value}(
            feed, TriggerBook.Direction.Above, threshold, keccak256(bytes(prompt)), bytes32(uint256(7)), modelId, address(this), prompt
        );
    }

    function cancelAndWithdraw() external {
        book.cancel(triggerId);
        book.withdraw();
    }

    receive() external payable {
        received += msg.value;
        if (reentries < 3) {
            reentries++;
            try book.withdraw() {} catch {
                reentryRefused = true;
            }
            try book.cancel(triggerId) {} catch {
                reentryRefused = true;
            }
        }
    }
}
