package io.vnft.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ServiceLoader discovery, priority order, and explicit instances winning over providers. */
class ProviderDiscoveryTest {
  /** Counts creations so the test can see that an explicit backend skips discovery. */
  static final AtomicInteger CREATED = new AtomicInteger();

  /** A store that lives only in this test. */
  record NamedStore(String name) implements ContentStore {
    @Override
    public ContentId put(String fileName, byte[] bytes) {
      throw new ContentStoreException("test store " + name + " is read-only");
    }

    @Override
    public byte[] get(ContentId cid) {
      throw new ContentStoreException("test store " + name + " is empty");
    }

    @Override
    public boolean contains(ContentId cid) {
      return false;
    }
  }

  /** Listed in META-INF/services; priority 50, so it wins over {@link SlowProvider}. */
  public static final class FastProvider implements ContentStoreProvider {
    @Override
    public String name() {
      return "fast";
    }

    @Override
    public int priority() {
      return 50;
    }

    @Override
    public ContentStore create() {
      CREATED.incrementAndGet();
      return new NamedStore("fast");
    }
  }

  /** Listed first in META-INF/services, but with the default priority 100. */
  public static final class SlowProvider implements ContentStoreProvider {
    @Override
    public String name() {
      return "slow";
    }

    @Override
    public ContentStore create() {
      CREATED.incrementAndGet();
      return new NamedStore("slow");
    }
  }

  /** Fails like a backend whose native library is missing. */
  public static final class BrokenGeneratorProvider implements VideoGeneratorProvider {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public VideoGenerator create() {
      throw new BackendUnavailableException("libtorch not found (test)");
    }
  }

  @Test
  void providersAreSortedByPriorityThenName() {
    List<ContentStoreProvider> all = Providers.all(ContentStoreProvider.class,
        getClass().getClassLoader());
    assertEquals(List.of("fast", "slow"), all.stream().map(VnftProvider::name).toList());
    assertEquals("slow", Providers.named(ContentStoreProvider.class, "slow").orElseThrow().name());
    assertTrue(Providers.named(ContentStoreProvider.class, "nope").isEmpty());
  }

  @Test
  void discoveryFillsUnsetBackendsAndExplicitOnesWin() {
    ContentStore explicit = mock(ContentStore.class);
    int before = CREATED.get();
    Vnft.builder().contentStore(explicit).generator(mock(VideoGenerator.class)).build();
    assertEquals(before, CREATED.get(), "an explicit store must not trigger discovery of stores");

    VideoGenerator gen = mock(VideoGenerator.class);
    when(gen.model()).thenReturn(new ModelInfo("vnft-cppn-1", Bytes32.ZERO, true, "m", new io.vnft.api.VideoFormat(64, 64, 16, 8), 32));
    when(gen.generate(any())).thenReturn(new VideoFrames(PipelineTest.FORMAT,
        new byte[PipelineTest.FORMAT.rgbBytes()]));
    CommitmentScheme cs = mock(CommitmentScheme.class);
    when(cs.seed(any(), any(), any())).thenReturn(Bytes32.ZERO);
    when(cs.framesRoot(any())).thenReturn(Bytes32.ZERO);
    VideoEncoder enc = mock(VideoEncoder.class);
    when(enc.fileExtension()).thenReturn("gif");
    when(enc.encode(any())).thenReturn(new byte[1]);
    ChainBackend chain = mock(ChainBackend.class);
    when(chain.modelFormat(any())).thenReturn(PipelineTest.FORMAT);
    Vnft discovered = Vnft.builder().generator(gen).commitments(cs).encoder(enc).chain(chain)
        .format(PipelineTest.FORMAT).build();
    assertEquals(before + 1, CREATED.get());
    // The discovered store is the priority-50 one: the store stage reaches it and it refuses.
    CompletionException e = assertThrows(CompletionException.class,
        () -> discovered.prepare(PipelineTest.firing(1, "x")).join());
    PipelineException p = assertInstanceOf(PipelineException.class, e.getCause());
    assertEquals(Stage.STORE, p.stage());
    assertTrue(p.getCause().getMessage().contains("test store fast"), p.getMessage());
  }

  @Test
  void aFailingProviderSurfacesAsBackendUnavailable() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> Vnft.builder().build());
    assertTrue(e.getMessage().contains("libtorch"), e.getMessage());
    VideoGenerator mine = mock(VideoGenerator.class);
    when(mine.model()).thenReturn(new ModelInfo("vnft-cppn-1", Bytes32.ZERO, true, "m", PipelineTest.FORMAT, 32));
    Vnft ok = Vnft.builder().generator(mine).build();
    assertInstanceOf(Vnft.class, ok);
    assertSame(ok.format(), ok.toBuilder().build().format());
  }
}
