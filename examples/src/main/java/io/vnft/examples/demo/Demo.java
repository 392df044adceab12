package io.vnft.examples.demo;

import io.vnft.api.Address;
import io.vnft.api.BatchStatus;
import io.vnft.api.CommittedBatch;
import io.vnft.api.Direction;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelChallenge;
import io.vnft.api.PriceRound;
import io.vnft.api.RegeneratedVideo;
import io.vnft.api.Stage;
import io.vnft.api.TokenRecord;
import io.vnft.api.Trigger;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.api.Vnft;
import io.vnft.api.VnftListener;
import io.vnft.api.roles.Challenger;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.OperatorJournal;
import io.vnft.api.roles.RoleListener;
import io.vnft.api.roles.TokenVerifier;
import io.vnft.chain.AnvilNode;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.VnftDeployment;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.store.LocalContentStore;
import io.vnft.examples.cli.Commands;
import io.vnft.examples.cli.DeploymentFile;
import io.vnft.gpu.BuiltInModels;
import io.vnft.gpu.BuiltInVideoGenerator;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlGanVideoGenerator;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.encode.ContactSheet;
import io.vnft.gpu.encode.GifEncoder;
import io.vnft.gpu.encode.Mp4Encoder;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.PromptStyle;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.iden3.ZkeyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
 * The end-to-end demo: a local anvil, the contracts, one built-in model ({@code vnft-gan-1} by
 * default, or {@code vnft-cppn-1}) with its Groth16 verifier, users with triggers, a
 * Chainlink-compatible feed driven through a price path, one honest operator, one dishonest
 * operator (it alters one token's frames), a challenger and an auditor who spot-checks an honest
 * batch. Every outcome is read back from the chain; then
 * {@code vnft verify} runs on every token.
 *
 * <p>Accounts (anvil's default keys): 0 deployer, 1 honest operator, 2 dishonest operator,
 * 3 challenger, 4 auditor, 5..7 the users alice, bob and carol.
 */
public final class Demo {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger E8 = BigInteger.TEN.pow(8);
  /** The model the demo mints with unless told otherwise: the trained, text-conditioned one. */
  public static final String DEFAULT_MODEL = GanSpec.MODEL_ID;

  /**
   * Demo settings.
   *
   * @param outDir where videos, GIFs, contact sheets, the content store and logs go
   * @param triggers how many triggers (3..24; users take turns)
   * @param format the video shape
   * @param device where DJL runs the model
   * @param model the built-in model the triggers use and the Groth16 setup is for ({@link BuiltInModels#ids()})
   * @param log progress lines
   * @param keepRunning leave the chain running at the end (until the process is killed) so the
   *     standalone commands can be tried against it
   */
  public record Options(Path outDir, int triggers, VideoFormat format, DevicePreference device, String model,
      PrintStream log, boolean keepRunning) {
    /**
     * Validates the components.
     *
     * @param outDir where videos, GIFs, contact sheets, the content store and logs go
     * @param triggers how many triggers (3..24; users take turns)
     * @param format the video shape
     * @param device where DJL runs the model
     * @param model the built-in model the triggers use and the Groth16 setup is for ({@link BuiltInModels#ids()})
     * @param log progress lines
     * @param keepRunning leave the chain running at the end (until the process is killed) so the
     *     standalone commands can be tried against it
     * @throws InvalidInputException for out-of-range settings or an unknown model
     */
    public Options {
      Objects.requireNonNull(outDir, "outDir");
      if (triggers < 3 || triggers > 24) {
        throw new InvalidInputException("triggers: must be in [3, 24], got " + triggers);
      }
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(device, "device");
      BuiltInModels.requireBuiltIn("model", model);
      Objects.requireNonNull(log, "log");
    }

    /**
     * @return the full demo: 9 triggers of {@value #DEFAULT_MODEL} at its default format (64x64, 24
     *     frames at 12 fps), writing to vnft-out/
     */
    public static Options defaults() {
      return new Options(Path.of("vnft-out"), 9, BuiltInModels.modelInfo(DEFAULT_MODEL).defaultFormat(),
          DevicePreference.AUTO, DEFAULT_MODEL, System.out, false);
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
   */
  public record Result(List<TokenRow> tokens, Map<BigInteger, Address> triggerRecipients, List<BigInteger> unfired,
      List<BigInteger> revertedBatches, List<BigInteger> answeredChallenges, boolean forgedRejected,
      Map<Stage, Double> stageSeconds, double wallSeconds) {}

  private Demo() {}

  private record UserTrigger(int user, Direction direction, long thresholdUsd, String prompt) {}

  /**
   * The users' orders for {@code vnft-cppn-1} (its prompts pick palette, speed and symmetry by
   * keyword): some thresholds are crossed by the price path, some never.
   */
  private static final List<UserTrigger> CPPN_ORDERS = List.of(
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

  /**
   * The same orders for {@code vnft-gan-1}: prompts naming concepts of its training data (emoji names
   * and keywords), four of them morphs (concept A, a connector such as "into", "becoming" or "to", concept B). Order 1 is the
   * one the dishonest operator alters.
   */
  private static final List<UserTrigger> GAN_ORDERS = List.of(
      new UserTrigger(0, Direction.ABOVE, 4000, "a cat face"),
      new UserTrigger(1, Direction.ABOVE, 4100, "a cat turning into fire"),
      new UserTrigger(2, Direction.BELOW, 3600, "a green tree"),
      new UserTrigger(0, Direction.ABOVE, 4300, "a rocket to the moon"),
      new UserTrigger(1, Direction.BELOW, 3400, "a slice of pizza"),
      new UserTrigger(2, Direction.ABOVE, 5000, "a shooting star"),
      new UserTrigger(0, Direction.BELOW, 3000, "a ghost"),
      new UserTrigger(1, Direction.ABOVE, 3900, "a red heart"),
      new UserTrigger(2, Direction.BELOW, 3750, "a snowflake becoming the sun"),
      new UserTrigger(0, Direction.ABOVE, 4200, "an octopus"),
      new UserTrigger(1, Direction.BELOW, 3500, "a dog face"),
      new UserTrigger(2, Direction.ABOVE, 4050, "a rainbow turning into a heart"));

  private static List<UserTrigger> orders(String modelId) {
    return modelId.equals(GanSpec.MODEL_ID) ? GAN_ORDERS : CPPN_ORDERS;
  }

  /** ETH/USD path (8 decimals): up through 4 300, down through 3 400, back up. */
  private static final long[] PRICE_PATH = {3800, 3950, 4120, 4350, 3700, 3450, 3380, 3900};

  private static final String[] USERS = {"alice", "bob", "carol"};

  /** Rollup parameters of the demo: 1 ETH operator bond, 0.1 ETH challenge bond, 600 s / 300 s windows. */
  private static final VnftDeployment.Params PARAMS =
      new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), 600, 300);

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

    // Every built-in model on DJL: the triggers use o.model(); any role could regenerate the other's tokens.
    try (BuiltInVideoGenerator model = BuiltInVideoGenerator.djl(o.model(), o.device())) {
      log.println("model " + o.model() + " on " + device(model.generatorFor(o.model())) + "; weights sha256 "
          + model.model().weightsHash().hex());
      long t0 = System.nanoTime();
      // Development only: a single-party setup whose randomness this process knew (see Groth16PixelProofSystem).
      ProvingKey pk = Groth16.setup(Groth16PixelProofSystem.circuitFor(o.model(), o.format()).r1cs(),
          new SecureRandom());
      ZkeyFile.write(pk, out.resolve("pixel.zkey"));
      Groth16PixelProofSystem proofs = new Groth16PixelProofSystem(o.model(), o.format(), pk);
      stageNanos.get(Stage.PROVE).addAndGet(System.nanoTime() - t0);
      log.printf("%s pixel circuit: %d constraints; development Groth16 setup in %.1f s (insecure single-party "
          + "setup, demo only)%n", o.model(), proofs.constraints(), (System.nanoTime() - t0) / 1e9);
      PoseidonCommitmentScheme commitments = new PoseidonCommitmentScheme();
      Vnft.Builder base = Vnft.builder().discover(false).generator(model).commitments(commitments)
          .encoder(new Mp4Encoder()).proofSystem(proofs).format(o.format()).listener(timing);

      try (DevNetwork net = DevNetwork.start(base, out, PARAMS, new BigDecimal(PRICE_PATH[0]))) {
        return run(o, net, model, log, stageNanos, start, out);
      }
    }
  }

  private static Result run(Options o, DevNetwork net, VideoGenerator model, PrintStream log,
      Map<Stage, AtomicLong> stageNanos, long start, Path out) {
    AnvilNode anvil = net.node();
    VnftDeployment.Addresses contracts = net.contracts();
    Web3jChainBackend owner = net.owner();
    Address feed = net.feed();
    log.println("anvil running at " + anvil.rpcUrl() + " (chain id " + anvil.chainId() + ")");
    log.println("deployed: registry " + contracts.registry() + ", triggers " + contracts.triggerBook()
        + ", nft " + contracts.videoNft() + ", rollup " + contracts.rollup());
    log.println("ETH/USD mock feed " + feed + " at " + PRICE_PATH[0] + ".00 (heartbeat "
        + DevNetwork.FEED_HEARTBEAT_SECONDS + " s)");
    log.println("model " + model.model().modelId() + " registered with the build-time Groth16 verifier "
        + net.verifier() + " (verifying key given at deployment)");
    Path deploymentFile = out.resolve("deployment.properties");
    new DeploymentFile(anvil.rpcUrl(), anvil.chainId(), contracts, o.format(), "pixel.zkey", o.model())
        .write(deploymentFile);

    // ---- users and triggers
    Map<BigInteger, Address> recipients = new ConcurrentHashMap<>();
    Map<BigInteger, String> userOf = new ConcurrentHashMap<>();
    List<UserTrigger> orders = orders(o.model());
    for (int i = 0; i < o.triggers(); i++) {
      UserTrigger ut = orders.get(i % orders.size());
      Vnft user = net.client(5 + ut.user());
      Address me = user.chain().account();
      BigInteger id = user.createTrigger(feed, ut.direction(), BigDecimal.valueOf(ut.thresholdUsd()), ut.prompt(),
          me, ETHER.divide(BigInteger.valueOf(100))).join();
      recipients.put(id, me);
      userOf.put(id, USERS[ut.user()]);
      log.printf("  %-5s trigger %s: %s %d -> \"%s\" (%s)%n", USERS[ut.user()], id, ut.direction(),
          ut.thresholdUsd(), ut.prompt(), readsAs(user.chain().trigger(id)));
    }
    if (o.model().equals(GanSpec.MODEL_ID)) {
      log.println("  (" + GanSpec.MODEL_ID + " reads each prompt as concept A, or A -> B for a morph; a word marked ?"
          + " is not in its vocabulary and is skipped)");
    }

    // ---- operators, challenger, auditor (accounts 1 and 2 are bonded by the network)
    RoleListener printer = Commands.printTo(log);
    String victimPrompt = orders.get(1).prompt();
    Vnft honestClient = net.client(1);
    Vnft evilClient = net.client(2).toBuilder()
        .generator(new TamperingGenerator(model, r -> r.prompt().equals(victimPrompt))).build();
    Operator honest = Operator.builder().name("honest operator").vnft(honestClient)
        .journal(OperatorJournal.open(out.resolve("journal-honest.txt"), honestClient.chain().deployment()))
        .maxBatch(16).maxWaitSeconds(0).listener(printer).build();
    Operator evil = Operator.builder().name("dishonest operator").vnft(evilClient)
        .journal(OperatorJournal.open(out.resolve("journal-dishonest.txt"), evilClient.chain().deployment()))
        .maxBatch(16).maxWaitSeconds(0).listener(printer).build();
    Challenger challenger = Challenger.builder().name("challenger").vnft(net.client(3)).listener(printer).build();
    Vnft auditor = net.client(4);

    List<BigInteger> reverted = new ArrayList<>();
    List<BigInteger> answered = new ArrayList<>();

    // ---- price path, part 1: the dishonest operator is first to the crossings
    for (int i = 1; i <= 3; i++) {
      report(net, PRICE_PATH[i], log);
    }
    evil.tick();
    challenger.tick(); // finds the altered token and challenges its wrong pixel
    evil.tick(); // cannot prove the pixel
    net.increaseTime(PARAMS.responseWindowSeconds() + 1);
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
      report(net, PRICE_PATH[i], log);
    }
    honest.tick();
    challenger.tick(); // checks the honest batches: nothing wrong

    // ---- an auditor spot-checks one honest token; the operator answers with a proof
    Address honestAccount = honestClient.chain().account();
    CommittedBatch audited = owner.batches().stream()
        .filter(b -> b.operator().equals(honestAccount) && b.status() == BatchStatus.PENDING)
        .findFirst().orElseThrow(() -> new IllegalStateException("no honest batch to audit"));
    long pixel = o.format().totalPixels() / 2 + o.format().width() / 3;
    PixelChallenge audit = auditor.chain().challenge(audited.batchId(), 0, pixel);
    log.println("[auditor] spot-check: challenge " + audit.challengeId() + " on batch " + audited.batchId()
        + " leaf 0 pixel " + pixel);
    Operator.TickReport t = honest.tick();
    if (t.answered() > 0 && owner.openChallenges().stream().noneMatch(c -> c.challengeId().equals(audit.challengeId()))) {
      answered.add(audit.challengeId());
    }

    // ---- after the challenge window, the honest operator finalizes
    net.increaseTime(PARAMS.challengeWindowSeconds() + 1);
    honest.tick();
    evil.tick();

    // ---- read everything back and verify every token
    Vnft reader = net.client(0);
    TokenVerifier verifierTool = TokenVerifier.of(reader);
    List<TokenRow> rows = new ArrayList<>();
    for (BigInteger tokenId = BigInteger.ONE; ; tokenId = tokenId.add(BigInteger.ONE)) {
      Optional<TokenRecord> token = reader.chain().token(tokenId);
      if (token.isEmpty()) {
        break;
      }
      Trigger trig = owner.trigger(token.get().leaf().triggerId());
      PriceRound round = owner.feed(feed).round(token.get().leaf().roundId());
      TokenVerifier.Report checks = verifierTool.verify(tokenId);
      log.println("vnft verify --token " + tokenId);
      checks.checks().forEach(c -> log.println("  " + c.line()));
      RegeneratedVideo video = reader.regenerate(trig, round.roundId()).join();
      writeFiles(out, tokenId, video.frames(), net.store(), token.get());
      rows.add(new TokenRow(tokenId, token.get().owner(), userOf.get(trig.triggerId()), trig, round,
          token.get().leaf().contentCid().value(), checks.verified()));
    }

    boolean forgedRejected = forgeAndCheck(net.store(), verifierTool, rows, log);
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

  private static void waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Corrupts a copy of one token's stored video and checks that verification catches it. */
  private static boolean forgeAndCheck(LocalContentStore store, TokenVerifier verifier,
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
        List<TokenVerifier.Check> checks = verifier.verify(row.tokenId()).checks();
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
      TokenRecord leaf) {
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
    log.printf("%-5s %-6s %-44s %-32s %-40s %-12s %-6s %-9s %-62s %s%n", "token", "owner", "address", "prompt",
        "model reads", "trigger", "round", "price", "CID", "verified");
    for (TokenRow r : rows) {
      log.printf("%-5s %-6s %-44s %-32s %-40s %-12s %-6s %-9s %-62s %s%n", r.tokenId(), r.user(), r.owner(),
          cut(r.trigger().prompt(), 32), cut(readsAs(r.trigger()), 40),
          (r.trigger().direction() == Direction.ABOVE ? ">=" : "<=")
              + r.trigger().threshold().divide(E8), r.round().roundId(),
          new java.math.BigDecimal(r.round().answer(), 8).stripTrailingZeros().toPlainString(), r.contentCid(),
          r.verified() ? "yes" : "NO");
    }
    log.println();
  }

  private static String cut(String s, int width) {
    return s.length() > width ? s.substring(0, width - 1) + "…" : s;
  }

  /**
   * What the trigger's model makes of it: for {@code vnft-cppn-1} the style its stored conditioning
   * picks; for {@code vnft-gan-1} the prompt's concept segments as its text encoder splits them
   * ({@link GanText#segments}), words outside the vocabulary marked {@code ?}.
   */
  private static String readsAs(Trigger t) {
    if (t.modelId().equals(CppnSpec.MODEL_ID)) {
      return "style: " + PromptStyle.describe(t.conditioning().toBigInteger().longValue());
    }
    GanText text = new GanText(GanWeights.builtIn());
    List<String> parts = new ArrayList<>();
    for (List<String> segment : GanText.segments(t.prompt())) {
      List<String> words = new ArrayList<>();
      segment.forEach(w -> words.add(text.lookup(w) >= 0 ? w : w + "?"));
      parts.add(words.isEmpty() ? "(none)" : String.join(" ", words));
    }
    return parts.get(0).equals(parts.get(1)) ? parts.get(0) : parts.get(0) + " -> " + parts.get(1);
  }

  private static String device(VideoGenerator g) {
    if (g instanceof DjlVideoGenerator d) {
      return "DJL " + d.device();
    }
    if (g instanceof DjlGanVideoGenerator d) {
      return "DJL " + d.device();
    }
    return g.getClass().getSimpleName();
  }

  private static void report(DevNetwork net, long usd, PrintStream log) {
    net.reportPrice(BigDecimal.valueOf(usd));
    log.println("feed: ETH/USD = " + usd + ".00");
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + p, e);
    }
  }
}
