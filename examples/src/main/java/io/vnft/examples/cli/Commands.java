package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoGenerator;
import io.vnft.api.Vnft;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.store.LocalContentStore;
import io.vnft.examples.demo.Demo;
import io.vnft.api.roles.Challenger;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.OperatorJournal;
import io.vnft.api.roles.RoleListener;
import io.vnft.api.roles.TokenVerifier;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.encode.Mp4Encoder;
import io.vnft.zk.iden3.ZkeyFile;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands {@code demo}, {@code operator}, {@code challenger} and {@code verify}. The last three read a
 * {@link DeploymentFile} (written by {@code ./vnft demo}; any deployment can be described by one)
 * and talk to the node at its RPC URL, or at {@code --rpc}.
 */
public final class Commands {
  private Commands() {}

  /** Parsed {@code --flag value} options; every flag must be known. */
  static final class Flags {
    private final Map<String, String> values = new HashMap<>();

    Flags(String[] args, Set<String> valued, Set<String> switches) {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (switches.contains(a)) {
          values.put(a, "true");
        } else if (valued.contains(a)) {
          if (i + 1 >= args.length) {
            throw new InvalidInputException(a + " needs a value");
          }
          values.put(a, args[++i]);
        } else {
          throw new InvalidInputException("unknown option '" + a + "' (options: " + valued + " "
              + switches + ")");
        }
      }
    }

    String get(String flag, String dflt) {
      return values.getOrDefault(flag, dflt);
    }

    boolean has(String flag) {
      return values.containsKey(flag);
    }

    long number(String flag, long dflt, long min, long max) {
      String v = values.get(flag);
      if (v == null) {
        return dflt;
      }
      try {
        long n = Long.parseLong(v);
        if (n < min || n > max) {
          throw new InvalidInputException(flag + ": must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new InvalidInputException(flag + ": not a number: '" + v + "'");
      }
    }
  }

  private static final Set<String> COMMON = Set.of("--rpc", "--deployment", "--store", "--device");

  /**
   * {@code vnft demo [--out DIR] [--triggers N] [--device auto|cpu|cuda] [--keep-running]}.
   *
   * @param args the options
   * @param out progress lines and the final table
   * @return 0 only if every expected outcome was observed on chain
   */
  public static int demo(String[] args, PrintStream out) {
    Flags f = new Flags(args, Set.of("--out", "--triggers", "--device"), Set.of("--keep-running"));
    Demo.Options d = Demo.Options.defaults();
    Demo.Result r = Demo.run(new Demo.Options(Path.of(f.get("--out", d.outDir().toString())),
        (int) f.number("--triggers", d.triggers(), 3, 24), d.format(),
        f.has("--device") ? DevicePreference.parse(f.get("--device", "auto")) : d.device(), out,
        f.has("--keep-running")));
    boolean ok = !r.tokens().isEmpty() && r.tokens().stream().allMatch(Demo.TokenRow::verified)
        && !r.revertedBatches().isEmpty() && !r.answeredChallenges().isEmpty() && r.forgedRejected();
    out.println(ok ? "demo: all outcomes as expected" : "demo: SOME OUTCOMES WERE NOT AS EXPECTED (see above)");
    return ok ? 0 : 1;
  }

  /**
   * {@code vnft verify --token N [--rpc URL] [--deployment FILE] [--store DIR]}.
   *
   * @param args the options
   * @param out where the check lines go
   * @return 0 if every check passed, 1 otherwise
   */
  public static int verify(String[] args, PrintStream out) {
    Flags f = new Flags(args, union(COMMON, Set.of("--token")), Set.of());
    if (!f.has("--token")) {
      throw new InvalidInputException("--token N is required");
    }
    BigInteger token = BigInteger.valueOf(f.number("--token", 0, 1, Long.MAX_VALUE));
    Path depFile = Path.of(f.get("--deployment", "vnft-out/deployment.properties"));
    DeploymentFile dep = DeploymentFile.read(depFile);
    try (Web3jChainBackend chain = backend(f, dep, randomKey());
        VideoGenerator model = new DjlVideoGenerator(DevicePreference.parse(f.get("--device", "auto")))) {
      Vnft vnft = Vnft.builder().discover(false).generator(model).commitments(new PoseidonCommitmentScheme())
          .contentStore(new LocalContentStore(Path.of(f.get("--store", "vnft-out/ipfs")))).chain(chain)
          .format(dep.format()).build();
      TokenVerifier.Report report = TokenVerifier.of(vnft).verify(token);
      report.checks().forEach(c -> out.println(c.line()));
      boolean ok = report.verified();
      out.println(ok ? "token " + token + ": VERIFIED" : "token " + token + ": NOT VERIFIED");
      return ok ? 0 : 1;
    }
  }

  /**
   * {@code vnft operator --key HEX [--rpc URL] [--deployment FILE] [--store DIR] [--journal FILE]
   * [--interval S] [--max-batch N] [--max-wait S] [--once]}.
   *
   * @param args the options
   * @param out progress lines
   * @return 0 when stopped after {@code --once}; otherwise runs until killed
   */
  public static int operator(String[] args, PrintStream out) {
    Flags f = new Flags(args, union(COMMON, Set.of("--key", "--journal", "--interval", "--max-batch",
        "--max-wait")), Set.of("--once"));
    DeploymentFile dep = DeploymentFile.read(Path.of(f.get("--deployment", "vnft-out/deployment.properties")));
    String key = key(f);
    long interval = f.number("--interval", 5, 1, 3600);
    Path zkey = Path.of(f.get("--deployment", "vnft-out/deployment.properties")).toAbsolutePath().getParent()
        .resolve(dep.zkey());
    out.println("operator: loading the pixel proving key " + zkey + " ...");
    Groth16PixelProofSystem proofs = new Groth16PixelProofSystem(dep.format(), ZkeyFile.read(zkey));
    try (Web3jChainBackend chain = backend(f, dep, key);
        VideoGenerator model = new DjlVideoGenerator(DevicePreference.parse(f.get("--device", "auto")))) {
      LocalContentStore store = new LocalContentStore(Path.of(f.get("--store", "vnft-out/ipfs")));
      Vnft vnft = Vnft.builder().discover(false).generator(model).contentStore(store)
          .commitments(new PoseidonCommitmentScheme()).encoder(new Mp4Encoder()).proofSystem(proofs)
          .chain(chain).format(dep.format()).build();
      Path journal = Path.of(f.get("--journal", "vnft-out/journal-" + chain.account().hex() + ".txt"));
      Operator node = Operator.builder().name("operator " + chain.account()).vnft(vnft)
          .journal(OperatorJournal.open(journal, chain.deployment()))
          .maxBatch((int) f.number("--max-batch", 16, 1, 100))
          .maxWaitSeconds(f.number("--max-wait", 30, 0, 86_400)).listener(printTo(out))
          .clock(() -> System.currentTimeMillis() / 1000).build();
      out.println("operator " + chain.account() + " on " + dep.rpcUrl() + ", journal " + journal);
      return loop(node::tick, f.has("--once"), interval, out);
    }
  }

  /**
   * Runs {@code tick} every {@code interval} seconds. A failed pass (node unreachable, a reverted
   * transaction) is reported in one line and retried; after {@value #MAX_FAILURES} failures in a
   * row the command stops with status 1 — the journal keeps what was done, so a restart resumes.
   */
  private static int loop(Runnable tick, boolean once, long interval, PrintStream out) {
    int failures = 0;
    while (true) {
      try {
        tick.run();
        failures = 0;
      } catch (RuntimeException e) {
        failures++;
        Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        out.println("pass failed (" + failures + "/" + MAX_FAILURES + "): " + c.getMessage());
        if (once || failures >= MAX_FAILURES) {
          out.println("stopping; state is in the journal and on chain, a restart resumes from there");
          return 1;
        }
      }
      if (once) {
        return 0;
      }
      sleep(interval);
    }
  }

  /** Consecutive failed passes after which a long-running command stops. */
  static final int MAX_FAILURES = 5;

  /**
   * {@code vnft challenger --key HEX [--rpc URL] [--deployment FILE] [--store DIR] [--interval S] [--once]}.
   *
   * @param args the options
   * @param out progress lines
   * @return 0 when stopped after {@code --once}; otherwise runs until killed
   */
  public static int challenger(String[] args, PrintStream out) {
    Flags f = new Flags(args, union(COMMON, Set.of("--key", "--interval")), Set.of("--once"));
    DeploymentFile dep = DeploymentFile.read(Path.of(f.get("--deployment", "vnft-out/deployment.properties")));
    String key = key(f);
    long interval = f.number("--interval", 5, 1, 3600);
    try (Web3jChainBackend chain = backend(f, dep, key);
        VideoGenerator model = new DjlVideoGenerator(DevicePreference.parse(f.get("--device", "auto")))) {
      Vnft vnft = Vnft.builder().discover(false).generator(model).commitments(new PoseidonCommitmentScheme())
          .contentStore(new LocalContentStore(Path.of(f.get("--store", "vnft-out/ipfs")))).chain(chain)
          .format(dep.format()).build();
      Challenger node = Challenger.builder().name("challenger " + chain.account()).vnft(vnft)
          .listener(printTo(out)).build();
      out.println("challenger " + chain.account() + " watching " + dep.rpcUrl());
      return loop(node::tick, f.has("--once"), interval, out);
    }
  }

  /** @return a listener printing each role's progress line as {@code [role] line} */
  public static RoleListener printTo(PrintStream out) {
    return new RoleListener() {
      @Override
      public void progress(String role, String line) {
        out.println("[" + role + "] " + line);
      }
    };
  }

  private static String key(Flags f) {
    String key = f.get("--key", System.getenv("VNFT_KEY"));
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("--key HEX (or the environment variable VNFT_KEY) is required");
    }
    return key;
  }

  private static Web3jChainBackend backend(Flags f, DeploymentFile dep, String key) {
    return Web3jChainBackend.builder().rpcUrl(f.get("--rpc", dep.rpcUrl())).privateKey(key).chainId(dep.chainId())
        .contracts(dep.contracts()).build();
  }

  /** A throwaway key for read-only use; it never signs a transaction. */
  private static String randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    k[0] &= 0x7f;
    k[31] |= 1;
    return "0x" + HexFormat.of().formatHex(k);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> s = new java.util.HashSet<>(a);
    s.addAll(b);
    return s;
  }

  private static void sleep(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.vnft.api.VnftException("interrupted");
    }
  }
}
