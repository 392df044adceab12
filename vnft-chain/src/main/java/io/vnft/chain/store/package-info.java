/**
 * Content stores: {@link io.vnft.chain.store.LocalContentStore} (files under their CIDs in a
 * directory, provider {@code local}) with {@link io.vnft.chain.store.LocalGateway} (an IPFS-style
 * {@code /ipfs/<cid>} HTTP gateway on loopback for the demo), and
 * {@link io.vnft.chain.store.KuboContentStore} (the user's own IPFS node through kubo's RPC API).
 * Every store returns and checks CIDv1 exactly as {@code ipfs add --cid-version 1} computes them
 * ({@link io.vnft.api.ContentId#compute(byte[])}).
 */
package io.vnft.chain.store;
