package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VnftException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The command tree of {@code vnft} (picocli): per-command {@code --help}, every option listed,
 * parse errors that name the option, {@code --config FILE} defaults under the command line, and
 * exit statuses 0 (success), 1 (failure), 2 (usage). Stateless apart from the streams it is given.
 */
public final class Cli {
  private Cli() {}

  /** The root command: lists the commands. */
  @Command(name = "vnft", mixinStandardHelpOptions = true, version = "vnft 0.1.0-SNAPSHOT",
      description = {"Verifiable, price-triggered video NFTs.", "",
          "Relative paths are resolved against the directory you run vnft from.",
          "Run `vnft <command> --help` for a command's options."},
      subcommands = CommandLine.HelpCommand.class)
  static final class Root implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getErr());
      return 2;
    }
  }

  /**
   * Builds the command tree.
   *
   * @param out standard output of the commands
   * @return the root command line
   */
  static CommandLine tree(PrintStream out) {
    CommandLine cl = new CommandLine(new Root());
    cl.addSubcommand("demo", new DemoCommand(out));
    cl.addSubcommand("operator", new OperatorCommand(out));
    cl.addSubcommand("challenger", new ChallengerCommand(out));
    cl.addSubcommand("verify", new VerifyCommand(out));
    cl.addSubcommand("keystore", new KeystoreCommand(out));
    return cl;
  }

  /**
   * Parses and runs one command.
   *
   * @param args the command and its options
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = tree(out);
    PrintWriter errWriter = new PrintWriter(err, true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(errWriter);
    cl.setUsageHelpAutoWidth(false);
    Path config = configFile(args);
    if (config != null) {
      try {
        cl.setDefaultValueProvider(ConfigDefaults.load(config, cl));
      } catch (InvalidInputException e) {
        err.println("vnft: " + e.getMessage());
        return 2;
      }
    }
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("vnft " + c.getCommandName() + ": " + ex.getMessage());
      c.getErr().println("(run `vnft " + (c == cl ? "" : c.getCommandName() + " ") + "--help` for the options)");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      String command = c.getCommandName();
      if (ex instanceof CommandLine.ParameterException pe) {
        c.getErr().println("vnft " + command + ": " + pe.getMessage());
        return 2;
      }
      if (ex instanceof InvalidInputException) {
        c.getErr().println("vnft " + command + ": " + ex.getMessage());
        return 2;
      }
      if (ex instanceof VnftException || ex instanceof java.io.UncheckedIOException) {
        c.getErr().println("vnft " + command + " failed: " + ex.getMessage());
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
          c.getErr().println("  caused by: " + t);
        }
        return 1;
      }
      throw ex;
    });
    return cl.execute(args);
  }

  /** @return the value of {@code --config} among {@code args}, if any */
  static Path configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    return null;
  }

  /**
   * Sets up slf4j-simple before the first logger exists: timestamps, levels in brackets, INFO for
   * vnft, ERROR for DJL (its CUDA probe warns on every CPU-only machine), WARN for web3j and OkHttp; {@code -v}/{@code --verbose} turns on DEBUG for vnft and
   * INFO for DJL. A level set with {@code -Dorg.slf4j.simpleLogger...} wins.
   *
   * @param args the command line, scanned for {@code -v}/{@code --verbose}
   */
  public static void configureLogging(String[] args) {
    boolean verbose = false;
    for (String a : args) {
      verbose |= a.equals("-v") || a.equals("--verbose");
    }
    String p = "org.slf4j.simpleLogger.";
    setIfAbsent(p + "showDateTime", "true");
    setIfAbsent(p + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    setIfAbsent(p + "levelInBrackets", "true");
    setIfAbsent(p + "showThreadName", "false");
    setIfAbsent(p + "showShortLogName", "true");
    setIfAbsent(p + "defaultLogLevel", "info");
    setIfAbsent(p + "log.io.vnft", verbose ? "debug" : "info");
    setIfAbsent(p + "log.ai.djl", verbose ? "info" : "error");
    setIfAbsent(p + "log.org.web3j", "warn");
    setIfAbsent(p + "log.okhttp3", "warn");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
