package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.ChainBackend;
import io.vnft.api.ChainBackendProvider;

/**
 * {@link ChainBackendProvider} named {@code web3j}. {@link #create()} reads the system properties
 * (or the environment variables in brackets) {@code vnft.chain.rpcUrl} (VNFT_CHAIN_RPC_URL),
 * {@code vnft.chain.privateKey} (VNFT_CHAIN_PRIVATE_KEY), optional {@code vnft.chain.chainId}
 * (VNFT_CHAIN_CHAIN_ID), and the contract addresses {@code vnft.chain.registry},
 * {@code vnft.chain.triggerBook}, {@code vnft.chain.videoNft}, {@code vnft.chain.rollup} (VNFT_CHAIN_REGISTRY, ...)
 * and optional {@code vnft.chain.deployBlock}. Construction is free; create() connects.
 * Thread-safe.
 */
public final class Web3jChainBackendProvider implements ChainBackendProvider {
  @Override
  public String name() {
    return "web3j";
  }

  @Override
  public ChainBackend create() {
    String rpc = setting("rpcUrl", "VNFT_CHAIN_RPC_URL");
    String key = setting("privateKey", "VNFT_CHAIN_PRIVATE_KEY");
    VnftDeployment.Addresses addresses = new VnftDeployment.Addresses(
        Address.of(setting("registry", "VNFT_CHAIN_REGISTRY")),
        Address.of(setting("triggerBook", "VNFT_CHAIN_TRIGGER_BOOK")),
        Address.of(setting("videoNft", "VNFT_CHAIN_VIDEO_NFT")),
        Address.of(setting("rollup", "VNFT_CHAIN_ROLLUP")),
        Long.parseLong(optional("deployBlock", "VNFT_CHAIN_DEPLOY_BLOCK", "0")));
    Web3jChainBackend.Builder b = Web3jChainBackend.builder().rpcUrl(rpc).privateKey(key).contracts(addresses);
    String chainId = optional("chainId", "VNFT_CHAIN_CHAIN_ID", null);
    if (chainId != null) {
      b.chainId(Long.parseLong(chainId));
    }
    return b.build();
  }

  private static String setting(String prop, String env) {
    String v = optional(prop, env, null);
    if (v == null) {
      throw new BackendUnavailableException("web3j chain backend: set -Dvnft.chain." + prop + " or " + env);
    }
    return v;
  }

  private static String optional(String prop, String env, String dflt) {
    String v = System.getProperty("vnft.chain." + prop);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? dflt : v;
  }
}
