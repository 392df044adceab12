package io.vnft.chain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.BackendUnavailableException;
import io.vnft.api.ContentId;
import io.vnft.api.ContentStore;
import io.vnft.api.ContentStoreException;
import io.vnft.api.ContentStoreProvider;
import io.vnft.api.InvalidInputException;
import io.vnft.api.Providers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {

  @TempDir Path dir;

  @Test
  void putStoresUnderTheIpfsCidAndGetReturnsTheBytes() throws Exception {
    LocalContentStore store = new LocalContentStore(dir.resolve("ipfs"));
    byte[] hello = "hello world\n".getBytes(StandardCharsets.US_ASCII);
    ContentId cid = store.put("hello.txt", hello);
    // Kubo's CID for these bytes (see vnft-api ContentIdTest for the source).
    assertEquals("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", cid.value());
    assertTrue(store.contains(cid));
    assertArrayEquals(hello, Files.readAllBytes(dir.resolve("ipfs").resolve(cid.value())));
    assertArrayEquals(hello, store.get(cid));
    assertEquals("hello.txt", store.fileName(cid).orElseThrow());
    assertEquals(cid, store.put("again.txt", hello), "same bytes, same CID");
    assertEquals("hello.txt", store.fileName(cid).orElseThrow(), "first name wins");
    try (Stream<Path> files = Files.list(dir.resolve("ipfs"))) {
      assertEquals(List.of(cid.value(), cid.value() + ".name"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
    }
  }

  @Test
  void multiChunkFilesGetDagPbCids() {
    LocalContentStore store = new LocalContentStore(dir);
    byte[] big = new byte[3 * ContentId.CHUNK_SIZE + 5];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + (i >>> 9));
    }
    ContentId cid = store.put("big.bin", big);
    assertEquals(ContentId.CODEC_DAG_PB, cid.codec());
    assertArrayEquals(big, store.get(cid));
  }

  @Test
  void tamperedFilesAreRefusedOnRead() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    ContentId cid = store.put("a.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    Files.writeString(store.path(cid), "{\"a\":2}");
    ContentStoreException e = assertThrows(ContentStoreException.class, () -> store.get(cid));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    // put repairs it
    store.put("a.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"a\":1}", new String(store.get(cid), StandardCharsets.UTF_8));
  }

  @Test
  void unknownContentIsATypedError() {
    LocalContentStore store = new LocalContentStore(dir);
    ContentId absent = ContentId.compute(new byte[] {1, 2, 3});
    assertFalse(store.contains(absent));
    ContentStoreException e = assertThrows(ContentStoreException.class, () -> store.get(absent));
    assertTrue(e.getMessage().contains(absent.value()), e.getMessage());
  }

  @Test
  void badNamesAndArgumentsAreRefused() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    assertThrows(InvalidInputException.class, () -> store.put("", new byte[0]));
    assertThrows(InvalidInputException.class, () -> store.put("a/b", new byte[0]));
    assertThrows(InvalidInputException.class, () -> store.put("x".repeat(256), new byte[0]));
    assertThrows(InvalidInputException.class, () -> store.put("a\nb", new byte[0]));
    assertThrows(InvalidInputException.class, () -> store.put("ok", null));
    assertThrows(InvalidInputException.class, () -> new LocalContentStore(null));
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThrows(InvalidInputException.class, () -> new LocalContentStore(file));
  }

  @Test
  void concurrentPutsOfTheSameContentAgree() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    byte[] content = new byte[ContentId.CHUNK_SIZE * 2];
    java.util.Arrays.fill(content, (byte) 7);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ContentId>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> store.put("same.bin", content)));
      }
      ContentId first = results.get(0).get();
      for (Future<ContentId> f : results) {
        assertEquals(first, f.get());
      }
      assertArrayEquals(content, store.get(first));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theDirectoryAppearsOnTheFirstPutNotBefore() {
    Path d = dir.resolve("a/b/ipfs");
    LocalContentStore store = new LocalContentStore(d);
    assertFalse(Files.exists(dir.resolve("a")), "the constructor must not create the directory");
    ContentId absent = ContentId.compute("x".getBytes(StandardCharsets.UTF_8));
    assertFalse(store.contains(absent));
    assertTrue(store.fileName(absent).isEmpty());
    ContentStoreException e = assertThrows(ContentStoreException.class, () -> store.get(absent));
    assertTrue(e.getMessage().contains("is not in the store"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("a")), "reads must not create the directory");
    ContentId cid = store.put("x.txt", "x".getBytes(StandardCharsets.UTF_8));
    assertEquals(absent, cid);
    assertTrue(Files.isRegularFile(d.resolve(cid.value())));
  }

  @Test
  void providerCreatesALocalStoreInTheConfiguredDirectoryWithoutTouchingIt() {
    String old = System.getProperty(LocalContentStoreProvider.DIR_PROPERTY);
    System.setProperty(LocalContentStoreProvider.DIR_PROPERTY, dir.resolve("p").toString());
    try {
      ContentStoreProvider p = Providers.named(ContentStoreProvider.class, "local").orElseThrow();
      ContentStore store = p.create();
      LocalContentStore local = assertInstanceOf(LocalContentStore.class, store);
      assertEquals(dir.resolve("p").toAbsolutePath(), local.directory());
      assertFalse(Files.exists(dir.resolve("p")));
      store.put("a.bin", new byte[] {1});
      assertTrue(Files.isDirectory(dir.resolve("p")));
    } finally {
      if (old == null) {
        System.clearProperty(LocalContentStoreProvider.DIR_PROPERTY);
      } else {
        System.setProperty(LocalContentStoreProvider.DIR_PROPERTY, old);
      }
    }
  }

  @Test
  void withNoSettingTheProviderDefaultsUnderTheWorkingDirectoryAndCreatesNothing() throws Exception {
    Path cwd = Files.createDirectories(dir.resolve("cwd"));
    long t0 = System.nanoTime();
    ContentStore store = new LocalContentStoreProvider(k -> null, k -> null, cwd).create();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 1000, ms + " ms");
    assertEquals(cwd.resolve(LocalContentStoreProvider.DEFAULT_DIR), ((LocalContentStore) store).directory());
    try (Stream<Path> s = Files.list(cwd)) {
      assertEquals(0, s.count(), "create() must leave the working directory as it was");
    }
    Files.writeString(cwd.resolve("file"), "x");
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> new LocalContentStoreProvider(k -> k.equals(LocalContentStoreProvider.DIR_PROPERTY) ? "file" : null,
            k -> null, cwd).create());
    assertTrue(e.getMessage().contains("-Dvnft.store.dir") && e.getMessage().contains("VNFT_STORE_DIR"),
        e.getMessage());
  }
}
