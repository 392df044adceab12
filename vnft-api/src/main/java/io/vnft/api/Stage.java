package io.vnft.api;

/** The steps of the mint pipeline, in order. */
public enum Stage {
  /** Creating a trigger on chain. */
  TRIGGER,
  /** Find a trigger's first crossing round on its feed. */
  FIRING,
  /** Derive the seed from trigger, round and prompt. */
  SEED,
  /** Run the model. */
  GENERATE,
  /** Compute the frames root. */
  COMMIT,
  /** Encode and store the file and its metadata. */
  STORE,
  /** Commit the batch on chain with the operator's bond. */
  CHAIN_COMMIT,
  /** Mint the tokens after the challenge window. */
  FINALIZE,
  /** Prove a challenged pixel and answer on chain. */
  PROVE
}
