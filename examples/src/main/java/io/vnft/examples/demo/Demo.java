package io.vnft.examples.demo;

import io.vnft.api.Address;
import io.vnft.api.BatchStatus;
import io.vnft.api.CommittedBatch;
import io.vnft.api.Direction;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelChallenge;
import io.vnft.api.PriceRound;
import io.vnft.api.Stage;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.api.Vnft;
import io.vnft.api.VnftListener;
import io.vnft.chain.AnvilNode;
import io.vnft.chain.DevChain;
import io.vnft.chain.VnftDeployment;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.store.LocalContentStore;
import io.vnft.examples.challenger.ChallengerNode;
import io.vnft.examples.cli.DeploymentFile;
import io.vnft.examples.operator.OperatorJournal;
import io.vnft.examples.operator.OperatorNode;
import io.vnft.examples.verify.TokenVerifier;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.encode.ContactSheet;
import io.vnft.gpu.encode.GifEncoder;
import io.vnft.gpu.encode.Mp4Encoder;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.CppnWeights;
import io.vnft.gpu.model.PromptStyle;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.iden3.ZkeyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end-to-end demo: a local anvil, the contracts, the built-in model with its Groth16
 * verifier, users with triggers, a Chainlink-compatible feed driven through a price path, one
 * honest operator, one dishonest operator (it alters one token's frames), a challenger and an
 * auditor who spot-checks an honest batch. Every outcome is read back from the chain; then
 * {@code vnft verify} runs on every token.
 *
 * <p>Accounts (anvil's default keys): 0 deployer, 1 honest operator, 2 dishonest operator,
 * 3 challenger, 4 auditor, 5..7 the users alice, bob and carol.
 */
public final class Demo {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger E8 = BigInteger.TEN.pow(8);

  /**
   * Demo settings.
   *
   * @param outDir where videos, GIFs, contact sheets, the content store and logs go
   * @param triggers how many triggers (3..24; users take turns)
   * @param format the video shape
   * @param device where DJL runs the model
   * @param log progress lines
   * @param keepRunning leave the chain running at the end (until the process is killed) so the
   *     standalone commands can be tried against it
   */
  public record Options(Path outDir, int triggers, VideoFormat format, DevicePreference device, PrintStream log,
      boolean keepRunning) {
    /** @throws InvalidInputException for out-of-range settings */
    public Options {
      Objects.requireNonNull(outDir, "outDir");
      if (triggers < 3 || triggers > 24) {
        throw new InvalidInputException("triggers: must be in [3, 24], got " + triggers);
      }
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(log, "log");
    }

    /** @return the full demo: 9 triggers, 64x64, 24 frames at 12 fps, writing to vnft-out/ */
    public static Options defaults() {
      return new Options(Path.of("vnft-out"), 9, new VideoFormat(64, 64, 24, 12), DevicePreference.AUTO,
          System.out, false);
    }
  }

  /**
   * One minted token, as read back from the chain.
   *
   * @param tokenId the token
   * @param owner its owner
   * @param user the user's name
   * @param trigger the trigger
   * @param round the firing round
   * @param contentCid the video's CID
   * @param verified whether {@code vnft verify} passed every check
   */
  public record TokenRow(BigInteger tokenId, Address owner, String user, Trigger trigger, PriceRound round,
      String contentCid, boolean verified) {}

  /**
   * What the demo observed on chain.
   *
   * @param tokens every minted token
   * @param triggerRecipients trigger id to the address that should own its token
   * @param unfired triggers whose threshold the price path never crossed
   * @param revertedBatches batches reverted after an unanswered challenge (with the slash)
   * @param answeredChallenges challenges answered with a proof verified on chain
   * @param forgedRejected whether {@code vnft verify} failed for a forged file
   * @param stageSeconds wall time per pipeline stage, summed over items
   * @param wallSeconds the whole demo
   * @param verifier the verifier used (to re-check tokens after the demo)
   */
  public record Result(List<TokenRow> tokens, Map<BigInteger, Address> triggerRecipients, List<BigInteger> unfired,
      List<BigInteger> revertedBatches, List<BigInteger> answeredChallenges, boolean forgedRejected,
      Map<Stage, Double> stageSeconds, double wallSeconds) {}

  private Demo() {}

  private record UserTrigger(int user, Direction direction, long thresholdUsd, String prompt) {}

  /** The users' orders: some thresholds are crossed by the price path, some never. */
  private static final List<UserTrigger> ORDERS = List.of(
      new UserTrigger(0, Direction.ABOVE, 4000, "ocean waves at dawn, calm blue"),
      new UserTrigger(1, Direction.ABOVE, 4100, "fire dance, fast and symmetric"),
      new UserTrigger(2, Direction.BELOW, 3600, "forest mist, slow green"),
      new UserTrigger(0, Direction.ABOVE, 4300, "neon city pulse"),
      new UserTrigger(1, Direction.BELOW, 3400, "sunset over desert dunes, warm"),
      new UserTrigger(2, Direction.ABOVE, 5000, "aurora ribbons, never reached"),
      new UserTrigger(0, Direction.BELOW, 3000, "deep night sky, never reached"),
      new UserTrigger(1, Direction.ABOVE, 3900, "gold mirror kaleidoscope"),
      new UserTrigger(2, Direction.BELOW, 3750, "lava glow, slow"),
      new UserTrigger(0, Direction.ABOVE, 4200, "ice crystals, cool and symmetric"),
      new UserTrigger(1, Direction.BELOW, 3500, "storm clouds, fast"),
      new UserTrigger(2, Direction.ABOVE, 4050, "candy pastel bloom"));

  /** ETH/USD path (8 decimals): up through 4 300, down through 3 400, back up. */
  private static final long[] PRICE_PATH = {3800, 3950, 4120, 4350, 3700, 3450, 3380, 3900};

  private static final String[] USERS = {"alice", "bob", "carol"};

  /**
   * Runs the demo.
   *
   * @param o settings
   * @return what happened, read from the chain
   */
  public static Result run(Options o) {
    long start = System.nanoTime();
    PrintStream log = o.log();
    Path out = o.outDir().toAbsolutePath();
    mkdirs(out);
    Map<Stage, AtomicLong> stageNanos = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      stageNanos.put(s, new AtomicLong());
    }
    VnftListener timing = new VnftListener() {
      @Override
      public void stageSucceeded(Stage stage, BigInteger triggerId, long nanos) {
        stageNanos.get(stage).addAndGet(nanos);
      }
    };
    log.println("== vnft demo: " + o.triggers() + " triggers, " + o.format().width() + "x" + o.format().height()
        + ", " + o.format().frames() + " frames at " + o.format().fps() + " fps; output in " + out);

    try (AnvilNode anvil = AnvilNode.builder().accounts(10).logFile(out.resolve("anvil.log")).start();
        VideoGenerator model = new DjlVideoGenerator(o.device())) {
      log.println("anvil running at " + anvil.rpcUrl() + " (chain id " + anvil.chainId() + ")");
      log.println("model " + model.model().modelId() + " on " + ((DjlVideoGenerator) model).device()
          + "; weights sha256 " + model.model().weightsHash().hex());

      // ---- deploy and register
      Web3jChainBackend deployer = backend(anvil, 0, null);
      VnftDeployment.Params params = new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), 600, 300);
      VnftDeployment.Addresses contracts = VnftDeployment.deploy(deployer, params);
      deployer.close();
      Web3jChainBackend owner = backend(anvil, 0, contracts);
      log.println("deployed: registry " + contracts.registry() + ", triggers " + contracts.triggerBook()
          + ", nft " + contracts.videoNft() + ", rollup " + contracts.rollup());
      Address feed = DevChain.deployMockFeed(owner, 8, "ETH / USD", BigInteger.valueOf(3800).multiply(E8));
      owner.configureFeed(feed, 3600);
      log.println("ETH/USD mock feed " + feed + " at 3800.00 (heartbeat 3600 s)");

      long t0 = System.nanoTime();
      ProvingKey pk = Groth16.setup(Groth16PixelProofSystem.circuitFor(o.format()).r1cs(), new SecureRandom());
      ZkeyFile.write(pk, out.resolve("pixel.zkey"));
      Groth16PixelProofSystem proofs = new Groth16PixelProofSystem(o.format(), pk);
      stageNanos.get(Stage.PROVE).addAndGet(System.nanoTime() - t0);
      log.printf("pixel circuit: %d constraints; development Groth16 setup in %.1f s (insecure single-party "
          + "setup, demo only)%n", proofs.constraints(), (System.nanoTime() - t0) / 1e9);
      Address verifier = DevChain.compileAndDeploy(owner, proofs.solidityVerifier("VnftCppn1Verifier"),
          "VnftCppn1Verifier", out.resolve("verifier"));
      owner.registerModel(CppnSpec.MODEL_ID, CppnWeights.builtIn().sha256(), verifier, o.format().width(),
          o.format().height(), o.format().frames(), "ipfs://vnft-cppn-1");
      log.println("model " + CppnSpec.MODEL_ID + " registered with its verifier " + verifier);
      Path deploymentFile = out.resolve("deployment.properties");
      new DeploymentFile(anvil.rpcUrl(), anvil.chainId(), contracts, o.format(), "pixel.zkey").write(deploymentFile);

      // ---- users and triggers
      Map<BigInteger, Address> recipients = new ConcurrentHashMap<>();
      Map<BigInteger, String> userOf = new ConcurrentHashMap<>();
      List<BigInteger> triggerIds = new ArrayList<>();
      for (int i = 0; i < o.triggers(); i++) {
        UserTrigger ut = ORDERS.get(i % ORDERS.size());
        try (Web3jChainBackend user = backend(anvil, 5 + ut.user(), contracts)) {
          BigInteger id = user.createTrigger(feed, ut.direction(), BigInteger.valueOf(ut.thresholdUsd()).multiply(E8),
              ut.prompt(), PromptStyle.of(ut.prompt()), CppnSpec.MODEL_ID, user.address(),
              ETHER.divide(BigInteger.valueOf(100)));
          recipients.put(id, user.address());
          userOf.put(id, USERS[ut.user()]);
          triggerIds.add(id);
          log.printf("  %-5s trigger %s: %s %d -> \"%s\" (style: %s)%n", USERS[ut.user()], id, ut.direction(),
              ut.thresholdUsd(), ut.prompt(), PromptStyle.describe(PromptStyle.of(ut.prompt())));
        }
      }

      // ---- operators, challenger, auditor
      LocalContentStore store = new LocalContentStore(out.resolve("ipfs"));
      PoseidonCommitmentScheme commitments = new PoseidonCommitmentScheme();
      Web3jChainBackend honestChain = backend(anvil, 1, contracts);
      Web3jChainBackend evilChain = backend(anvil, 2, contracts);
      Web3jChainBackend challengerChain = backend(anvil, 3, contracts);
      Web3jChainBackend auditorChain = backend(anvil, 4, contracts);
      honestChain.bond(ETHER);
      evilChain.bond(ETHER);
      String victimPrompt = ORDERS.get(1).prompt();
      Vnft base = Vnft.builder().discover(false).contentStore(store).commitments(commitments)
          .encoder(new Mp4Encoder()).proofSystem(proofs).format(o.format()).listener(timing).build();
      OperatorNode honest = OperatorNode.builder().name("honest operator")
          .vnft(base.toBuilder().generator(model).chain(honestChain).build()).chain(honestChain)
          .journal(OperatorJournal.open(out.resolve("journal-honest.txt"))).maxBatch(16).maxWaitSeconds(0)
          .clock(() -> DevChain.chainTime(owner)).log(log).build();
      OperatorNode evil = OperatorNode.builder().name("dishonest operator")
          .vnft(base.toBuilder().generator(new TamperingGenerator(model, r -> r.prompt().equals(victimPrompt)))
              .chain(evilChain).build()).chain(evilChain)
          .journal(OperatorJournal.open(out.resolve("journal-dishonest.txt"))).maxBatch(16).maxWaitSeconds(0)
          .clock(() -> DevChain.chainTime(owner)).log(log).build();
      ChallengerNode challenger = new ChallengerNode("challenger", challengerChain, model, commitments, store,
          o.format(), log);

      List<BigInteger> reverted = new ArrayList<>();
      List<BigInteger> answered = new ArrayList<>();

      // ---- price path, part 1: the dishonest operator is first to the crossings
      for (int i = 1; i <= 3; i++) {
        report(owner, feed, PRICE_PATH[i], log);
      }
      evil.tick();
      challenger.tick(); // finds the altered token and challenges its wrong pixel
      evil.tick(); // cannot prove the pixel
      DevChain.increaseTime(anvil.rpcUrl(), params.responseWindowSeconds() + 1);
      challenger.tick(); // settles: batch reverted, triggers reopen, operator slashed
      for (CommittedBatch b : owner.batches()) {
        if (b.status() == BatchStatus.REVERTED) {
          reverted.add(b.batchId());
        }
      }
      log.println("dishonest operator's batches reverted: " + reverted);

      // ---- the honest operator picks the reopened triggers up; then the path goes on
      honest.tick();
      for (int i = 4; i < PRICE_PATH.length; i++) {
        report(owner, feed, PRICE_PATH[i], log);
      }
      honest.tick();
      challenger.tick(); // checks the honest batches: nothing wrong

      // ---- an auditor spot-checks one honest token; the operator answers with a proof
      CommittedBatch audited = owner.batches().stream()
          .filter(b -> b.operator().equals(honestChain.account()) && b.status() == BatchStatus.PENDING)
          .findFirst().orElseThrow(() -> new IllegalStateException("no honest batch to audit"));
      long pixel = o.format().totalPixels() / 2 + o.format().width() / 3;
      PixelChallenge audit = auditorChain.challenge(audited.batchId(), 0, pixel);
      log.println("[auditor] spot-check: challenge " + audit.challengeId() + " on batch " + audited.batchId()
          + " leaf 0 pixel " + pixel);
      OperatorNode.TickReport t = honest.tick();
      if (t.answered() > 0 && owner.openChallenges().stream().noneMatch(c -> c.challengeId().equals(audit.challengeId()))) {
        answered.add(audit.challengeId());
      }

      // ---- after the challenge window, the honest operator finalizes
      DevChain.increaseTime(anvil.rpcUrl(), params.challengeWindowSeconds() + 1);
      honest.tick();
      evil.tick();

      // ---- read everything back and verify every token
      TokenVerifier verifierTool = new TokenVerifier(owner, model, commitments, store, o.format());
      List<TokenRow> rows = new ArrayList<>();
      BigInteger tokenId = BigInteger.ONE;
      while (true) {
        Optional<DevChain.TokenLeaf> leaf = tokenLeaf(owner, tokenId);
        if (leaf.isEmpty()) {
          break;
        }
        Trigger trig = owner.trigger(leaf.get().leaf().triggerId());
        PriceRound round = owner.feed(feed).round(leaf.get().leaf().roundId());
        List<TokenVerifier.Check> checks = verifierTool.verify(tokenId);
        boolean ok = checks.stream().allMatch(TokenVerifier.Check::passed);
        log.println("vnft verify --token " + tokenId);
        checks.forEach(c -> log.println("  " + c.line()));
        VideoFrames frames = model.generate(new io.vnft.api.GenerationRequest(trig.modelId(),
            commitments.seed(trig.triggerId(), round.roundId(), trig.promptHash()), trig.prompt(), o.format()));
        writeFiles(out, tokenId, frames, store, leaf.get());
        rows.add(new TokenRow(tokenId, owner.ownerOf(tokenId), userOf.get(trig.triggerId()), trig, round,
            leaf.get().leaf().contentCid().value(), ok));
        tokenId = tokenId.add(BigInteger.ONE);
      }

      boolean forgedRejected = forgeAndCheck(out, store, verifierTool, rows, log);
      List<BigInteger> unfired = new ArrayList<>();
      for (Trigger open : owner.openTriggers()) {
        unfired.add(open.triggerId());
      }
      printTable(rows, log);
      Map<Stage, Double> seconds = new EnumMap<>(Stage.class);
      stageNanos.forEach((k, v) -> seconds.put(k, v.get() / 1e9));
      double wall = (System.nanoTime() - start) / 1e9;
      log.printf("triggers never crossed (still open): %s%n", unfired);
      log.printf("slashed batches: %s; challenges answered with an on-chain verified proof: %s%n", reverted, answered);
      log.printf("forged file detected by vnft verify: %s%n", forgedRejected);
      log.printf("time: generate %.1f s, commit %.1f s, store %.1f s, prove (setup + proofs) %.1f s, chain commit %.1f s,"
          + " finalize %.1f s; wall %.1f s%n", seconds.get(Stage.GENERATE), seconds.get(Stage.COMMIT),
          seconds.get(Stage.STORE), seconds.get(Stage.PROVE), seconds.get(Stage.CHAIN_COMMIT),
          seconds.get(Stage.FINALIZE), wall);
      for (Web3jChainBackend b : List.of(owner, honestChain, evilChain, challengerChain, auditorChain)) {
        b.close();
      }
      if (o.keepRunning()) {
        log.println("chain left running at " + anvil.rpcUrl() + " (deployment in " + deploymentFile + "); try:");
        String where = " --deployment " + deploymentFile + " --store " + out.resolve("ipfs");
        log.println("  ./vnft verify --token 1" + where);
        log.println("  ./vnft challenger --key " + anvil.privateKey(3) + " --once" + where);
        log.println("Ctrl-C stops it.");
        waitForever();
      }
      return new Result(rows, Map.copyOf(recipients), unfired, reverted, answered, forgedRejected, seconds, wall);
    }
  }

  private static void waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<DevChain.TokenLeaf> tokenLeaf(Web3jChainBackend chain, BigInteger tokenId) {
    try {
      chain.ownerOf(tokenId);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(DevChain.tokenLeaf(chain, tokenId));
  }

  /** Corrupts a copy of one token's stored video and checks that verification catches it. */
  private static boolean forgeAndCheck(Path out, LocalContentStore store, TokenVerifier verifier,
      List<TokenRow> rows, PrintStream log) {
    if (rows.isEmpty()) {
      return false;
    }
    TokenRow row = rows.get(0);
    Path file = store.path(io.vnft.api.ContentId.parse(row.contentCid()));
    try {
      byte[] original = Files.readAllBytes(file);
      byte[] forged = original.clone();
      forged[forged.length / 2] ^= 0x5a;
      Files.write(file, forged);
      try {
        List<TokenVerifier.Check> checks = verifier.verify(row.tokenId());
        boolean failed = checks.stream().anyMatch(c -> !c.passed());
        log.println("vnft verify --token " + row.tokenId() + " after forging its stored video:");
        checks.stream().filter(c -> !c.passed()).forEach(c -> log.println("  " + c.line()));
        return failed;
      } finally {
        Files.write(file, original);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeFiles(Path out, BigInteger tokenId, VideoFrames frames, LocalContentStore store,
      DevChain.TokenLeaf leaf) {
    Path dir = out.resolve("tokens");
    mkdirs(dir);
    try {
      Files.write(dir.resolve("token-" + tokenId + ".mp4"), store.get(leaf.leaf().contentCid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new GifEncoder().write(frames, dir.resolve("token-" + tokenId + ".gif"));
    ContactSheet.builder().build().write(frames, dir.resolve("token-" + tokenId + "-sheet.png"));
  }

  private static void printTable(List<TokenRow> rows, PrintStream log) {
    log.println();
    log.printf("%-5s %-6s %-44s %-42s %-12s %-6s %-9s %-62s %s%n", "token", "owner", "address", "prompt", "trigger",
        "round", "price", "CID", "verified");
    for (TokenRow r : rows) {
      String prompt = r.trigger().prompt().length() > 40 ? r.trigger().prompt().substring(0, 39) + "…"
          : r.trigger().prompt();
      log.printf("%-5s %-6s %-44s %-42s %-12s %-6s %-9s %-62s %s%n", r.tokenId(), r.user(), r.owner(), prompt,
          (r.trigger().direction() == Direction.ABOVE ? ">=" : "<=")
              + r.trigger().threshold().divide(E8), r.round().roundId(),
          new java.math.BigDecimal(r.round().answer(), 8).stripTrailingZeros().toPlainString(), r.contentCid(),
          r.verified() ? "yes" : "NO");
    }
    log.println();
  }

  private static void report(Web3jChainBackend owner, Address feed, long usd, PrintStream log) {
    DevChain.reportPrice(owner, feed, BigInteger.valueOf(usd).multiply(E8));
    log.println("feed: ETH/USD = " + usd + ".00");
  }

  private static Web3jChainBackend backend(AnvilNode anvil, int account, VnftDeployment.Addresses contracts) {
    return Web3jChainBackend.builder().rpcUrl(anvil.rpcUrl()).privateKey(anvil.privateKey(account))
        .chainId(anvil.chainId()).contracts(contracts).pollInterval(20).build();
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + p, e);
    }
  }
}
