package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.BackendUnavailableException;
import io.vnft.api.ChainBackend;
import io.vnft.api.ChainBackendProvider;
import io.vnft.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link ChainBackendProvider} named {@code web3j}. {@link #create()} reads the system properties
 * (or the environment variables in brackets) {@code vnft.chain.rpcUrl} (VNFT_CHAIN_RPC_URL),
 * {@code vnft.chain.privateKey} (VNFT_CHAIN_PRIVATE_KEY), optional {@code vnft.chain.chainId}
 * (VNFT_CHAIN_CHAIN_ID), and the contract addresses {@code vnft.chain.registry},
 * {@code vnft.chain.triggerBook}, {@code vnft.chain.videoNft}, {@code vnft.chain.rollup}
 * (VNFT_CHAIN_REGISTRY, VNFT_CHAIN_TRIGGER_BOOK, VNFT_CHAIN_VIDEO_NFT, VNFT_CHAIN_ROLLUP) and optional
 * {@code vnft.chain.deployBlock} (VNFT_CHAIN_DEPLOY_BLOCK).
 *
 * <p>Construction is free. {@link #create()} checks every setting first — all missing ones are
 * named in one {@link BackendUnavailableException} (with what to pass to the builder instead),
 * malformed ones in an {@link InvalidInputException} naming the setting — and only then connects
 * (the chain-id check of {@link Web3jChainBackend.Builder#build()}). Thread-safe.
 */
public final class Web3jChainBackendProvider implements ChainBackendProvider {
  private static final String[][] REQUIRED = {
    {"rpcUrl", "VNFT_CHAIN_RPC_URL"},
    {"privateKey", "VNFT_CHAIN_PRIVATE_KEY"},
    {"registry", "VNFT_CHAIN_REGISTRY"},
    {"triggerBook", "VNFT_CHAIN_TRIGGER_BOOK"},
    {"videoNft", "VNFT_CHAIN_VIDEO_NFT"},
    {"rollup", "VNFT_CHAIN_ROLLUP"},
  };

  private final Function<String, String> property;
  private final Function<String, String> env;

  /** Called by {@link java.util.ServiceLoader}: reads the real system properties and environment. */
  public Web3jChainBackendProvider() {
    this(System::getProperty, System::getenv);
  }

  /** Test seam: settings from the given lookups instead of the real ones. */
  Web3jChainBackendProvider(Function<String, String> property, Function<String, String> env) {
    this.property = property;
    this.env = env;
  }

  @Override
  public String name() {
    return "web3j";
  }

  /**
   * @throws BackendUnavailableException naming every missing setting, before anything is
   *     connected; or when the node is unreachable
   * @throws InvalidInputException naming the setting whose value is malformed
   */
  @Override
  public ChainBackend create() {
    List<String> missing = new ArrayList<>();
    for (String[] s : REQUIRED) {
      if (optional(s[0], s[1], null) == null) {
        missing.add("vnft.chain." + s[0] + " (" + s[1] + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new BackendUnavailableException("web3j chain backend: missing " + String.join(", ", missing)
          + "; set them as system properties (-D) or environment variables, or pass the backend to the "
          + "builder instead: Vnft.builder().chain(Web3jChainBackend.builder().rpcUrl(url).privateKey(key)"
          + ".contracts(addresses).build())");
    }
    VnftDeployment.Addresses addresses = new VnftDeployment.Addresses(
        address("registry", "VNFT_CHAIN_REGISTRY"),
        address("triggerBook", "VNFT_CHAIN_TRIGGER_BOOK"),
        address("videoNft", "VNFT_CHAIN_VIDEO_NFT"),
        address("rollup", "VNFT_CHAIN_ROLLUP"),
        number("deployBlock", "VNFT_CHAIN_DEPLOY_BLOCK", 0L));
    Web3jChainBackend.Builder b = Web3jChainBackend.builder()
        .rpcUrl(checked("rpcUrl", "VNFT_CHAIN_RPC_URL", v -> v.startsWith("http://") || v.startsWith("https://"),
            "must be an http(s) URL"))
        .privateKey(checked("privateKey", "VNFT_CHAIN_PRIVATE_KEY", v -> v.matches("(0x)?[0-9a-fA-F]{64}"),
            "must be 64 hex digits (optionally 0x-prefixed)"))
        .contracts(addresses);
    Long chainId = number("chainId", "VNFT_CHAIN_CHAIN_ID", null);
    if (chainId != null) {
      b.chainId(chainId);
    }
    return b.build();
  }

  private String checked(String prop, String envName, java.util.function.Predicate<String> ok, String rule) {
    String v = optional(prop, envName, null);
    if (!ok.test(v)) {
      // the key's value is never echoed
      throw new InvalidInputException("vnft.chain." + prop + " (" + envName + "): " + rule
          + (prop.equals("privateKey") ? "" : ", got '" + v + "'"));
    }
    return v;
  }

  private Address address(String prop, String envName) {
    try {
      return Address.of(optional(prop, envName, null));
    } catch (InvalidInputException e) {
      throw new InvalidInputException("vnft.chain." + prop + " (" + envName + "): " + e.getMessage(), e);
    }
  }

  private Long number(String prop, String envName, Long dflt) {
    String v = optional(prop, envName, null);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInputException("vnft.chain." + prop + " (" + envName + "): must be a non-negative integer, got '"
          + v + "'", e);
    }
  }

  private String optional(String prop, String envName, String dflt) {
    String v = property.apply("vnft.chain." + prop);
    if (v == null || v.isBlank()) {
      v = env.apply(envName);
    }
    return v == null || v.isBlank() ? dflt : v.trim();
  }
}
