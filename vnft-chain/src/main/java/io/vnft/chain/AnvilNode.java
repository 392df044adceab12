package io.vnft.chain;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local anvil (Foundry) node started as a child process on a free loopback port, for demos and
 * tests. The pinned anvil is {@value #ANVIL_VERSION} (npm {@code @foundry-rs/anvil}). The binary
 * is looked up, in order:
 *
 * <ol>
 *   <li>the builder's {@link Builder#binary(Path)}, used as is;
 *   <li>the system property {@code vnft.anvil}, then the environment variable {@code VNFT_ANVIL}
 *       (when set, it must name an executable: a wrong setting is an error, never a reason to use
 *       another anvil);
 *   <li>{@code anvil} on {@code PATH} (e.g. from {@code foundryup} or {@code npm i -g});
 *   <li>for developers of vnft, the binary {@code npm ci} installs in the source tree,
 *       {@code vnft-chain/node_modules/@foundry-rs/anvil-<os>-<arch>/bin/anvil}, below the module
 *       directory (system property {@code vnft.chain.moduleDir}), the working directory,
 *       {@code vnft-chain/} below it and their parents;
 *   <li>the user cache, {@code $XDG_CACHE_HOME/vnft/anvil/<version>} (else
 *       {@code ~/.cache/vnft/anvil/<version>}), same layout below it;
 *   <li>when none is found and {@code npm} is on PATH, {@code npm install --no-audit --no-fund
 *       @foundry-rs/anvil@<version>} into a temporary directory beside the cache directory, renamed
 *       into place when complete (a killed install never looks complete; a lock file makes
 *       concurrent installers, in this JVM or others, wait for the first). This happens once per
 *       user and version, is logged at INFO, and is turned off with {@link
 *       Builder#installIfMissing(boolean)}.
 * </ol>
 *
 * Otherwise {@link Builder#start()} throws one {@link BackendUnavailableException} listing what
 * was tried and how to get anvil.
 *
 * <p>{@link Builder#start()} waits until the node answers {@code eth_chainId} (up to {@link
 * Builder#startTimeout(Duration)}). Its output goes to a log file. {@link #close()} stops this
 * node's own process only (never another anvil), and a JVM shutdown hook does the same if the
 * caller forgets. Anvil's default accounts (mnemonic "test test ... junk") are funded with {@link
 * Builder#balanceEther(long)} ether each; {@link #privateKey(int)} returns their keys.
 *
 * <p>Thread-safe: instances are immutable after {@link Builder#start()} except for {@link
 * #close()}, which is idempotent.
 */
public final class AnvilNode implements AutoCloseable {
  /** The anvil version vnft is tested with and installs ({@code vnft-chain/package.json} pins the same). */
  public static final String ANVIL_VERSION = "1.7.1";

  /** The well-known private keys of anvil's first default accounts (public test keys; never use them on a real chain). */
  private static final String[] DEFAULT_KEYS = {
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
    "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
    "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
    "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
    "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
  };

  private final Process process;
  private final int port;
  private final long chainId;
  private final int accounts;
  private final Path logFile;
  private final Thread shutdownHook;

  private AnvilNode(Process process, int port, long chainId, int accounts, Path logFile) {
    this.process = process;
    this.port = port;
    this.chainId = chainId;
    this.accounts = accounts;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::destroy, "anvil-" + port + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** @return a builder with defaults: chain id 31337, automine (no block time), 10 accounts of 10 000 ether */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the JSON-RPC URL, {@code http://127.0.0.1:<port>} */
  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** @return the loopback port the node listens on */
  public int port() {
    return port;
  }

  /** @return the chain id the node was started with */
  public long chainId() {
    return chainId;
  }

  /** @return the file holding the node's standard output and error */
  public Path logFile() {
    return logFile;
  }

  /**
   * @param index account index, 0-based
   * @return the private key (0x-prefixed hex) of anvil's default account {@code index}
   * @throws InvalidInputException when index is outside [0, accounts)
   */
  public String privateKey(int index) {
    if (index < 0 || index >= Math.min(accounts, DEFAULT_KEYS.length)) {
      throw new InvalidInputException("index: must be in [0, " + Math.min(accounts, DEFAULT_KEYS.length) + "), got " + index);
    }
    return DEFAULT_KEYS[index];
  }

  /** @return whether the node's process is still running */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops this node's process (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private void destroy() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Finds the anvil binary as described in the class comment, installing it into the user cache
   * when it is nowhere else and {@code npm} is on PATH.
   *
   * @return the binary's path
   * @throws BackendUnavailableException when none is found (or a configured one is not executable);
   *     the message lists what was tried, in order, and how to get anvil
   */
  public static Path findBinary() {
    return AnvilLocator.locate(null, AnvilLocator.Inputs.system(), true);
  }

  /**
   * Configures and starts an {@link AnvilNode}. Not thread-safe; one builder per node.
   */
  public static final class Builder {
    private Path binary;
    private long chainId = 31337;
    private int blockTimeSeconds;
    private int accounts = 10;
    private long balanceEther = 10_000;
    private Path logFile;
    private Duration startTimeout = Duration.ofSeconds(30);
    private final List<String> extraArgs = new ArrayList<>();
    private boolean installIfMissing = true;

    private Builder() {}

    /**
     * @param binary the anvil executable to run instead of looking it up
     * @return this builder
     */
    public Builder binary(Path binary) {
      this.binary = binary;
      return this;
    }

    /**
     * @param install whether {@link #start()} may run {@code npm install} once into the user cache
     *     when anvil is found nowhere else (default true); false makes a missing anvil an error
     * @return this builder
     */
    public Builder installIfMissing(boolean install) {
      this.installIfMissing = install;
      return this;
    }

    /**
     * @param chainId the chain id, >= 1
     * @return this builder
     */
    public Builder chainId(long chainId) {
      if (chainId < 1) {
        throw new InvalidInputException("chainId: must be >= 1, got " + chainId);
      }
      this.chainId = chainId;
      return this;
    }

    /**
     * @param seconds interval mining block time in seconds; 0 (default) mines one block per transaction
     * @return this builder
     */
    public Builder blockTime(int seconds) {
      if (seconds < 0) {
        throw new InvalidInputException("blockTime: must be >= 0 seconds, got " + seconds);
      }
      this.blockTimeSeconds = seconds;
      return this;
    }

    /**
     * @param accounts number of funded default accounts, 1..10
     * @return this builder
     */
    public Builder accounts(int accounts) {
      if (accounts < 1 || accounts > DEFAULT_KEYS.length) {
        throw new InvalidInputException("accounts: must be in [1, " + DEFAULT_KEYS.length + "], got " + accounts);
      }
      this.accounts = accounts;
      return this;
    }

    /**
     * @param ether balance of each account in ether, >= 1
     * @return this builder
     */
    public Builder balanceEther(long ether) {
      if (ether < 1) {
        throw new InvalidInputException("balanceEther: must be >= 1, got " + ether);
      }
      this.balanceEther = ether;
      return this;
    }

    /**
     * @param logFile where the node's output goes; default a temp file {@code anvil-<port>-*.log}
     * @return this builder
     */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /**
     * @param timeout how long {@link #start()} waits for the node to answer
     * @return this builder
     */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /**
     * @param arg one more command-line argument passed to anvil as is (e.g. {@code --code-size-limit})
     * @return this builder
     */
    public Builder arg(String arg) {
      this.extraArgs.add(arg);
      return this;
    }

    /**
     * Starts the node and waits until it answers {@code eth_chainId} with the configured id.
     *
     * @return the running node
     * @throws BackendUnavailableException when the binary is missing (and cannot be installed), the
     *     process exits, or it does not answer in time
     */
    public AnvilNode start() {
      Path bin = AnvilLocator.locate(binary, AnvilLocator.Inputs.system(), installIfMissing);
      int port = freePort();
      Path log;
      try {
        log = logFile != null ? logFile : Files.createTempFile("anvil-" + port + "-", ".log");
      } catch (IOException e) {
        throw new BackendUnavailableException("anvil: cannot create its log file", e);
      }
      List<String> cmd = new ArrayList<>(List.of(bin.toString(),
          "--host", "127.0.0.1", "--port", Integer.toString(port),
          "--chain-id", Long.toString(chainId),
          "--accounts", Integer.toString(accounts),
          "--balance", Long.toString(balanceEther)));
      if (blockTimeSeconds > 0) {
        cmd.add("--block-time");
        cmd.add(Integer.toString(blockTimeSeconds));
      }
      cmd.addAll(extraArgs);
      Process p;
      try {
        p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        throw new BackendUnavailableException("anvil: cannot start " + bin, e);
      }
      AnvilNode node = new AnvilNode(p, port, chainId, accounts, log);
      try {
        waitUntilReady(node, startTimeout);
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
      return node;
    }

    private static void waitUntilReady(AnvilNode node, Duration timeout) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest req = HttpRequest.newBuilder(URI.create(node.rpcUrl()))
          .timeout(Duration.ofSeconds(2))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
          .build();
      long deadline = System.nanoTime() + timeout.toNanos();
      String expected = "0x" + Long.toHexString(node.chainId);
      while (System.nanoTime() < deadline) {
        if (!node.process.isAlive()) {
          throw new BackendUnavailableException("anvil exited with code " + node.process.exitValue()
              + " before answering; see " + node.logFile);
        }
        try {
          HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && r.body().contains("\"" + expected + "\"")) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BackendUnavailableException("anvil: interrupted while waiting for it to start", e);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BackendUnavailableException("anvil: interrupted while waiting for it to start", e);
        }
      }
      throw new BackendUnavailableException("anvil did not answer eth_chainId within " + timeout + "; see " + node.logFile);
    }

    private static int freePort() {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
        return s.getLocalPort();
      } catch (IOException e) {
        throw new BackendUnavailableException("anvil: no free loopback port", e);
      }
    }
  }
}
