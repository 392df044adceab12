package io.vnft.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vnft client: runs the mint pipeline for triggers that fired — seed, generate, commit,
 * store, batch on chain, finalize — over pluggable backends.
 *
 * <p>Build one with {@link #builder()}. Backends not given explicitly are found with
 * {@link java.util.ServiceLoader} (the first provider by priority); an explicit instance always
 * wins. A missing backend that a call needs fails that call with a
 * {@link BackendUnavailableException}.
 *
 * <p>Blocking backends run on the {@link Executor} given to the builder; without one, work runs
 * on the calling thread (the returned futures are then already complete). vnft never creates a
 * hidden thread pool. Instances are immutable and thread-safe; the backends they hold must be
 * thread-safe as their interfaces require.
 *
 * <p>Failure model: a stage that fails for one item stops that item with a
 * {@link PipelineException} (stage + typed cause) reported to the listener; other items go on.
 * A batch is committed only from items that completed every earlier stage, and the chain
 * commits a batch atomically, so nothing half-done ever looks complete.
 */
public final class Vnft {
  private static final Logger LOG = LoggerFactory.getLogger(Vnft.class);

  private final Builder config;

  private Vnft(Builder b) {
    this.config = b.copy();
  }

  /** @return a new builder with no backends set */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding this client's settings, to derive a variant */
  public Builder toBuilder() {
    return config.copy();
  }

  /**
   * @return the video shape this client was set to: the builder's {@link Builder#format}, else the
   *     generator's {@link ModelInfo#defaultFormat()}. Tokens are always generated at the shape their
   *     model is registered with on chain ({@link ChainBackend#modelFormat}); a client set to another
   *     shape refuses to generate (see {@link #regenerate}).
   * @throws BackendUnavailableException if neither a format nor a generator is configured
   */
  public VideoFormat format() {
    return config.format != null ? config.format : generator().model().defaultFormat();
  }

  /**
   * @param modelId a registered model
   * @return the shape that model is registered with on chain
   * @throws InvalidInputException if this client was explicitly set to another shape ({@link
   *     Builder#format}): a mint in a shape other than the registered one is refused before it is
   *     committed, since no proof could answer a challenge on it
   */
  VideoFormat registeredFormat(String modelId) {
    VideoFormat registered = chain().modelFormat(modelId);
    if (config.format != null && !config.format.equals(registered)) {
      throw new InvalidInputException("format: this client is set to " + config.format + " but model " + modelId
          + " is registered on chain with " + registered + "; a mint in another format is refused");
    }
    return registered;
  }

  /**
   * Scans a trigger's feed with the contract's rule ({@link FiringRule#scan}) from the trigger's
   * checkpoint on chain, at the chain's current time.
   *
   * @param trigger an open trigger
   * @return the firing, where to advance the checkpoint, or nothing yet
   */
  public CompletableFuture<FiringRule.Scan> scan(Trigger trigger) {
    Objects.requireNonNull(trigger, "trigger");
    return stage(Stage.FIRING, trigger.triggerId(), () -> {
      ChainBackend chain = chain();
      return FiringRule.scan(trigger, chain.checkpoint(trigger.triggerId()), chain.feed(trigger.feed()),
          chain.chainTime());
    });
  }

  /**
   * Finds the round at which a trigger fires now, with the contract's rule ({@link FiringRule}).
   *
   * @param trigger the trigger
   * @return the firing, or empty if the feed has not crossed yet (or the crossing cannot be fired now)
   */
  public CompletableFuture<Optional<Firing>> firing(Trigger trigger) {
    return scan(trigger).thenApply(FiringRule.Scan::firing);
  }

  /**
   * Regenerates a token from what the chain fixes: the seed of {@code (trigger, round, prompt)},
   * the model's frames for the trigger's stored conditioning at the model's registered shape
   * ({@link ChainBackend#modelFormat}), and their frames root. Every role that checks content
   * (operator answering a challenge, challenger, token verifier) calls this.
   *
   * @param trigger the trigger
   * @param roundId its firing round
   * @return seed, frames and frames root
   */
  public CompletableFuture<RegeneratedVideo> regenerate(Trigger trigger, BigInteger roundId) {
    Objects.requireNonNull(trigger, "trigger");
    Checks.nonNegative("roundId", roundId);
    BigInteger id = trigger.triggerId();
    return stage(Stage.SEED, id, () -> commitments().seed(id, roundId, trigger.promptHash()))
        .thenCompose(seed -> stage(Stage.GENERATE, id, () -> generator().generate(
                new GenerationRequest(trigger.modelId(), seed, trigger.prompt(), trigger.conditioning(),
                    registeredFormat(trigger.modelId()))))
            .thenCompose(frames -> stage(Stage.COMMIT, id, () -> new RegeneratedVideo(seed, frames,
                commitments().framesRoot(frames)))));
  }

  /**
   * Creates a trigger signed by this client's chain account: "when {@code feed} first crosses
   * {@code price} in {@code direction}, mint a video of {@code prompt} to {@code recipient}". The
   * threshold is {@code price} in the feed's decimals (read from the feed), the model is this
   * client's generator's, the conditioning is {@link VideoGenerator#conditioningOf} of the prompt (the
   * default; the trigger stores it and every role uses the stored value).
   *
   * @param feed the feed
   * @param direction which way the price must cross
   * @param price the threshold in the feed's units (e.g. {@code 4000} for 4 000 USD), &gt; 0, with
   *     at most the feed's decimals
   * @param prompt the prompt
   * @param recipient who receives the token
   * @param feeWei the operator's fee, escrowed now, in wei
   * @return the new trigger's id
   * @throws InvalidInputException if {@code price} has more decimals than the feed or is not positive
   */
  public CompletableFuture<BigInteger> createTrigger(Address feed, Direction direction, java.math.BigDecimal price,
      String prompt, Address recipient, BigInteger feeWei) {
    Checks.notNull("feed", feed);
    Checks.notNull("price", price);
    return stage(Stage.TRIGGER, null, () -> {
      int decimals = chain().feed(feed).decimals();
      BigInteger threshold;
      try {
        threshold = price.movePointRight(decimals).toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new InvalidInputException("price: " + price + " has more than the feed's " + decimals + " decimals");
      }
      return chain().createTrigger(new TriggerOrder(feed, direction, threshold, prompt,
          generator().conditioningOf(prompt), generator().model().modelId(), recipient, feeWei));
    });
  }

  /**
   * Seed, generate, commit and store one item.
   *
   * @param firing the trigger and its round
   * @return the prepared item; fails with {@link PipelineException} naming the stage
   */
  public CompletableFuture<PreparedMint> prepare(Firing firing) {
    Objects.requireNonNull(firing, "firing");
    return regenerate(firing.trigger(), firing.round().roundId())
        .thenCompose(v -> stage(Stage.STORE, firing.trigger().triggerId(),
            () -> new PreparedMint(firing, v.seed(), store(firing, v.seed(), v.framesRoot(), v.frames()))));
  }

  /**
   * Prepares every firing, then commits the prepared ones as one batch on chain.
   *
   * @param firings the items, at least one
   * @return the outcome; the future fails only if the batch commit itself fails (then no
   *     item is on chain)
   */
  public CompletableFuture<BatchOutcome> mint(List<Firing> firings) {
    if (firings == null || firings.isEmpty()) {
      throw new InvalidInputException("firings: must hold at least one item");
    }
    List<Firing> items = List.copyOf(firings);
    AtomicInteger done = new AtomicInteger();
    List<CompletableFuture<Object>> futures = new ArrayList<>();
    for (Firing f : items) {
      futures.add(prepare(f).handle((ok, err) -> {
        int n = done.incrementAndGet();
        notify(l -> l.progress(Stage.STORE, n, items.size()));
        return ok != null ? ok : unwrap(err);
      }));
    }
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .thenCompose(ignored -> {
          List<PreparedMint> ready = new ArrayList<>();
          List<PipelineException> failed = new ArrayList<>();
          for (CompletableFuture<Object> f : futures) {
            Object o = f.join();
            if (o instanceof PreparedMint m) {
              ready.add(m);
            } else {
              failed.add((PipelineException) o);
            }
          }
          if (ready.isEmpty()) {
            return CompletableFuture.completedFuture(
                new BatchOutcome(Optional.empty(), List.of(), failed));
          }
          return commit(ready).thenApply(r -> new BatchOutcome(Optional.of(r), ready, failed));
        });
  }

  /**
   * Commits prepared items as one batch on chain (commit-reveal; leaves whose trigger can no longer
   * fire are skipped by the contract and listed in the receipt, the rest commit together).
   *
   * @param items the prepared items, at least one
   * @return the batch receipt
   */
  public CompletableFuture<BatchReceipt> commit(List<PreparedMint> items) {
    if (items == null || items.isEmpty()) {
      throw new InvalidInputException("items: must hold at least one prepared mint");
    }
    List<BatchLeaf> leaves = items.stream().map(PreparedMint::leaf).toList();
    return stage(Stage.CHAIN_COMMIT, null, () -> chain().commitBatch(leaves));
  }

  /**
   * Mints a batch's tokens once its challenge window has passed.
   *
   * @param batchId the batch
   * @return the receipts, one per token
   */
  public CompletableFuture<List<MintReceipt>> finalizeBatch(BigInteger batchId) {
    Checks.nonNegative("batchId", batchId);
    return stage(Stage.FINALIZE, null, () -> chain().finalizeBatch(batchId));
  }

  /**
   * Answers a challenge: regenerates the token and proves the disputed pixel.
   *
   * @param challenge the challenge
   * @param item the prepared item the challenge points at
   * @return the proof, already sent to the chain
   */
  public CompletableFuture<ProofEnvelope> answer(PixelChallenge challenge, PreparedMint item) {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(item, "item");
    Trigger t = item.firing().trigger();
    return regenerate(t, item.firing().round().roundId())
        .thenCompose(v -> stage(Stage.PROVE, t.triggerId(), () -> {
          PixelStatement st = new PixelStatement(t.modelId(), item.leaf().framesRoot(),
              t.triggerId(), item.firing().round().roundId(), t.promptHash(), t.conditioning(),
              challenge.pixelIndex());
          ProofEnvelope proof = proofs().provePixel(st, v.frames());
          chain().respond(challenge, proof);
          return proof;
        }));
  }

  private BatchLeaf store(Firing firing, Bytes32 seed, Bytes32 root, VideoFrames frames) {
    Trigger t = firing.trigger();
    VideoEncoder enc = encoder();
    ContentId video = contentStore().put(
        "vnft-" + t.triggerId() + "." + enc.fileExtension(), enc.encode(frames));
    ContentId raw = contentStore().put("vnft-" + t.triggerId() + ".rgb", frames.rgbUnsafe());
    return new BatchLeaf(t.triggerId(), firing.round().roundId(), root, video, raw);
  }

  private <T> CompletableFuture<T> stage(Stage stage, BigInteger id, Supplier<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      notify(l -> l.stageStarted(stage, id));
      long start = System.nanoTime();
      try {
        T v = work.get();
        long nanos = System.nanoTime() - start;
        notify(l -> l.stageSucceeded(stage, id, nanos));
        return v;
      } catch (RuntimeException e) {
        PipelineException pe = e instanceof PipelineException p ? p : new PipelineException(stage, id, e);
        notify(l -> l.stageFailed(stage, id, pe));
        throw pe;
      }
    }, config.executor);
  }

  private static PipelineException unwrap(Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (t instanceof PipelineException p) {
      return p;
    }
    throw new IllegalStateException("unexpected failure outside a stage", t);
  }

  private void notify(java.util.function.Consumer<VnftListener> call) {
    try {
      call.accept(listener());
    } catch (RuntimeException e) {
      LOG.warn("listener threw; ignored", e);
    }
  }

  private VnftListener listener() {
    return config.listener;
  }

  /**
   * @return the model this client generates with
   * @throws BackendUnavailableException if none is configured
   */
  public VideoGenerator generator() {
    return require(config.generator, "VideoGenerator");
  }

  /**
   * @return the content store this client writes to and reads from
   * @throws BackendUnavailableException if none is configured
   */
  public ContentStore contentStore() {
    return require(config.contentStore, "ContentStore");
  }

  /**
   * @return the commitment scheme (seed and frames root) this client uses
   * @throws BackendUnavailableException if none is configured
   */
  public CommitmentScheme commitments() {
    return require(config.commitments, "CommitmentScheme");
  }

  /**
   * @return the encoder this client writes video files with (the token verifier re-encodes the
   *     regenerated frames with it to check an operator's rendition)
   * @throws BackendUnavailableException if none is configured
   */
  public VideoEncoder encoder() {
    return require(config.encoder, "VideoEncoder");
  }

  /**
   * @return the pixel proof system this client proves with
   * @throws BackendUnavailableException if none is configured
   */
  public PixelProofSystem proofSystem() {
    return proofs();
  }

  private PixelProofSystem proofs() {
    return require(config.proofs, "PixelProofSystem");
  }

  /**
   * The chain this client reads and writes: the one route the protocol roles use for every chain
   * call (they hold no second backend).
   *
   * @return the chain backend
   * @throws BackendUnavailableException if none is configured
   */
  public ChainBackend chain() {
    return require(config.chain, "ChainBackend");
  }

  private static <T> T require(T backend, String what) {
    if (backend == null) {
      throw new BackendUnavailableException("no " + what + ": pass one to Vnft.builder() or put a "
          + what + "Provider on the class path");
    }
    return backend;
  }

  /**
   * Configures a {@link Vnft}. Not thread-safe; {@link #build()} makes an immutable client.
   * Backends left unset are discovered by {@link #build()} through {@link Providers} unless
   * {@link #discover(boolean)} turned discovery off.
   */
  public static final class Builder {
    private VideoGenerator generator;
    private ContentStore contentStore;
    private CommitmentScheme commitments;
    private PixelProofSystem proofs;
    private ChainBackend chain;
    private VideoEncoder encoder;
    private Executor executor = Runnable::run;
    private VnftListener listener = VnftListener.NONE;
    private VideoFormat format;
    private boolean discover = true;

    private Builder() {}

    /** @return an independent copy of this builder's settings */
    public Builder copy() {
      Builder b = new Builder();
      b.generator = generator;
      b.contentStore = contentStore;
      b.commitments = commitments;
      b.proofs = proofs;
      b.chain = chain;
      b.encoder = encoder;
      b.executor = executor;
      b.listener = listener;
      b.format = format;
      b.discover = discover;
      return b;
    }

    /**
     * @param v the generator; wins over discovery
     * @return this
     */
    public Builder generator(VideoGenerator v) {
      this.generator = Objects.requireNonNull(v, "generator");
      return this;
    }

    /**
     * @param v the content store; wins over discovery
     * @return this
     */
    public Builder contentStore(ContentStore v) {
      this.contentStore = Objects.requireNonNull(v, "contentStore");
      return this;
    }

    /**
     * @param v the commitment scheme; wins over discovery
     * @return this
     */
    public Builder commitments(CommitmentScheme v) {
      this.commitments = Objects.requireNonNull(v, "commitments");
      return this;
    }

    /**
     * @param v the pixel proof system; wins over discovery
     * @return this
     */
    public Builder proofSystem(PixelProofSystem v) {
      this.proofs = Objects.requireNonNull(v, "proofSystem");
      return this;
    }

    /**
     * @param v the chain backend; wins over discovery
     * @return this
     */
    public Builder chain(ChainBackend v) {
      this.chain = Objects.requireNonNull(v, "chain");
      return this;
    }

    /**
     * @param v the file encoder; wins over discovery
     * @return this
     */
    public Builder encoder(VideoEncoder v) {
      this.encoder = Objects.requireNonNull(v, "encoder");
      return this;
    }

    /**
     * @param v where blocking backend calls run; default: the calling thread
     * @return this
     */
    public Builder executor(Executor v) {
      this.executor = Objects.requireNonNull(v, "executor");
      return this;
    }

    /**
     * @param v progress and metrics listener; default: none
     * @return this
     */
    public Builder listener(VnftListener v) {
      this.listener = Objects.requireNonNull(v, "listener");
      return this;
    }

    /**
     * @param v the video shape for every token; default: the generator's
     *     {@link ModelInfo#defaultFormat()}
     * @return this
     */
    public Builder format(VideoFormat v) {
      this.format = Objects.requireNonNull(v, "format");
      return this;
    }

    /**
     * @param v whether {@link #build()} fills unset backends from {@link java.util.ServiceLoader};
     *     default true
     * @return this
     */
    public Builder discover(boolean v) {
      this.discover = v;
      return this;
    }

    /**
     * @return an immutable client
     * @throws BackendUnavailableException if a discovered provider fails to create its backend
     */
    public Vnft build() {
      Builder b = copy();
      if (discover) {
        if (b.generator == null) {
          b.generator = Providers.first(VideoGeneratorProvider.class).map(VnftProvider::create).orElse(null);
        }
        if (b.contentStore == null) {
          b.contentStore = Providers.first(ContentStoreProvider.class).map(VnftProvider::create).orElse(null);
        }
        if (b.commitments == null) {
          b.commitments = Providers.first(CommitmentSchemeProvider.class).map(VnftProvider::create).orElse(null);
        }
        if (b.proofs == null) {
          b.proofs = Providers.first(PixelProofSystemProvider.class).map(VnftProvider::create).orElse(null);
        }
        if (b.chain == null) {
          b.chain = Providers.first(ChainBackendProvider.class).map(VnftProvider::create).orElse(null);
        }
        if (b.encoder == null) {
          b.encoder = Providers.first(VideoEncoderProvider.class).map(VnftProvider::create).orElse(null);
        }
      }
      return new Vnft(b);
    }
  }
}
