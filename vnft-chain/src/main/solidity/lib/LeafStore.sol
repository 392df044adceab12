// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice The per-batch leaf records, written once per batch as the code of a data contract
/// ("SSTORE2": 200 gas per byte once, then read with EXTCODECOPY) instead of one storage slot
/// per field. Rollup writes them at commit; VideoNFT reads owners and CIDs from them lazily.
///
/// Record layout (RECORD_SIZE = 138 bytes, big-endian, packed):
///   [0,8)     triggerId        uint64
///   [8,18)    roundId          uint80
///   [18,38)   recipient        address
///   [38,70)   framesRoot       bytes32
///   [70,72)   contentCodec     uint16   (multicodec of the video file's CIDv1, e.g. 0x55 raw)
///   [72,104)  contentDigest    bytes32  (sha2-256 multihash digest)
///   [104,106) framesCodec      uint16   (multicodec of the CIDv1 of the raw RGB8 frames framesRoot commits to)
///   [106,138) framesDigest     bytes32  (its sha2-256 digest: a challenger finds the wrong pixel in that file,
///                                        a verifier checks it against framesRoot)
/// There is no metadata CID: VideoNFT builds tokenURI from these fields and the trigger (protocol v2).
/// The data contract's code is one 0x00 (STOP) byte followed by the records, so it cannot be called.
library LeafStore {
    uint256 internal constant RECORD_SIZE = 138;
    /// @dev EIP-170 limits code to 24 576 bytes: (24576 - 1) / 138 = 178 records; we keep a round margin.
    uint256 internal constant MAX_RECORDS = 160;

    error LeafStoreWriteFailed();
    error LeafIndexOutOfRange(uint256 index, uint256 count);

    struct Record {
        uint64 triggerId;
        uint80 roundId;
        address recipient;
        bytes32 framesRoot;
        uint16 contentCodec;
        bytes32 contentDigest;
        uint16 framesCodec;
        bytes32 framesDigest;
    }

    /// @dev Appends one record to `buf` at record index `i` (buf has room for all records).
    function put(bytes memory buf, uint256 i, Record memory r) internal pure {
        uint256 off = i * RECORD_SIZE;
        assembly ("memory-safe") {
            let p := add(add(buf, 32), off)
            // Each 32-byte store is left-aligned and stays inside this record: fields are written in
            // increasing offset order, so a store's trailing zero bytes are overwritten by the next field.
            mstore(p, shl(192, mload(r)))                          // triggerId  (8 bytes)
            mstore(add(p, 8), shl(176, mload(add(r, 32))))         // roundId    (10 bytes)
            mstore(add(p, 18), shl(96, mload(add(r, 64))))         // recipient  (20 bytes)
            mstore(add(p, 38), mload(add(r, 96)))                  // framesRoot (32)
            mstore(add(p, 70), shl(240, mload(add(r, 128))))       // contentCodec (2)
            mstore(add(p, 72), mload(add(r, 160)))                 // contentDigest (32)
            mstore(add(p, 104), shl(240, mload(add(r, 192))))      // framesCodec (2)
            mstore(add(p, 106), mload(add(r, 224)))                // framesDigest (32)
        }
    }

    /// @dev Allocates a buffer for `n` records.
    function alloc(uint256 n) internal pure returns (bytes memory buf) {
        buf = new bytes(n * RECORD_SIZE);
    }

    /// @dev Deploys `data` as the code of a new contract, prefixed by a STOP byte. Returns its address.
    function write(bytes memory data) internal returns (address pointer) {
        // Init code (10 bytes): PUSH2 size, DUP1, PUSH1 10, RETURNDATASIZE(0), CODECOPY, RETURNDATASIZE(0), RETURN
        // -> returns the `size` bytes that follow the init code: 0x00 then the data.
        uint256 size = data.length + 1;
        bytes memory init = abi.encodePacked(hex"61", uint16(size), hex"80600a3d393df3", hex"00", data);
        assembly ("memory-safe") {
            pointer := create(0, add(init, 32), mload(init))
        }
        if (pointer == address(0)) revert LeafStoreWriteFailed();
    }

    /// @dev Number of records held at `pointer`.
    function count(address pointer) internal view returns (uint256) {
        return (pointer.code.length - 1) / RECORD_SIZE;
    }

    /// @dev Copies all records at `pointer` into memory.
    function readAll(address pointer) internal view returns (bytes memory data) {
        uint256 len = pointer.code.length - 1;
        data = new bytes(len + 32);
        assembly ("memory-safe") {
            mstore(data, len)
            extcodecopy(pointer, add(data, 32), 1, len)
        }
    }

    /// @dev Reads record `i` at `pointer`.
    function read(address pointer, uint256 i) internal view returns (Record memory r) {
        uint256 n = count(pointer);
        if (i >= n) revert LeafIndexOutOfRange(i, n);
        bytes memory b = new bytes(RECORD_SIZE + 32);
        assembly ("memory-safe") {
            extcodecopy(pointer, add(b, 32), add(1, mul(i, 138)), 138)
        }
        r = decode(b, 0);
    }

    /// @dev Decodes record `i` of an in-memory copy.
    function decode(bytes memory data, uint256 i) internal pure returns (Record memory r) {
        uint256 off = i * RECORD_SIZE;
        uint256 triggerId;
        uint256 roundId;
        address recipient;
        bytes32 framesRoot;
        uint256 cc;
        bytes32 cd;
        uint256 fc;
        bytes32 fd;
        assembly ("memory-safe") {
            let p := add(add(data, 32), off)
            triggerId := shr(192, mload(p))
            roundId := shr(176, mload(add(p, 8)))
            recipient := shr(96, mload(add(p, 18)))
            framesRoot := mload(add(p, 38))
            cc := shr(240, mload(add(p, 70)))
            cd := mload(add(p, 72))
            fc := shr(240, mload(add(p, 104)))
            fd := mload(add(p, 106))
        }
        r = Record(uint64(triggerId), uint80(roundId), recipient, framesRoot, uint16(cc), cd, uint16(fc), fd);
    }

    /// @dev The recipient of record `i` in an in-memory copy (the hot path of minting).
    function recipientAt(bytes memory data, uint256 i) internal pure returns (address recipient) {
        assembly ("memory-safe") {
            recipient := shr(96, mload(add(add(add(data, 32), mul(i, 138)), 18)))
        }
    }
}
