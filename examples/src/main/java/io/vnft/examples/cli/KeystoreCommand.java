package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import io.vnft.chain.Keystores;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vnft keystore}: writes an encrypted key file for {@code --keystore}. */
@Command(name = "keystore", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write an encrypted key file (Web3 Secret Storage JSON v3, as geth and `cast wallet` read) for "
        + "`--keystore`: a new random key, or the key given with --private-key or VNFT_KEY. Prints its address."})
final class KeystoreCommand implements Callable<Integer> {
  private final PrintStream out;

  KeystoreCommand(PrintStream out) {
    this.out = out;
  }

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "the keystore file to write (mode 0600)")
  Path file;

  @Option(names = "--password-file", paramLabel = "FILE", required = true,
      description = "file holding the password to encrypt with (one trailing newline is ignored)")
  Path passwordFile;

  @Option(names = {"--private-key", "--key"}, paramLabel = "HEX",
      description = "import this key (0x + 64 hex digits; also VNFT_KEY) instead of creating a new one")
  String privateKey;

  @Option(names = "--light", description = "light scrypt parameters: fast to unlock, weaker; for development")
  boolean light;

  @Option(names = "--force", description = "replace --out if it exists")
  boolean force;

  @Override
  public Integer call() {
    if (Files.exists(file) && !force) {
      throw new InvalidInputException("--out: " + file + " exists (pass --force to replace it)");
    }
    String password;
    try {
      password = Keystores.readPassword(passwordFile);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--password-file: " + e.getMessage(), e);
    }
    String key = privateKey != null ? privateKey : System.getenv("VNFT_KEY");
    String from = privateKey != null ? "--private-key" : "VNFT_KEY";
    try {
      String address;
      if (key == null || key.isBlank()) {
        address = Keystores.create(file, password, light);
      } else {
        if (!key.strip().matches("(0x)?[0-9a-fA-F]{64}")) {
          throw new InvalidInputException(from + ": must be 0x followed by 64 hex digits");
        }
        address = Keystores.write(file, key.strip(), password, light);
      }
      out.println("keystore " + file + ": address " + address);
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("--out: cannot write " + file, e);
    }
  }
}
