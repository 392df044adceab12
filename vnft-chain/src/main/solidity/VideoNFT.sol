// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {IERC7007} from "./interfaces/IERC7007.sol";
import {LeafStore} from "./lib/LeafStore.sol";
import {TriggerBook} from "./TriggerBook.sol";

/// @title VideoNFT
/// @notice ERC-721 video tokens with ERC-7007 (verifiable AI-generated content, optimistic mode) and
/// ERC-4906 metadata updates.
///
/// Gas: a finalized batch mints with one storage write per token (the recipient's balance) and one
/// Transfer event. Token ids are consecutive per batch; a batch is one storage slot (the address of its
/// leaf records, written once by the Rollup at commit, its first token id and its size). The owner of a
/// token that never moved is read from the leaf records (a binary search over batches); a transfer
/// writes the owner as in OpenZeppelin's ERC721 (the pattern OpenZeppelin documents for
/// `_increaseBalance` + `_ownerOf`). Tokens cannot be burnt (a burnt token would fall back to its
/// recorded recipient).
///
/// tokenURI (protocol v2) is built here from on-chain data only, so no operator can choose it:
/// `data:application/json;base64,` + the JSON of tokenJson(tokenId), whose fields are the token's trigger,
/// round, model, prompt hash, conditioning and framesRoot (what a challenge can dispute) and `frames`, the
/// CID of the raw RGB8 frames that framesRoot commits to (`vnft verify` checks the file against both).
/// `animation_url` is the operator's encoding of those frames, labelled `"rendition"`: `vnft verify`
/// regenerates the video, encodes it and compares its CID.
///
/// ERC-7007 in this contract: `proof` is `abi.encode(tokenId)` and `aigcData` is the token's 32-byte
/// framesRoot; `verify` is true when that token exists (its batch passed the challenge window, i.e. the
/// optimistic proof is final), its trigger's promptHash is keccak256(prompt) and its framesRoot matches.
contract VideoNFT is ERC721, IERC4906, IERC7007, Ownable {
    error NotMinter(address caller);
    error MinterAlreadySet(address minter);
    error EmptyBatch();
    error AigcDataNotVerified(uint256 tokenId);
    error AigcDataAlreadyAdded(uint256 tokenId);

    struct MintBatch {
        address data;
        uint64 firstTokenId;
        uint32 count;
    }

    TriggerBook public immutable triggerBook;
    address public minter;
    MintBatch[] private batches;
    uint256 public nextTokenId = 1;
    /// @notice Whether addAigcData already recorded a token's data (once per token).
    mapping(uint256 => bool) public aigcAdded;

    constructor(TriggerBook triggerBook_) ERC721("vnft video", "VNFT") Ownable(msg.sender) {
        triggerBook = triggerBook_;
    }

    /// @notice Sets the minter (the Rollup), once.
    function setMinter(address minter_) external onlyOwner {
        if (minter != address(0)) revert MinterAlreadySet(minter);
        minter = minter_;
    }

    /// @notice Mints one token per leaf record held at `data` to each record's recipient (minter only).
    /// @return firstTokenId the id of the first token; the batch's tokens are consecutive.
    function mintBatch(address data) external returns (uint256 firstTokenId) {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        bytes memory records = LeafStore.readAll(data);
        uint256 n = records.length / LeafStore.RECORD_SIZE;
        if (n == 0) revert EmptyBatch();
        firstTokenId = nextTokenId;
        nextTokenId = firstTokenId + n;
        batches.push(MintBatch(data, uint64(firstTokenId), uint32(n)));
        for (uint256 i; i < n; ++i) {
            address to = LeafStore.recipientAt(records, i);
            _increaseBalance(to, 1);
            emit Transfer(address(0), to, firstTokenId + i);
        }
    }

    /// @notice The leaf record behind a minted token (trigger, round, recipient, framesRoot, CIDs).
    function leafOf(uint256 tokenId) public view returns (LeafStore.Record memory) {
        (bool found, MintBatch memory b) = _batchOf(tokenId);
        if (!found) revert ERC721NonexistentToken(tokenId);
        return LeafStore.read(b.data, tokenId - b.firstTokenId);
    }

    /// @notice The token's metadata: `data:application/json;base64,` + base64(tokenJson(tokenId)).
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        return string.concat("data:application/json;base64,", Base64.encode(bytes(tokenJson(tokenId))));
    }

    /// @notice The token's metadata JSON, built only from on-chain data (one line, no spaces, keys in this
    /// order; numbers as decimal strings, 32-byte values as 0x + 64 lower-case hex digits).
    function tokenJson(uint256 tokenId) public view returns (string memory) {
        LeafStore.Record memory r = leafOf(tokenId);
        (bytes32 promptHash, bytes32 conditioning, bytes32 modelId) = triggerBook.proofContext(r.triggerId);
        string memory head = string.concat(
            '{"name":"vnft #', Strings.toString(tokenId),
            '","animation_url":"ipfs://', cidString(r.contentCodec, r.contentDigest),
            '","rendition":"animation_url is the operator\'s encoding of frames; vnft verify checks it"',
            ',"frames":"ipfs://', cidString(r.framesCodec, r.framesDigest)
        );
        return string.concat(
            head,
            '","trigger":"', Strings.toString(r.triggerId),
            '","round":"', Strings.toString(r.roundId),
            '","model":"', Strings.toHexString(uint256(modelId), 32),
            '","promptHash":"', Strings.toHexString(uint256(promptHash), 32),
            '","conditioning":"', Strings.toHexString(uint256(conditioning), 32),
            '","framesRoot":"', Strings.toHexString(uint256(r.framesRoot), 32), '"}'
        );
    }

    /// @inheritdoc IERC7007
    function verify(bytes calldata prompt, bytes calldata aigcData, bytes calldata proof) public view returns (bool) {
        if (proof.length != 32 || aigcData.length != 32) return false;
        uint256 tokenId = abi.decode(proof, (uint256));
        (bool found, MintBatch memory b) = _batchOf(tokenId);
        if (!found) return false;
        LeafStore.Record memory r = LeafStore.read(b.data, tokenId - b.firstTokenId);
        if (r.framesRoot != bytes32(aigcData)) return false;
        (bytes32 promptHash,,) = triggerBook.proofContext(r.triggerId);
        return promptHash == keccak256(prompt);
    }

    /// @inheritdoc IERC7007
    /// @dev Anyone may call it, once per token: it only records, as events, data that verify() accepts.
    function addAigcData(uint256 tokenId, bytes calldata prompt, bytes calldata aigcData, bytes calldata proof) external {
        if (proof.length != 32 || abi.decode(proof, (uint256)) != tokenId || !verify(prompt, aigcData, proof)) {
            revert AigcDataNotVerified(tokenId);
        }
        if (aigcAdded[tokenId]) revert AigcDataAlreadyAdded(tokenId);
        aigcAdded[tokenId] = true;
        emit AigcData(tokenId, prompt, aigcData, proof);
        emit MetadataUpdate(tokenId);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return interfaceId == type(IERC7007).interfaceId || interfaceId == bytes4(0x49064906)
            || super.supportsInterface(interfaceId);
    }

    function batchCount() external view returns (uint256) {
        return batches.length;
    }

    function _ownerOf(uint256 tokenId) internal view override returns (address) {
        address moved = super._ownerOf(tokenId);
        if (moved != address(0)) return moved;
        (bool found, MintBatch memory b) = _batchOf(tokenId);
        if (!found) return address(0);
        return LeafStore.read(b.data, tokenId - b.firstTokenId).recipient;
    }

    function _batchOf(uint256 tokenId) private view returns (bool found, MintBatch memory b) {
        if (tokenId == 0 || tokenId >= nextTokenId) return (false, b);
        uint256 lo = 0;
        uint256 hi = batches.length;
        // last batch whose firstTokenId <= tokenId
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) / 2;
            if (batches[mid].firstTokenId <= tokenId) lo = mid;
            else hi = mid;
        }
        b = batches[lo];
        return (true, b);
    }

    /// @notice CIDv1 (sha2-256 multihash) in multibase base32 lower case ("b..."), as IPFS writes it.
    function cidString(uint16 codec, bytes32 digest) public pure returns (string memory) {
        bytes memory codecVarint = codec < 0x80
            ? abi.encodePacked(uint8(codec))
            : codec < 0x4000 ? abi.encodePacked(uint8(codec & 0x7f) | 0x80, uint8(codec >> 7)) : abi.encodePacked(
                uint8(codec & 0x7f) | 0x80, uint8((codec >> 7) & 0x7f) | 0x80, uint8(codec >> 14)
            );
        bytes memory cid = abi.encodePacked(uint8(0x01), codecVarint, uint8(0x12), uint8(0x20), digest);
        return string.concat("b", _base32(cid));
    }

    /// @dev RFC 4648 base32, lower case, no padding.
    function _base32(bytes memory data) private pure returns (string memory) {
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        uint256 outLen = (data.length * 8 + 4) / 5;
        bytes memory out = new bytes(outLen);
        uint256 buffer;
        uint256 bits;
        uint256 j;
        for (uint256 i; i < data.length; ++i) {
            buffer = ((buffer << 8) | uint8(data[i])) & 0xffff;
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[j++] = alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0) out[j++] = alphabet[(buffer << (5 - bits)) & 31];
        return string(out);
    }
}
