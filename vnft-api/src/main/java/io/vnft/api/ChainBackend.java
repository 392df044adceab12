package io.vnft.api;

import java.math.BigInteger;
import java.util.List;

/**
 * The contract operations of the protocol (TriggerBook, Rollup, VideoNFT) on one chain, for one
 * signing account. Calls block until the transaction is mined with the backend's configured
 * confirmations. Implementations are thread-safe (nonces are managed inside).
 */
public interface ChainBackend {
  /**
   * @return triggers that are open (not fired, not cancelled, not taken by a pending batch); a
   *     trigger whose on-chain data cannot be decoded or validated (a prompt that is not UTF-8, for
   *     example) is left out with one warning naming it, and the others are returned
   * @throws ChainException if the node cannot be read
   */
  List<Trigger> openTriggers();

  /**
   * @param triggerId a trigger id
   * @return that trigger, whatever its state
   * @throws ChainException if it does not exist or the node cannot be read
   */
  Trigger trigger(BigInteger triggerId);

  /**
   * @param feed a feed address
   * @return a reader for that feed
   */
  PriceFeed feed(Address feed);

  /**
   * Commits a batch with this account's operator bond, in two transactions (commit-reveal): first
   * {@code reserve(keccak256(operator, salt, leaves))} with a fresh random salt, then, in a later
   * block, {@code commitBatch(leaves, salt)}. A copy of either transaction sent from another
   * account matches no reservation, so a mempool copier gains nothing. The contract fires each
   * leaf's trigger at its round itself; a leaf that cannot fire is skipped (reported in
   * {@link BatchReceipt#skipped()}) and the rest commit together.
   *
   * @param leaves 1..160 leaves
   * @return the receipt ({@link BatchReceipt#committed()} is false when every leaf was skipped)
   * @throws ChainException with the revert reason if the contract refuses (bond too small, ...)
   */
  BatchReceipt commitBatch(List<BatchLeaf> leaves);

  /**
   * The video shape a model is registered with on chain ({@code ModelRegistry}): every role
   * generates at this shape, and a mint in another shape is refused before it is committed.
   *
   * @param modelId the model's name
   * @return its registered width, height, frames and fps
   * @throws ChainException if the model is not registered or the node cannot be read
   */
  VideoFormat modelFormat(String modelId);

  /**
   * @return challenges not yet answered or timed out, on any batch
   * @throws ChainException if the node cannot be read
   */
  List<PixelChallenge> openChallenges();

  /**
   * Posts a challenge bond against one pixel of one leaf.
   *
   * @param batchId the batch
   * @param leafIndex the leaf
   * @param pixelIndex the pixel
   * @return the challenge
   * @throws ChainException with the revert reason if refused
   */
  PixelChallenge challenge(BigInteger batchId, int leafIndex, long pixelIndex);

  /**
   * Answers a challenge with a pixel proof, verified on chain by the model's verifier.
   *
   * @param challenge the challenge
   * @param proof the proof
   * @throws ChainException with the revert reason if the proof is refused
   */
  void respond(PixelChallenge challenge, ProofEnvelope proof);

  /**
   * @param batchId the batch
   * @return true once the challenge window has passed with no open challenge
   */
  boolean isFinalizable(BigInteger batchId);

  /**
   * Mints every token of the batch to its recipient and credits the fees.
   *
   * @param batchId the batch
   * @return one receipt per minted token, in leaf order
   * @throws ChainException with the revert reason if refused
   */
  List<MintReceipt> finalizeBatch(BigInteger batchId);

  /** @return the account this backend signs with */
  Address account();

  /**
   * @return every batch committed to the rollup so far, oldest first, with its current status
   * @throws ChainException if the node cannot be read
   */
  List<CommittedBatch> batches();

  /**
   * Settles a challenge: on a pending batch once its response window passed without an answer (the
   * batch is reverted, its triggers reopen, the operator is slashed); on a batch already reverted at
   * once. Either way the challenger is credited its bond plus the challenge bond as reward.
   *
   * @param challenge the unanswered challenge
   * @throws ChainException with the revert reason if the window has not passed or it was answered
   */
  void timeoutChallenge(PixelChallenge challenge);

  /**
   * Withdraws everything credited to this account (fees, rewards, refunded bonds): pull payments.
   *
   * @return the amount withdrawn, in wei (0 if nothing was owed)
   */
  BigInteger withdraw();

  /**
   * @param triggerId a trigger
   * @return its checkpoint ({@code TriggerBook.checkpointOf}): {@code startRound} until
   *     {@link #advanceCheckpoint} moved it
   * @throws ChainException if the trigger does not exist or the node cannot be read
   */
  BigInteger checkpoint(BigInteger triggerId);

  /**
   * Proves the rounds {@code (checkpoint, toRound]} non-crossing on chain and moves the trigger's
   * checkpoint there (anyone may call it; at most {@value FiringRule#MAX_SCAN} rounds per call).
   *
   * @param triggerId the trigger
   * @param toRound the new checkpoint
   * @throws ChainException with the revert reason if refused
   */
  void advanceCheckpoint(BigInteger triggerId, BigInteger toRound);

  /**
   * Asks the contract itself ({@code TriggerBook.checkFiring}, a view) whether a trigger fires at a
   * round now. {@link FiringRule#check} gives the same verdict from Java.
   *
   * @param triggerId the trigger
   * @param roundId the round
   * @return the contract's verdict
   * @throws ChainException if the node cannot be read or the contract answers an unknown error
   */
  FiringRule.Verdict checkFiring(BigInteger triggerId, BigInteger roundId);

  /**
   * @return the latest block's timestamp, epoch seconds (the "now" of every on-chain time check)
   * @throws ChainException if the node cannot be read
   */
  long chainTime();

  /**
   * @return what identifies the deployment this backend talks to (chain id, genesis block hash,
   *     rollup address): state kept off chain is bound to it
   * @throws ChainException if the node cannot be read
   */
  Deployment deployment();

  /**
   * @param tokenId a token id
   * @return the minted token's record, or empty if no such token was minted
   * @throws ChainException if the node cannot be read
   */
  java.util.Optional<TokenRecord> token(BigInteger tokenId);

  /**
   * ERC-7007 {@code verify(prompt, aigcData, tokenId)} on the VideoNFT contract.
   *
   * @param prompt the prompt text
   * @param framesRoot the frames root (the token's AIGC data)
   * @param tokenId the token
   * @return the contract's answer
   * @throws ChainException if the node cannot be read
   */
  boolean verifyAigc(String prompt, Bytes32 framesRoot, BigInteger tokenId);

  /**
   * Creates a trigger, paying its fee into escrow from this account.
   *
   * @param order what to mint, when and for whom
   * @return the new trigger's id
   * @throws ChainException with the revert reason if refused (unknown feed or model, for example)
   */
  BigInteger createTrigger(TriggerOrder order);

  /**
   * Adds to this account's operator bond in the Rollup.
   *
   * @param wei the amount, &gt; 0
   * @throws ChainException with the revert reason if refused
   */
  void bond(BigInteger wei);
}
