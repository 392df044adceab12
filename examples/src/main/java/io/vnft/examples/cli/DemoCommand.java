package io.vnft.examples.cli;

import io.vnft.api.VideoFormat;
import io.vnft.api.roles.OperatorJournal;
import io.vnft.examples.demo.Demo;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.djl.DevicePreference;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vnft demo}: the end-to-end demo on a local chain it starts itself. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a local chain and run triggers, a dishonest and an honest operator, a challenger and "
        + "verification end to end. Exit status 0 only if every expected outcome was observed on chain.")
final class DemoCommand implements Callable<Integer> {
  private final PrintStream log;

  DemoCommand(PrintStream log) {
    this.log = log;
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "vnft-out",
      description = "output folder (tokens, store, journals, deployment.properties, anvil.log). Default: ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--triggers", paramLabel = "N", defaultValue = "9", description = "triggers to create, 3..24. Default: ${DEFAULT-VALUE}")
  int triggers;

  @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
      converter = CommonOptions.DeviceConverter.class, description = "where videos are generated. Default: ${DEFAULT-VALUE}")
  DevicePreference device;

  @Option(names = "--model", paramLabel = "vnft-gan-1|vnft-cppn-1", defaultValue = Demo.DEFAULT_MODEL,
      description = "the built-in model the triggers use and the Groth16 setup is for: vnft-gan-1 (trained, "
          + "text-conditioned: emoji-like concepts, \"A into B\" morphs) or vnft-cppn-1 (untrained, keyword styles). "
          + "Default: ${DEFAULT-VALUE}")
  String model;

  @Option(names = "--keep-running", description = "leave the chain up for verify/operator/challenger (Ctrl-C stops)")
  boolean keepRunning;

  @Option(names = {"-v", "--verbose"}, description = "debug logging, and DJL/PyTorch messages")
  boolean verbose;

  @Option(names = "--config", paramLabel = "FILE", description = "properties file of option values; flags win")
  Path config;

  @Override
  public Integer call() {
    if (triggers < 3 || triggers > 24) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--triggers: must be in [3, 24], got " + triggers);
    }
    if (!BuiltInModels.isBuiltIn(model)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--model: must be one of "
          + String.join(", ", BuiltInModels.ids()) + ", got '" + model + "'");
    }
    setAsideOldJournals(out, log);
    VideoFormat format = BuiltInModels.modelInfo(model).defaultFormat();
    Demo.Result r = Demo.run(new Demo.Options(out, triggers, format, device, model, log, keepRunning));
    boolean ok = !r.tokens().isEmpty() && r.tokens().stream().allMatch(Demo.TokenRow::verified)
        && !r.revertedBatches().isEmpty() && !r.answeredChallenges().isEmpty() && r.forgedRejected();
    log.println(ok ? "demo: all outcomes as expected" : "demo: SOME OUTCOMES WERE NOT AS EXPECTED (see above)");
    return ok ? 0 : 1;
  }

  /**
   * Every demo starts a new chain, so journals an earlier run left in the folder belong to a chain
   * that is gone; journals refuse to be reopened on another deployment, so they are set aside here,
   * knowingly, and kept.
   */
  static void setAsideOldJournals(Path out, PrintStream log) {
    if (!Files.isDirectory(out)) {
      return;
    }
    try (var files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("journal-.*\\.txt")).toList()) {
        OperatorJournal.setAside(f).ifPresent(p -> log.println("demo: journal of an earlier run set aside as " + p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + out, e);
    }
  }
}
