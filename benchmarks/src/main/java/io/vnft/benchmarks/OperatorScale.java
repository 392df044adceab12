package io.vnft.benchmarks;

import io.vnft.api.Address;
import io.vnft.api.Direction;
import io.vnft.api.FiringRule;
import io.vnft.api.RegeneratedVideo;
import io.vnft.api.TokenRecord;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.RoleListener;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.VnftDeployment;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.store.LocalContentStore;
import io.vnft.chain.testing.FaultProxy;
import io.vnft.examples.cli.DeploymentFile;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.encode.Mp4Encoder;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.iden3.ZkeyFile;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The Java half of {@code benchmarks/operator-scale-kill.sh} and {@code benchmarks/operator-idle-rpc.sh}:
 * a local network with many triggers that all cross in one feed round, a checker of what got
 * minted, and a count of the JSON-RPC requests of an idle operator pass. Not part of {@code mvn
 * verify}; development keys only (anvil's public ones).
 *
 * <pre>
 *   network DIR TRIGGERS [FORMAT WxHxFxFPS]   start anvil + contracts + model, create TRIGGERS triggers from
 *                                            7 user accounts in parallel, move the feed across all of them
 *                                            in one round, write DIR/deployment.properties and
 *                                            DIR/scale.properties, print READY, wait until killed
 *   check DIR                                read every token back, regenerate each video, sum the gas of
 *                                            the operator's transactions; exit 1 on a duplicate, missing
 *                                            or wrong token
 *   idle-rpc DIR                             one in-process Operator over DIR's deployment (a copy of the
 *                                            operator's journal), through a counting loopback proxy: requests
 *                                            of the first (cold) pass and of the next idle passes
 *   idle-rpc-fresh SMALL LARGE [FORMAT]      a network of its own: SMALL triggers minted, idle pass counted;
 *                                            then minted up to LARGE, counted again; then LARGE more open
 *                                            triggers that never cross, counted again
 * </pre>
 */
public final class OperatorScale {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  /** The default fee per trigger: 0.01 ETH, as the README's quick start. */
  private static final BigInteger FEE = ETHER.divide(BigInteger.valueOf(100));
  private static final int MAX_BATCH = 100;
  private static final int FIRST_USER = 3;
  private static final int LAST_USER = 9;
  private static final VideoFormat DEFAULT_FORMAT = new VideoFormat(16, 16, 4, 4);
  private static final VnftDeployment.Params PARAMS =
      new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), 600, 300);

  private OperatorScale() {}

  /**
   * Runs one mode (see the class comment and {@code benchmarks/operator-scale-kill.sh}).
   *
   * @param args the mode ({@code network}, {@code check}, {@code idle-rpc}, {@code idle-rpc-fresh}) and its arguments
   * @throws Exception on any failure; the process exits 1 when a check fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "network" -> network(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]),
          args.length > 3 ? format(args[3]) : DEFAULT_FORMAT);
      case "check" -> System.exit(check(Path.of(args[1]).toAbsolutePath()));
      case "idle-rpc" -> idleRpc(Path.of(args[1]).toAbsolutePath(), args.length > 2 ? Integer.parseInt(args[2]) : 3);
      case "idle-rpc-fresh" -> idleRpcFresh(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
          args.length > 3 ? format(args[3]) : DEFAULT_FORMAT);
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: OperatorScale network DIR TRIGGERS [WxHxFxFPS] | check DIR | idle-rpc DIR [PASSES]"
        + " | idle-rpc-fresh SMALL LARGE [WxHxFxFPS]");
    System.exit(2);
  }

  static VideoFormat format(String s) {
    String[] p = s.split("x");
    return new VideoFormat(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
        Integer.parseInt(p[3]));
  }

  // ------------------------------------------------------------------ network

  private record Net(DevNetwork net, DjlVideoGenerator model) implements AutoCloseable {
    @Override
    public void close() {
      net.close();
      model.close();
    }
  }

  /** A dev network for {@code format}, its proving key in {@code dir/pixel.zkey}, operator 1 bonded for {@code triggers}. */
  private static Net startNetwork(Path dir, int triggers, VideoFormat format) throws IOException {
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    ProvingKey pk = Groth16.setup(Groth16PixelProofSystem.circuitFor(format).r1cs(), new SecureRandom());
    ZkeyFile.write(pk, dir.resolve("pixel.zkey"));
    System.out.printf("pixel circuit setup for %dx%dx%d: %.1f s%n", format.width(), format.height(), format.frames(),
        (System.nanoTime() - t0) / 1e9);
    DjlVideoGenerator model = new DjlVideoGenerator(DevicePreference.CPU);
    DevNetwork net;
    try {
      net = DevNetwork.start(Vnft.builder().discover(false).generator(model).commitments(new PoseidonCommitmentScheme())
          .encoder(new Mp4Encoder()).proofSystem(new Groth16PixelProofSystem(format, pk)).format(format), dir, PARAMS,
          new BigDecimal(3800));
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    // Every batch pending at once locks one bond plus its fees; bond for all of them (DevNetwork bonds 4).
    long batches = (triggers + MAX_BATCH - 1) / MAX_BATCH;
    BigInteger stake = PARAMS.minOperatorBondWei().add(FEE.multiply(BigInteger.valueOf(MAX_BATCH)));
    BigInteger extra = stake.multiply(BigInteger.valueOf(batches + 1));
    try (Web3jChainBackend op = backend(net, net.node().rpcUrl(), DevNetwork.FIRST_OPERATOR)) {
      op.bond(extra);
    }
    return new Net(net, model);
  }

  private static Web3jChainBackend backend(DevNetwork net, String url, int account) {
    return Web3jChainBackend.builder().rpcUrl(url).privateKey(net.node().privateKey(account))
        .chainId(net.node().chainId()).contracts(net.contracts()).pollInterval(20).build();
  }

  /** Creates {@code n} triggers (ABOVE 4000..4099) from the user accounts in parallel; returns id to recipient. */
  private static Map<BigInteger, Address> createTriggers(DevNetwork net, int n, int offset, long baseThreshold)
      throws Exception {
    int users = LAST_USER - FIRST_USER + 1;
    Map<BigInteger, Address> out = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(users);
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        Vnft user = net.client(FIRST_USER + u);
        fs.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            int k = offset + i;
            BigInteger id = user.createTrigger(net.feed(), Direction.ABOVE,
                BigDecimal.valueOf(baseThreshold + k % 100), "scale trigger " + k + ": waves of colour",
                user.chain().account(), FEE).join();
            out.put(id, user.chain().account());
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf("created %d triggers in %.1f s (%d accounts in parallel)%n", n, (System.nanoTime() - t0) / 1e9,
        users);
    return out;
  }

  private static void network(Path dir, int n, VideoFormat format) throws Exception {
    Net h = startNetwork(dir, n, format);
    Runtime.getRuntime().addShutdownHook(new Thread(h::close, "scale-network-stop"));
    DevNetwork net = h.net();
    Map<BigInteger, Address> triggers = createTriggers(net, n, 0, 4000);
    net.reportPrice(new BigDecimal(4100)); // crosses every threshold at once
    BigInteger round = net.owner().feed(net.feed()).latestRound().roundId();
    int crossed = 0;
    for (BigInteger id : triggers.keySet()) {
      if (net.owner().checkFiring(id, round) == FiringRule.Verdict.FIRES) {
        crossed++;
      }
    }
    Path dep = dir.resolve("deployment.properties");
    new DeploymentFile(net.node().rpcUrl(), net.node().chainId(), net.contracts(), format, "pixel.zkey").write(dep);
    Properties p = new Properties();
    p.setProperty("triggers", Integer.toString(triggers.size()));
    p.setProperty("crossed", Integer.toString(crossed));
    p.setProperty("round", round.toString());
    p.setProperty("operatorKey", net.node().privateKey(DevNetwork.FIRST_OPERATOR));
    p.setProperty("readerKey", net.node().privateKey(0));
    p.setProperty("startBlock", Long.toString(blockNumber(net.node().rpcUrl()) + 1));
    StringBuilder ids = new StringBuilder();
    new TreeMap<>(triggers).forEach((id, r) -> ids.append(id).append(':').append(r.hex()).append(','));
    p.setProperty("recipients", ids.toString());
    try (Writer w = Files.newBufferedWriter(dir.resolve("scale.properties"), StandardCharsets.UTF_8)) {
      p.store(w, "operator-scale network");
    }
    System.out.printf("feed round %s crosses %d of %d triggers%n", round, crossed, triggers.size());
    System.out.println("READY " + net.node().rpcUrl());
    System.out.flush();
    Thread.currentThread().join(); // until the script stops this process (SIGTERM: the hook stops anvil)
  }

  private static long blockNumber(String url) throws IOException {
    Web3j w = Web3j.build(new HttpService(url));
    try {
      return w.ethBlockNumber().send().getBlockNumber().longValueExact();
    } finally {
      w.shutdown();
    }
  }

  // ------------------------------------------------------------------ check

  private static Properties load(Path f) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private static int check(Path dir) throws Exception {
    DeploymentFile dep = DeploymentFile.read(dir.resolve("deployment.properties"));
    Properties sp = load(dir.resolve("scale.properties"));
    Map<BigInteger, Address> recipients = new TreeMap<>();
    for (String kv : sp.getProperty("recipients").split(",")) {
      if (!kv.isEmpty()) {
        String[] p = kv.split(":");
        recipients.put(new BigInteger(p[0]), Address.of(p[1]));
      }
    }
    BigInteger round = new BigInteger(sp.getProperty("round"));
    int crossed = Integer.parseInt(sp.getProperty("crossed"));
    long t0 = System.nanoTime();
    try (Web3jChainBackend chain = Web3jChainBackend.builder().rpcUrl(dep.rpcUrl()).privateKey(sp.getProperty("readerKey"))
        .chainId(dep.chainId()).contracts(dep.contracts()).build();
        DjlVideoGenerator model = new DjlVideoGenerator(DevicePreference.CPU)) {
      Vnft vnft = Vnft.builder().discover(false).generator(model).commitments(new PoseidonCommitmentScheme())
          .contentStore(new LocalContentStore(dir.resolve("ipfs"))).encoder(new Mp4Encoder()).chain(chain)
          .format(dep.format()).build();
      Map<BigInteger, Integer> mintsOf = new HashMap<>();
      int tokens = 0;
      int wrongContent = 0;
      int wrongOwnerOrRound = 0;
      for (BigInteger id = BigInteger.ONE; ; id = id.add(BigInteger.ONE)) {
        TokenRecord t = chain.token(id).orElse(null);
        if (t == null) {
          break;
        }
        tokens++;
        BigInteger trig = t.leaf().triggerId();
        mintsOf.merge(trig, 1, Integer::sum);
        Address want = recipients.get(trig);
        if (want == null || !want.equals(t.owner()) || !round.equals(t.leaf().roundId())) {
          wrongOwnerOrRound++;
          System.out.println("token " + id + ": trigger " + trig + " owner " + t.owner() + " round " + t.leaf().roundId()
              + " (expected " + want + ", round " + round + ")");
        }
        Trigger trigger = chain.trigger(trig);
        RegeneratedVideo v = vnft.regenerate(trigger, t.leaf().roundId()).join();
        if (!v.framesRoot().equals(t.leaf().framesRoot())) {
          wrongContent++;
          System.out.println("token " + id + ": framesRoot " + t.leaf().framesRoot() + " != regenerated " + v.framesRoot());
        }
      }
      int once = 0;
      int duplicates = 0;
      for (Map.Entry<BigInteger, Integer> e : mintsOf.entrySet()) {
        if (e.getValue() == 1) {
          once++;
        } else {
          duplicates += e.getValue() - 1;
          System.out.println("trigger " + e.getKey() + ": minted " + e.getValue() + " times");
        }
      }
      int missing = 0;
      for (BigInteger id : recipients.keySet()) {
        if (!mintsOf.containsKey(id)) {
          missing++;
        }
      }
      double checkSeconds = (System.nanoTime() - t0) / 1e9;
      Gas gas = operatorGas(dep.rpcUrl(), addressOf(sp.getProperty("operatorKey")),
          Long.parseLong(sp.getProperty("startBlock")));
      System.out.printf("created %d%ncrossed %d%ntokens %d%nminted exactly once %d%nduplicates %d%nmissing %d%n"
          + "wrong content %d%nwrong owner or round %d%n", recipients.size(), crossed, tokens, once, duplicates, missing,
          wrongContent, wrongOwnerOrRound);
      System.out.printf("operator transactions %d, gas %d (%s) -> gas per token %s%n", gas.txs, gas.total, gas.byKind,
          tokens == 0 ? "-" : Long.toString(gas.total / tokens));
      System.out.printf("check (read back + regenerate %d videos) %.1f s%n", tokens, checkSeconds);
      boolean ok = duplicates == 0 && missing == 0 && wrongContent == 0 && wrongOwnerOrRound == 0
          && once == recipients.size() && crossed == recipients.size();
      System.out.println(ok ? "CHECK: PASS" : "CHECK: FAIL");
      return ok ? 0 : 1;
    }
  }

  private static String addressOf(String key) {
    return org.web3j.crypto.Credentials.create(key).getAddress();
  }

  private record Gas(int txs, long total, Map<String, Long> byKind) {}

  /** Sums gasUsed over every transaction {@code from} sent at or after {@code fromBlock} (block scan + receipts). */
  private static Gas operatorGas(String url, String from, long fromBlock) throws IOException {
    Web3j w = Web3j.build(new HttpService(url));
    try {
      long latest = w.ethBlockNumber().send().getBlockNumber().longValueExact();
      Map<String, String> selectors = Map.of("0x" + sel("reserve(bytes32)"), "reserve",
          "0x" + sel("commitBatch((uint256,uint80,bytes32,uint16,bytes32,uint16,bytes32)[],bytes32)"), "commitBatch",
          "0x" + sel("finalize(uint256)"), "finalize", "0x" + sel("withdraw()"), "withdraw",
          "0x" + sel("advanceCheckpoint(uint256,uint80)"), "advanceCheckpoint");
      int txs = 0;
      long total = 0;
      Map<String, Long> byKind = new TreeMap<>();
      for (long b = fromBlock; b <= latest; b++) {
        EthBlock.Block block = w.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(b)), true).send()
            .getBlock();
        for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
          var tx = (org.web3j.protocol.core.methods.response.Transaction) r.get();
          if (!tx.getFrom().equalsIgnoreCase(from)) {
            continue;
          }
          TransactionReceipt rc = w.ethGetTransactionReceipt(tx.getHash()).send().getTransactionReceipt().orElseThrow();
          long g = rc.getGasUsed().longValueExact();
          txs++;
          total += g;
          String input = tx.getInput();
          String kind = input.length() >= 10 ? selectors.getOrDefault(input.substring(0, 10), "other") : "other";
          byKind.merge(kind, g, Long::sum);
        }
      }
      return new Gas(txs, total, byKind);
    } finally {
      w.shutdown();
    }
  }

  private static String sel(String signature) {
    return org.web3j.crypto.Hash.sha3String(signature).substring(2, 10);
  }

  // ------------------------------------------------------------------ idle RPC

  /** Requests of one operator pass, counted at the HTTP level. */
  private static long countPass(FaultProxy proxy, Operator op) {
    int before = proxy.requests();
    Operator.TickReport r = op.tick();
    long n = proxy.requests() - before;
    System.out.printf("  pass: %d requests (prepared %d, committed %d, minted %d)%n", n, r.prepared(),
        r.committed().size(), r.minted().size());
    return n;
  }

  private static void idleRpc(Path dir, int passes) throws Exception {
    DeploymentFile dep = DeploymentFile.read(dir.resolve("deployment.properties"));
    Properties sp = load(dir.resolve("scale.properties"));
    String key = sp.getProperty("operatorKey");
    Path journal = dir.resolve("journal-" + Address.of(addressOf(key)).hex() + ".txt");
    Path copy = Files.createTempDirectory("idle-rpc").resolve("journal.txt");
    if (Files.exists(journal)) {
      Files.copy(journal, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FaultProxy proxy = new FaultProxy(dep.rpcUrl(), 0.0, 1, 0);
        Web3jChainBackend chain = Web3jChainBackend.builder().rpcUrl(proxy.url()).privateKey(key)
            .chainId(dep.chainId()).contracts(dep.contracts()).pollInterval(20).build();
        DjlVideoGenerator model = new DjlVideoGenerator(DevicePreference.CPU)) {
      Groth16PixelProofSystem proofs = new Groth16PixelProofSystem(dep.format(), ZkeyFile.read(dir.resolve(dep.zkey())));
      Vnft vnft = Vnft.builder().discover(false).generator(model).contentStore(new LocalContentStore(dir.resolve("ipfs")))
          .commitments(new PoseidonCommitmentScheme()).encoder(new Mp4Encoder()).proofSystem(proofs).chain(chain)
          .format(dep.format()).build();
      Operator op = Operator.builder().vnft(vnft).journal(copy).maxBatch(MAX_BATCH).maxWaitSeconds(0)
          .listener(RoleListener.NONE).build();
      System.out.printf("operator over %s with a copy of %s (%s entries in the history)%n", dep.rpcUrl(),
          journal.getFileName(), op.journal().entries().size());
      int start = proxy.requests();
      System.out.println("first pass (cold index, after " + start + " start-up requests):");
      countPass(proxy, op);
      for (int i = 0; i < passes; i++) {
        System.out.println("idle pass " + (i + 1) + ":");
        long n = countPass(proxy, op);
        if (i == passes - 1) {
          System.out.println("IDLE_RPC_PER_PASS " + n);
        }
      }
      System.out.println("per method, all passes: " + methods(proxy));
    }
  }

  private static String methods(FaultProxy proxy) {
    StringBuilder b = new StringBuilder();
    for (String m : List.of("eth_blockNumber", "eth_getBlockByNumber", "eth_getLogs", "eth_call", "eth_chainId",
        "eth_getCode", "eth_getTransactionCount", "eth_estimateGas", "eth_sendRawTransaction")) {
      if (proxy.forwarded(m) > 0) {
        b.append(m).append('=').append(proxy.forwarded(m)).append(' ');
      }
    }
    return b.toString().strip();
  }

  private static void idleRpcFresh(int small, int large, VideoFormat format) throws Exception {
    Path dir = Files.createTempDirectory("idle-rpc-fresh");
    try (Net h = startNetwork(dir, large + small, format);
        FaultProxy proxy = new FaultProxy(h.net().node().rpcUrl(), 0.0, 1, 0);
        Web3jChainBackend chain = backend(h.net(), proxy.url(), DevNetwork.FIRST_OPERATOR)) {
      DevNetwork net = h.net();
      Vnft vnft = net.client(DevNetwork.FIRST_OPERATOR).toBuilder().chain(chain).build();
      Operator op = Operator.builder().vnft(vnft).journal(dir.resolve("journal.txt")).maxBatch(MAX_BATCH)
          .maxWaitSeconds(0).listener(RoleListener.NONE).build();
      Map<String, Long> results = new java.util.LinkedHashMap<>();
      int minted = 0;
      long price = 4100;
      for (int target : new int[] {small, large}) {
        createTriggers(net, target - minted, minted, price - 100);
        net.reportPrice(new BigDecimal(price));
        price += 200;
        long t0 = System.nanoTime();
        int got = 0;
        for (int pass = 0; got < target - minted; pass++) {
          if (pass > 10 * (target / MAX_BATCH + 2)) {
            throw new IllegalStateException("only " + got + " of " + (target - minted) + " minted after " + pass + " passes");
          }
          Operator.TickReport r = op.tick();
          if (r.committed().isEmpty()) {
            net.increaseTime(PARAMS.challengeWindowSeconds() + 1);
          }
          got += r.minted().size();
        }
        minted = target;
        System.out.printf("%d tokens minted in all (%.1f s for this step)%n", minted, (System.nanoTime() - t0) / 1e9);
        op.tick(); // warm: everything seen once
        System.out.println(minted + " minted, 0 open:");
        results.put(minted + " minted, 0 open", countPass(proxy, op));
      }
      createTriggers(net, large, large, 1_000_000); // never crossed
      op.tick(); // scans each new trigger once
      System.out.println(large + " minted, " + large + " open (never crossed):");
      results.put(large + " minted, " + large + " open", countPass(proxy, op));
      results.forEach((k, v) -> System.out.println("IDLE_RPC " + k + ": " + v + " requests per pass"));
    }
  }
}
