/**
 * Test tools for code built on vnft-chain: {@link io.vnft.chain.testing.FaultProxy}, a seeded
 * fault-injecting JSON-RPC proxy on loopback. Not for production use.
 */
package io.vnft.chain.testing;
