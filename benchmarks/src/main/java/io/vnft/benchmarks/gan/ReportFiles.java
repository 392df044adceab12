package io.vnft.benchmarks.gan;

import io.vnft.benchmarks.gan.GanQualityReport.Diversity;
import io.vnft.benchmarks.gan.GanQualityReport.Rates;
import io.vnft.benchmarks.gan.GanQualityReport.Result;
import io.vnft.benchmarks.gan.GanQualityReport.Scored;
import io.vnft.gpu.model.GanSpec;
import java.util.List;
import java.util.Locale;

/** Writes a {@link GanQualityReport} run as {@code report.md} and {@code report.json}. Stateless. */
final class ReportFiles {
  /** What the run was given, for the report's header. */
  record Meta(String command, String weights, String baseline, String promptsFile, String promptsSha256,
      int singles, int morphs) {}

  private static final String SIMILARITY = "both images box-downsampled to 16x16 RGB, the dataset image (RGBA) "
      + "composited on the video's background colour first; score = -MSE over 16x16x3; rank 1 = best, ties count "
      + "against the target";
  private static final String SEEDS = "seed of prompt i (0-based among the prompt rows), k-th seed: Poseidon(i, k); "
      + "k = 0 for the main renders";

  private ReportFiles() {}

  static String markdown(Meta m, Result r, Result base) {
    StringBuilder s = new StringBuilder();
    int n = r.concepts();
    String format = GanQualityReport.FORMAT.width() + "x" + GanQualityReport.FORMAT.height() + "x"
        + GanQualityReport.FORMAT.frames();
    s.append("# ").append(GanSpec.MODEL_ID).append(" quality report\n\n");
    s.append("- weights: `").append(r.weightsSha256().hex()).append("` (").append(m.weights()).append(")\n");
    if (base != null) {
      s.append("- baseline weights: `").append(base.weightsSha256().hex()).append("` (").append(m.baseline())
          .append(")\n");
    }
    s.append("- rendered by: ").append(r.source()).append("; ").append(format).append(", frame 0 and, for morphs, ")
        .append("frame ").append(GanQualityReport.FORMAT.frames() - 1).append('\n');
    s.append("- prompts: `").append(m.promptsFile()).append("` (SHA-256 `").append(m.promptsSha256()).append("`): ")
        .append(m.singles()).append(" one-concept, ").append(m.morphs()).append(" morphs, all passing the held-out ")
        .append("rules\n");
    s.append("- dataset: ").append(n).append(" concept images; chance: top-1 ").append(pct(1.0 / n)).append(", top-5 ")
        .append(pct(5.0 / n)).append(", mean rank ").append(fmt((n + 1) / 2.0)).append('\n');
    s.append("- prompt words these weights' vocabulary resolves (directly or by the suffix rules): ")
        .append(r.wordsKnown()).append(" of ").append(r.wordsKnown() + r.wordsMissing().size())
        .append(r.wordsMissing().isEmpty() ? "" : "; the encoder drops " + examples(r.wordsMissing())).append('\n');
    s.append("- command: `").append(m.command()).append("`\n");
    s.append("- ").append(SEEDS).append('\n');
    s.append("- similarity: ").append(SIMILARITY).append('\n');
    s.append("- wall time: ").append(fmt(r.seconds())).append(" s")
        .append(base == null ? "" : ", baseline " + fmt(base.seconds()) + " s").append("\n\n");

    s.append("## Summary\n\n");
    row(s, "weights", "one-concept top-1", "one-concept top-5", "morph A top-5", "morph B top-5", "overall top-1",
        "overall top-5", "seed diversity (0..255)", "diversity top-5");
    row(s, "---", "---", "---", "---", "---", "---", "---", "---", "---");
    summaryRow(s, "`" + r.weightsSha256().hex().substring(0, 10) + "…` (" + m.weights() + ")", r.rates(),
        r.diversity());
    if (base != null) {
      summaryRow(s, "baseline `" + base.weightsSha256().hex().substring(0, 10) + "…` (" + m.baseline() + ")",
          base.rates(), base.diversity());
    }
    summaryRow(s, "background colour only", r.blank(), null);
    row(s, "chance", pct(1.0 / n), pct(5.0 / n), pct(5.0 / n), pct(5.0 / n), pct(1.0 / n), pct(5.0 / n), "-",
        pct(5.0 / n));

    s.append("\n## Retrieval: rank of the target's image among the ").append(n).append(" dataset images\n\n");
    row(s, "weights", "set", "n", "top-1", "top-5", "mean rank", "median rank");
    row(s, "---", "---", "---", "---", "---", "---", "---");
    for (Rates q : r.rates()) {
      ratesRow(s, "this", q);
    }
    if (base != null) {
      for (Rates q : base.rates()) {
        ratesRow(s, "baseline", q);
      }
    }
    for (Rates q : r.blank()) {
      ratesRow(s, "background colour only", q);
    }
    row(s, "-", "chance", "-", pct(1.0 / n), pct(5.0 / n), fmt((n + 1) / 2.0), fmt((n + 1) / 2.0));
    s.append("\n\"background colour only\" scores a flat frame of each video's background colour in place of the ")
        .append("rendered one: the floor a model has to beat (images that are mostly transparent are close to a ")
        .append("flat frame, so its mean rank is better than chance).\n");

    Diversity d = r.diversity();
    s.append("\n## Seed diversity\n\n").append(d.prompts()).append(" one-concept prompts x ").append(d.seeds())
        .append(" seeds; mean per-pixel absolute difference of frame 0 between two different seeds (R, G, B, ")
        .append("0..255; the background colour and the motion offset come from the seed too), and retrieval over ")
        .append("all those renders.\n\n");
    row(s, "weights", "prompts x seeds", "mean abs diff", "top-1", "top-5", "mean rank");
    row(s, "---", "---", "---", "---", "---", "---");
    diversityRow(s, "this", d);
    if (base != null) {
      diversityRow(s, "baseline", base.diversity());
    }

    s.append("\n## One-concept prompts by category\n\n");
    row(s, "category", "prompts", "top-1", "top-5", "mean rank", "median rank");
    row(s, "---", "---", "---", "---", "---", "---");
    for (Rates c : r.byCategory().values()) {
      row(s, c.set(), c.n(), pct(c.top1Rate()) + " (" + c.top1() + ")", pct(c.top5Rate()) + " (" + c.top5() + ")",
          fmt(c.meanRank()), fmt(c.medianRank()));
    }

    s.append("\n## Every prompt\n\nRank of the target (1: the frame is closer to the target's image than to any ")
        .append("other); best: the closest dataset image.\n\n");
    row(s, "#", "prompt", "set", "frame", "target", "rank", "best", "score");
    row(s, "---", "---", "---", "---", "---", "---", "---", "---");
    for (Scored x : r.scored()) {
      if (!x.set().equals("diversity")) {
        row(s, x.prompt(), x.text(), x.set(), x.frame(), x.target(), x.rank(), x.best(), fmt(x.score()));
      }
    }
    return s.toString();
  }

  static String json(Meta m, Result r, Result base) {
    StringBuilder s = new StringBuilder("{\n");
    s.append("  \"model\": ").append(q(GanSpec.MODEL_ID)).append(",\n");
    s.append("  \"command\": ").append(q(m.command())).append(",\n");
    s.append("  \"format\": ").append(q(GanQualityReport.FORMAT.width() + "x" + GanQualityReport.FORMAT.height()
        + "x" + GanQualityReport.FORMAT.frames())).append(",\n");
    s.append("  \"prompts\": {\"file\": ").append(q(m.promptsFile())).append(", \"sha256\": ")
        .append(q(m.promptsSha256())).append(", \"single\": ").append(m.singles()).append(", \"morph\": ")
        .append(m.morphs()).append("},\n");
    s.append("  \"concepts\": ").append(r.concepts()).append(",\n");
    s.append("  \"chance\": {\"top1\": ").append(num(1.0 / r.concepts())).append(", \"top5\": ")
        .append(num(5.0 / r.concepts())).append("},\n");
    s.append("  \"seedRule\": ").append(q(SEEDS)).append(",\n");
    s.append("  \"similarity\": ").append(q(SIMILARITY)).append(",\n");
    s.append("  \"result\": ");
    result(s, m.weights(), r);
    if (base != null) {
      s.append(",\n  \"baseline\": ");
      result(s, m.baseline(), base);
    }
    return s.append("\n}\n").toString();
  }

  private static void result(StringBuilder s, String spec, Result r) {
    s.append("{\n    \"weights\": ").append(q(spec)).append(", \"weightsSha256\": ").append(q(r.weightsSha256().hex()))
        .append(", \"renderer\": ").append(q(r.source())).append(", \"seconds\": ").append(num(r.seconds()))
        .append(",\n    \"wordsKnown\": ").append(r.wordsKnown()).append(", \"wordsMissing\": [")
        .append(String.join(", ", r.wordsMissing().stream().map(ReportFiles::q).toList())).append(']')
        .append(",\n    \"rates\": ");
    rates(s, r.rates());
    s.append(",\n    \"backgroundOnly\": ");
    rates(s, r.blank());
    s.append(",\n    \"byCategory\": ");
    rates(s, List.copyOf(r.byCategory().values()));
    Diversity d = r.diversity();
    s.append(",\n    \"diversity\": {\"prompts\": ").append(d.prompts()).append(", \"seeds\": ").append(d.seeds())
        .append(", \"meanAbsDiff\": ").append(num(d.meanAbsDiff())).append(", \"rates\": ");
    rate(s, d.rates());
    s.append("},\n    \"scored\": [");
    for (int i = 0; i < r.scored().size(); i++) {
      Scored x = r.scored().get(i);
      s.append(i == 0 ? "\n      " : ",\n      ").append("{\"prompt\": ").append(x.prompt()).append(", \"text\": ")
          .append(q(x.text())).append(", \"set\": ").append(q(x.set())).append(", \"seedK\": ").append(x.seedK())
          .append(", \"frame\": ").append(x.frame()).append(", \"target\": ").append(q(x.target()))
          .append(", \"rank\": ").append(x.rank()).append(", \"best\": ").append(q(x.best())).append(", \"score\": ")
          .append(num(x.score())).append('}');
    }
    s.append("\n    ]\n  }");
  }

  private static void rates(StringBuilder s, List<Rates> list) {
    s.append('[');
    for (int i = 0; i < list.size(); i++) {
      s.append(i == 0 ? "\n      " : ",\n      ");
      rate(s, list.get(i));
    }
    s.append("\n    ]");
  }

  private static void rate(StringBuilder s, Rates q) {
    s.append("{\"set\": ").append(q(q.set())).append(", \"n\": ").append(q.n()).append(", \"top1\": ").append(q.top1())
        .append(", \"top5\": ").append(q.top5()).append(", \"top1Rate\": ").append(num(q.top1Rate()))
        .append(", \"top5Rate\": ").append(num(q.top5Rate())).append(", \"meanRank\": ").append(num(q.meanRank()))
        .append(", \"medianRank\": ").append(num(q.medianRank())).append('}');
  }

  private static void summaryRow(StringBuilder s, String label, List<Rates> q, Diversity d) {
    row(s, label, pct(q.get(0).top1Rate()), pct(q.get(0).top5Rate()), pct(q.get(1).top5Rate()),
        pct(q.get(2).top5Rate()), pct(q.get(3).top1Rate()), pct(q.get(3).top5Rate()),
        d == null ? "-" : fmt(d.meanAbsDiff()), d == null ? "-" : pct(d.rates().top5Rate()));
  }

  private static void ratesRow(StringBuilder s, String label, Rates q) {
    row(s, label, q.set(), q.n(), pct(q.top1Rate()) + " (" + q.top1() + ")", pct(q.top5Rate()) + " (" + q.top5() + ")",
        fmt(q.meanRank()), fmt(q.medianRank()));
  }

  private static void diversityRow(StringBuilder s, String label, Diversity d) {
    row(s, label, d.prompts() + " x " + d.seeds(), fmt(d.meanAbsDiff()), pct(d.rates().top1Rate()),
        pct(d.rates().top5Rate()), fmt(d.rates().meanRank()));
  }

  private static String examples(List<String> words) {
    int n = Math.min(12, words.size());
    return String.join(", ", words.subList(0, n)) + (n < words.size() ? ", ... (" + words.size() + " in all)" : "");
  }

  /** One Markdown table row; a '|' inside a cell is escaped. */
  private static void row(StringBuilder s, Object... cells) {
    for (Object c : cells) {
      s.append("| ").append(String.valueOf(c).replace("|", "\\|")).append(' ');
    }
    s.append("|\n");
  }

  static String pct(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * x);
  }

  static String fmt(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f", x);
  }

  private static String num(double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? "null" : String.format(Locale.ROOT, "%.6g", x);
  }

  private static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
