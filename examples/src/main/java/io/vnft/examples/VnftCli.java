package io.vnft.examples;

import io.vnft.examples.cli.Commands;
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
    try {
      switch (command) {
        case "demo" -> {
          return Commands.demo(rest, out);
        }
        case "verify" -> {
          return Commands.verify(rest, out);
        }
        case "operator" -> {
          return Commands.operator(rest, out);
        }
        case "challenger" -> {
          return Commands.challenger(rest, out);
        }
        default -> {
          err.println("vnft: unknown command '" + command + "'");
          usage(err);
          return 2;
        }
      }
    } catch (io.vnft.api.InvalidInputException e) {
      err.println("vnft " + command + ": " + e.getMessage());
      return 2;
    } catch (io.vnft.api.VnftException e) {
      err.println("vnft " + command + " failed: " + e.getMessage());
      Throwable c = e.getCause();
      while (c != null) {
        err.println("  caused by: " + c);
        c = c.getCause();
      }
      return 1;
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: ./vnft <command> [options]");
    out.println();
    out.println("commands:");
    out.println("  demo        start a local chain, run triggers, operators and a challenger end to end");
    out.println("  operator    run an operator node: --key HEX [--rpc URL] [--deployment FILE] [--once]");
    out.println("  challenger  watch batches, regenerate tokens, challenge wrong pixels: --key HEX [--once]");
    out.println("  verify      check one token end to end: --token N [--rpc URL] [--deployment FILE]");
    out.println("  help        this text");
    out.println();
    out.println("demo options: --out DIR (vnft-out), --triggers N (3..24, default 9), --device auto|cpu|cuda,");
    out.println("              --keep-running (leave the chain up for verify/operator/challenger; Ctrl-C stops)");
    out.println("the other commands read vnft-out/deployment.properties (written by the demo) unless --deployment");
  }
}
