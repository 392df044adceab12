package io.vnft.benchmarks.gan;

import static io.vnft.benchmarks.gan.ReportFiles.fmt;
import static io.vnft.benchmarks.gan.ReportFiles.pct;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.Providers;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.api.VideoGeneratorProvider;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.tools.GanContactSheet;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.Poseidon;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The measured-quality report of {@value GanSpec#MODEL_ID}: does a held-out prompt make the model
 * draw its concept? Each prompt of the held-out file is rendered and the rendered frame is ranked
 * against every training image by {@link ImageSimilarity}; the report gives top-1 and top-5
 * retrieval rates (chance: 1/N and 5/N for N concepts), a seed-diversity figure and the rank of
 * every prompt. A report tool, never a timed test.
 *
 * <p>Usage (see {@code benchmarks/gan-quality.sh}, which builds and runs it):
 * <pre>
 *   GanQualityReport CONCEPTS.tsv PROMPTS.tsv OUT_DIR [WEIGHTS|builtin]
 *       [--baseline WEIGHTS|builtin] [--threads N] [--generator NAME [--batch N]]
 * </pre>
 *
 * <ol>
 *   <li>The prompts are checked first ({@link PromptRules}); a refused prompt stops the run with
 *       exit status 2 and a message naming its line and the rule.
 *   <li>Prompt {@code i} (0-based among the file's prompt rows) gets conditioning
 *       {@code new GanText(weights).conditioningOf(prompt)} and seed {@link #seed seed(i, 0)} =
 *       {@code Poseidon(i, 0)}, a field element, so below r. Frame 0 (and, for a morph, frame
 *       {@code F - 1}) of a {@link #FORMAT 64x64x24} video is rendered: by {@link io.vnft.gpu.model.ReferenceGan}
 *       per pixel on {@code --threads} threads (default 2), or by the {@code --generator} named
 *       {@code VideoGeneratorProvider}, which must run the same weights.
 *   <li>Rank of the target concept's image (frame 0 vs A, a morph's last frame vs B) among all
 *       dataset images, each composited on the video's background colour
 *       ({@link GanLatent#background}); ties count against the target.
 *   <li>Seed diversity: {@value #DIVERSITY_PROMPTS} one-concept prompts (those at positions
 *       {@code floor(j S / 20)} of the S one-concept prompts) with seeds {@code seed(i, k)},
 *       k = 0..{@value #DIVERSITY_SEEDS}-1: the mean per-pixel absolute difference of frame 0
 *       between two different seeds (0..255 over R, G, B, all pairs), and the top-1/top-5 rates
 *       over all those renders.
 *   <li>{@code --baseline} runs the same measurement on a second weights file (the untrained
 *       placeholder, say) and adds its rows.
 * </ol>
 *
 * <p>Writes {@code report.md} and {@code report.json} into OUT_DIR (created) and prints a summary.
 */
public final class GanQualityReport {
  /** The shape rendered: the model's default, 64x64 pixels, 24 frames. */
  public static final VideoFormat FORMAT = GanSpec.DEFAULT_FORMAT;
  /** One-concept prompts in the seed-diversity measurement. */
  public static final int DIVERSITY_PROMPTS = 20;
  /** Seeds per prompt in the seed-diversity measurement. */
  public static final int DIVERSITY_SEEDS = 4;
  private static final int CHUNK = 32;
  private static final List<String> SET_NAMES = List.of("single", "morph-first", "morph-last");
  private static final List<String> RATE_NAMES = List.of("one-concept prompts, frame 0", "morphs, frame 0 vs A",
      "morphs, last frame vs B", "overall");

  private GanQualityReport() {}

  /**
   * Rates of one set of rankings.
   *
   * @param set what was ranked
   * @param n rankings
   * @param top1 rankings with rank 1
   * @param top5 rankings with rank at most 5
   * @param meanRank mean rank
   * @param medianRank median rank (the mean of the two middle ones for even n)
   */
  public record Rates(String set, int n, int top1, int top5, double meanRank, double medianRank) {
    /**
     * @param set what was ranked
     * @param ranks the 1-based ranks
     * @return their rates ({@code NaN} means for none)
     */
    public static Rates of(String set, List<Integer> ranks) {
      List<Integer> s = new ArrayList<>(ranks);
      s.sort(null);
      int n = s.size();
      double mean = s.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
      double median = n == 0 ? Double.NaN : (s.get((n - 1) / 2) + s.get(n / 2)) / 2.0;
      return new Rates(set, n, (int) s.stream().filter(r -> r == 1).count(),
          (int) s.stream().filter(r -> r <= 5).count(), mean, median);
    }

    /** @return top1 / n */
    public double top1Rate() {
      return (double) top1 / n;
    }

    /** @return top5 / n */
    public double top5Rate() {
      return (double) top5 / n;
    }
  }

  /**
   * One ranked frame.
   *
   * @param prompt the prompt's index
   * @param text the prompt
   * @param set {@code single}, {@code morph-first}, {@code morph-last} or {@code diversity}
   * @param seedK the k of {@link #seed seed(prompt, k)}
   * @param frame the frame index
   * @param target the target concept's short name
   * @param rank the target's rank
   * @param best the best-scoring concept's short name
   * @param score the target's score (negative mean squared error)
   */
  public record Scored(int prompt, String text, String set, int seedK, int frame, String target, int rank,
      String best, double score) {}

  /**
   * The seed-diversity figures.
   *
   * @param prompts prompts measured
   * @param seeds seeds per prompt
   * @param meanAbsDiff mean per-pixel absolute difference of frame 0 between different seeds, 0..255
   * @param rates top-1/top-5 over all prompts and seeds
   */
  public record Diversity(int prompts, int seeds, double meanAbsDiff, Rates rates) {}

  /**
   * One measurement.
   *
   * @param weightsSha256 SHA-256 of the weights
   * @param source what rendered
   * @param concepts dataset images ranked against
   * @param rates single, morph-first, morph-last and overall rates, in that order
   * @param blank the same rates for a frame of the background colour only, the floor a model
   *     must beat (transparent-heavy images score well against a flat frame, so its mean rank is
   *     better than chance)
   * @param byCategory the one-concept prompts' rates by the target's category
   * @param diversity the seed-diversity figures
   * @param scored every ranked frame
   * @param seconds wall time of rendering and ranking
   * @param wordsKnown distinct prompt words (after stopwords) the weights' vocabulary resolves
   * @param wordsMissing those it does not (the encoder drops them), sorted
   */
  public record Result(Bytes32 weightsSha256, String source, int concepts, List<Rates> rates, List<Rates> blank,
      Map<String, Rates> byCategory, Diversity diversity, List<Scored> scored, double seconds, int wordsKnown,
      List<String> wordsMissing) {}

  /**
   * @param promptIndex the prompt's index
   * @param k the seed's number, 0 for the main render
   * @return {@code Poseidon(promptIndex, k)} as a bytes32 (a field element, so below r)
   */
  public static Bytes32 seed(int promptIndex, int k) {
    return Bytes32.fromBigInteger(Poseidon.hash(Fr.of(promptIndex), Fr.of(k)).toBigInteger());
  }

  /**
   * Runs the tool; exit status 0 when the report is written, 2 when a prompt is refused, 1 on
   * any other error.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) {
    exitOnError(() -> run(args, System.out));
  }

  /** A report tool's work, run by {@link #exitOnError}. */
  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs a report tool's main work: an {@link InvalidInputException} (bad input, named) exits 2
   * after printing {@code REFUSED: message}, any other error exits 1 after {@code FAILED:} and its
   * stack trace.
   */
  static void exitOnError(Body body) {
    try {
      body.run();
    } catch (InvalidInputException e) {
      System.err.println("REFUSED: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("FAILED: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  /**
   * The tool without {@code System.exit}.
   *
   * @param args see the class comment
   * @param out where progress and the summary go
   * @throws InvalidInputException if an argument or a prompt is refused
   * @throws IOException if a file cannot be read or written
   * @throws InterruptedException if interrupted while rendering
   */
  public static void run(String[] args, PrintStream out) throws IOException, InterruptedException {
    List<String> pos = new ArrayList<>();
    String baseline = null;
    String generatorName = null;
    int threads = 2;
    int batch = 16;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--baseline" -> baseline = value(args, ++i);
        case "--generator" -> generatorName = value(args, ++i);
        case "--threads" -> threads = Integer.parseInt(value(args, ++i));
        case "--batch" -> batch = Integer.parseInt(value(args, ++i));
        default -> pos.add(args[i]);
      }
    }
    if (pos.size() < 3 || pos.size() > 4) {
      throw new InvalidInputException("usage: GanQualityReport CONCEPTS.tsv PROMPTS.tsv OUT_DIR "
          + "[WEIGHTS|builtin] [--baseline WEIGHTS|builtin] [--threads N] [--generator NAME [--batch N]]");
    }
    Path promptsFile = Path.of(pos.get(1));
    Path outDir = Path.of(pos.get(2));
    String weightsSpec = pos.size() > 3 ? pos.get(3) : "builtin";
    List<Concept> concepts = Concept.readAll(Path.of(pos.get(0)));
    List<HeldOutPrompt> prompts = HeldOutPrompt.readAll(promptsFile);
    PromptRules rules = new PromptRules(concepts);
    rules.check(prompts);
    long singles = prompts.stream().filter(p -> !p.morph()).count();
    out.printf("%d concepts, %d prompts (%d one-concept, %d morphs): all pass the held-out rules%n",
        concepts.size(), prompts.size(), singles, prompts.size() - singles);
    TrainingImages images = TrainingImages.load(concepts);
    GanWeights weights = GanContactSheet.weights(weightsSpec);

    Result main;
    if (generatorName != null) {
      String name = generatorName;
      VideoGeneratorProvider p = Providers.named(VideoGeneratorProvider.class, name)
          .orElseThrow(() -> new InvalidInputException("generator: no VideoGeneratorProvider is named '" + name
              + "'"));
      try (VideoGenerator g = p.create()) {
        FrameSource src = FrameSource.of(g, batch);
        if (!src.weightsSha256().equals(weights.sha256())) {
          throw new InvalidInputException("generator: " + name + " runs weights " + src.weightsSha256().hex()
              + ", not the weights given (" + weights.sha256().hex() + ")");
        }
        main = measure(concepts, images, prompts, rules, weights, src, out);
      }
    } else {
      main = measure(concepts, images, prompts, rules, weights, FrameSource.reference(weights, threads), out);
    }
    Result base = null;
    if (baseline != null) {
      GanWeights bw = GanContactSheet.weights(baseline);
      out.println("baseline: weights " + bw.sha256().hex());
      base = measure(concepts, images, prompts, rules, bw, FrameSource.reference(bw, threads), out);
    }
    String command = System.getProperty("vnft.report.command",
        "java " + GanQualityReport.class.getName() + " " + String.join(" ", args));
    Files.createDirectories(outDir);
    String promptsSha = "0x" + HexFormat.of().formatHex(sha256(Files.readAllBytes(promptsFile)));
    ReportFiles.Meta meta = new ReportFiles.Meta(command, weightsSpec, baseline, promptsFile.toString(), promptsSha,
        (int) singles, prompts.size() - (int) singles);
    Files.writeString(outDir.resolve("report.md"), ReportFiles.markdown(meta, main, base), StandardCharsets.UTF_8);
    Files.writeString(outDir.resolve("report.json"), ReportFiles.json(meta, main, base), StandardCharsets.UTF_8);
    out.println();
    summary(out, "weights " + main.weightsSha256().hex(), main);
    if (base != null) {
      summary(out, "baseline " + base.weightsSha256().hex(), base);
    }
    int n = concepts.size();
    out.printf("chance: top-1 %s, top-5 %s (of %d)%n", pct(1.0 / n), pct(5.0 / n), n);
    out.println("wrote " + outDir.resolve("report.md") + " and report.json");
  }

  /**
   * Renders and ranks every prompt (and the seed-diversity renders) for one weights file.
   *
   * @param concepts the dataset
   * @param images the dataset images, in concept order
   * @param prompts the held-out prompts, already checked
   * @param rules the rules (for the short-name lookup)
   * @param weights the weights whose text encoder gives the conditioning
   * @param source what renders
   * @param log where progress goes
   * @return the measurement
   * @throws InterruptedException if interrupted while rendering
   */
  public static Result measure(List<Concept> concepts, TrainingImages images, List<HeldOutPrompt> prompts,
      PromptRules rules, GanWeights weights, FrameSource source, PrintStream log) throws InterruptedException {
    long t0 = System.nanoTime();
    GanText text = new GanText(weights);
    int last = FORMAT.frames() - 1;
    List<FrameSource.Job> jobs = new ArrayList<>();
    for (HeldOutPrompt p : prompts) {
      int[] frames = p.morph() ? new int[] {0, last} : new int[] {0};
      jobs.add(new FrameSource.Job(p.text(), seed(p.index(), 0), text.conditioningOf(p.text()), FORMAT, frames));
    }
    List<HeldOutPrompt> diverse = diversityPrompts(prompts);
    for (HeldOutPrompt p : diverse) {
      for (int k = 1; k < DIVERSITY_SEEDS; k++) {
        jobs.add(new FrameSource.Job(p.text(), seed(p.index(), k), text.conditioningOf(p.text()), FORMAT,
            new int[] {0}));
      }
    }
    log.printf("rendering %d videos' frames with %s (weights %s)%n", jobs.size(), source.description(),
        source.weightsSha256().hex());
    List<VideoFrames> frames = new ArrayList<>();
    for (int from = 0; from < jobs.size(); from += CHUNK) {
      frames.addAll(source.render(jobs.subList(from, Math.min(jobs.size(), from + CHUNK))));
      log.printf("  %d/%d rendered, %.0f s%n", frames.size(), jobs.size(), (System.nanoTime() - t0) / 1e9);
    }

    // Per set (one-concept, morph first frame vs A, morph last frame vs B): the rendered frame's
    // ranks and those of a flat frame of the background colour.
    List<List<Integer>> ranks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<List<Integer>> flatRanks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<Scored> scored = new ArrayList<>();
    Map<String, List<Integer>> byCategory = new TreeMap<>();
    for (HeldOutPrompt p : prompts) {
      VideoFrames v = frames.get(p.index());
      Bytes32 seed = seed(p.index(), 0);
      List<double[]> gallery = images.thumbnails(seed);
      double[] flat = ImageSimilarity.uniform(TrainingImages.background(seed));
      for (int end = 0; end < (p.morph() ? 2 : 1); end++) {
        int set = p.morph() ? 1 + end : 0;
        String target = end == 0 ? p.targetA() : p.targetB();
        Scored x = score(p, SET_NAMES.get(set), 0, v, end, end == 0 ? 0 : last, target, gallery, concepts, rules);
        scored.add(x);
        ranks.get(set).add(x.rank());
        flatRanks.get(set).add(ImageSimilarity.rank(flat, gallery, rules.concept(target).index()).rank());
        if (set == 0) {
          byCategory.computeIfAbsent(rules.concept(target).category(), c -> new ArrayList<>()).add(x.rank());
        }
      }
    }

    List<Integer> diverseRanks = new ArrayList<>();
    double diffSum = 0;
    int pairs = 0;
    int next = prompts.size();
    for (HeldOutPrompt p : diverse) {
      List<VideoFrames> seeds = new ArrayList<>();
      seeds.add(frames.get(p.index()));
      for (int k = 1; k < DIVERSITY_SEEDS; k++) {
        seeds.add(frames.get(next++));
      }
      for (int k = 0; k < seeds.size(); k++) {
        Scored s = score(p, "diversity", k, seeds.get(k), 0, 0, p.targetA(),
            images.thumbnails(seed(p.index(), k)), concepts, rules);
        if (k > 0) {
          scored.add(s);
        }
        diverseRanks.add(s.rank());
        for (int j = 0; j < k; j++) {
          diffSum += meanAbsDiff(seeds.get(j), seeds.get(k));
          pairs++;
        }
      }
    }
    Map<String, Rates> cat = new TreeMap<>();
    byCategory.forEach((c, r) -> cat.put(c, Rates.of(c, r)));
    Diversity diversity = new Diversity(diverse.size(), DIVERSITY_SEEDS, pairs == 0 ? Double.NaN : diffSum / pairs,
        Rates.of("diversity", diverseRanks));
    SortedSet<String> known = new TreeSet<>();
    SortedSet<String> missing = new TreeSet<>();
    for (HeldOutPrompt p : prompts) {
      for (List<String> segment : GanText.segments(p.text())) {
        for (String w : segment) {
          (text.lookup(w) >= 0 ? known : missing).add(w);
        }
      }
    }
    return new Result(source.weightsSha256(), source.description(), concepts.size(), rates(ranks), rates(flatRanks),
        cat, diversity, scored, (System.nanoTime() - t0) / 1e9, known.size(), List.copyOf(missing));
  }

  /** The rates of the three sets, then of all of them together ("overall"). */
  private static List<Rates> rates(List<List<Integer>> sets) {
    List<Rates> out = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      out.add(Rates.of(RATE_NAMES.get(i), sets.get(i)));
      all.addAll(sets.get(i));
    }
    out.add(Rates.of(RATE_NAMES.get(sets.size()), all));
    return List.copyOf(out);
  }

  private static List<HeldOutPrompt> diversityPrompts(List<HeldOutPrompt> prompts) {
    List<HeldOutPrompt> s = prompts.stream().filter(p -> !p.morph()).toList();
    List<HeldOutPrompt> out = new ArrayList<>();
    int n = Math.min(DIVERSITY_PROMPTS, s.size());
    for (int j = 0; j < n; j++) {
      out.add(s.get(j * s.size() / n));
    }
    return out;
  }

  private static Scored score(HeldOutPrompt p, String set, int k, VideoFrames v, int kept, int frame, String target,
      List<double[]> gallery, List<Concept> concepts, PromptRules rules) {
    VideoFormat f = v.format();
    double[] q = ImageSimilarity.thumbnail(v.rgbUnsafe(), kept * f.pixelsPerFrame() * 3, f.width(), f.height());
    ImageSimilarity.Ranking r = ImageSimilarity.rank(q, gallery, rules.concept(target).index());
    return new Scored(p.index(), p.text(), set, k, frame, target, r.rank(), concepts.get(r.best()).shortName(),
        r.targetScore());
  }

  private static double meanAbsDiff(VideoFrames a, VideoFrames b) {
    byte[] x = a.rgbUnsafe();
    byte[] y = b.rgbUnsafe();
    int n = a.format().pixelsPerFrame() * 3;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
    }
    return (double) sum / n;
  }

  private static void summary(PrintStream out, String label, Result r) {
    out.println(label + " (" + fmt(r.seconds()) + " s):");
    for (Rates q : r.rates()) {
      out.printf("  %-30s n=%3d  top-1 %7s  top-5 %7s  mean rank %7s  median %7s%n", q.set(), q.n(),
          pct(q.top1Rate()), pct(q.top5Rate()), fmt(q.meanRank()), fmt(q.medianRank()));
    }
    Rates b = r.blank().get(3);
    out.printf("  %-30s n=%3d  top-1 %7s  top-5 %7s  mean rank %7s  median %7s%n", "flat background, overall", b.n(),
        pct(b.top1Rate()), pct(b.top5Rate()), fmt(b.meanRank()), fmt(b.medianRank()));
    out.printf("  prompt words the weights' vocabulary resolves: %d of %d%n", r.wordsKnown(),
        r.wordsKnown() + r.wordsMissing().size());
    Diversity d = r.diversity();
    out.printf("  seed diversity: %d prompts x %d seeds, mean abs diff %s (0..255), top-1 %s, top-5 %s%n",
        d.prompts(), d.seeds(), fmt(d.meanAbsDiff()), pct(d.rates().top1Rate()), pct(d.rates().top5Rate()));
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new InvalidInputException(args[i - 1] + ": needs a value");
    }
    return args[i];
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }
}
