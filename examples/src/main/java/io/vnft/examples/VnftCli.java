package io.vnft.examples;

import io.vnft.examples.cli.Commands;
import io.vnft.examples.demo.Demo;
import io.vnft.gpu.djl.DevicePreference;
import java.io.PrintStream;
import java.nio.file.Path;
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
          return demo(rest, out);
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

  private static int demo(String[] args, PrintStream out) {
    Demo.Options d = Demo.Options.defaults();
    Path dir = d.outDir();
    int triggers = d.triggers();
    DevicePreference device = d.device();
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> dir = Path.of(value(args, ++i, "--out"));
        case "--triggers" -> triggers = intValue(args, ++i, "--triggers");
        case "--device" -> device = DevicePreference.parse(value(args, ++i, "--device"));
        case "--keep-running" -> keep = true;
        default -> throw new io.vnft.api.InvalidInputException("unknown option '" + args[i]
            + "' (options: --out DIR, --triggers N, --device auto|cpu|cuda, --keep-running)");
      }
    }
    Demo.Result r = Demo.run(new Demo.Options(dir, triggers, d.format(), device, out, keep));
    boolean ok = !r.tokens().isEmpty() && r.tokens().stream().allMatch(Demo.TokenRow::verified)
        && !r.revertedBatches().isEmpty() && !r.answeredChallenges().isEmpty() && r.forgedRejected();
    out.println(ok ? "demo: all outcomes as expected" : "demo: SOME OUTCOMES WERE NOT AS EXPECTED (see above)");
    return ok ? 0 : 1;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new io.vnft.api.InvalidInputException(flag + ": needs a value");
    }
    return args[i];
  }

  private static int intValue(String[] args, int i, String flag) {
    try {
      return Integer.parseInt(value(args, i, flag));
    } catch (NumberFormatException e) {
      throw new io.vnft.api.InvalidInputException(flag + ": not a number: " + args[i]);
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: ./vnft <command> [options]");
    out.println();
    out.println("commands:");
    out.println("  demo        start a local chain, run triggers, operators and a challenger end to end");
    out.println("  operator    run an operator node: --key HEX [--rpc URL] [--deployment FILE] [--once]");
    out.println("  challenger  watch batches, regenerate tokens, challenge wrong pixels: --key HEX [--once]");
    out.println();
    out.println("demo options: --out DIR (vnft-out), --triggers N (3..24, default 9), --device auto|cpu|cuda,");
    out.println("              --keep-running (leave the chain up for verify/operator/challenger; Ctrl-C stops)");
    out.println("the other commands read vnft-out/deployment.properties (written by the demo) unless --deployment");
    out.println("  verify      check one token end to end: --token N [--rpc URL] [--deployment FILE]");
    out.println("  help        this text");
  }
}
