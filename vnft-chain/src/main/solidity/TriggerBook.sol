// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {ModelRegistry} from "./ModelRegistry.sol";

/// @title TriggerBook
/// @notice Price triggers with an escrowed fee. A trigger fires at most once, at the FIRST oracle round
/// after its creation whose answer crosses the threshold; the Rollup fires it when an operator commits
/// a leaf for it, and the firing round is checked here against the feed.
///
/// Firing rule, for a trigger created when the feed's latest round was `startRound`, at round R:
///   - R > checkpoint (checkpoint starts at startRound; see advanceCheckpoint), and
///   - cond(R): answer(R) > 0 and (ABOVE: answer >= threshold; BELOW: answer <= threshold), and
///   - R is fresh: block.timestamp - updatedAt(R) <= the feed's heartbeat (set per feed by the owner), and
///   - cond(r) is false for every round r in (checkpoint, R): R is the first crossing.
/// The last point is checked by reading every round in between: at most MAX_SCAN rounds per call.
/// When more rounds than that pass without a crossing, anyone calls advanceCheckpoint to prove a stretch
/// of rounds non-crossing and move the checkpoint forward, so the first crossing stays provable.
/// Round ids are assumed consecutive within a Chainlink phase; a gap (a phase change) makes the round
/// in between unreadable, and such a trigger cannot fire: its creator cancels it for a refund.
/// A trigger whose first crossing went stale before anyone fired it cannot fire either (a later round
/// would let an operator choose the round, and so the seed): its creator cancels it.
contract TriggerBook is Ownable, ReentrancyGuard {
    enum Direction {
        Above,
        Below
    }

    enum Status {
        None,
        Open,
        Taken,
        Cancelled
    }

    struct Trigger {
        // slot 0
        address feed;
        Direction direction;
        Status status;
        uint32 style;
        uint48 batchId;
        // slot 1
        address recipient;
        uint96 fee;
        // slot 2
        address creator;
        uint80 startRound;
        // slots 3..5
        int256 threshold;
        bytes32 promptHash;
        bytes32 modelId;
    }

    /// @notice Rounds read per crossing check or checkpoint advance.
    uint256 public constant MAX_SCAN = 64;
    /// @notice Longest prompt accepted, in UTF-8 bytes.
    uint256 public constant MAX_PROMPT_BYTES = 1024;

    error UnknownFeed(address feed);
    error ZeroAddress(string field);
    error ThresholdNotPositive(int256 threshold);
    error PromptHashMismatch(bytes32 expected, bytes32 actual);
    error PromptLength(uint256 length, uint256 max);
    error UnknownModel(bytes32 modelId);
    error FeeTooLarge(uint256 fee);
    error FeedUnreadable(address feed);
    error UnknownTrigger(uint256 triggerId);
    error TriggerNotOpen(uint256 triggerId, Status status);
    error TriggerNotTaken(uint256 triggerId, Status status);
    error NotCreator(uint256 triggerId, address caller);
    error NotRollup(address caller);
    error RollupAlreadySet(address rollup);
    error RoundNotAfterCreation(uint256 triggerId, uint80 roundId, uint80 checkpoint);
    error ScanBoundExceeded(uint256 triggerId, uint80 roundId, uint80 checkpoint, uint256 maxScan);
    error RoundUnavailable(address feed, uint80 roundId);
    error NonPositiveAnswer(address feed, uint80 roundId, int256 answer);
    error StaleRound(address feed, uint80 roundId, uint256 updatedAt, uint256 heartbeat);
    error NotCrossing(uint256 triggerId, uint80 roundId, int256 answer);
    error EarlierCrossing(uint256 triggerId, uint80 roundId);
    error NothingToWithdraw(address account);
    error TransferFailed(address to, uint256 amount);
    error InvalidHeartbeat(uint256 heartbeat);

    ModelRegistry public immutable registry;
    address public rollup;
    uint256 public triggerCount;
    mapping(uint256 => Trigger) private triggers;
    mapping(uint256 => uint80) private checkpoints;
    /// @notice Heartbeat of each accepted feed, in seconds (0: feed not accepted).
    mapping(address => uint32) public heartbeatOf;
    /// @notice Wei each account can withdraw (refunds, operators' fees).
    mapping(address => uint256) public pendingWithdrawal;

    event FeedConfigured(address indexed feed, uint32 heartbeat);
    /// @dev The trigger's fields are in getTrigger; the prompt text is only in TriggerPrompt (one event each, to keep
    /// the emitting code within the EVM's stack without the slow via-IR pipeline).
    event TriggerCreated(
        uint256 indexed triggerId,
        address indexed creator,
        address indexed feed,
        uint8 direction,
        int256 threshold,
        bytes32 promptHash,
        uint32 style,
        bytes32 modelId,
        address recipient,
        uint256 fee,
        uint80 startRound
    );
    event TriggerPrompt(uint256 indexed triggerId, string prompt);
    event TriggerCancelled(uint256 indexed triggerId, uint256 refund);
    event TriggerFired(uint256 indexed triggerId, uint80 roundId, uint256 batchId);
    event TriggerReopened(uint256 indexed triggerId);
    event CheckpointAdvanced(uint256 indexed triggerId, uint80 checkpoint);
    event Withdrawn(address indexed account, uint256 amount);

    constructor(ModelRegistry registry_) Ownable(msg.sender) {
        registry = registry_;
    }

    modifier onlyRollup() {
        if (msg.sender != rollup) revert NotRollup(msg.sender);
        _;
    }

    /// @notice Sets the Rollup, once.
    function setRollup(address rollup_) external onlyOwner {
        if (rollup != address(0)) revert RollupAlreadySet(rollup);
        if (rollup_ == address(0)) revert ZeroAddress("rollup");
        rollup = rollup_;
    }

    /// @notice Accepts a feed with its heartbeat in seconds (the feed's own update interval).
    function configureFeed(address feed, uint32 heartbeat) external onlyOwner {
        if (feed == address(0)) revert ZeroAddress("feed");
        if (heartbeat == 0) revert InvalidHeartbeat(heartbeat);
        heartbeatOf[feed] = heartbeat;
        emit FeedConfigured(feed, heartbeat);
    }

    /// @notice Creates a trigger; msg.value is the fee, escrowed until the token is minted (or refunded on cancel).
    /// @return triggerId the new trigger's id (1, 2, ...)
    function createTrigger(
        address feed,
        Direction direction,
        int256 threshold,
        bytes32 promptHash,
        uint32 style,
        bytes32 modelId,
        address recipient,
        string calldata prompt
    ) external payable returns (uint256 triggerId) {
        if (heartbeatOf[feed] == 0) revert UnknownFeed(feed);
        if (recipient == address(0)) revert ZeroAddress("recipient");
        if (threshold <= 0) revert ThresholdNotPositive(threshold);
        uint256 len = bytes(prompt).length;
        if (len == 0 || len > MAX_PROMPT_BYTES) revert PromptLength(len, MAX_PROMPT_BYTES);
        bytes32 actual = keccak256(bytes(prompt));
        if (actual != promptHash) revert PromptHashMismatch(promptHash, actual);
        if (!registry.isRegistered(modelId)) revert UnknownModel(modelId);
        if (msg.value > type(uint96).max) revert FeeTooLarge(msg.value);
        uint80 startRound;
        try AggregatorV3Interface(feed).latestRoundData() returns (uint80 r, int256, uint256, uint256, uint80) {
            startRound = r;
        } catch {
            revert FeedUnreadable(feed);
        }
        triggerId = ++triggerCount;
        triggers[triggerId] = Trigger({
            feed: feed,
            direction: direction,
            status: Status.Open,
            style: style,
            batchId: 0,
            recipient: recipient,
            fee: uint96(msg.value),
            creator: msg.sender,
            startRound: startRound,
            threshold: threshold,
            promptHash: promptHash,
            modelId: modelId
        });
        _emitCreated(triggerId);
        emit TriggerPrompt(triggerId, prompt);
    }

    function _emitCreated(uint256 triggerId) private {
        Trigger memory t = triggers[triggerId];
        emit TriggerCreated(
            triggerId, t.creator, t.feed, uint8(t.direction), t.threshold, t.promptHash, t.style, t.modelId, t.recipient, t.fee, t.startRound
        );
    }

    /// @notice Cancels an open trigger; its fee becomes withdrawable by the creator.
    function cancel(uint256 triggerId) external {
        Trigger storage t = _get(triggerId);
        if (t.creator != msg.sender) revert NotCreator(triggerId, msg.sender);
        if (t.status != Status.Open) revert TriggerNotOpen(triggerId, t.status);
        t.status = Status.Cancelled;
        uint256 refund = t.fee;
        pendingWithdrawal[msg.sender] += refund;
        emit TriggerCancelled(triggerId, refund);
    }

    /// @notice Sends the caller everything credited to it (pull payment).
    function withdraw() external nonReentrant {
        uint256 amount = pendingWithdrawal[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        pendingWithdrawal[msg.sender] = 0;
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert TransferFailed(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// @notice Proves rounds (checkpoint, toRound] non-crossing and moves the trigger's checkpoint to toRound.
    function advanceCheckpoint(uint256 triggerId, uint80 toRound) external {
        Trigger storage t = _get(triggerId);
        if (t.status != Status.Open) revert TriggerNotOpen(triggerId, t.status);
        uint80 from = checkpointOf(triggerId);
        if (toRound <= from) revert RoundNotAfterCreation(triggerId, toRound, from);
        if (toRound - from > MAX_SCAN) revert ScanBoundExceeded(triggerId, toRound, from, MAX_SCAN);
        for (uint80 r = from + 1; r <= toRound; r++) {
            if (_cond(t, r)) revert EarlierCrossing(triggerId, r);
        }
        checkpoints[triggerId] = toRound;
        emit CheckpointAdvanced(triggerId, toRound);
    }

    /// @notice Fires an open trigger at `roundId` for batch `batchId` (Rollup only); reverts unless the
    /// round is the trigger's first fresh crossing. Returns what the leaf record needs.
    function fire(uint256 triggerId, uint80 roundId, uint48 batchId)
        external
        onlyRollup
        returns (address recipient, uint96 fee)
    {
        Trigger storage t = _get(triggerId);
        if (t.status != Status.Open) revert TriggerNotOpen(triggerId, t.status);
        _checkFirstCrossing(t, triggerId, roundId);
        t.status = Status.Taken;
        t.batchId = batchId;
        emit TriggerFired(triggerId, roundId, batchId);
        return (t.recipient, t.fee);
    }

    /// @notice Reopens a trigger whose batch was reverted (Rollup only).
    function reopen(uint256 triggerId) external onlyRollup {
        Trigger storage t = _get(triggerId);
        if (t.status != Status.Taken) revert TriggerNotTaken(triggerId, t.status);
        t.status = Status.Open;
        t.batchId = 0;
        emit TriggerReopened(triggerId);
    }

    /// @notice Credits a finalized batch's escrowed fees to its operator (Rollup only).
    function settle(address operator, uint256 amount) external onlyRollup {
        pendingWithdrawal[operator] += amount;
    }

    /// @notice The same check as fire(), as a view: reverts with the reason the trigger cannot fire at roundId.
    function checkFiring(uint256 triggerId, uint80 roundId) external view {
        Trigger storage t = _get(triggerId);
        if (t.status != Status.Open) revert TriggerNotOpen(triggerId, t.status);
        _checkFirstCrossing(t, triggerId, roundId);
    }

    function checkpointOf(uint256 triggerId) public view returns (uint80) {
        uint80 c = checkpoints[triggerId];
        uint80 s = triggers[triggerId].startRound;
        return c > s ? c : s;
    }

    /// @notice A trigger's fields (reverts UnknownTrigger for an id never created).
    function getTrigger(uint256 triggerId) external view returns (Trigger memory) {
        return _get(triggerId);
    }

    /// @notice What a pixel proof binds: the prompt hash, style and model of a trigger.
    function proofContext(uint256 triggerId) external view returns (bytes32 promptHash, uint32 style, bytes32 modelId) {
        Trigger storage t = _get(triggerId);
        return (t.promptHash, t.style, t.modelId);
    }

    function _get(uint256 triggerId) private view returns (Trigger storage t) {
        t = triggers[triggerId];
        if (t.status == Status.None) revert UnknownTrigger(triggerId);
    }

    function _checkFirstCrossing(Trigger storage t, uint256 triggerId, uint80 roundId) private view {
        uint80 from = checkpointOf(triggerId);
        if (roundId <= from) revert RoundNotAfterCreation(triggerId, roundId, from);
        if (roundId - from - 1 > MAX_SCAN) revert ScanBoundExceeded(triggerId, roundId, from, MAX_SCAN);
        address feed = t.feed;
        (int256 answer, uint256 updatedAt) = _round(feed, roundId);
        if (answer <= 0) revert NonPositiveAnswer(feed, roundId, answer);
        uint256 heartbeat = heartbeatOf[feed];
        if (updatedAt > block.timestamp || block.timestamp - updatedAt > heartbeat) {
            revert StaleRound(feed, roundId, updatedAt, heartbeat);
        }
        if (!_holds(t, answer)) revert NotCrossing(triggerId, roundId, answer);
        for (uint80 r = from + 1; r < roundId; r++) {
            if (_cond(t, r)) revert EarlierCrossing(triggerId, r);
        }
    }

    /// @dev cond(r): the round exists, its answer is positive and meets the threshold. A round with a
    /// non-positive answer never counts as a crossing (it is a fixed property of the round, so this opens
    /// no choice to the operator).
    function _cond(Trigger storage t, uint80 r) private view returns (bool) {
        (int256 answer,) = _round(t.feed, r);
        return answer > 0 && _holds(t, answer);
    }

    function _holds(Trigger storage t, int256 answer) private view returns (bool) {
        return t.direction == Direction.Above ? answer >= t.threshold : answer <= t.threshold;
    }

    function _round(address feed, uint80 roundId) private view returns (int256 answer, uint256 updatedAt) {
        try AggregatorV3Interface(feed).getRoundData(roundId) returns (uint80, int256 a, uint256, uint256 u, uint80) {
            if (u == 0) revert RoundUnavailable(feed, roundId);
            return (a, u);
        } catch {
            revert RoundUnavailable(feed, roundId);
        }
    }
}
