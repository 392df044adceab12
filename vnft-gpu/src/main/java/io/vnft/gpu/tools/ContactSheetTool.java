package io.vnft.gpu.tools;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.djl.DjlVideoGenerator;
import io.vnft.gpu.encode.ContactSheet;
import io.vnft.gpu.model.CppnRequests;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.PromptStyle;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the contact sheet of {@code vnft-cppn-1} for four tokens (triggers 1..4 firing at one
 * round, four prompts): one row per token, 8 frames sampled from 96 frames of 128x128. Usage:
 * {@code ContactSheetTool <out.png> [djl|reference]} (default djl on the CPU unless
 * {@code vnft.gpu.device} says otherwise). The PNG is written under a temporary name and renamed.
 */
public final class ContactSheetTool {
  /** The prompts of the four rows. */
  public static final String[] PROMPTS = {
    "calm ocean waves", "fast neon kaleidoscope", "golden desert mirror", "frantic fire storm"};

  private ContactSheetTool() {}

  /**
   * @param args output path, optionally {@code djl} or {@code reference}
   */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/vnft-cppn-1-contact-sheet.png");
    boolean reference = args.length > 1 && args[1].equals("reference");
    VideoFormat format = new VideoFormat(128, 128, 96, 24);
    BigInteger round = new BigInteger("18446744073709552001");
    PoseidonCommitmentScheme cs = new PoseidonCommitmentScheme();
    List<GenerationRequest> requests = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < PROMPTS.length; i++) {
      Bytes32 promptHash = Bytes32.keccak256(PROMPTS[i].getBytes(StandardCharsets.UTF_8));
      Bytes32 seed = cs.seed(BigInteger.valueOf(i + 1), round, promptHash);
      requests.add(new GenerationRequest(CppnSpec.MODEL_ID, seed, PROMPTS[i], CppnRequests.conditioningOf(PROMPTS[i]), format));
      labels.add("trigger " + (i + 1) + " \"" + PROMPTS[i] + "\" " + PromptStyle.describe(PromptStyle.of(PROMPTS[i])));
    }
    long t0 = System.nanoTime();
    List<VideoFrames> videos;
    try (VideoGenerator g = reference ? new ReferenceVideoGenerator()
        : new DjlVideoGenerator(DevicePreference.parse(System.getProperty("vnft.gpu.device", "cpu")))) {
      videos = g.generateBatch(requests);
    }
    long t1 = System.nanoTime();
    ContactSheet.builder().maxTiles(8).columns(8).build().writeRows(videos, labels, out);
    System.out.printf("wrote %s (%d videos of %dx%dx%d in %.1f s)%n", out, videos.size(),
        format.width(), format.height(), format.frames(), (t1 - t0) / 1e9);
  }
}
