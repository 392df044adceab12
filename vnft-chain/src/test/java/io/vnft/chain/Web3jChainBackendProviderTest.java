package io.vnft.chain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery of the web3j backend: every missing or malformed setting is named before anything connects. */
class Web3jChainBackendProviderTest {
  private static final String ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  // an address nobody listens on: a connection attempt would fail with "node unreachable" instead
  private static final String CLOSED = "http://127.0.0.1:9";

  private final Map<String, String> props = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  private Web3jChainBackendProvider provider() {
    return new Web3jChainBackendProvider(props::get, env::get);
  }

  @Test
  void withNoSettingsCreateNamesEveryMissingOneAtOnceQuickly() {
    long t0 = System.nanoTime();
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> provider().create());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("web3j provider, no settings: failed in " + ms + " ms");
    assertTrue(ms < 1000, ms + " ms");
    for (String s : List.of("vnft.chain.rpcUrl (VNFT_CHAIN_RPC_URL)", "vnft.chain.privateKey (VNFT_CHAIN_PRIVATE_KEY)",
        "vnft.chain.registry", "vnft.chain.triggerBook", "vnft.chain.videoNft", "vnft.chain.rollup (VNFT_CHAIN_ROLLUP)",
        "Vnft.builder().chain(Web3jChainBackend.builder()")) {
      assertTrue(e.getMessage().contains(s), "missing '" + s + "' in: " + e.getMessage());
    }
  }

  @Test
  void onlyTheMissingSettingsAreNamedAndEnvironmentVariablesCount() {
    props.put("vnft.chain.rpcUrl", CLOSED);
    env.put("VNFT_CHAIN_PRIVATE_KEY", "0x" + "11".repeat(32));
    env.put("VNFT_CHAIN_REGISTRY", ADDRESS);
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> provider().create());
    assertFalse(e.getMessage().contains("rpcUrl (") || e.getMessage().contains("privateKey (")
        || e.getMessage().contains("registry ("), e.getMessage());
    assertTrue(e.getMessage().contains("vnft.chain.triggerBook (VNFT_CHAIN_TRIGGER_BOOK)"), e.getMessage());
    assertFalse(e.getMessage().contains("unreachable"), "nothing may connect before the settings are complete");
  }

  @Test
  void malformedSettingsAreNamedBeforeConnectingAndTheKeyIsNotEchoed() {
    props.put("vnft.chain.rpcUrl", CLOSED);
    props.put("vnft.chain.privateKey", "0x" + "11".repeat(32));
    for (String c : List.of("registry", "triggerBook", "videoNft", "rollup")) {
      props.put("vnft.chain." + c, ADDRESS);
    }
    props.put("vnft.chain.rollup", "0x1234");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(e.getMessage().startsWith("vnft.chain.rollup (VNFT_CHAIN_ROLLUP)"), e.getMessage());
    props.put("vnft.chain.rollup", ADDRESS);
    props.put("vnft.chain.deployBlock", "soon");
    e = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(e.getMessage().contains("vnft.chain.deployBlock"), e.getMessage());
    props.remove("vnft.chain.deployBlock");
    props.put("vnft.chain.privateKey", "not-a-secret-but-malformed");
    e = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(e.getMessage().contains("vnft.chain.privateKey"), e.getMessage());
    assertFalse(e.getMessage().contains("not-a-secret"), e.getMessage());
    props.put("vnft.chain.privateKey", "0x" + "11".repeat(32));
    props.put("vnft.chain.rpcUrl", "ws://x");
    e = assertThrows(InvalidInputException.class, () -> provider().create());
    assertTrue(e.getMessage().contains("vnft.chain.rpcUrl"), e.getMessage());
    // complete and well-formed: only now does it connect (and fail, typed, for a closed port)
    props.put("vnft.chain.rpcUrl", CLOSED);
    BackendUnavailableException u = assertThrows(BackendUnavailableException.class, () -> provider().create());
    assertTrue(u.getMessage().contains("unreachable"), u.getMessage());
  }
}
