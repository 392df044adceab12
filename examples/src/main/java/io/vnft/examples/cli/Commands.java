package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import io.vnft.api.roles.RoleListener;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.gpu.BuiltInVideoGenerator;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;

/**
 * Helpers the commands ({@link DemoCommand}, {@link VerifyCommand}, {@link OperatorCommand},
 * {@link ChallengerCommand}) and the demo share. Stateless.
 */
public final class Commands {
  private Commands() {}

  /**
   * @param out where the lines go
   * @return a listener printing each role's progress line as {@code [role] line}
   */
  public static RoleListener printTo(PrintStream out) {
    return new RoleListener() {
      @Override
      public void progress(String role, String line) {
        out.println("[" + role + "] " + line);
      }
    };
  }

  /**
   * @param e a failure
   * @return the message of its innermost meaningful cause (completion wrappers skipped)
   */
  public static String rootMessage(Throwable e) {
    Throwable c = e;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }

  /** Connects to the deployment's node with {@code key}; errors name the flags. */
  static Web3jChainBackend backend(CommonOptions common, DeploymentFile dep, String key) {
    return Web3jChainBackend.builder().rpcUrl(common.rpcUrl(dep)).privateKey(key).chainId(dep.chainId())
        .contracts(dep.contracts()).build();
  }

  /**
   * The generator of the standalone commands: every built-in model on DJL ({@link BuiltInVideoGenerator}),
   * so tokens of any of them can be regenerated; the default model is the deployment's.
   *
   * @throws io.vnft.api.BackendUnavailableException if the engine cannot load or {@code --device} is absent
   */
  static BuiltInVideoGenerator generator(CommonOptions common, DeploymentFile dep) {
    return BuiltInVideoGenerator.djl(dep.model(), common.device);
  }

  /** A throwaway key for read-only use; it never signs a transaction. */
  static String randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    k[0] &= 0x7f;
    k[31] |= 1;
    return "0x" + HexFormat.of().formatHex(k);
  }

  /** @throws InvalidInputException naming the flag if {@code file} is not a readable file */
  static void requireFile(java.nio.file.Path file, String flag) {
    if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
      throw new InvalidInputException(flag + ": " + file + " is not a readable file");
    }
  }
}
