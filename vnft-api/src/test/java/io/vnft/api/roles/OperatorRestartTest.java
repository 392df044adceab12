package io.vnft.api.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.vnft.api.Address;
import io.vnft.api.BatchLeaf;
import io.vnft.api.BatchReceipt;
import io.vnft.api.BatchStatus;
import io.vnft.api.Bytes32;
import io.vnft.api.ChainBackend;
import io.vnft.api.ChainException;
import io.vnft.api.CommitmentScheme;
import io.vnft.api.CommittedBatch;
import io.vnft.api.ContentId;
import io.vnft.api.ContentStore;
import io.vnft.api.Deployment;
import io.vnft.api.Direction;
import io.vnft.api.ModelInfo;
import io.vnft.api.PriceFeed;
import io.vnft.api.PriceRound;
import io.vnft.api.Trigger;
import io.vnft.api.VideoEncoder;
import io.vnft.api.VideoFormat;
import io.vnft.api.VideoFrames;
import io.vnft.api.VideoGenerator;
import io.vnft.api.Vnft;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator killed mid-batch and restarted neither loses the trigger nor mints it twice. */
class OperatorRestartTest {
  static final VideoFormat FORMAT = new VideoFormat(2, 2, 1, 1);
  static final Address ME = Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final Address FEED = Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  static final Deployment DEPLOYMENT = new Deployment(31337, Bytes32.fromBigInteger(BigInteger.valueOf(77)),
      Address.of("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9"));

  @TempDir Path dir;
  ChainBackend chain = mock(ChainBackend.class);
  VideoGenerator generator = mock(VideoGenerator.class);
  ContentStore store = mock(ContentStore.class);
  CommitmentScheme commitments = mock(CommitmentScheme.class);
  VideoEncoder encoder = mock(VideoEncoder.class);
  PriceFeed feed = mock(PriceFeed.class);
  Trigger trigger;

  @BeforeEach
  void setUp() {
    String prompt = "calm ocean";
    trigger = new Trigger(BigInteger.ONE, FEED, Direction.ABOVE, BigInteger.valueOf(4000),
        Bytes32.keccak256(prompt.getBytes(StandardCharsets.UTF_8)), prompt, Bytes32.ZERO, "vnft-cppn-1", ME,
        BigInteger.TEN, BigInteger.ZERO);
    setUpChainAgain();
    when(feed.heartbeatSeconds()).thenReturn(3600L);
    when(feed.latestRound()).thenReturn(round(1, 4100));
    when(feed.round(any())).thenAnswer(inv -> round(inv.getArgument(0, BigInteger.class).longValue(), 4100));
    when(generator.model()).thenReturn(new ModelInfo("vnft-cppn-1", Bytes32.ZERO, true, "m", new io.vnft.api.VideoFormat(64, 64, 16, 8), 32));
    when(generator.generate(any())).thenReturn(new VideoFrames(FORMAT, new byte[FORMAT.rgbBytes()]));
    when(commitments.seed(any(), any(), any())).thenReturn(Bytes32.fromBigInteger(BigInteger.valueOf(7)));
    when(commitments.framesRoot(any())).thenReturn(Bytes32.fromBigInteger(BigInteger.valueOf(9)));
    when(encoder.fileExtension()).thenReturn("mp4");
    when(encoder.mimeType()).thenReturn("video/mp4");
    when(encoder.encode(any())).thenReturn(new byte[] {1});
    when(store.put(any(), any())).thenAnswer(inv -> ContentId.compute(inv.getArgument(1, byte[].class)));
  }

  static PriceRound round(long id, long answer) {
    return new PriceRound(FEED, BigInteger.valueOf(id), BigInteger.valueOf(answer), id, id);
  }

  Operator node() {
    Vnft vnft = Vnft.builder().discover(false).generator(generator).contentStore(store).commitments(commitments)
        .encoder(encoder).chain(chain).format(FORMAT).build();
    return Operator.builder().vnft(vnft).journal(journal()).maxWaitSeconds(0).listener(RoleListener.NONE).build();
  }

  OperatorJournal journal() {
    return OperatorJournal.open(dir.resolve("journal.txt"), DEPLOYMENT);
  }

  @Test
  void killedBeforeTheCommitLandedReusesThePreparedLeafOnce() {
    when(chain.commitBatch(any())).thenThrow(new ChainException("connection reset"));
    assertThrows(RuntimeException.class, () -> node().tick());
    // The journal kept the prepared leaf.
    OperatorJournal.Entry e = journal().get(BigInteger.ONE).orElseThrow();
    assertEquals(OperatorJournal.State.PREPARED, e.state());

    // Restart: the node comes back and the commit goes through, without generating again.
    org.mockito.Mockito.reset(chain);
    setUpChainAgain();
    when(chain.commitBatch(any())).thenReturn(new BatchReceipt(BigInteger.valueOf(3), "0x" + "11".repeat(32), 5, 99, List.of(BigInteger.ONE), List.of()));
    Operator.TickReport r = node().tick();
    assertEquals(1, r.committed().size());
    verify(generator, times(1)).generate(any());
    verify(chain, times(1)).commitBatch(List.of(e.leaf()));
    assertEquals(e.mint(), journal().get(BigInteger.ONE).orElseThrow().mint(), "restored as the same value");
    assertEquals(OperatorJournal.State.COMMITTED,
        journal().get(BigInteger.ONE).orElseThrow().state());
  }

  @Test
  void killedAfterTheCommitLandedAdoptsTheBatchFromTheChain() {
    when(chain.commitBatch(any())).thenThrow(new ChainException("connection reset"));
    assertThrows(RuntimeException.class, () -> node().tick());
    BatchLeaf leaf = journal().get(BigInteger.ONE).orElseThrow().leaf();

    // In fact the transaction was mined: the chain holds the batch and the trigger is no longer open.
    org.mockito.Mockito.reset(chain);
    setUpChainAgain();
    when(chain.openTriggers()).thenReturn(List.of());
    when(chain.batches()).thenReturn(List.of(new CommittedBatch(BigInteger.valueOf(4), ME, List.of(leaf), 99,
        BatchStatus.PENDING)));
    node().tick();
    verify(chain, never()).commitBatch(any());
    OperatorJournal.Entry e = journal().get(BigInteger.ONE).orElseThrow();
    assertEquals(OperatorJournal.State.COMMITTED, e.state());
    assertEquals(Optional.of(BigInteger.valueOf(4)), e.batchId());
  }

  private void setUpChainAgain() {
    when(chain.account()).thenReturn(ME);
    when(chain.deployment()).thenReturn(DEPLOYMENT);
    when(chain.checkpoint(any())).thenReturn(BigInteger.ZERO);
    when(chain.chainTime()).thenReturn(10L);
    when(chain.modelFormat(any())).thenReturn(FORMAT);
    when(chain.checkFiring(any(), any())).thenReturn(io.vnft.api.FiringRule.Verdict.FIRES);
    when(chain.withdraw()).thenReturn(BigInteger.ZERO);
    when(chain.feed(FEED)).thenReturn(feed);
    when(chain.openTriggers()).thenReturn(List.of(trigger));
    when(chain.batches()).thenReturn(List.of());
    when(chain.openChallenges()).thenReturn(List.of());
  }
}
