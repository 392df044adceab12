package io.vnft.chain.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns revert data into a readable reason: {@code Error(string)} gives its text, {@code
 * Panic(uint256)} its code, and a custom error of any vnft contract (selectors read from the
 * compiled ABIs on the class path) its name and arguments, e.g. {@code StaleRound(0xab.., 3, 1700000000, 3600)}.
 * Unknown selectors are returned as hex. Internal. Thread-safe (immutable after construction).
 */
public final class RevertDecoder {
  private static final String[] CONTRACTS = {
    "VideoNFT", "ModelRegistry", "TriggerBook", "Rollup", "MockV3Aggregator", "LeafStore", "Groth16PixelVerifier"
  };
  private static final RevertDecoder DEFAULT = new RevertDecoder();

  private record ErrorDef(String name, List<String> types) {}

  private final Map<String, ErrorDef> bySelector = new HashMap<>();

  private RevertDecoder() {
    ObjectMapper om = new ObjectMapper();
    for (String c : CONTRACTS) {
      try (InputStream in = RevertDecoder.class.getResourceAsStream("/io/vnft/chain/contracts/" + c + ".abi")) {
        if (in == null) {
          continue;
        }
        for (JsonNode item : om.readTree(in)) {
          if (!"error".equals(item.path("type").asText())) {
            continue;
          }
          List<String> types = new ArrayList<>();
          for (JsonNode input : item.path("inputs")) {
            types.add(input.path("type").asText());
          }
          String sig = item.path("name").asText() + "(" + String.join(",", types) + ")";
          String selector = Hash.sha3String(sig).substring(0, 10);
          bySelector.put(selector, new ErrorDef(item.path("name").asText(), types));
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the ABI of " + c, e);
      }
    }
  }

  /** @return the shared decoder over the vnft contracts' errors */
  public static RevertDecoder get() {
    return DEFAULT;
  }

  /**
   * @param data the revert data, 0x-prefixed hex, may be null or empty
   * @return the reason, or {@code null} when data is empty
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public String decode(String data) {
    if (data == null) {
      return null;
    }
    String hex = data.startsWith("0x") ? data : "0x" + data;
    if (hex.length() < 10) {
      return null;
    }
    String selector = hex.substring(0, 10).toLowerCase();
    String args = "0x" + hex.substring(10);
    try {
      if (selector.equals("0x08c379a0")) {
        List<Type> out = FunctionReturnDecoder.decode(args, List.of((TypeReference) TypeReference.makeTypeReference("string")));
        return out.isEmpty() ? "Error()" : (String) out.get(0).getValue();
      }
      if (selector.equals("0x4e487b71")) {
        List<Type> out = FunctionReturnDecoder.decode(args, List.of((TypeReference) TypeReference.makeTypeReference("uint256")));
        return "Panic(0x" + ((BigInteger) out.get(0).getValue()).toString(16) + ")";
      }
      ErrorDef def = bySelector.get(selector);
      if (def == null) {
        return "unknown error " + selector;
      }
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (String t : def.types()) {
        refs.add((TypeReference) TypeReference.makeTypeReference(t));
      }
      List<Type> out = FunctionReturnDecoder.decode(args, (List) refs);
      StringBuilder sb = new StringBuilder(def.name()).append('(');
      for (int i = 0; i < out.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        Object v = out.get(i).getValue();
        sb.append(v instanceof byte[] b ? Numeric.toHexString(b) : String.valueOf(v));
      }
      return sb.append(')').toString();
    } catch (RuntimeException | ClassNotFoundException e) {
      return "undecodable revert " + hex.substring(0, Math.min(hex.length(), 74));
    }
  }

  /**
   * @param reason a decoded reason
   * @return the custom error's name (the text before '('), or the reason itself
   */
  public static String errorName(String reason) {
    int p = reason.indexOf('(');
    return p < 0 ? reason : reason.substring(0, p);
  }
}
