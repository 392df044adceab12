package io.vnft.examples.demo;

import io.vnft.api.GenerationRequest;
import io.vnft.api.ModelInfo;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The dishonest operator's generator for the demo: it runs the real model, then alters a block
 * of pixels in one frame of every video whose prompt matches a predicate (as an operator that
 * swapped in cheaper or different content would). Everything downstream (frames root, files,
 * metadata) is consistent with the altered frames, so only regeneration can tell. Wraps any
 * generator, the multi-model one included (batches go through {@link #generate} one by one).
 */
final class TamperingGenerator implements VideoGenerator {
  private final VideoGenerator honest;
  private final Predicate<GenerationRequest> victim;

  TamperingGenerator(VideoGenerator honest, Predicate<GenerationRequest> victim) {
    this.honest = Objects.requireNonNull(honest);
    this.victim = Objects.requireNonNull(victim);
  }

  @Override
  public ModelInfo model() {
    return honest.model();
  }

  @Override
  public io.vnft.api.Bytes32 conditioningOf(String prompt) {
    return honest.conditioningOf(prompt);
  }

  @Override
  public VideoFrames generate(GenerationRequest request) {
    VideoFrames real = honest.generate(request);
    if (!victim.test(request)) {
      return real;
    }
    byte[] rgb = real.rgb();
    int w = real.format().width();
    int h = real.format().height();
    int frame = real.format().frames() / 2;
    for (int y = h / 4; y < h / 2; y++) {
      for (int x = w / 4; x < w / 2; x++) {
        int i = 3 * (frame * w * h + y * w + x);
        rgb[i] = (byte) 255;
        rgb[i + 1] = 0;
        rgb[i + 2] = (byte) 255;
      }
    }
    return new VideoFrames(real.format(), rgb);
  }

  @Override
  public void close() {
    honest.close();
  }
}
