package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import io.vnft.gpu.djl.DevicePreference;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command that talks to a deployment shares: where the deployment is described,
 * which node to use, where content lives, which device generates. Relative paths are resolved
 * against the directory the command was started from (values from {@code --config} against the
 * config file's directory). Not thread-safe (filled by the parser).
 */
public final class CommonOptions {
  /** The deployment file read when {@code --deployment} is not given. */
  public static final String DEFAULT_DEPLOYMENT = "vnft-out/deployment.properties";

  @Option(names = "--deployment", paramLabel = "FILE", defaultValue = DEFAULT_DEPLOYMENT,
      description = "deployment description (properties: rpcUrl, chainId, contract addresses, model format, zkey, "
          + "model); "
          + "written by `vnft demo`. Default: ${DEFAULT-VALUE}")
  Path deployment;

  @Option(names = "--rpc", paramLabel = "URL",
      description = "JSON-RPC URL of the node (http or https); default: the deployment file's rpcUrl")
  String rpc;

  @Option(names = "--store", paramLabel = "DIR",
      description = "content-addressed store of videos and metadata; default: ipfs/ beside the deployment file")
  Path store;

  @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
      converter = DeviceConverter.class, description = "where videos are generated. Default: ${DEFAULT-VALUE}")
  DevicePreference device;

  @Option(names = "--config", paramLabel = "FILE",
      description = "properties file of option values (keys are option names without --, e.g. rpc=..., "
          + "max-batch=8, or qualified: operator.interval=10); options given on the command line win")
  Path config;

  @Option(names = {"-v", "--verbose"}, description = "debug logging for vnft, and DJL/PyTorch messages")
  boolean verbose;

  /** @return the RPC URL to use: {@code --rpc} if given, else the deployment file's */
  String rpcUrl(DeploymentFile dep) {
    String url = rpc != null ? rpc : dep.rpcUrl();
    if (!(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new InvalidInputException((rpc != null ? "--rpc" : "--deployment " + deployment + ": rpcUrl")
          + ": must be an http(s) URL, got '" + url + "'");
    }
    return url;
  }

  /** @return the deployment, with errors naming {@code --deployment} */
  DeploymentFile readDeployment() {
    try {
      return DeploymentFile.read(deployment);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--deployment (" + deployment.toAbsolutePath() + "): " + e.getMessage(), e);
    }
  }

  /** @return the directory of the deployment file (default home of the store and journals) */
  Path deploymentDir() {
    Path parent = deployment.toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /** @return {@code --store}, or ipfs/ beside the deployment file */
  Path storeDir() {
    return store != null ? store : deploymentDir().resolve("ipfs");
  }

  /** Parses {@code --device}. */
  public static final class DeviceConverter implements picocli.CommandLine.ITypeConverter<DevicePreference> {
    @Override
    public DevicePreference convert(String value) {
      try {
        return DevicePreference.parse(value);
      } catch (InvalidInputException e) {
        throw new picocli.CommandLine.TypeConversionException("must be auto, cpu or cuda, got '" + value + "'");
      }
    }
  }
}
