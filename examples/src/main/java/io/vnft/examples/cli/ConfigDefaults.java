package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option values from a {@code --config} properties file, used where the command line does not give
 * the option (the command line always wins). Keys are option names without the leading dashes
 * ({@code rpc}, {@code max-batch}); a key qualified with a command ({@code operator.interval}) is
 * used by that command only and wins over the plain key. A relative path is resolved against the
 * config file's directory. A key that no command knows is an error naming the file and the key, so
 * a typo is never silently ignored. Immutable after construction.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  private final Path file;
  private final Properties props = new Properties();

  private ConfigDefaults(Path file) {
    this.file = file;
  }

  /**
   * @param file the properties file
   * @param root the command tree, to check the keys against
   * @return the provider
   * @throws InvalidInputException if the file cannot be read or holds an unknown key
   */
  static ConfigDefaults load(Path file, CommandLine root) {
    ConfigDefaults c = new ConfigDefaults(file);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      c.props.load(r);
    } catch (IOException e) {
      throw new InvalidInputException("--config " + file + ": cannot be read: " + e.getMessage(), e);
    }
    Set<String> known = new TreeSet<>();
    Set<String> commands = new HashSet<>();
    for (CommandLine sub : root.getSubcommands().values()) {
      String name = sub.getCommandName();
      commands.add(name);
      for (OptionSpec o : sub.getCommandSpec().options()) {
        String key = key(o);
        known.add(key);
        known.add(name + "." + key);
      }
    }
    for (String k : c.props.stringPropertyNames()) {
      if (k.equals("config") || k.endsWith(".config")) {
        throw new InvalidInputException("--config " + file + ": key '" + k + "': a config file cannot name another");
      }
      if (!known.contains(k)) {
        throw new InvalidInputException("--config " + file + ": unknown key '" + k + "' (keys are option names "
            + "without --, optionally qualified by a command: " + String.join(", ",
                known.stream().filter(x -> !x.contains(".")).toList()) + ")");
      }
    }
    return c;
  }

  private static String key(OptionSpec o) {
    return o.longestName().replaceFirst("^-+", "");
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || o.usageHelp() || o.versionHelp()) {
      return null;
    }
    String key = key(o);
    String command = o.command() == null ? null : o.command().name();
    String v = command == null ? null : props.getProperty(command + "." + key);
    if (v == null) {
      v = props.getProperty(key);
    }
    if (v == null) {
      return o.defaultValue();
    }
    v = v.strip();
    if (o.type() == Path.class && !Path.of(v).isAbsolute()) {
      Path dir = file.toAbsolutePath().getParent();
      v = dir.resolve(v).toString();
    }
    return v;
  }
}
