// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {LeafStore} from "./lib/LeafStore.sol";
import {TriggerBook} from "./TriggerBook.sol";
import {ModelRegistry} from "./ModelRegistry.sol";
import {VideoNFT} from "./VideoNFT.sol";
import {IPixelVerifier} from "./interfaces/IPixelVerifier.sol";

/// @title Rollup (protocol v2)
/// @notice Optimistic batches of video mints. Bonded operators commit leaves; each leaf's trigger is
/// fired at its round by TriggerBook, which checks the crossing against the feed. Anyone can challenge
/// one pixel of one leaf during the challenge window by posting challengeBond; the operator (or anyone)
/// answers with a Groth16 proof checked by the leaf's model verifier, whose six public inputs this
/// contract builds itself: [framesRoot, triggerId, roundId, promptHash mod r, conditioning, pixelIndex].
///
/// Protocol v2 rules (docs/security-checklist.md names the test for each):
///  - Commit-reveal: an operator first reserve()s keccak256(abi.encode(operator, salt, keccak256(abi.encode(leaves))))
///    and commits the leaves in a later block. A copy of either transaction from another address matches
///    no reservation, so a mempool copier gains nothing and the honest commit does not revert.
///  - A leaf whose trigger cannot fire (cancelled, taken, stale, not crossing, ...) is skipped with
///    LeafSkipped(verdict); the rest of the batch commits. A batch whose every leaf is skipped is not created.
///  - Each batch locks a stake of minOperatorBond + its fees from the operator's bond: what a cheat could
///    earn is always backed. A batch cannot be committed unless the operator's free bond covers its stake.
///  - At most maxOpenChallenges challenges are open on a batch at once. Every challenge still open when the
///    batch is reverted gets its bond back plus challengeBond as reward, whoever opened it and in whatever
///    order: a sock puppet cannot shrink an honest challenger's reward. The rest of the stake is burned (it
///    stays in this contract, which has no function that moves it); minOperatorBond >= 2 * maxOpenChallenges *
///    challengeBond, so the operator loses at least half of every slashed stake. There is no owner share.
///  - While a batch has every challenge slot taken, its challenge window is paused (the time spent full is
///    added to its deadline when a slot frees), so squatting the slots cannot run the window out.
///  - An operator that is slashed once is slashed everywhere: its free bond is burned at once, none of its
///    other pending batches can finalize, and anyone may revert them (revertSlashed), reopening their triggers.
///  - A challenge on a reverted batch cannot be answered; it is settled (timeout) at once for its bond and reward.
///  - While any challenge is open on any batch of an operator, none of its batches finalizes: an unanswered challenge
///    past its deadline cannot be raced by finalizing the operator's other batches before timeout() slashes it.
/// All payments are pulled (withdraw); state changes precede external calls; entry points are non-reentrant.
contract Rollup is ReentrancyGuard {
    /// @dev The BN254 scalar field order r (EIP-196/197).
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    enum BatchStatus {
        None,
        Pending,
        Finalized,
        Reverted
    }

    enum ChallengeStatus {
        None,
        Open,
        Answered,
        TimedOut
    }

    struct Leaf {
        uint256 triggerId;
        uint80 roundId;
        bytes32 framesRoot;
        uint16 contentCodec;
        bytes32 contentDigest;
        uint16 framesCodec;
        bytes32 framesDigest;
    }

    struct Batch {
        // slot 0
        address operator;
        uint40 challengeDeadline;
        BatchStatus status;
        uint16 count;
        uint32 openChallenges;
        // slot 1
        address data;
        uint96 fees;
        // slot 2
        uint128 stake;
        uint40 fullSince;
    }

    struct Challenge {
        uint64 batchId;
        uint16 leafIndex;
        uint64 pixelIndex;
        uint40 responseDeadline;
        ChallengeStatus status;
        address challenger;
        uint96 bond;
    }

    struct Operator {
        uint128 bond;
        uint128 locked;
        uint32 pendingBatches;
        bool slashed;
        /// @dev challenges open on any of its batches: while one is open none of its batches finalizes, so a cheat
        /// cannot cash a batch between an unanswered challenge's deadline and the timeout() that slashes it
        uint32 openChallenges;
    }

    error InvalidParameter(string name, uint256 value);
    error NotOperator(address caller);
    error OperatorSlashed(address operator);
    error BondTooSmall(uint256 available, uint256 required);
    error WrongChallengeBond(uint256 sent, uint256 required);
    error EmptyBatch();
    error TooManyLeaves(uint256 count, uint256 max);
    error NoReservation(bytes32 commitment);
    error ReservationTooRecent(bytes32 commitment, uint256 reservedInBlock);
    error UnknownBatch(uint256 batchId);
    error BatchNotPending(uint256 batchId, BatchStatus status);
    error ChallengeWindowClosed(uint256 batchId, uint256 deadline);
    error ChallengeWindowOpen(uint256 batchId, uint256 deadline);
    error ChallengesOpen(uint256 batchId, uint256 open);
    error OperatorChallengesOpen(address operator, uint256 open);
    error TooManyOpenChallenges(uint256 batchId, uint256 max);
    error LeafIndexOutOfRange(uint256 leafIndex, uint256 count);
    error PixelIndexOutOfRange(uint256 pixelIndex, uint256 pixels);
    error UnknownChallenge(uint256 challengeId);
    error ChallengeNotOpen(uint256 challengeId, ChallengeStatus status);
    error ResponseWindowClosed(uint256 challengeId, uint256 deadline);
    error ResponseWindowOpen(uint256 challengeId, uint256 deadline);
    error InvalidProof(uint256 challengeId);
    error BatchesPending(address operator, uint256 pending);
    error NothingToWithdraw(address account);
    error TransferFailed(address to, uint256 amount);

    /// @notice Why a leaf was not committed, beyond TriggerBook's verdicts (which use codes 1..10).
    uint8 public constant SKIP_TRIGGER_ID_TOO_LARGE = 100;
    uint8 public constant SKIP_FRAMES_ROOT_NOT_IN_FIELD = 101;

    TriggerBook public immutable triggerBook;
    ModelRegistry public immutable registry;
    VideoNFT public immutable videoNFT;
    uint256 public immutable minOperatorBond;
    uint256 public immutable challengeBond;
    uint256 public immutable challengeWindow;
    uint256 public immutable responseWindow;
    uint256 public immutable maxOpenChallenges;

    uint256 public batchCount;
    uint256 public challengeCount;
    /// @notice Wei slashed and burned: held by this contract forever, no function moves it.
    uint256 public burned;
    mapping(uint256 => Batch) private batches;
    mapping(uint256 => Challenge) private challenges;
    mapping(address => Operator) public operators;
    /// @notice Block number of each pending reservation, per reserving operator (see reserve): keyed by sender so
    /// that a copy of someone else's reserve() cannot refresh (and so delay) their reservation.
    mapping(address => mapping(bytes32 => uint256)) public reservations;
    /// @notice Wei each account can withdraw (challenge bonds and rewards, released operator bonds).
    mapping(address => uint256) public pendingWithdrawal;

    event OperatorBonded(address indexed operator, uint256 bond);
    event OperatorUnbonded(address indexed operator, uint256 bond);
    event OperatorSlashedEvent(address indexed operator, uint256 burnedFreeBond);
    event Reserved(address indexed operator, bytes32 commitment);
    event BatchCommitted(uint256 indexed batchId, address indexed operator, uint256 count, uint256 challengeDeadline, address data);
    event LeafCommitted(
        uint256 indexed batchId, uint256 indexed triggerId, uint256 leafIndex, uint80 roundId, bytes32 framesRoot
    );
    event LeafSkipped(uint256 indexed triggerId, uint256 inputIndex, uint80 roundId, uint8 reason);
    event ChallengeOpened(
        uint256 indexed challengeId,
        uint256 indexed batchId,
        uint256 leafIndex,
        uint256 pixelIndex,
        address challenger,
        uint256 responseDeadline
    );
    event ChallengeAnswered(uint256 indexed challengeId, uint256 indexed batchId);
    event ChallengeTimedOut(uint256 indexed challengeId, uint256 indexed batchId);
    event ChallengeWindowExtended(uint256 indexed batchId, uint256 challengeDeadline);
    event BatchReverted(uint256 indexed batchId, uint256 slashed);
    event BatchFinalized(uint256 indexed batchId, uint256 firstTokenId, uint256 count);
    event Withdrawn(address indexed account, uint256 amount);

    /// @param minOperatorBond_ the stake each batch locks besides its fees, in wei; at least
    ///     2 * maxOpenChallenges_ * challengeBond_ so that every slash burns at least half
    /// @param challengeBond_ the bond of one challenge and the reward of one that succeeds, in wei, > 0
    /// @param challengeWindow_ seconds after commit during which a batch can be challenged, > 0
    /// @param responseWindow_ seconds an operator has to answer a challenge, >= 60 (a pixel proof takes
    ///     seconds; freshness is a property of the round, so no window can make a trigger unfireable)
    /// @param maxOpenChallenges_ challenges open at once on one batch, in [1, 1024]
    constructor(
        TriggerBook triggerBook_,
        ModelRegistry registry_,
        VideoNFT videoNFT_,
        uint256 minOperatorBond_,
        uint256 challengeBond_,
        uint256 challengeWindow_,
        uint256 responseWindow_,
        uint256 maxOpenChallenges_
    ) {
        if (challengeBond_ == 0 || challengeBond_ > type(uint96).max) revert InvalidParameter("challengeBond", challengeBond_);
        if (maxOpenChallenges_ == 0 || maxOpenChallenges_ > 1024) {
            revert InvalidParameter("maxOpenChallenges", maxOpenChallenges_);
        }
        if (minOperatorBond_ < 2 * maxOpenChallenges_ * challengeBond_ || minOperatorBond_ > type(uint96).max) {
            revert InvalidParameter("minOperatorBond", minOperatorBond_);
        }
        if (challengeWindow_ == 0 || challengeWindow_ > 365 days) revert InvalidParameter("challengeWindow", challengeWindow_);
        if (responseWindow_ < 60 || responseWindow_ > 365 days) revert InvalidParameter("responseWindow", responseWindow_);
        triggerBook = triggerBook_;
        registry = registry_;
        videoNFT = videoNFT_;
        minOperatorBond = minOperatorBond_;
        challengeBond = challengeBond_;
        challengeWindow = challengeWindow_;
        responseWindow = responseWindow_;
        maxOpenChallenges = maxOpenChallenges_;
    }

    /// @notice Adds msg.value to the caller's operator bond. A slashed operator cannot bond again.
    function bond() external payable {
        Operator storage op = operators[msg.sender];
        if (op.slashed) revert OperatorSlashed(msg.sender);
        uint256 total = op.bond + msg.value;
        if (total < minOperatorBond) revert BondTooSmall(total, minOperatorBond);
        op.bond = uint128(total);
        emit OperatorBonded(msg.sender, total);
    }

    /// @notice Releases the caller's whole bond to its pending withdrawal; only with no pending batch.
    function unbond() external {
        Operator storage op = operators[msg.sender];
        if (op.pendingBatches != 0) revert BatchesPending(msg.sender, op.pendingBatches);
        uint256 amount = op.bond;
        if (amount == 0) revert NotOperator(msg.sender);
        op.bond = 0;
        pendingWithdrawal[msg.sender] += amount;
        emit OperatorUnbonded(msg.sender, amount);
    }

    /// @notice The commitment reserve() expects for `leaves` from `operator` with `salt`.
    function commitmentOf(address operator, bytes32 salt, Leaf[] calldata leaves) public pure returns (bytes32) {
        return keccak256(abi.encode(operator, salt, keccak256(abi.encode(leaves))));
    }

    /// @notice First step of a commit: records `commitment` (see commitmentOf) for the caller at this block (a
    /// second reserve of the same commitment keeps the first block). Only a bonded, unslashed operator may
    /// reserve; commitBatch must come in a later block.
    function reserve(bytes32 commitment) external {
        Operator storage op = operators[msg.sender];
        if (op.slashed) revert OperatorSlashed(msg.sender);
        if (op.bond < minOperatorBond) revert NotOperator(msg.sender);
        if (reservations[msg.sender][commitment] == 0) reservations[msg.sender][commitment] = block.number;
        emit Reserved(msg.sender, commitment);
    }

    /// @notice Commits a batch reserved in an earlier block: fires every leaf's trigger at its round,
    /// skipping (with LeafSkipped) the leaves that cannot fire, stores the fired leaf records once, locks
    /// the stake and starts the challenge window.
    /// @return batchId the new batch, or 0 when every leaf was skipped (nothing is created)
    function commitBatch(Leaf[] calldata leaves, bytes32 salt) external nonReentrant returns (uint256 batchId) {
        if (operators[msg.sender].slashed) revert OperatorSlashed(msg.sender);
        uint256 n = leaves.length;
        if (n == 0) revert EmptyBatch();
        if (n > LeafStore.MAX_RECORDS) revert TooManyLeaves(n, LeafStore.MAX_RECORDS);
        _consumeReservation(commitmentOf(msg.sender, salt, leaves));
        batchId = batchCount + 1;
        bytes memory records = LeafStore.alloc(n);
        uint256 fees;
        uint256 k;
        for (uint256 i; i < n; ++i) {
            (bool fired, uint96 fee) = _fireLeaf(records, k, leaves[i], i, batchId);
            if (fired) {
                fees += fee;
                ++k;
            }
        }
        if (k == 0) return 0;
        _storeBatch(batchId, records, k, fees);
    }

    /// @dev Deletes a reservation made in an earlier block, or reverts.
    function _consumeReservation(bytes32 commitment) private {
        uint256 reservedAt = reservations[msg.sender][commitment];
        if (reservedAt == 0) revert NoReservation(commitment);
        if (reservedAt >= block.number) revert ReservationTooRecent(commitment, reservedAt);
        delete reservations[msg.sender][commitment];
    }

    /// @dev Locks the stake of a new batch of k fired records and stores it (CEI: the caller fired the
    /// triggers through TriggerBook, a contract of this deployment, before; no value leaves here).
    function _storeBatch(uint256 batchId, bytes memory records, uint256 k, uint256 fees) private {
        Operator storage op = operators[msg.sender];
        uint256 stake = minOperatorBond + fees;
        uint256 free = op.bond - op.locked;
        if (free < stake) revert BondTooSmall(free, stake);
        assembly ("memory-safe") {
            mstore(records, mul(k, 138)) // shrink to the fired records (LeafStore.RECORD_SIZE)
        }
        batchCount = batchId;
        address data = LeafStore.write(records);
        uint256 deadline = block.timestamp + challengeWindow;
        batches[batchId] = Batch({
            operator: msg.sender,
            challengeDeadline: uint40(deadline),
            status: BatchStatus.Pending,
            count: uint16(k),
            openChallenges: 0,
            data: data,
            fees: uint96(fees),
            stake: uint128(stake),
            fullSince: 0
        });
        op.locked += uint128(stake);
        op.pendingBatches += 1;
        emit BatchCommitted(batchId, msg.sender, k, deadline, data);
    }

    /// @notice Challenges pixel `pixelIndex` of leaf `leafIndex` of a pending batch; msg.value must be challengeBond.
    function challenge(uint256 batchId, uint256 leafIndex, uint256 pixelIndex)
        external
        payable
        nonReentrant
        returns (uint256 challengeId)
    {
        Batch storage b = _batch(batchId);
        if (b.status != BatchStatus.Pending) revert BatchNotPending(batchId, b.status);
        if (block.timestamp >= b.challengeDeadline) revert ChallengeWindowClosed(batchId, b.challengeDeadline);
        if (msg.value != challengeBond) revert WrongChallengeBond(msg.value, challengeBond);
        if (leafIndex >= b.count) revert LeafIndexOutOfRange(leafIndex, b.count);
        if (b.openChallenges >= maxOpenChallenges) revert TooManyOpenChallenges(batchId, maxOpenChallenges);
        LeafStore.Record memory r = LeafStore.read(b.data, leafIndex);
        (,, bytes32 modelId) = triggerBook.proofContext(r.triggerId);
        (, uint256 pixels) = registry.verifierAndPixels(modelId);
        if (pixelIndex >= pixels) revert PixelIndexOutOfRange(pixelIndex, pixels);
        challengeId = ++challengeCount;
        uint256 deadline = block.timestamp + responseWindow;
        challenges[challengeId] = Challenge({
            batchId: uint64(batchId),
            leafIndex: uint16(leafIndex),
            pixelIndex: uint64(pixelIndex),
            responseDeadline: uint40(deadline),
            status: ChallengeStatus.Open,
            challenger: msg.sender,
            bond: uint96(msg.value)
        });
        b.openChallenges += 1;
        operators[b.operator].openChallenges += 1;
        if (b.openChallenges == maxOpenChallenges) b.fullSince = uint40(block.timestamp);
        emit ChallengeOpened(challengeId, batchId, leafIndex, pixelIndex, msg.sender, deadline);
    }

    /// @notice The six public inputs a proof answering `challengeId` must satisfy.
    function publicInputs(uint256 challengeId) public view returns (uint256[6] memory input, address verifier) {
        Challenge storage c = _challenge(challengeId);
        Batch storage b = batches[c.batchId];
        LeafStore.Record memory r = LeafStore.read(b.data, c.leafIndex);
        (bytes32 promptHash, bytes32 conditioning, bytes32 modelId) = triggerBook.proofContext(r.triggerId);
        (verifier,) = registry.verifierAndPixels(modelId);
        input = [
            uint256(r.framesRoot),
            uint256(r.triggerId),
            uint256(r.roundId),
            uint256(promptHash) % R,
            uint256(conditioning),
            uint256(c.pixelIndex)
        ];
    }

    /// @notice Answers an open challenge on a pending batch with a Groth16 proof given as 8 words in EVM
    /// order [a.x, a.y, b.x1, b.x0, b.y1, b.y0, c.x, c.y] (b imaginary-first); reverts InvalidProof unless the
    /// model's verifier accepts it for the inputs this contract builds. The challenge bond goes to the batch's
    /// operator, whoever sends the proof (a copied answer earns the copier nothing).
    function respond(uint256 challengeId, uint256[8] calldata proof) external nonReentrant {
        Challenge storage ch = _challenge(challengeId);
        if (ch.status != ChallengeStatus.Open) revert ChallengeNotOpen(challengeId, ch.status);
        Batch storage bt = batches[ch.batchId];
        if (bt.status != BatchStatus.Pending) revert BatchNotPending(ch.batchId, bt.status);
        if (block.timestamp > ch.responseDeadline) revert ResponseWindowClosed(challengeId, ch.responseDeadline);
        (uint256[6] memory input, address verifier) = publicInputs(challengeId);
        bool ok;
        uint256[2] memory a = [proof[0], proof[1]];
        uint256[2][2] memory b = [[proof[2], proof[3]], [proof[4], proof[5]]];
        uint256[2] memory c = [proof[6], proof[7]];
        try IPixelVerifier(verifier).verifyProof(a, b, c, input) returns (bool valid) {
            ok = valid;
        } catch {
            ok = false;
        }
        if (!ok) revert InvalidProof(challengeId);
        ch.status = ChallengeStatus.Answered;
        if (bt.openChallenges == maxOpenChallenges && block.timestamp > bt.fullSince) {
            uint256 extended = uint256(bt.challengeDeadline) + (block.timestamp - bt.fullSince);
            bt.challengeDeadline = uint40(extended);
            emit ChallengeWindowExtended(ch.batchId, extended);
        }
        bt.openChallenges -= 1;
        operators[bt.operator].openChallenges -= 1;
        pendingWithdrawal[bt.operator] += ch.bond;
        emit ChallengeAnswered(challengeId, ch.batchId);
    }

    /// @notice Settles a challenge. On a pending batch, only after its response window passed unanswered:
    /// the batch is reverted, its triggers reopen and its operator is slashed. On a reverted batch, at once.
    /// Either way the challenger is credited its bond plus challengeBond as reward.
    function timeout(uint256 challengeId) external nonReentrant {
        Challenge storage ch = _challenge(challengeId);
        if (ch.status != ChallengeStatus.Open) revert ChallengeNotOpen(challengeId, ch.status);
        uint256 batchId = ch.batchId;
        Batch storage b = batches[batchId];
        if (b.status == BatchStatus.Pending) {
            if (block.timestamp <= ch.responseDeadline) revert ResponseWindowOpen(challengeId, ch.responseDeadline);
            _slashOperator(b.operator);
            _revert(batchId, b);
        }
        ch.status = ChallengeStatus.TimedOut;
        b.openChallenges -= 1;
        operators[b.operator].openChallenges -= 1;
        pendingWithdrawal[ch.challenger] += uint256(ch.bond) + challengeBond;
        emit ChallengeTimedOut(challengeId, batchId);
    }

    /// @notice Reverts a pending batch of a slashed operator (anyone may call it): its triggers reopen, its
    /// stake is slashed, its open challenges are settled by timeout() at once.
    function revertSlashed(uint256 batchId) external nonReentrant {
        Batch storage b = _batch(batchId);
        if (b.status != BatchStatus.Pending) revert BatchNotPending(batchId, b.status);
        if (!operators[b.operator].slashed) revert NotOperator(b.operator);
        _revert(batchId, b);
    }

    /// @notice Finalizes a batch after its challenge window with no open challenge on any of its operator's
    /// batches: mints its tokens, unlocks its stake and credits its escrowed fees to the operator. Refused for a
    /// slashed operator.
    function finalize(uint256 batchId) external nonReentrant returns (uint256 firstTokenId) {
        Batch storage b = _batch(batchId);
        if (b.status != BatchStatus.Pending) revert BatchNotPending(batchId, b.status);
        if (block.timestamp < b.challengeDeadline) revert ChallengeWindowOpen(batchId, b.challengeDeadline);
        if (b.openChallenges != 0) revert ChallengesOpen(batchId, b.openChallenges);
        address operator = b.operator;
        Operator storage op = operators[operator];
        if (op.slashed) revert OperatorSlashed(operator);
        if (op.openChallenges != 0) revert OperatorChallengesOpen(operator, op.openChallenges);
        b.status = BatchStatus.Finalized;
        op.pendingBatches -= 1;
        op.locked -= b.stake;
        uint256 fees = b.fees;
        firstTokenId = videoNFT.mintBatch(b.data);
        if (fees != 0) triggerBook.settle(operator, fees);
        emit BatchFinalized(batchId, firstTokenId, b.count);
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

    function isFinalizable(uint256 batchId) external view returns (bool) {
        Batch storage b = batches[batchId];
        Operator storage op = operators[b.operator];
        return b.status == BatchStatus.Pending && block.timestamp >= b.challengeDeadline && b.openChallenges == 0
            && !op.slashed && op.openChallenges == 0;
    }

    function getBatch(uint256 batchId)
        external
        view
        returns (address operator, uint256 challengeDeadline, uint8 status, uint256 count, uint256 openChallenges, address data, uint256 fees)
    {
        Batch storage b = _batch(batchId);
        return (b.operator, b.challengeDeadline, uint8(b.status), b.count, b.openChallenges, b.data, b.fees);
    }

    /// @notice The stake batch `batchId` locks (minOperatorBond + its fees), in wei.
    function stakeOf(uint256 batchId) external view returns (uint256) {
        return _batch(batchId).stake;
    }

    function getChallenge(uint256 challengeId)
        external
        view
        returns (uint256 batchId, uint256 leafIndex, uint256 pixelIndex, uint256 responseDeadline, uint8 status, address challenger, uint256 bondWei)
    {
        Challenge storage c = _challenge(challengeId);
        return (c.batchId, c.leafIndex, c.pixelIndex, c.responseDeadline, uint8(c.status), c.challenger, c.bond);
    }

    /// @notice Leaf `leafIndex` of batch `batchId` as committed (recipient filled in from the trigger).
    function getLeaf(uint256 batchId, uint256 leafIndex) external view returns (LeafStore.Record memory) {
        Batch storage b = _batch(batchId);
        return LeafStore.read(b.data, leafIndex);
    }

    /// @dev Fires one leaf's trigger and writes its record at index k, or emits LeafSkipped.
    function _fireLeaf(bytes memory records, uint256 k, Leaf calldata l, uint256 i, uint256 batchId)
        private
        returns (bool fired, uint96 fee)
    {
        uint8 skip;
        address recipient;
        if (l.triggerId > type(uint64).max) {
            skip = SKIP_TRIGGER_ID_TOO_LARGE;
        } else if (uint256(l.framesRoot) >= R) {
            skip = SKIP_FRAMES_ROOT_NOT_IN_FIELD;
        } else {
            TriggerBook.Verdict v;
            (v, recipient, fee) = triggerBook.tryFire(l.triggerId, l.roundId, uint48(batchId));
            skip = uint8(v);
        }
        if (skip != 0) {
            emit LeafSkipped(l.triggerId, i, l.roundId, skip);
            return (false, 0);
        }
        LeafStore.put(
            records, k, LeafStore.Record(
                uint64(l.triggerId), l.roundId, recipient, l.framesRoot, l.contentCodec, l.contentDigest, l.framesCodec, l.framesDigest
            )
        );
        emit LeafCommitted(batchId, l.triggerId, k, l.roundId, l.framesRoot);
        return (true, fee);
    }

    /// @dev Marks the operator slashed (once) and burns its free bond.
    function _slashOperator(address operator) private {
        Operator storage op = operators[operator];
        if (op.slashed) return;
        op.slashed = true;
        uint256 free = op.bond - op.locked;
        op.bond = op.locked;
        burned += free;
        emit OperatorSlashedEvent(operator, free);
    }

    /// @dev Reverts a pending batch: slashes its stake (reserving a reward for each open challenge, burning
    /// the rest) and reopens its triggers.
    function _revert(uint256 batchId, Batch storage b) private {
        b.status = BatchStatus.Reverted;
        Operator storage op = operators[b.operator];
        uint256 stake = b.stake;
        op.pendingBatches -= 1;
        op.locked -= uint128(stake);
        op.bond -= uint128(stake);
        uint256 rewards = uint256(b.openChallenges) * challengeBond;
        burned += stake - rewards;
        emit BatchReverted(batchId, stake);
        bytes memory records = LeafStore.readAll(b.data);
        uint256 n = b.count;
        for (uint256 i; i < n; ++i) {
            triggerBook.reopen(LeafStore.decode(records, i).triggerId);
        }
    }

    function _batch(uint256 batchId) private view returns (Batch storage b) {
        b = batches[batchId];
        if (b.status == BatchStatus.None) revert UnknownBatch(batchId);
    }

    function _challenge(uint256 challengeId) private view returns (Challenge storage c) {
        c = challenges[challengeId];
        if (c.status == ChallengeStatus.None) revert UnknownChallenge(challengeId);
    }
}
