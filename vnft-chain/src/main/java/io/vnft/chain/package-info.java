/**
 * vnft-chain: the Solidity contracts and their build, web3j wrappers, the web3j chain backend,
 * the local anvil launcher, Chainlink feed reading, fees, nonces, receipts, event watching and
 * the content stores.
 */
package io.vnft.chain;
