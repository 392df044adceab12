package io.vnft.benchmarks.gan;

import io.vnft.api.Bytes32;
import io.vnft.api.GenerationRequest;
import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.gpu.model.GanLatent;
import io.vnft.gpu.model.GanSpec;
import io.vnft.gpu.model.GanText;
import io.vnft.gpu.model.GanWeights;
import io.vnft.gpu.model.ReferenceGan;
import io.vnft.gpu.tools.GanContactSheet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders the frames the quality report scores: either the reference evaluator, pixel by pixel
 * and only the frames asked for ({@link #reference}), or any {@link VideoGenerator} of
 * {@value GanSpec#MODEL_ID} (the DJL face on a GPU, say), which renders whole videos
 * ({@link #of}). Implementations are used from one thread.
 */
public interface FrameSource {
  /**
   * One video to render, of which some frames are kept.
   *
   * @param prompt the prompt (carried into the generation request)
   * @param seed the token seed, below r
   * @param conditioning the prompt's conditioning ({@link GanText#conditioningOf})
   * @param format the video shape
   * @param frames the frame indices to return, each in [0, format.frames())
   */
  record Job(String prompt, Bytes32 seed, Bytes32 conditioning, VideoFormat format, int[] frames) {
    /**
     * Copies the frame indices; throws {@link InvalidInputException} if one is outside the video.
     *
     * @param prompt the prompt
     * @param seed the seed
     * @param conditioning the conditioning
     * @param format the shape
     * @param frames the frames to keep
     */
    public Job {
      frames = frames.clone();
      for (int t : frames) {
        if (t < 0 || t >= format.frames()) {
          throw new InvalidInputException("frames: " + t + " outside a video of " + format.frames());
        }
      }
    }

    /** @return the frame indices to keep (a copy) */
    @Override
    public int[] frames() {
      return frames.clone();
    }
  }

  /** @return SHA-256 of the weights the frames come from */
  Bytes32 weightsSha256();

  /** @return a few words on what renders, for the report */
  String description();

  /**
   * @param jobs the videos to render
   * @return per job, its kept frames as a video of {@code frames.length} frames, in job order
   * @throws InterruptedException if interrupted while waiting for the renders
   */
  List<VideoFrames> render(List<Job> jobs) throws InterruptedException;

  /**
   * @param weights the weights to run
   * @param threads jobs rendered at once, at least 1
   * @return the reference evaluator, per pixel, over a pool of {@code threads} threads created
   *     and shut down within each {@link #render} call
   * @throws InvalidInputException if threads is below 1
   */
  static FrameSource reference(GanWeights weights, int threads) {
    if (threads < 1) {
      throw new InvalidInputException("threads: must be at least 1, got " + threads);
    }
    ReferenceGan model = new ReferenceGan(weights);
    return new FrameSource() {
      @Override
      public Bytes32 weightsSha256() {
        return weights.sha256();
      }

      @Override
      public String description() {
        return "ReferenceGan, per pixel, only the frames scored, " + threads + " thread(s)";
      }

      @Override
      public List<VideoFrames> render(List<Job> jobs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<VideoFrames>> fs = new ArrayList<>();
          for (Job j : jobs) {
            fs.add(pool.submit(() -> GanContactSheet.frames(model, GanLatent.of(j.seed()),
                GanText.unpack(j.conditioning()), j.format(), j.frames())));
          }
          List<VideoFrames> out = new ArrayList<>();
          for (Future<VideoFrames> f : fs) {
            out.add(f.get());
          }
          return out;
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
          pool.shutdownNow();
        }
      }
    };
  }

  /**
   * @param generator a generator of {@value GanSpec#MODEL_ID}; the caller closes it
   * @param batch videos per {@link VideoGenerator#generateBatch} call, at least 1
   * @return a source that renders whole videos with it and keeps the frames asked for
   * @throws InvalidInputException if the generator runs another model or batch is below 1
   */
  static FrameSource of(VideoGenerator generator, int batch) {
    if (!GanSpec.MODEL_ID.equals(generator.model().modelId())) {
      throw new InvalidInputException("generator: runs " + generator.model().modelId() + ", not "
          + GanSpec.MODEL_ID);
    }
    if (batch < 1) {
      throw new InvalidInputException("batch: must be at least 1, got " + batch);
    }
    return new FrameSource() {
      @Override
      public Bytes32 weightsSha256() {
        return generator.model().weightsHash();
      }

      @Override
      public String description() {
        return generator.getClass().getSimpleName() + ", whole videos, batches of " + batch;
      }

      @Override
      public List<VideoFrames> render(List<Job> jobs) {
        List<VideoFrames> out = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += batch) {
          List<Job> part = jobs.subList(from, Math.min(jobs.size(), from + batch));
          List<GenerationRequest> requests = new ArrayList<>();
          for (Job j : part) {
            requests.add(new GenerationRequest(GanSpec.MODEL_ID, j.seed(), j.prompt(), j.conditioning(), j.format()));
          }
          List<VideoFrames> videos = generator.generateBatch(requests);
          for (int k = 0; k < part.size(); k++) {
            out.add(keep(videos.get(k), part.get(k).frames()));
          }
        }
        return out;
      }
    };
  }

  private static VideoFrames keep(VideoFrames video, int[] frames) {
    VideoFormat f = video.format();
    int bytes = f.pixelsPerFrame() * 3;
    byte[] rgb = new byte[frames.length * bytes];
    for (int k = 0; k < frames.length; k++) {
      System.arraycopy(video.rgbUnsafe(), frames[k] * bytes, rgb, k * bytes, bytes);
    }
    return new VideoFrames(new VideoFormat(f.width(), f.height(), frames.length, f.fps()), rgb);
  }
}
