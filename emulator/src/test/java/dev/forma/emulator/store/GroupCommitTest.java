package dev.forma.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent changes share writes of the data file (group commit), and each is on disk when its
 * flush returns.
 */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void concurrentChangesShareWritesAndEachIsOnDiskWhenItsFlushReturns() throws Exception {
    Path file = dir.resolve("cloud.json");
    CloudStore store = CloudStore.open(file);
    long before = store.writes();
    int n = 40;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<JsonNode>> seen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = "conn-" + i;
      seen.add(
          pool.submit(
              () -> {
                go.await();
                store.transaction(
                    () -> {
                      store.table(CloudStore.Table.CONNECTIONS).putObject(key).put("Id", key);
                      store.changed();
                      return null;
                    });
                store.flush();
                // what is on disk once this change's flush returned
                return new ObjectMapper().readTree(file.toFile()).path("connections").path(key);
              }));
    }
    go.countDown();
    for (Future<JsonNode> f : seen) {
      assertEquals(false, f.get().isMissingNode(), "a change flushed is on disk");
    }
    pool.shutdown();
    long writes = store.writes() - before;
    assertTrue(writes >= 1 && writes < n, n + " concurrent changes took " + writes + " writes");
  }
}
