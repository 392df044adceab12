// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {ModelRegistry} from "./ModelRegistry.sol";

/// @title TriggerBook
/// @notice Price triggers with an escrowed fee (protocol v2). A trigger fires at most once, at the FIRST
/// oracle round after its creation whose answer crosses the threshold; the Rollup fires it when an
/// operator commits a leaf for it, and the firing round is checked here against the feed.
///
/// Rounds are walked in the order a Chainlink proxy publishes them: roundId = phaseId << 64 | n, with n
/// consecutive within a phase. The successor of round (p, n) is (p, n + 1) when it exists and either p is
/// the proxy's current phase or (p, n + 1) was reported before the first round of phase p + 1; otherwise
/// it is (p + 1, 1). A round an old aggregator reports after its successor phase began is never on that
/// walk (ROUND_SUPERSEDED when asked for it). A plain aggregator is phase 0 and walks 1, 2, 3, ...
///
/// Firing rule, for a trigger with checkpoint C (its startRound, the feed's latest round at creation,
/// until advanceCheckpoint moves it), at round R, checked in this order:
///   1. R > C;  2. when R and C are in the same phase, R - C - 1 <= MAX_SCAN;
///   3. R was reported (updatedAt > 0), its answer is > 0, and it was a fresh report when published:
///      startedAt <= updatedAt <= block.timestamp and updatedAt - startedAt <= the feed's heartbeat
///      (freshness is a fixed property of the round, so a first crossing stays fireable after an
///      operator outage or a reverted batch: the round is fixed by the rule, not chosen by anyone);
///   4. R meets the threshold;
///   5. walking from C, R is reached within MAX_SCAN + 1 steps, every round before it is readable and
///      none satisfies cond (answer > 0 and meets the threshold): R is the first crossing.
/// When a feed has a sequencer-uptime feed (an L2, Chainlink's pattern), firing also needs the
/// sequencer up now and for at least the grace period; that only delays firing, never changes R.
/// When more than MAX_SCAN rounds pass without a crossing, anyone calls advanceCheckpoint.
/// The trigger stores the model's conditioning (a model-defined bytes32, range-checked against the
/// registry at creation): generator, circuit, challenger and verifier all use the stored value.
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
        uint48 batchId;
        // slot 1
        address recipient;
        uint96 fee;
        // slot 2
        address creator;
        uint80 startRound;
        // slots 3..6
        int256 threshold;
        bytes32 promptHash;
        bytes32 modelId;
        bytes32 conditioning;
    }

    /// @notice Why a trigger does not fire at a round (0: it fires). The same order and names as
    /// io.vnft.api.FiringRule.Verdict.
    enum Verdict {
        Fires,
        TriggerNotOpen,
        RoundNotAfterCheckpoint,
        ScanBoundExceeded,
        RoundUnavailable,
        NonPositiveAnswer,
        StaleRound,
        NotCrossing,
        EarlierCrossing,
        RoundSuperseded,
        SequencerDown
    }

    struct FeedConfig {
        uint32 heartbeat;
        uint32 gracePeriod;
        address sequencer;
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
    /// @notice checkFiring/advanceCheckpoint refusal: `verdict` says why, `roundId` is the round concerned.
    error CannotFire(uint256 triggerId, uint80 roundId, Verdict verdict);
    error ConditioningOutOfRange(bytes32 modelId, bytes32 conditioning);
    error NothingToWithdraw(address account);
    error TransferFailed(address to, uint256 amount);
    error InvalidHeartbeat(uint256 heartbeat);

    ModelRegistry public immutable registry;
    address public rollup;
    uint256 public triggerCount;
    mapping(uint256 => Trigger) private triggers;
    mapping(uint256 => uint80) private checkpoints;
    mapping(address => FeedConfig) private feeds;
    /// @notice Wei each account can withdraw (refunds, operators' fees).
    mapping(address => uint256) public pendingWithdrawal;

    event FeedConfigured(address indexed feed, uint32 heartbeat, address sequencer, uint32 gracePeriod);
    /// @dev The trigger's fields are in getTrigger; the prompt text is only in TriggerPrompt (one event each, to keep
    /// the emitting code within the EVM's stack without the slow via-IR pipeline).
    event TriggerCreated(
        uint256 indexed triggerId,
        address indexed creator,
        address indexed feed,
        uint8 direction,
        int256 threshold,
        bytes32 promptHash,
        bytes32 conditioning,
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

    /// @notice Accepts a feed with its heartbeat in seconds (the longest a report may take from
    /// startedAt to updatedAt) and, for a feed on an L2, its sequencer-uptime feed (address(0): none)
    /// and the grace period in seconds after the sequencer comes back.
    function configureFeed(address feed, uint32 heartbeat, address sequencer, uint32 gracePeriod) external onlyOwner {
        if (feed == address(0)) revert ZeroAddress("feed");
        if (heartbeat == 0) revert InvalidHeartbeat(heartbeat);
        feeds[feed] = FeedConfig(heartbeat, gracePeriod, sequencer);
        emit FeedConfigured(feed, heartbeat, sequencer, gracePeriod);
    }

    /// @notice A feed's heartbeat in seconds (0: feed not accepted).
    function heartbeatOf(address feed) external view returns (uint32) {
        return feeds[feed].heartbeat;
    }

    /// @notice A feed's configuration (heartbeat 0: not accepted).
    function feedConfig(address feed) external view returns (FeedConfig memory) {
        return feeds[feed];
    }

    /// @notice Creates a trigger; msg.value is the fee, escrowed until the token is minted (or refunded on cancel).
    /// @return triggerId the new trigger's id (1, 2, ...)
    function createTrigger(
        address feed,
        Direction direction,
        int256 threshold,
        bytes32 promptHash,
        bytes32 conditioning,
        bytes32 modelId,
        address recipient,
        string calldata prompt
    ) external payable returns (uint256 triggerId) {
        if (feeds[feed].heartbeat == 0) revert UnknownFeed(feed);
        if (recipient == address(0)) revert ZeroAddress("recipient");
        if (threshold <= 0) revert ThresholdNotPositive(threshold);
        uint256 len = bytes(prompt).length;
        if (len == 0 || len > MAX_PROMPT_BYTES) revert PromptLength(len, MAX_PROMPT_BYTES);
        bytes32 actual = keccak256(bytes(prompt));
        if (actual != promptHash) revert PromptHashMismatch(promptHash, actual);
        if (!registry.isRegistered(modelId)) revert UnknownModel(modelId);
        if (!registry.acceptsConditioning(modelId, conditioning)) revert ConditioningOutOfRange(modelId, conditioning);
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
            batchId: 0,
            recipient: recipient,
            fee: uint96(msg.value),
            creator: msg.sender,
            startRound: startRound,
            threshold: threshold,
            promptHash: promptHash,
            modelId: modelId,
            conditioning: conditioning
        });
        _emitCreated(triggerId);
        emit TriggerPrompt(triggerId, prompt);
    }

    function _emitCreated(uint256 triggerId) private {
        Trigger memory t = triggers[triggerId];
        emit TriggerCreated(
            triggerId, t.creator, t.feed, uint8(t.direction), t.threshold, t.promptHash, t.conditioning, t.modelId, t.recipient, t.fee, t.startRound
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

    /// @notice Proves the rounds after the checkpoint up to `toRound` (walked as in the firing rule, at
    /// most MAX_SCAN of them) non-crossing and moves the trigger's checkpoint to `toRound`. Anyone may call it.
    function advanceCheckpoint(uint256 triggerId, uint80 toRound) external {
        Trigger storage t = _get(triggerId);
        if (t.status != Status.Open) revert CannotFire(triggerId, toRound, Verdict.TriggerNotOpen);
        uint80 from = checkpointOf(triggerId);
        if (toRound <= from) revert CannotFire(triggerId, toRound, Verdict.RoundNotAfterCheckpoint);
        uint16 current = _currentPhase(t.feed);
        uint80 r = from;
        for (uint256 steps = 1;; ++steps) {
            if (steps > MAX_SCAN) revert CannotFire(triggerId, toRound, Verdict.ScanBoundExceeded);
            (bool ok, uint80 n, int256 answer) = _next(t.feed, r, current);
            if (!ok) revert CannotFire(triggerId, n, Verdict.RoundUnavailable);
            if (n > toRound) revert CannotFire(triggerId, toRound, Verdict.RoundSuperseded);
            if (_crosses(t, answer)) revert CannotFire(triggerId, n, Verdict.EarlierCrossing);
            if (n == toRound) break;
            r = n;
        }
        checkpoints[triggerId] = toRound;
        emit CheckpointAdvanced(triggerId, toRound);
    }

    /// @notice Fires an open trigger at `roundId` for batch `batchId` (Rollup only) when the firing rule
    /// holds; otherwise changes nothing and returns the verdict, so the Rollup can skip the leaf.
    function tryFire(uint256 triggerId, uint80 roundId, uint48 batchId)
        external
        onlyRollup
        returns (Verdict verdict, address recipient, uint96 fee)
    {
        Trigger storage t = triggers[triggerId];
        verdict = _verdict(t, triggerId, roundId);
        if (verdict != Verdict.Fires) return (verdict, address(0), 0);
        t.status = Status.Taken;
        t.batchId = batchId;
        emit TriggerFired(triggerId, roundId, batchId);
        return (verdict, t.recipient, t.fee);
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

    /// @notice The firing rule as a view: the verdict tryFire would reach now (Fires when it fires).
    /// An unknown trigger is TriggerNotOpen.
    function checkFiring(uint256 triggerId, uint80 roundId) external view returns (Verdict) {
        return _verdict(triggers[triggerId], triggerId, roundId);
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

    /// @notice What a pixel proof binds: the prompt hash, conditioning and model of a trigger.
    function proofContext(uint256 triggerId)
        external
        view
        returns (bytes32 promptHash, bytes32 conditioning, bytes32 modelId)
    {
        Trigger storage t = _get(triggerId);
        return (t.promptHash, t.conditioning, t.modelId);
    }

    function _get(uint256 triggerId) private view returns (Trigger storage t) {
        t = triggers[triggerId];
        if (t.status == Status.None) revert UnknownTrigger(triggerId);
    }

    function _verdict(Trigger storage t, uint256 triggerId, uint80 roundId) private view returns (Verdict v) {
        if (t.status != Status.Open) return Verdict.TriggerNotOpen;
        uint80 from = checkpointOf(triggerId);
        if (roundId <= from) return Verdict.RoundNotAfterCheckpoint;
        if (roundId >> 64 == from >> 64 && roundId - from - 1 > MAX_SCAN) return Verdict.ScanBoundExceeded;
        v = _reportVerdict(t, roundId);
        if (v != Verdict.Fires) return v;
        v = _walkVerdict(t, from, roundId);
        if (v != Verdict.Fires) return v;
        FeedConfig storage fc = feeds[t.feed];
        if (fc.sequencer != address(0) && !_sequencerUp(fc)) return Verdict.SequencerDown;
    }

    /// @dev Checks 3 and 4 of the rule: round R itself.
    function _reportVerdict(Trigger storage t, uint80 roundId) private view returns (Verdict) {
        (bool ok, int256 answer, uint256 startedAt, uint256 updatedAt) = _round(t.feed, roundId);
        if (!ok) return Verdict.RoundUnavailable;
        if (answer <= 0) return Verdict.NonPositiveAnswer;
        if (startedAt > updatedAt || updatedAt > block.timestamp || updatedAt - startedAt > feeds[t.feed].heartbeat) {
            return Verdict.StaleRound;
        }
        if (!_holds(t, answer)) return Verdict.NotCrossing;
        return Verdict.Fires;
    }

    /// @dev Check 5 of the rule: R is reached from the checkpoint with no earlier crossing.
    function _walkVerdict(Trigger storage t, uint80 from, uint80 roundId) private view returns (Verdict) {
        uint16 current = _currentPhase(t.feed);
        uint80 r = from;
        for (uint256 steps = 1;; ++steps) {
            if (steps > MAX_SCAN + 1) return Verdict.ScanBoundExceeded;
            (bool has, uint80 n, int256 a) = _next(t.feed, r, current);
            if (!has) return Verdict.RoundUnavailable;
            if (n == roundId) return Verdict.Fires;
            if (n > roundId) return Verdict.RoundSuperseded;
            if (_crosses(t, a)) return Verdict.EarlierCrossing;
            r = n;
        }
    }

    /// @dev Chainlink's L2 pattern: answer 0 means up; startedAt is when the status last changed.
    function _sequencerUp(FeedConfig storage fc) private view returns (bool) {
        try AggregatorV3Interface(fc.sequencer).latestRoundData() returns (uint80, int256 a, uint256 s, uint256, uint80) {
            return a == 0 && s != 0 && s <= block.timestamp && block.timestamp - s > fc.gracePeriod;
        } catch {
            return false;
        }
    }

    /// @dev The round after `r` in publication order (see the contract's notes), with its answer.
    function _next(address feed, uint80 r, uint16 current) private view returns (bool ok, uint80 n, int256 answer) {
        uint16 phase = uint16(r >> 64);
        uint80 cand = r + 1;
        (bool has, int256 a,, uint256 up) = _round(feed, cand);
        if (phase >= current) return (has, cand, a);
        uint80 first = (uint80(phase) + 1) << 64 | 1;
        (bool hasFirst, int256 af,, uint256 upFirst) = _round(feed, first);
        if (has && (!hasFirst || up < upFirst)) return (true, cand, a);
        return (hasFirst, first, af);
    }

    function _currentPhase(address feed) private view returns (uint16) {
        try AggregatorV3Interface(feed).latestRoundData() returns (uint80 r, int256, uint256, uint256, uint80) {
            return uint16(r >> 64);
        } catch {
            return 0;
        }
    }

    /// @dev cond(r) given r's answer: positive and meets the threshold. A round with a non-positive
    /// answer never counts as a crossing (a fixed property of the round: no choice for the operator).
    function _crosses(Trigger storage t, int256 answer) private view returns (bool) {
        return answer > 0 && _holds(t, answer);
    }

    function _holds(Trigger storage t, int256 answer) private view returns (bool) {
        return t.direction == Direction.Above ? answer >= t.threshold : answer <= t.threshold;
    }

    /// @dev A round as (reported, answer, startedAt, updatedAt); unreadable or never updated: not reported.
    function _round(address feed, uint80 roundId)
        private
        view
        returns (bool ok, int256 answer, uint256 startedAt, uint256 updatedAt)
    {
        try AggregatorV3Interface(feed).getRoundData(roundId) returns (uint80, int256 a, uint256 s, uint256 u, uint80) {
            return (u != 0, a, s, u);
        } catch {
            return (false, 0, 0, 0);
        }
    }
}
