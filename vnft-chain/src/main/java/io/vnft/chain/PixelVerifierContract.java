package io.vnft.chain;

import io.vnft.api.Address;
import io.vnft.api.ChainException;
import io.vnft.api.InvalidInputException;
import io.vnft.chain.contracts.Groth16PixelVerifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.StaticArray2;
import org.web3j.abi.datatypes.generated.StaticArray28;
import org.web3j.abi.datatypes.generated.StaticArray7;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Deploys the build-time Groth16 pixel verifier ({@code Groth16PixelVerifier.sol}, compiled with
 * the module and shipped in this jar) for one model's verifying key, and reads the key back from a
 * deployed one. No Solidity compiler or Node is needed at run time: the key is a constructor
 * argument.
 *
 * <p>The key is given as the 28 words of {@link io.vnft.api.PixelProofSystem#verifyingKeyWords()},
 * in that order: alpha1 (x, y), beta2, gamma2, delta2 (each x1, x0, y1, y0: imaginary part first),
 * IC[0..6] (x, y each); every word in {@code [0, p)}. The contract also refuses points the BN254
 * precompiles refuse (off the curve, G2 outside the subgroup) and alpha/beta/gamma/delta at
 * infinity; that check runs on chain (about 340 000 gas of the deployment, once per model).
 *
 * <p>The deployed verifier implements {@code IPixelVerifier}: {@code verifyProof} returns false for
 * a public input {@code >= r}, a proof coordinate {@code >= p}, a point off the curve, or a failed
 * pairing, like the verifiers vnft-zk exports. Stateless; thread-safe as the backend is.
 */
public final class PixelVerifierContract {
  /** The number of verifying-key words the constructor takes. */
  public static final int KEY_WORDS = 28;

  /** The BN254 base-field modulus p: every key word is below it. */
  public static final BigInteger FIELD_MODULUS = new BigInteger(
      "21888242871839275222246405745257275088696311157297823662689037894645226208583");

  private static final String[] G2_NAMES = {"beta2", "gamma2", "delta2"};
  private static final String[] G2_PARTS = {"x1", "x0", "y1", "y0"};

  private PixelVerifierContract() {}

  /**
   * Deploys a verifier for one verifying key (a transaction from {@code deployer}, awaited).
   *
   * @param deployer the account that pays for the deployment (any account; the contract has no owner)
   * @param keyWords the 28 key words, see the class comment
   * @return the verifier's address, to pass to {@code registerModel}
   * @throws InvalidInputException if keyWords is null, not 28 long, or a word is null, negative or
   *     {@code >= p} (the message names the word, e.g. {@code keyWords[3] (beta2.x0)})
   * @throws io.vnft.api.ChainException if the deployment reverts (the reason names the contract's
   *     error, e.g. {@code KeyPointInvalid(2)} for a beta2 off the curve) or the node fails
   */
  public static Address deploy(Web3jChainBackend deployer, List<BigInteger> keyWords) {
    if (deployer == null) {
      throw new InvalidInputException("deployer: must not be null");
    }
    checkWords(keyWords);
    String ctor = FunctionEncoder.encodeConstructor(constructorArguments(keyWords));
    String addr = deployer.rpc().deploy(Groth16PixelVerifier.BINARY, ctor, "Groth16PixelVerifier")
        .getContractAddress();
    return Address.of(addr);
  }

  /**
   * Reads the verifying key a deployed verifier holds ({@code verifyingKey()}), e.g. to check that
   * a registered model's verifier carries the key its circuit was set up with.
   *
   * @param backend any backend on the verifier's chain
   * @param verifier a {@code Groth16PixelVerifier}
   * @return the 28 key words in the constructor's order (unmodifiable)
   * @throws io.vnft.api.ChainException if the call fails (e.g. the address is not such a verifier)
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static List<BigInteger> keyWords(Web3jChainBackend backend, Address verifier) {
    if (backend == null || verifier == null) {
      throw new InvalidInputException("backend and verifier must not be null");
    }
    Function f = new Function("verifyingKey", List.of(),
        List.of(new TypeReference<StaticArray28<Uint256>>() {}));
    List<Type> out = backend.rpc().call(verifier.hex(), f);
    if (out.size() != 1) {
      throw new ChainException("verifyingKey() on " + verifier + " returned no key (not a Groth16PixelVerifier?)");
    }
    List<BigInteger> words = new ArrayList<>(KEY_WORDS);
    for (Uint256 w : ((StaticArray28<Uint256>) out.get(0)).getValue()) {
      words.add(w.getValue());
    }
    return List.copyOf(words);
  }

  /**
   * The name of key word {@code i} ({@code alpha1.x}, {@code beta2.x1}, {@code ic[3].y}, ...).
   *
   * @param i a word index in {@code [0, 28)}
   * @return its name
   * @throws InvalidInputException if i is out of range
   */
  public static String wordName(int i) {
    if (i < 0 || i >= KEY_WORDS) {
      throw new InvalidInputException("wordName: index " + i + " is not in [0, " + KEY_WORDS + ")");
    }
    if (i < 2) {
      return "alpha1." + (i == 0 ? "x" : "y");
    }
    if (i < 14) {
      return G2_NAMES[(i - 2) / 4] + "." + G2_PARTS[(i - 2) % 4];
    }
    return "ic[" + (i - 14) / 2 + "]." + (i % 2 == 0 ? "x" : "y");
  }

  private static void checkWords(List<BigInteger> keyWords) {
    if (keyWords == null) {
      throw new InvalidInputException("keyWords: must not be null");
    }
    if (keyWords.size() != KEY_WORDS) {
      throw new InvalidInputException("keyWords: expected " + KEY_WORDS
          + " words (alpha1, beta2, gamma2, delta2, IC[0..6] for 6 public inputs), got " + keyWords.size());
    }
    for (int i = 0; i < KEY_WORDS; i++) {
      BigInteger w = keyWords.get(i);
      if (w == null || w.signum() < 0 || w.compareTo(FIELD_MODULUS) >= 0) {
        throw new InvalidInputException("keyWords[" + i + "] (" + wordName(i) + "): " + w
            + " is not in [0, p), p = " + FIELD_MODULUS);
      }
    }
  }

  /** (alpha1, beta2, gamma2, delta2, ic) as the constructor's typed static arrays. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> constructorArguments(List<BigInteger> w) {
    List<StaticArray2<Uint256>> ic = new ArrayList<>(7);
    for (int i = 0; i < 7; i++) {
      ic.add(g1(w, 14 + 2 * i));
    }
    return List.of(g1(w, 0), g2(w, 2), g2(w, 6), g2(w, 10), new StaticArray7(StaticArray2.class, ic));
  }

  private static StaticArray2<Uint256> g1(List<BigInteger> w, int at) {
    return new StaticArray2<>(Uint256.class, new Uint256(w.get(at)), new Uint256(w.get(at + 1)));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static StaticArray2<StaticArray2<Uint256>> g2(List<BigInteger> w, int at) {
    return new StaticArray2(StaticArray2.class, g1(w, at), g1(w, at + 2));
  }
}
