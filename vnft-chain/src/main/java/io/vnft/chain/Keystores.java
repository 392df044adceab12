package io.vnft.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vnft.api.InvalidInputException;
import io.vnft.api.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.utils.Numeric;

/**
 * Signing keys kept in encrypted keystore files: the Ethereum "Web3 Secret Storage" JSON format
 * (version 3, scrypt + AES-128-CTR) that geth, Foundry's {@code cast wallet}, MetaMask exports and
 * web3j's {@code WalletUtils} read and write. An operator that runs for months should load its key
 * from such a file and a password file, never from a command line or an environment variable.
 * Stateless; thread-safe.
 */
public final class Keystores {
  private Keystores() {}

  /**
   * Decrypts a keystore file.
   *
   * @param keystore the keystore JSON file
   * @param password its password
   * @return the private key, 0x-prefixed 64 hex digits, as {@link Web3jChainBackend.Builder#privateKey} takes it
   * @throws InvalidInputException if the file is missing or unreadable, not a keystore, or the
   *     password is wrong (the message names the file and which of these it is)
   */
  public static String unlock(Path keystore, String password) {
    if (!Files.isRegularFile(keystore)) {
      throw new InvalidInputException("keystore " + keystore + ": no such file");
    }
    try {
      Credentials c = WalletUtils.loadCredentials(password, keystore.toFile());
      return Numeric.toHexStringNoPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64).transform(h -> "0x" + h);
    } catch (CipherException e) {
      throw new InvalidInputException("keystore " + keystore + ": wrong password, or the file is corrupt ("
          + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("keystore " + keystore + ": not a readable keystore JSON file ("
          + e.getMessage() + ")", e);
    }
  }

  /**
   * Reads a password file: its content, less one trailing line break.
   *
   * @param file the password file
   * @return the password
   * @throws InvalidInputException if the file cannot be read or the password is empty
   */
  public static String readPassword(Path file) {
    String p;
    try {
      p = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("password file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (p.endsWith("\n")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith("\r")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      throw new InvalidInputException("password file " + file + " is empty");
    }
    return p;
  }

  /**
   * Creates a new random key (from {@link java.security.SecureRandom}) and writes it as a keystore file.
   *
   * @param file the keystore file to write (replaced if it exists)
   * @param password the password
   * @param light scrypt with light parameters (fast, for tests and development) instead of the standard ones
   * @return the new key's address, 0x-prefixed lower-case hex
   * @throws IOException if the key cannot be made or the file written
   */
  public static String create(Path file, String password, boolean light) throws IOException {
    try {
      ECKeyPair pair = org.web3j.crypto.Keys.createEcKeyPair();
      return write(file, Numeric.toHexStringWithPrefixZeroPadded(pair.getPrivateKey(), 64), password, light);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot create a key: " + e.getMessage(), e);
    }
  }

  /**
   * Encrypts a private key into a keystore file (mode 0600 where POSIX), written atomically and durably.
   *
   * @param file the keystore file to write (replaced if it exists)
   * @param privateKey the key, 0x-prefixed or not, 64 hex digits
   * @param password the password
   * @param light scrypt with light parameters (fast, for tests and development) instead of the standard ones
   * @return the key's address, 0x-prefixed lower-case hex
   * @throws InvalidInputException for a malformed key
   * @throws IOException if the file cannot be written
   */
  public static String write(Path file, String privateKey, String password, boolean light) throws IOException {
    if (privateKey == null || !privateKey.matches("(0x)?[0-9a-fA-F]{64}")) {
      throw new InvalidInputException("private key: must be 64 hex digits (optionally 0x-prefixed)");
    }
    ECKeyPair pair = ECKeyPair.create(Numeric.toBigInt(privateKey));
    WalletFile w;
    try {
      w = light ? Wallet.createLight(password, pair) : Wallet.createStandard(password, pair);
    } catch (CipherException e) {
      throw new IOException("cannot encrypt the key: " + e.getMessage(), e);
    }
    byte[] json = new ObjectMapper().writeValueAsBytes(w);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    AtomicFiles.replaceDurably(file, json);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return "0x" + w.getAddress();
  }
}
