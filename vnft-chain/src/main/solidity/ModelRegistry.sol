// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title ModelRegistry
/// @notice Maps a model id (keccak256 of the model's UTF-8 name) to its weights hash, its Groth16
/// pixel verifier, its video format (width, height, frames, fps), the width in bits of its conditioning
/// (the model-defined bytes32 a trigger stores: a value below 2^conditioningBits, which the model's
/// circuit takes as a public input) and a metadata URI. Everyone (SDK, operator, challenger, verifier)
/// reads the format and the conditioning's range from here. Models are registered by the owner and
/// never changed: a token's meaning must not move.
contract ModelRegistry is Ownable {
    error ModelAlreadyRegistered(bytes32 modelId);
    error UnknownModel(bytes32 modelId);
    error InvalidVerifier(address verifier);
    error InvalidFormat(uint32 width, uint32 height, uint32 frames, uint32 fps);
    error InvalidConditioningBits(uint16 bits);

    struct Model {
        string name;
        bytes32 weightsHash;
        address verifier;
        uint32 width;
        uint32 height;
        uint32 frames;
        uint32 fps;
        uint16 conditioningBits;
        string metadataURI;
    }

    mapping(bytes32 => Model) private models;

    event ModelRegistered(
        bytes32 indexed modelId,
        string name,
        bytes32 weightsHash,
        address verifier,
        uint32 width,
        uint32 height,
        uint32 frames,
        uint32 fps,
        uint16 conditioningBits,
        string metadataURI
    );

    constructor() Ownable(msg.sender) {}

    /// @notice Registers the model `name` under modelId = keccak256(bytes(name)). `verifier` must be a contract;
    /// the format is bounded like the SDK's VideoFormat; conditioningBits is in [1, 253] so that every
    /// accepted conditioning is a BN254 field element.
    function registerModel(
        string calldata name,
        bytes32 weightsHash,
        address verifier,
        uint32 width,
        uint32 height,
        uint32 frames,
        uint32 fps,
        uint16 conditioningBits,
        string calldata metadataURI
    ) external onlyOwner returns (bytes32 modelId) {
        modelId = keccak256(bytes(name));
        if (models[modelId].verifier != address(0)) revert ModelAlreadyRegistered(modelId);
        if (verifier.code.length == 0) revert InvalidVerifier(verifier);
        if (
            width == 0 || height == 0 || frames == 0 || width > 4096 || height > 4096 || frames > 10000 || fps == 0
                || fps > 240
        ) {
            revert InvalidFormat(width, height, frames, fps);
        }
        if (conditioningBits == 0 || conditioningBits > 253) revert InvalidConditioningBits(conditioningBits);
        models[modelId] = Model(name, weightsHash, verifier, width, height, frames, fps, conditioningBits, metadataURI);
        emit ModelRegistered(
            modelId, name, weightsHash, verifier, width, height, frames, fps, conditioningBits, metadataURI
        );
    }

    /// @notice Whether `conditioning` is a value model `modelId` accepts (below 2^conditioningBits);
    /// false for an unknown model.
    function acceptsConditioning(bytes32 modelId, bytes32 conditioning) external view returns (bool) {
        Model storage m = models[modelId];
        if (m.verifier == address(0)) return false;
        return uint256(conditioning) >> m.conditioningBits == 0;
    }

    function isRegistered(bytes32 modelId) external view returns (bool) {
        return models[modelId].verifier != address(0);
    }

    /// @notice The model's verifier and its pixel count (width * height * frames); reverts for an unknown model.
    function verifierAndPixels(bytes32 modelId) external view returns (address verifier, uint256 pixels) {
        Model storage m = models[modelId];
        if (m.verifier == address(0)) revert UnknownModel(modelId);
        return (m.verifier, uint256(m.width) * m.height * m.frames);
    }

    function getModel(bytes32 modelId)
        external
        view
        returns (Model memory)
    {
        Model storage m = models[modelId];
        if (m.verifier == address(0)) revert UnknownModel(modelId);
        return m;
    }
}
