package io.vnft.gpu.tools;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.encode.ContactSheet;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the contact sheet of {@value GanSpec#MODEL_ID}: one row per prompt of {@link #PROMPTS}
 * (12 one-concept prompts, then 4 morphs), each row captioned with its prompt; a one-concept row
 * shows frame 0, a morph row frames 0, {@code F / 2} and {@code F - 1} (concept A, half way at
 * morph level 4, concept B) of a {@code S x S x 24} video. Each row's seed is the one a token
 * would get as trigger {@code i + 1} of the list firing at one fixed round
 * ({@link PoseidonCommitmentScheme#seed}); its conditioning is the text encoder's for the prompt.
 * Frames are rendered pixel by pixel by {@link ReferenceGan} (only the frames shown).
 *
 * <p>Usage: {@code GanContactSheet [out.png] [64|128] [weights-file|builtin]} (defaults
 * {@code docs/vnft-gan-1-contact-sheet.png}, 128, the built-in weights). At 64 the tiles are
 * scaled up twice, so both sizes give sheets of the same layout. The PNG is written under a
 * temporary name and renamed; its parent directory is created.
 */
public final class GanContactSheet {
  /** The prompts of the rows: 12 with one concept, then 4 morphs (each with a connector). */
  public static final List<String> PROMPTS = List.of(
      "a cute kitten", "a red rose flower", "a hot fire flame", "a slice of cheese pizza",
      "a bright rainbow", "a snowman in winter", "a space rocket", "a halloween ghost",
      "a green frog", "a tropical palm tree", "a red sports car", "a yellow banana",
      "a kitten turning into fire", "a sun then a moon", "a frog becoming a crown",
      "a caterpillar becomes a butterfly");
  /** One-concept prompts at the start of {@link #PROMPTS}. */
  public static final int SINGLE = 12;
  /** The round all rows' triggers fire at (any fixed value: it only feeds the seeds). */
  static final BigInteger ROUND = new BigInteger("18446744073709552001");
  private static final int FRAMES = 24;
  private static final int FPS = 12;

  private GanContactSheet() {}

  /**
   * @param args output path, frame size (64 or 128), weights file or {@code builtin}
   * @throws IOException if the weights file cannot be read
   * @throws InterruptedException if interrupted while rendering
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/vnft-gan-1-contact-sheet.png");
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    GanWeights weights = args.length > 2 ? weights(args[2]) : GanWeights.builtIn();
    long t0 = System.nanoTime();
    write(weights, size, Math.min(2, Runtime.getRuntime().availableProcessors()), out);
    System.out.printf("wrote %s (%d prompts, %dx%d frames, weights %s, %.1f s)%n", out, PROMPTS.size(),
        size, size, weights.sha256().hex(), (System.nanoTime() - t0) / 1e9);
  }

  /**
   * @param spec a weights file path, or {@code builtin}
   * @return the weights
   * @throws IOException if the file cannot be read
   * @throws io.vnft.api.GenerationException if it is not a valid weights file
   */
  public static GanWeights weights(String spec) throws IOException {
    return spec.equals("builtin") ? GanWeights.builtIn() : GanWeights.parse(Files.readAllBytes(Path.of(spec)));
  }

  /**
   * Renders the sheet and writes it.
   *
   * @param weights the model's weights
   * @param size the frame width and height, 64 or 128
   * @param threads rows rendered at once, at least 1
   * @param out the PNG file
   * @return {@code out}
   * @throws InvalidInputException if size is not 64 or 128, or threads is below 1
   * @throws InterruptedException if interrupted while rendering
   */
  public static Path write(GanWeights weights, int size, int threads, Path out) throws InterruptedException {
    if (size != 64 && size != 128) {
      throw new InvalidInputException("size: must be 64 or 128, got " + size);
    }
    if (threads < 1) {
      throw new InvalidInputException("threads: must be at least 1, got " + threads);
    }
    ReferenceGan model = new ReferenceGan(weights);
    GanText text = new GanText(weights);
    VideoFormat format = new VideoFormat(size, size, FRAMES, FPS);
    PoseidonCommitmentScheme cs = new PoseidonCommitmentScheme();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<VideoFrames>> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    try {
      for (int i = 0; i < PROMPTS.size(); i++) {
        String prompt = PROMPTS.get(i);
        Bytes32 seed = cs.seed(BigInteger.valueOf(i + 1), ROUND,
            Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8)));
        int[][] conditioning = GanText.unpack(text.conditioningOf(prompt));
        int[] picks = i < SINGLE ? new int[] {0} : new int[] {0, FRAMES / 2, FRAMES - 1};
        StringBuilder label = new StringBuilder("\"" + prompt + "\" t=");
        for (int k = 0; k < picks.length; k++) {
          label.append(k == 0 ? "" : ",").append(picks[k]);
        }
        labels.add(label.toString());
        rows.add(pool.submit(() -> frames(model, GanLatent.of(seed), conditioning, format, picks)));
      }
      List<VideoFrames> videos = new ArrayList<>();
      for (Future<VideoFrames> f : rows) {
        videos.add(f.get());
      }
      try {
        Files.createDirectories(out.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new InvalidInputException("out: cannot create the directory of " + out + ": " + e.getMessage());
      }
      return ContactSheet.builder().maxTiles(3).columns(3).scale(128 / size).labels(false).build()
          .writeRows(videos, labels, out);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Chosen frames of one video ({@link ReferenceGan#renderFrames}) as a video: frame
   * {@code picks[k]} of {@code format} becomes frame {@code k} of the result. Thread-safe.
   *
   * @param model the reference evaluator
   * @param latent the seed's latent
   * @param conditioning {@code [A, B]} ({@link GanText#unpack})
   * @param format the video the frames are taken from (its frame count sets motion and morph)
   * @param picks frame indices of {@code format}, each in [0, frames)
   * @return the picked frames as a video of {@code picks.length} frames at {@code format}'s size and fps
   * @throws InvalidInputException if a pick is outside the video
   */
  public static VideoFrames frames(ReferenceGan model, GanLatent latent, int[][] conditioning,
      VideoFormat format, int... picks) {
    byte[] rgb = model.renderFrames(latent, conditioning, format, picks);
    return new VideoFrames(new VideoFormat(format.width(), format.height(), picks.length, format.fps()), rgb);
  }
}
