package io.vnft.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The pipeline's ordering and failure handling, around mocked backends. */
class PipelineTest {
  static final VideoFormat FORMAT = new VideoFormat(2, 2, 1, 1);
  static final ContentId VIDEO = ContentId.compute("video".getBytes(StandardCharsets.UTF_8));
  static final ContentId RAW = ContentId.compute("raw".getBytes(StandardCharsets.UTF_8));
  static final ContentId META = ContentId.compute("meta".getBytes(StandardCharsets.UTF_8));

  VideoGenerator generator = mock(VideoGenerator.class);
  ContentStore store = mock(ContentStore.class);
  CommitmentScheme commitments = mock(CommitmentScheme.class);
  VideoEncoder encoder = mock(VideoEncoder.class);
  ChainBackend chain = mock(ChainBackend.class);
  ExecutorService pool = Executors.newFixedThreadPool(3);
  List<String> events = new CopyOnWriteArrayList<>();

  Vnft vnft;

  @BeforeEach
  void setUp() {
    when(generator.model()).thenReturn(
        new ModelInfo("vnft-cppn-1", Bytes32.ZERO, true, "test model", new io.vnft.api.VideoFormat(64, 64, 16, 8), 32));
    when(generator.generate(any())).thenAnswer(
        inv -> new VideoFrames(FORMAT, new byte[FORMAT.rgbBytes()]));
    when(commitments.seed(any(), any(), any())).thenAnswer(
        inv -> Bytes32.fromBigInteger(inv.getArgument(0, BigInteger.class).add(BigInteger.valueOf(1000))));
    when(commitments.framesRoot(any())).thenReturn(Bytes32.fromBigInteger(BigInteger.valueOf(42)));
    when(encoder.fileExtension()).thenReturn("mp4");
    when(encoder.mimeType()).thenReturn("video/mp4");
    when(encoder.encode(any())).thenReturn(new byte[] {1, 2, 3});
    when(store.put(argThat(n -> n != null && n.endsWith(".mp4")), any())).thenReturn(VIDEO);
    when(store.put(argThat(n -> n != null && n.endsWith(".json")), any())).thenReturn(META);
    when(store.put(argThat(n -> n != null && n.endsWith(".rgb")), any())).thenReturn(RAW);
    when(chain.modelFormat(any())).thenReturn(FORMAT);
    when(chain.commitBatch(any())).thenAnswer(inv -> new BatchReceipt(BigInteger.valueOf(5),
        "0x" + "ab".repeat(32), 10, 1000, List.of(), List.of()));
    vnft = Vnft.builder().discover(false).generator(generator).contentStore(store)
        .commitments(commitments).encoder(encoder).chain(chain).format(FORMAT).executor(pool)
        .listener(new VnftListener() {
          @Override
          public void stageFailed(Stage stage, BigInteger triggerId, VnftException error) {
            events.add("failed " + stage + " " + triggerId);
          }

          @Override
          public void stageSucceeded(Stage stage, BigInteger triggerId, long nanos) {
            events.add("ok " + stage + " " + triggerId);
          }
        }).build();
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  static Firing firing(long id, String prompt) {
    Trigger t = RecordValidationTest.trigger(BigInteger.valueOf(id), prompt);
    return new Firing(t, new PriceRound(t.feed(), BigInteger.valueOf(3), BigInteger.valueOf(4100), 1, 1));
  }

  @Test
  void stagesRunInOrderAndTheLeafCarriesTheirResults() {
    PreparedMint m = vnft.prepare(firing(1, "a red sun")).join();
    InOrder order = inOrder(commitments, generator, encoder, store);
    order.verify(commitments).seed(BigInteger.ONE, BigInteger.valueOf(3),
        Bytes32.keccak256("a red sun".getBytes(StandardCharsets.UTF_8)));
    order.verify(generator).generate(argThat(r -> r != null && r.seed().toBigInteger().intValue() == 1001
        && r.prompt().equals("a red sun") && r.format().equals(FORMAT)
        && r.conditioning().equals(Bytes32.fromBigInteger(BigInteger.valueOf(7)))));
    order.verify(commitments).framesRoot(any());
    order.verify(encoder).encode(any());
    order.verify(store).put(eq("vnft-1.mp4"), any());
    order.verify(store).put(eq("vnft-1.rgb"), any());
    verify(store, never()).put(argThat(n -> n != null && n.endsWith(".json")), any()); // tokenURI is built on chain
    assertEquals(new BatchLeaf(BigInteger.ONE, BigInteger.valueOf(3),
        Bytes32.fromBigInteger(BigInteger.valueOf(42)), VIDEO, RAW), m.leaf());
    assertEquals(List.of("ok SEED 1", "ok GENERATE 1", "ok COMMIT 1", "ok STORE 1"), events);
  }

  @Test
  void aFailingItemIsReportedWithItsStageAndTheBatchHoldsOnlyTheOthers() {
    when(generator.generate(argThat(r -> r != null && r.prompt().equals("bad"))))
        .thenThrow(new GenerationException("model exploded"));
    BatchOutcome out = vnft.mint(List.of(firing(1, "good"), firing(2, "bad"), firing(3, "fine"))).join();
    assertEquals(BigInteger.valueOf(5), out.receipt().orElseThrow().batchId());
    assertEquals(List.of(BigInteger.ONE, BigInteger.valueOf(3)),
        out.committed().stream().map(m -> m.leaf().triggerId()).sorted().toList());
    assertEquals(1, out.failures().size());
    PipelineException f = out.failures().get(0);
    assertEquals(Stage.GENERATE, f.stage());
    assertEquals(BigInteger.TWO, f.triggerId().orElseThrow());
    assertInstanceOf(GenerationException.class, f.getCause());
    // Nothing of the failed item was stored or committed.
    verify(store, never()).put(eq("vnft-2.mp4"), any());
    verify(chain).commitBatch(argThat(leaves -> leaves != null && leaves.size() == 2
        && leaves.stream().noneMatch(l -> l.triggerId().equals(BigInteger.TWO))));
    assertTrue(events.contains("failed GENERATE 2"), events.toString());
  }

  @Test
  void noBatchIsSentWhenEveryItemFails() {
    when(store.put(anyString(), any())).thenThrow(new ContentStoreException("disk full"));
    BatchOutcome out = vnft.mint(List.of(firing(1, "a"), firing(2, "b"))).join();
    assertTrue(out.receipt().isEmpty());
    assertEquals(2, out.failures().size());
    assertTrue(out.failures().stream().allMatch(f -> f.stage() == Stage.STORE));
    verify(chain, never()).commitBatch(any());
  }

  @Test
  void aRefusedBatchFailsTheWholeRunWithTheChainError() {
    when(chain.commitBatch(any())).thenThrow(new ChainException("commit refused", "NotCrossing", null));
    CompletionException e = assertThrows(CompletionException.class,
        () -> vnft.mint(List.of(firing(1, "a"))).join());
    PipelineException p = assertInstanceOf(PipelineException.class, e.getCause());
    assertEquals(Stage.CHAIN_COMMIT, p.stage());
    assertEquals("NotCrossing", ((ChainException) p.getCause()).revertReason().orElseThrow());
  }

  @Test
  void firingIsTheFirstCrossingAfterTheTriggersStart() {
    PriceFeed feed = mock(PriceFeed.class);
    Trigger t = RecordValidationTest.trigger(BigInteger.ONE, "p"); // ABOVE 4000, startRound 0
    long[] answers = {0, 4200, 3900, 3950, 4001, 4300, 3000, 4100};
    when(chain.feed(t.feed())).thenReturn(feed);
    when(chain.checkpoint(t.triggerId())).thenReturn(BigInteger.ZERO, BigInteger.ONE, BigInteger.ZERO);
    when(chain.chainTime()).thenReturn(8L);
    when(feed.heartbeatSeconds()).thenReturn(3600L);
    when(feed.latestRound()).thenReturn(round(t, 7, answers[7]));
    when(feed.round(any())).thenAnswer(inv -> {
      int r = inv.getArgument(0, BigInteger.class).intValue();
      if (r >= answers.length) {
        throw new ChainException("no data for round " + r);
      }
      return round(t, r, answers[r]);
    });
    // Round 1 crosses (round 0 predates the trigger).
    assertEquals(BigInteger.ONE, vnft.firing(t).join().orElseThrow().round().roundId());
    Trigger later = new Trigger(t.triggerId(), t.feed(), t.direction(), t.threshold(), t.promptHash(),
        t.prompt(), t.conditioning(), t.modelId(), t.recipient(), t.feeWei(), BigInteger.ONE);
    // After round 1, the price falls below and first comes back at round 4.
    assertEquals(BigInteger.valueOf(4), vnft.firing(later).join().orElseThrow().round().roundId());
    Trigger last = new Trigger(t.triggerId(), t.feed(), t.direction(), BigInteger.valueOf(5000),
        t.promptHash(), t.prompt(), t.conditioning(), t.modelId(), t.recipient(), t.feeWei(), BigInteger.ZERO);
    assertTrue(vnft.firing(last).join().isEmpty());
    verify(feed, atLeast(3)).latestRound();
  }

  @Test
  void missingBackendIsAClearError() {
    Vnft bare = Vnft.builder().discover(false).build();
    CompletionException e = assertThrows(CompletionException.class,
        () -> bare.prepare(firing(1, "x")).join());
    PipelineException p = assertInstanceOf(PipelineException.class, e.getCause());
    assertInstanceOf(BackendUnavailableException.class, p.getCause());
    assertTrue(p.getMessage().contains("CommitmentScheme"), p.getMessage());
  }

  @Test
  void listenerExceptionsDoNotBreakThePipeline() {
    Vnft noisy = vnft.toBuilder().listener(new VnftListener() {
      @Override
      public void stageStarted(Stage stage, BigInteger triggerId) {
        throw new IllegalStateException("listener bug");
      }
    }).build();
    assertEquals(BigInteger.ONE, noisy.prepare(firing(1, "x")).join().leaf().triggerId());
    assertSame(FORMAT, noisy.format());
  }

  static PriceRound round(Trigger t, long id, long answer) {
    return new PriceRound(t.feed(), BigInteger.valueOf(id), BigInteger.valueOf(answer), id, id);
  }
}
