package io.vnft.examples;

import io.vnft.examples.cli.Cli;
import java.io.PrintStream;

/**
 * The {@code vnft} command line ({@code ./vnft <command>}; {@code ./vnft <command> --help} for each
 * command's options). Commands: {@code demo}, {@code operator}, {@code challenger}, {@code verify}.
 * Exit status: 0 success, 1 failure, 2 usage error (the message names the option at fault).
 */
public final class VnftCli {
  private VnftCli() {}

  /**
   * @param args the command and its options
   */
  public static void main(String[] args) {
    Cli.configureLogging(args);
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs one command.
   *
   * @param args the command and its options
   * @param out standard output
   * @param err standard error
   * @return the process exit status: 0 success, 1 failure, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.run(args, out, err);
  }
}
