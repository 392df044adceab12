package io.vnft.gpu.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains {@value GanSpec#MODEL_ID} from scratch with DJL's training API (a {@link GradientCollector}
 * for the gradients, DJL's {@link Optimizer#adam() Adam} for the updates) on the PyTorch engine,
 * on the CPU, then quantises it to the integer model of {@link GanSpec} and writes the weights
 * file ({@link GanWeights}) and a training report.
 *
 * <p>The generator is the float twin of the integer model: inputs are the integer inputs / 128,
 * activations {@code clamp(a, 0, 255/256)} (the integer activations / 256); the text encoder is
 * the weighted mean of {@code 127/128 tanh(E_w)} over a text's words, each word weighing
 * {@code sigmoid(L_w)}, with {@code E} and {@code L} learned, rounded to its
 * {@link GanSpec#level levels} with a straight-through gradient. It is trained
 * at {@code res x res} pixels against the concept's emoji image (premultiplied colour and alpha,
 * box-downsampled) with an L1 plus {@code --l2} times squared-error reconstruction loss, plus {@code lambda} times a hinge GAN loss from a
 * conditional discriminator (three stride-2 convolutions, a linear score and a projection of the
 * conditioning; real and fake are composited on the same random background; a real image with
 * another concept's text, its weighted mean not rounded to levels, is also a fake). Each step draws a batch of concepts and, per concept, a
 * text: the words of 1 to {@code --mix-max} (default 3) of its training texts, drawn with replacement,
 * and with probability {@code --distract} (default 0) one word drawn from the whole vocabulary (a
 * word that does not name the concept, as prompts have). {@code --l2 W} (default 1) adds W times the
 * squared error to the L1 term (measured: names top-5 34.4 % without it, 51.6 % with it, held out
 * 37.5 % with it; 128 hidden units, 8,000 steps); {@code --qat-from N} (default 0: off) trains from step N on the integer
 * model's grid (quantisation-aware: weights and biases rounded as {@link #quantise} rounds them at the
 * current shifts, activations floored to 1/256, straight-through gradients).
 *
 * <p>Quantisation: per layer the largest shift {@code k} such that every weight, scaled by
 * {@code 2^k} (hidden inputs) or {@code 2^(k+1)} (signed inputs read as value / 128), rounds into
 * [-127, 127] and every bias scaled by {@code 256 * 2^k} into [-2^21, 2^21]; word vectors are
 * {@code round(127 tanh(E))}, word weights {@code max(1, round(255 sigmoid(L)))}.
 *
 * <p>Usage: {@code GanTrainer --concepts concepts.tsv --out DIR [--steps N] [--batch B] [--res R]
 * [--seed S] [--lambda L] [--lr LR] [--save-every N] [--schedule fixed|cosine] [--mix-max K] [--distract P]
 * [--l2 W] [--qat-from N]}; {@code vnft-gpu/training/train.sh} runs it. Not thread-safe.
 */
public final class GanTrainer {
  private final Map<String, String> opts;
  private final SplittableRandom rnd;
  private final int res;
  private final int batch;
  private final int steps;
  private final float lambda;
  private final float lr;
  private final int saveEvery;
  private final String schedule;
  private final int mixMax;
  private final double distract;
  private final int qatFrom;
  private final float l2;
  private final StringBuilder log = new StringBuilder();

  private GanTrainer(Map<String, String> opts) {
    this.opts = opts;
    this.rnd = new SplittableRandom(Long.parseLong(opts.getOrDefault("seed", "20261203")));
    this.res = Integer.parseInt(opts.getOrDefault("res", "16"));
    this.batch = Integer.parseInt(opts.getOrDefault("batch", "128"));
    this.steps = Integer.parseInt(opts.getOrDefault("steps", "8000"));
    this.lambda = Float.parseFloat(opts.getOrDefault("lambda", "0.02"));
    this.lr = Float.parseFloat(opts.getOrDefault("lr", "0.002"));
    this.saveEvery = Integer.parseInt(opts.getOrDefault("save-every", "0"));
    this.schedule = opts.getOrDefault("schedule", "fixed");
    this.mixMax = Integer.parseInt(opts.getOrDefault("mix-max", "3"));
    this.distract = Double.parseDouble(opts.getOrDefault("distract", "0"));
    this.qatFrom = Integer.parseInt(opts.getOrDefault("qat-from", "0"));
    this.l2 = Float.parseFloat(opts.getOrDefault("l2", "1"));
    if (!schedule.equals("fixed") && !schedule.equals("cosine")) {
      throw new IllegalArgumentException("--schedule: fixed or cosine, got " + schedule);
    }
  }

  /**
   * Command-line entry point.
   *
   * @param args {@code --name value} pairs (see the class comment)
   * @throws IOException if the data cannot be read or the output written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    if (!o.containsKey("concepts") || !o.containsKey("out")) {
      System.err.println("usage: GanTrainer --concepts concepts.tsv --out DIR [--steps N] [--batch B] "
          + "[--res R] [--seed S] [--lambda L] [--lr LR] [--save-every N] [--schedule fixed|cosine] [--mix-max K] [--distract P] "
          + "[--l2 W] [--qat-from N]");
      System.exit(2);
    }
    new GanTrainer(o).run();
  }

  private void say(String s) {
    System.out.println(s);
    log.append(s).append('\n');
  }

  private void run() throws IOException {
    long t0 = System.nanoTime();
    EmojiConcepts data = EmojiConcepts.read(Path.of(opts.get("concepts")), res);
    Path out = Path.of(opts.get("out"));
    Files.createDirectories(out);
    int n = data.size();
    int v = data.vocabulary().size();
    say(String.format(Locale.ROOT, "data: %d concepts, %d words, %dx%d training images; steps %d, batch %d, "
        + "lambda %.3f, lr %.4f (%s), mix-max %d, distract %.2f, seed %s%s", n, v, res, res, steps, batch, lambda,
        lr, schedule, mixMax, distract, opts.getOrDefault("seed", "20261203"),
        String.format(Locale.ROOT, ", l2 %.2f", l2) + (qatFrom > 0 ? ", qat from step " + qatFrom : "")));
    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager base = NDManager.newBaseManager(Device.cpu(), engine.getEngineName())) {
      Params g = new Params();
      Params d = new Params();
      int p = res * res;
      float[] sp = new float[p * GanSpec.SPATIAL];
      int[] tmp = new int[GanSpec.SPATIAL];
      for (int y = 0; y < res; y++) {
        for (int x = 0; x < res; x++) {
          GanSpec.spatial(GanSpec.coord(x, res, res), GanSpec.coord(y, res, res), tmp, 0);
          for (int j = 0; j < GanSpec.SPATIAL; j++) {
            sp[(y * res + x) * GanSpec.SPATIAL + j] = tmp[j] / 128f;
          }
        }
      }
      NDArray spatial = base.create(sp, new Shape(p, GanSpec.SPATIAL));
      g.add("E", uniform(base, new Shape(v, GanSpec.DIMS), 0.8f));
      g.add("Eweight", base.zeros(new Shape(v, 1))); // logits of the word weights: sigmoid(0) = 1/2 each
      for (int l = 0; l < GanSpec.LAYERS; l++) {
        int in = GanSpec.inputs(l);
        g.add("W" + l, uniform(base, new Shape(GanSpec.outputs(l), in), (float) Math.sqrt(6.0 / in)));
        g.add("b" + l, base.create(bias(GanSpec.outputs(l), l), new Shape(GanSpec.outputs(l))));
      }
      int[] ch = {3, 32, 64, 128};
      for (int k = 0; k < 3; k++) {
        d.add("conv" + k, uniform(base, new Shape(ch[k + 1], ch[k], 4, 4), (float) Math.sqrt(6.0 / (ch[k] * 16))));
        d.add("cb" + k, base.zeros(new Shape(ch[k + 1])));
      }
      int flat = 128 * (res / 8) * (res / 8);
      d.add("lin", uniform(base, new Shape(1, flat), (float) Math.sqrt(6.0 / flat)));
      d.add("lb", base.zeros(new Shape(1)));
      d.add("proj", uniform(base, new Shape(flat, GanSpec.DIMS), (float) Math.sqrt(6.0 / flat)));
      // the word vectors learn 5x faster than the network: each word is seen in few batches
      // cosine decay of every rate to 5 % of its start over the run
      Optimizer optG = Optimizer.adam().optLearningRateTracker(rate(lr)).build();
      Optimizer optE = Optimizer.adam().optLearningRateTracker(rate(lr * 5)).build();
      Optimizer optD = Optimizer.adam().optLearningRateTracker(rate(lr * 0.5f)).optBeta1(0.5f).build();

      int[] order = new int[n];
      int cursor = n;
      double sumRec = 0;
      double sumG = 0;
      double sumD = 0;
      int window = 0;
      for (int step = 1; step <= steps; step++) {
        if (cursor + batch > n) {
          for (int i = 0; i < n; i++) {
            order[i] = i;
          }
          for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
          }
          cursor = 0;
        }
        int[] idx = java.util.Arrays.copyOfRange(order, cursor, cursor + batch);
        cursor += batch;
        float[] mix = new float[batch * v];
        float[] mixWrong = new float[batch * v];
        float[] zs = new float[batch * GanSpec.Z];
        float[] bgs = new float[batch * 3];
        float[] alpha = new float[batch * p];
        float[] prem = new float[batch * p * 3];
        for (int b = 0; b < batch; b++) {
          textMix(data.texts(idx[b]), mix, b * v, v);
          textMix(data.texts((idx[b] + 1 + rnd.nextInt(n - 1)) % n), mixWrong, b * v, v);
          for (int j = 0; j < GanSpec.Z; j++) {
            zs[b * GanSpec.Z + j] = (rnd.nextInt(256) - 128) / 128f;
          }
          for (int c = 0; c < 3; c++) {
            bgs[b * 3 + c] = (128 + rnd.nextInt(128)) / 256f;
          }
          System.arraycopy(data.alpha(idx[b]), 0, alpha, b * p, p);
          System.arraycopy(data.premultiplied(idx[b]), 0, prem, b * p * 3, p * 3);
        }
        double rec;
        double lg;
        double ld;
        try (NDManager sm = base.newSubManager()) {
          g.attach(sm);
          d.attach(sm);
          spatial.tempAttach(sm);
          NDArray mixA = sm.create(mix, new Shape(batch, v));
          NDArray mixW = sm.create(mixWrong, new Shape(batch, v));
          NDArray z = sm.create(zs, new Shape(batch, GanSpec.Z));
          NDArray bg = sm.create(bgs, new Shape(batch, 1, 3));
          NDArray aT = sm.create(alpha, new Shape(batch, p, 1));
          NDArray pT = sm.create(prem, new Shape(batch, p, 3));
          NDArray real = image(pT.add(aT.mul(-1).add(1).mul(bg)));
          NDArray fakeDetached;
          NDArray cond;
          if (step > 1) {
            g.zeroGradients();
          }
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray words = g.get("E").tanh().mul(127f / 128f);
            cond = levels(encode(g, mixA, words));
            NDArray gen = generator(g, spatial, cond.concat(z, 1), qatFrom > 0 && step >= qatFrom ? shifts(g) : null);
            NDArray a = gen.get(":, :, 3:4");
            NDArray rgb = gen.get(":, :, 0:3");
            NDArray recon = a.sub(aT).abs().mean().add(rgb.mul(a).sub(pT).abs().mean());
            if (l2 > 0) {
              recon = recon.add(a.sub(aT).square().mean().add(rgb.mul(a).sub(pT).square().mean()).mul(l2));
            }
            NDArray fakeImg = image(rgb.mul(a).add(a.mul(-1).add(1).mul(bg)));
            NDArray advG = discriminator(d, fakeImg, cond).mean().neg();
            NDArray loss = recon.add(advG.mul(lambda));
            gc.backward(loss);
            rec = recon.getFloat();
            lg = advG.getFloat();
            fakeDetached = fakeImg.stopGradient();
          }
          NDArray condD = cond.stopGradient();
          d.zeroGradients();
          try (GradientCollector gc = engine.newGradientCollector()) {
            // not rounded to levels: with the rounded one the discriminator diverged within 100 steps
            // (D hinge 6.8 at step 100, 27.9 at 300; measured on this recipe)
            NDArray wrongCond = encode(g, mixW, g.get("E").tanh().mul(127f / 128f)).stopGradient();
            NDArray lossD = hinge(discriminator(d, real, condD), 1)
                .add(hinge(discriminator(d, fakeDetached, condD), -1))
                .add(hinge(discriminator(d, real, wrongCond), -1).mul(0.5f));
            gc.backward(lossD);
            ld = lossD.getFloat();
          }
        }
        // outside the step's manager: the parameters are back in the base manager, so the
        // optimizers' state (created from the parameters) lives as long as they do
        g.update(optG, optE, "g");
        d.update(optD, optD, "d");
        sumRec += rec;
        sumG += lg;
        sumD += ld;
        window++;
        if (step % 100 == 0 || step == steps) {
          say(String.format(Locale.ROOT, "step %6d  recon L1 %.4f  G adv %.3f  D hinge %.3f  %.0f s  rss %d MiB", step,
              sumRec / window, sumG / window, sumD / window, (System.nanoTime() - t0) / 1e9, rssMiB()));
          sumRec = 0;
          sumG = 0;
          sumD = 0;
          window = 0;
        }
        if (saveEvery > 0 && step % saveEvery == 0 && step < steps) {
          Path cp = out.resolve("checkpoint-" + step + ".weights");
          byte[] q = quantise(g, data);
          Files.write(cp, q);
          say("checkpoint " + cp);
          say(QuantisedCheck.report(GanWeights.parse(q), data, res));
        }
      }
      long trainNanos = System.nanoTime() - t0;
      byte[] file = quantise(g, data);
      Path weights = out.resolve(GanSpec.MODEL_ID + ".weights");
      Path tmpFile = out.resolve(GanSpec.MODEL_ID + ".weights.tmp");
      Files.write(tmpFile, file);
      Files.move(tmpFile, weights, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      GanWeights parsed = GanWeights.parse(file);
      say(String.format(Locale.ROOT, "trained in %.1f min; weights %s (%d bytes), SHA-256 %s", trainNanos / 6e10,
          weights, file.length, parsed.sha256().hex()));
      say(QuantisedCheck.report(parsed, data, res));
      Files.writeString(out.resolve("training-log.txt"), log.toString());
    }
  }

  private Tracker rate(float base) {
    if (!"cosine".equals(schedule)) {
      return Tracker.fixed(base);
    }
    return Tracker.cosine().setBaseValue(base).optFinalValue(base * 0.05f).setMaxUpdates(steps).build();
  }

  private static long rssMiB() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static float[] bias(int n, int layer) {
    float[] b = new float[n];
    java.util.Arrays.fill(b, layer == GanSpec.LAYERS - 1 ? 0.5f : 0.1f);
    return b;
  }

  private NDArray uniform(NDManager m, Shape s, float bound) {
    float[] v = new float[(int) s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
    }
    return m.create(v, s);
  }

  /** One row of the word-count matrix: one training text, or the words of 1..{@code mixMax} of them (default 3). */
  private void textMix(List<int[]> texts, float[] dst, int off, int vocabulary) {
    int k = rnd.nextInt(3) == 0 ? 1 : 1 + rnd.nextInt(mixMax);
    List<Integer> words = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      for (int w : texts.get(rnd.nextInt(texts.size()))) {
        words.add(w);
      }
    }
    if (distract > 0 && rnd.nextDouble() < distract) {
      words.add(rnd.nextInt(vocabulary));
    }
    for (int w : words) {
      dst[off + w] += 1f;
    }
  }

  /**
   * The float twin of {@link GanSpec#level}: a segment's mean (in input units / 128) to its level
   * times {@code STEP / 128}, with the straight-through gradient (the identity) so the word vectors
   * still learn through the rounding.
   */
  /** The weighted mean of the word vectors per row of {@code counts} (word multiplicities). */
  static NDArray encode(Params g, NDArray counts, NDArray words) {
    NDArray a = Activation.sigmoid(g.get("Eweight"));
    return counts.matMul(words.mul(a)).div(counts.matMul(a));
  }

  static NDArray levels(NDArray mean) {
    NDArray q = mean.mul(128f / GanSpec.STEP).add(0.5f).floor()
        .clip(GanSpec.LEVEL_MIN, GanSpec.LEVEL_MAX).mul(GanSpec.STEP / 128f);
    return mean.add(q.sub(mean).stopGradient());
  }

  private static NDArray hinge(NDArray score, int sign) {
    return score.mul(-sign).add(1).maximum(0).mean();
  }

  /** [B, P, 3] to [B, 3, res, res]. */
  private NDArray image(NDArray pixels) {
    return pixels.transpose(0, 2, 1).reshape(new Shape(pixels.getShape().get(0), 3, res, res));
  }

  /**
   * The float generator: {@code [P, SPATIAL]} spatial inputs and {@code [B, DIMS + Z]} conditioning
   * and latent to {@code [B, P, 4]} outputs in [0, 255/256].
   *
   * @param shifts null for the plain float twin; else each layer's quantiser shift: the weights and
   *     biases are rounded to the integer model's grid and every activation is floored to 1/256, as
   *     the integer model computes them, with straight-through gradients (quantisation-aware training)
   */
  static NDArray generator(Params g, NDArray spatial, NDArray cz, int[] shifts) {
    NDArray w0 = g.get("W0");
    NDArray b0 = g.get("b0");
    if (shifts != null) {
      w0 = onGrid(w0, shifts[0], 0);
      b0 = onGrid(b0, shifts[0]);
    }
    NDArray a = spatial.matMul(w0.get(":, 0:" + GanSpec.SPATIAL).transpose())
        .expandDims(0)
        .add(cz.matMul(w0.get(":, " + GanSpec.SPATIAL + ":").transpose()).add(b0).expandDims(1));
    NDArray h = activation(a, shifts != null);
    for (int l = 1; l < GanSpec.LAYERS; l++) {
      NDArray w = g.get("W" + l);
      NDArray b = g.get("b" + l);
      if (shifts != null) {
        w = onGrid(w, shifts[l], GanSpec.HIDDEN);
        b = onGrid(b, shifts[l]);
      }
      NDArray hid = h.matMul(w.get(":, 0:" + GanSpec.HIDDEN).transpose());
      NDArray side = cz.matMul(w.get(":, " + GanSpec.HIDDEN + ":").transpose()).add(b).expandDims(1);
      h = activation(hid.add(side), shifts != null);
    }
    return h;
  }

  /** {@code clamp(a, 0, 255/256)}, floored to a multiple of 1/256 first (straight through) when {@code exact}. */
  private static NDArray activation(NDArray a, boolean exact) {
    if (!exact) {
      return a.clip(0, 255f / 256f);
    }
    NDArray units = a.mul(256f);
    return units.add(units.floor().sub(units).stopGradient()).div(256f).clip(0, 255f / 256f);
  }

  /** Weights {@code [out, in]} rounded to the grid {@link #quantise} puts them on at shift k, straight through. */
  private static NDArray onGrid(NDArray w, int k, int signedFrom) {
    int in = (int) w.getShape().get(1);
    float[] scale = new float[in];
    for (int i = 0; i < in; i++) {
      scale[i] = Math.scalb(1f, i >= signedFrom ? k + 1 : k);
    }
    NDArray s = w.getManager().create(scale, new Shape(1, in));
    return w.add(w.mul(s).round().div(s).sub(w).stopGradient());
  }

  /** A bias rounded to the grid {@link #quantise} puts it on at shift k, straight through. */
  private static NDArray onGrid(NDArray b, int k) {
    float scale = Math.scalb(256f, k);
    return b.add(b.mul(scale).round().div(scale).sub(b).stopGradient());
  }

  /** Each layer's shift as {@link #quantise} would choose it for the current weights. */
  private static int[] shifts(Params g) {
    int[] k = new int[GanSpec.LAYERS];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      k[l] = shift(g.get("W" + l).toFloatArray(), g.get("b" + l).toFloatArray(), GanSpec.outputs(l),
          GanSpec.inputs(l), l == 0 ? 0 : GanSpec.HIDDEN);
    }
    return k;
  }

  /**
   * The quantiser's shift for one layer: the largest {@code k <= MAX_SHIFT} such that every weight,
   * scaled by {@code 2^k} (hidden inputs: columns below {@code signedFrom}) or {@code 2^(k+1)} (signed
   * inputs), rounds into [-127, 127] and every bias scaled by {@code 256 * 2^k} into
   * [-MAX_BIAS, MAX_BIAS]; 0 if none does.
   */
  static int shift(float[] wf, float[] bf, int out, int in, int signedFrom) {
    int k = GanSpec.MAX_SHIFT;
    for (; k > 0; k--) {
      boolean fits = true;
      for (int i = 0; i < out * in && fits; i++) {
        double scale = Math.scalb(1.0, (i % in) >= signedFrom ? k + 1 : k);
        fits = Math.abs(Math.round(wf[i] * scale)) <= GanSpec.MAX_WEIGHT;
      }
      for (int o = 0; o < out && fits; o++) {
        fits = Math.abs(Math.round(bf[o] * 256 * Math.scalb(1.0, k))) <= GanSpec.MAX_BIAS;
      }
      if (fits) {
        break;
      }
    }
    return k;
  }

  private NDArray discriminator(Params d, NDArray img, NDArray cond) {
    NDArray h = img.mul(2).sub(1);
    for (int k = 0; k < 3; k++) {
      h = Conv2d.conv2d(h, d.get("conv" + k), d.get("cb" + k), new Shape(2, 2), new Shape(1, 1)).singletonOrThrow();
      h = Activation.leakyRelu(h, 0.2f);
    }
    NDArray f = h.reshape(new Shape(h.getShape().get(0), -1));
    NDArray score = f.matMul(d.get("lin").transpose()).add(d.get("lb")).squeeze(1);
    NDArray proj = f.mul(cond.matMul(d.get("proj").transpose())).sum(new int[] {1});
    return score.add(proj);
  }

  private byte[] quantise(Params g, EmojiConcepts data) {
    List<String> vocab = data.vocabulary();
    float[] e = g.get("E").toFloatArray();
    int[][] vectors = new int[vocab.size()][GanSpec.DIMS];
    for (int i = 0; i < vectors.length; i++) {
      for (int j = 0; j < GanSpec.DIMS; j++) {
        vectors[i][j] = (int) Math.max(-127, Math.min(127, Math.round(127 * Math.tanh(e[i * GanSpec.DIMS + j]))));
      }
    }
    float[] logits = g.get("Eweight").toFloatArray();
    int[] wordWeights = new int[vocab.size()];
    for (int i = 0; i < wordWeights.length; i++) {
      wordWeights[i] = (int) Math.max(1, Math.round(255 / (1 + Math.exp(-logits[i]))));
    }
    StringBuilder shiftsLine = new StringBuilder();
    int[] shifts = new int[GanSpec.LAYERS];
    int[][][] w = new int[GanSpec.LAYERS][][];
    int[][] b = new int[GanSpec.LAYERS][];
    for (int l = 0; l < GanSpec.LAYERS; l++) {
      int out = GanSpec.outputs(l);
      int in = GanSpec.inputs(l);
      int signedFrom = l == 0 ? 0 : GanSpec.HIDDEN; // layer 0 reads only signed (value / 128) inputs
      float[] wf = g.get("W" + l).toFloatArray();
      float[] bf = g.get("b" + l).toFloatArray();
      int k = shift(wf, bf, out, in, signedFrom);
      shifts[l] = k;
      w[l] = new int[out][in];
      b[l] = new int[out];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          double scale = Math.scalb(1.0, i >= signedFrom ? k + 1 : k);
          w[l][o][i] = (int) Math.round(wf[o * in + i] * scale);
        }
        b[l][o] = (int) Math.round(bf[o] * 256 * Math.scalb(1.0, k));
      }
      shiftsLine.append(l == 0 ? "shifts " : ", ").append(k);
    }
    say("quantised: " + shiftsLine);
    return GanWeights.write(vocab, vectors, wordWeights, shifts, w, b);
  }

  /** The learned arrays of one network, by name, with their DJL optimizer ids. */
  static final class Params {
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    void add(String name, NDArray a) {
      a.setRequiresGradient(true);
      arrays.put(name, a);
    }

    NDArray get(String name) {
      return arrays.get(name);
    }

    void attach(NDManager m) {
      for (NDArray a : arrays.values()) {
        a.tempAttach(m);
      }
    }

    /** Updates the text encoder's arrays ({@code E}, {@code Eweight}) with {@code words}, everything else with {@code opt}. */
    void update(Optimizer opt, Optimizer words, String prefix) {
      for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
        try (NDArray grad = e.getValue().getGradient()) {
          (e.getKey().startsWith("E") ? words : opt).update(prefix + e.getKey(), e.getValue(), grad);
        }
      }
    }

    void zeroGradients() {
      for (NDArray a : arrays.values()) {
        NDArray grad = a.getGradient();
        grad.subi(grad);
      }
    }
  }

}
