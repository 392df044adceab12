// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {LeafStore} from "./lib/LeafStore.sol";
import {TriggerBook} from "./TriggerBook.sol";
import {ModelRegistry} from "./ModelRegistry.sol";
import {VideoNFT} from "./VideoNFT.sol";
import {IPixelVerifier} from "./interfaces/IPixelVerifier.sol";

/// @title Rollup
/// @notice Optimistic batches of video mints. Bonded operators commit leaves; each leaf's trigger is
/// fired at its round by TriggerBook, which checks the crossing against the feed. Anyone can challenge
/// one pixel of one leaf during the challenge window by posting a bond; the operator (or anyone) answers
/// with a Groth16 proof checked by the leaf's model verifier, whose six public inputs this contract
/// builds itself: [framesRoot, triggerId, roundId, promptHash mod r, style, pixelIndex]. A valid answer
/// pays the challenger's bond to the operator. An unanswered challenge, after the response window,
/// reverts the batch (its triggers reopen) and slashes the operator's bond: SLASH_TO_CHALLENGER_BPS of it
/// to the challenger (plus its bond back), the rest to the owner. After the challenge window with no
/// open challenge, finalize mints every token and credits the escrowed fees to the operator.
/// All payments are pulled (withdraw); state changes precede external calls; entry points are
/// non-reentrant.
contract Rollup is Ownable, ReentrancyGuard {
    /// @dev The BN254 scalar field order r (EIP-196/197).
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 public constant SLASH_TO_CHALLENGER_BPS = 5000;

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
        uint16 metadataCodec;
        bytes32 metadataDigest;
    }

    struct Batch {
        address operator;
        uint40 challengeDeadline;
        BatchStatus status;
        uint16 count;
        uint16 openChallenges;
        address data;
        uint96 fees;
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
        uint32 pendingBatches;
    }

    error NotOperator(address caller);
    error BondTooSmall(uint256 sent, uint256 required);
    error WrongChallengeBond(uint256 sent, uint256 required);
    error EmptyBatch();
    error TooManyLeaves(uint256 count, uint256 max);
    error TriggerIdTooLarge(uint256 triggerId);
    error FramesRootNotInField(uint256 leafIndex, bytes32 framesRoot);
    error UnknownBatch(uint256 batchId);
    error BatchNotPending(uint256 batchId, BatchStatus status);
    error ChallengeWindowClosed(uint256 batchId, uint256 deadline);
    error ChallengeWindowOpen(uint256 batchId, uint256 deadline);
    error ChallengesOpen(uint256 batchId, uint256 open);
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

    TriggerBook public immutable triggerBook;
    ModelRegistry public immutable registry;
    VideoNFT public immutable videoNFT;
    uint256 public immutable minOperatorBond;
    uint256 public immutable challengeBond;
    uint256 public immutable challengeWindow;
    uint256 public immutable responseWindow;

    uint256 public batchCount;
    uint256 public challengeCount;
    mapping(uint256 => Batch) private batches;
    mapping(uint256 => Challenge) private challenges;
    mapping(address => Operator) public operators;
    /// @notice Wei each account can withdraw (challenge bonds won, slashed shares, released operator bonds).
    mapping(address => uint256) public pendingWithdrawal;

    event OperatorBonded(address indexed operator, uint256 bond);
    event OperatorUnbonded(address indexed operator, uint256 bond);
    event BatchCommitted(uint256 indexed batchId, address indexed operator, uint256 count, uint256 challengeDeadline, address data);
    event LeafCommitted(
        uint256 indexed batchId, uint256 indexed triggerId, uint256 leafIndex, uint80 roundId, bytes32 framesRoot
    );
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
    event BatchReverted(uint256 indexed batchId, uint256 slashed);
    event BatchFinalized(uint256 indexed batchId, uint256 firstTokenId, uint256 count);
    event Withdrawn(address indexed account, uint256 amount);

    constructor(
        TriggerBook triggerBook_,
        ModelRegistry registry_,
        VideoNFT videoNFT_,
        uint256 minOperatorBond_,
        uint256 challengeBond_,
        uint256 challengeWindow_,
        uint256 responseWindow_
    ) Ownable(msg.sender) {
        triggerBook = triggerBook_;
        registry = registry_;
        videoNFT = videoNFT_;
        minOperatorBond = minOperatorBond_;
        challengeBond = challengeBond_;
        challengeWindow = challengeWindow_;
        responseWindow = responseWindow_;
    }

    /// @notice Adds msg.value to the caller's operator bond; an operator commits while its bond >= minOperatorBond.
    function bond() external payable {
        Operator storage op = operators[msg.sender];
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

    /// @notice Commits a batch: fires every leaf's trigger at its round (reverting the whole batch when
    /// one cannot fire), stores the leaf records once and starts the challenge window.
    function commitBatch(Leaf[] calldata leaves) external nonReentrant returns (uint256 batchId) {
        Operator storage op = operators[msg.sender];
        if (op.bond < minOperatorBond || op.bond == 0) revert NotOperator(msg.sender);
        uint256 n = leaves.length;
        if (n == 0) revert EmptyBatch();
        if (n > LeafStore.MAX_RECORDS) revert TooManyLeaves(n, LeafStore.MAX_RECORDS);
        batchId = ++batchCount;
        bytes memory records = LeafStore.alloc(n);
        uint256 fees;
        for (uint256 i; i < n; ++i) {
            Leaf calldata l = leaves[i];
            if (l.triggerId > type(uint64).max) revert TriggerIdTooLarge(l.triggerId);
            if (uint256(l.framesRoot) >= R) revert FramesRootNotInField(i, l.framesRoot);
            (address recipient, uint96 fee) = triggerBook.fire(l.triggerId, l.roundId, uint48(batchId));
            fees += fee;
            LeafStore.put(
                records,
                i,
                LeafStore.Record(
                    uint64(l.triggerId),
                    l.roundId,
                    recipient,
                    l.framesRoot,
                    l.contentCodec,
                    l.contentDigest,
                    l.metadataCodec,
                    l.metadataDigest
                )
            );
            emit LeafCommitted(batchId, l.triggerId, i, l.roundId, l.framesRoot);
        }
        address data = LeafStore.write(records);
        uint256 deadline = block.timestamp + challengeWindow;
        batches[batchId] = Batch({
            operator: msg.sender,
            challengeDeadline: uint40(deadline),
            status: BatchStatus.Pending,
            count: uint16(n),
            openChallenges: 0,
            data: data,
            fees: uint96(fees)
        });
        op.pendingBatches += 1;
        emit BatchCommitted(batchId, msg.sender, n, deadline, data);
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
        emit ChallengeOpened(challengeId, batchId, leafIndex, pixelIndex, msg.sender, deadline);
    }

    /// @notice The six public inputs a proof answering `challengeId` must satisfy.
    function publicInputs(uint256 challengeId) public view returns (uint256[6] memory input, address verifier) {
        Challenge storage c = _challenge(challengeId);
        Batch storage b = batches[c.batchId];
        LeafStore.Record memory r = LeafStore.read(b.data, c.leafIndex);
        (bytes32 promptHash, uint32 style, bytes32 modelId) = triggerBook.proofContext(r.triggerId);
        (verifier,) = registry.verifierAndPixels(modelId);
        input = [uint256(r.framesRoot), uint256(r.triggerId), uint256(r.roundId), uint256(promptHash) % R, uint256(style), uint256(c.pixelIndex)];
    }

    /// @notice Answers an open challenge with a Groth16 proof given as 8 words in EVM order
    /// [a.x, a.y, b.x1, b.x0, b.y1, b.y0, c.x, c.y] (b imaginary-first); reverts InvalidProof unless the
    /// model's verifier accepts it for the inputs this contract builds.
    function respond(uint256 challengeId, uint256[8] calldata proof) external nonReentrant {
        Challenge storage ch = _challenge(challengeId);
        if (ch.status != ChallengeStatus.Open) revert ChallengeNotOpen(challengeId, ch.status);
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
        Batch storage bt = batches[ch.batchId];
        ch.status = ChallengeStatus.Answered;
        bt.openChallenges -= 1;
        pendingWithdrawal[bt.operator] += ch.bond;
        emit ChallengeAnswered(challengeId, ch.batchId);
    }

    /// @notice Settles a challenge left unanswered past its response window: reverts the batch, reopens its
    /// triggers and slashes the operator (once per batch); when the batch was already reverted by another
    /// challenge, the challenger just gets its bond back.
    function timeout(uint256 challengeId) external nonReentrant {
        Challenge storage ch = _challenge(challengeId);
        if (ch.status != ChallengeStatus.Open) revert ChallengeNotOpen(challengeId, ch.status);
        if (block.timestamp <= ch.responseDeadline) revert ResponseWindowOpen(challengeId, ch.responseDeadline);
        uint256 batchId = ch.batchId;
        Batch storage b = batches[batchId];
        ch.status = ChallengeStatus.TimedOut;
        b.openChallenges -= 1;
        address challenger = ch.challenger;
        uint256 payout = ch.bond;
        if (b.status == BatchStatus.Pending) {
            b.status = BatchStatus.Reverted;
            Operator storage op = operators[b.operator];
            op.pendingBatches -= 1;
            uint256 slashed = op.bond;
            op.bond = 0;
            uint256 share = slashed * SLASH_TO_CHALLENGER_BPS / 10_000;
            payout += share;
            pendingWithdrawal[owner()] += slashed - share;
            pendingWithdrawal[challenger] += payout;
            emit ChallengeTimedOut(challengeId, batchId);
            emit BatchReverted(batchId, slashed);
            bytes memory records = LeafStore.readAll(b.data);
            uint256 n = b.count;
            for (uint256 i; i < n; ++i) {
                triggerBook.reopen(LeafStore.decode(records, i).triggerId);
            }
        } else {
            pendingWithdrawal[challenger] += payout;
            emit ChallengeTimedOut(challengeId, batchId);
        }
    }

    /// @notice Finalizes a batch after its challenge window with no open challenge: mints its tokens and
    /// credits its escrowed fees to the operator.
    function finalize(uint256 batchId) external nonReentrant returns (uint256 firstTokenId) {
        Batch storage b = _batch(batchId);
        if (b.status != BatchStatus.Pending) revert BatchNotPending(batchId, b.status);
        if (block.timestamp < b.challengeDeadline) revert ChallengeWindowOpen(batchId, b.challengeDeadline);
        if (b.openChallenges != 0) revert ChallengesOpen(batchId, b.openChallenges);
        b.status = BatchStatus.Finalized;
        address operator = b.operator;
        operators[operator].pendingBatches -= 1;
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
        return b.status == BatchStatus.Pending && block.timestamp >= b.challengeDeadline && b.openChallenges == 0;
    }

    function getBatch(uint256 batchId)
        external
        view
        returns (address operator, uint256 challengeDeadline, uint8 status, uint256 count, uint256 openChallenges, address data, uint256 fees)
    {
        Batch storage b = _batch(batchId);
        return (b.operator, b.challengeDeadline, uint8(b.status), b.count, b.openChallenges, b.data, b.fees);
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

    function _batch(uint256 batchId) private view returns (Batch storage b) {
        b = batches[batchId];
        if (b.status == BatchStatus.None) revert UnknownBatch(batchId);
    }

    function _challenge(uint256 challengeId) private view returns (Challenge storage c) {
        c = challenges[challengeId];
        if (c.status == ChallengeStatus.None) revert UnknownChallenge(challengeId);
    }
}
