/**
 * Internal helpers of vnft-chain (JSON-RPC sending, nonces, revert decoding). Not part of the
 * public API: they may change without notice; use {@link io.vnft.chain.Web3jChainBackend}.
 */
package io.vnft.chain.internal;
