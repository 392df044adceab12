package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import io.vnft.chain.Keystores;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Where a signing command gets its key: a keystore file (Web3 Secret Storage JSON, as geth,
 * {@code cast wallet} and web3j write) with a password file, the way to run a service; or, for
 * development only, a raw key on the command line or in {@code VNFT_KEY} (both are visible to other
 * users of the machine, in shell history and in process lists: a WARN line says so). Not
 * thread-safe (filled by the parser).
 */
public final class KeyOptions {
  @Option(names = "--keystore", paramLabel = "FILE",
      description = "encrypted key file (Web3 Secret Storage JSON v3); needs --password-file")
  Path keystore;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "file holding the keystore's password (one trailing newline is ignored)")
  Path passwordFile;

  @Option(names = {"--private-key", "--key"}, paramLabel = "HEX",
      description = "development only: raw key, 0x + 64 hex digits (also from the environment variable VNFT_KEY); "
          + "use --keystore for anything else")
  String privateKey;

  /**
   * Resolves the key, checking it before anything expensive happens.
   *
   * @param env the environment variable VNFT_KEY's value, or null
   * @return the private key, 0x-prefixed hex
   * @throws InvalidInputException naming the flag at fault
   */
  String resolve(String env) {
    if (keystore != null || passwordFile != null) {
      if (privateKey != null) {
        throw new InvalidInputException("--private-key and --keystore: give one of them, not both");
      }
      if (keystore == null) {
        throw new InvalidInputException("--password-file needs --keystore FILE");
      }
      if (passwordFile == null) {
        throw new InvalidInputException("--keystore needs --password-file FILE");
      }
      String password;
      try {
        password = Keystores.readPassword(passwordFile);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--password-file: " + e.getMessage(), e);
      }
      try {
        return Keystores.unlock(keystore, password);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--keystore: " + e.getMessage(), e);
      }
    }
    String raw = privateKey;
    String from = "--private-key";
    if (raw == null && env != null && !env.isBlank()) {
      raw = env.strip();
      from = "VNFT_KEY";
    }
    if (raw == null) {
      throw new InvalidInputException("a signing key is required: --keystore FILE --password-file FILE "
          + "(or, for development, --private-key HEX or VNFT_KEY)");
    }
    if (!raw.matches("(0x)?[0-9a-fA-F]{64}")) {
      throw new InvalidInputException(from + ": must be 0x followed by 64 hex digits (got " + raw.length()
          + " characters)");
    }
    LoggerFactory.getLogger("io.vnft.cli").warn("{}: a raw private key is for development only; use --keystore "
        + "FILE --password-file FILE for a real key", from);
    return raw.startsWith("0x") ? raw : "0x" + raw;
  }
}
