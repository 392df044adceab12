package io.vnft.examples;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code vnft} command line ({@code ./vnft <command>} at the repository root).
 *
 * <p>Commands that are not built yet say so and exit with status 2; nothing here prints
 * made-up results.
 */
public final class VnftCli {
  private VnftCli() {}

  /**
   * @param args the command and its options
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs one command.
   *
   * @param args the command and its options
   * @param out standard output
   * @param err standard error
   * @return the process exit status: 0 success, 1 failure, 2 usage error or not available
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      usage(out);
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "demo", "operator", "challenger", "verify", "generate" -> {
        err.println("vnft " + command + ": not available yet in this build — see README.md, "
            + "section 'Status', for what works today.");
        return 2;
      }
      default -> {
        err.println("vnft: unknown command '" + command + "'" + (rest.length > 0 ? "" : ""));
        usage(err);
        return 2;
      }
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: ./vnft <command> [options]");
    out.println();
    out.println("commands:");
    out.println("  demo        start a local chain, run triggers, operators and a challenger end to end");
    out.println("  operator    run an operator node against --rpc URL with --key");
    out.println("  challenger  watch batches, regenerate tokens and challenge wrong pixels");
    out.println("  verify      check one token end to end: --token N [--rpc URL]");
    out.println("  generate    render a video for a seed and prompt to files");
    out.println("  help        this text");
  }
}
