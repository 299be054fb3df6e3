package dev.forma.state.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.JsonTrees;
import dev.forma.state.ResourceAddress;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.codec.JournalRecord;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit in the journal: records that complete while an fsync runs share the next one, and
 * each record is on disk (inside a finished fsync) before its call returns. Pinned by ordering,
 * with an fsync the test holds back, never by timing.
 */
class FileJournalGroupCommitTest {
  private static final ResourceAddress R = ResourceAddress.managed("terraform_data", "r");

  @TempDir Path dir;

  private static StateChange change(int i) {
    InstanceAddress address = R.instance(IndexKey.of(i));
    return new StateChange.SetCurrent(
        address, "p", InstanceObject.of(JsonTrees.nodes().objectNode().put("id", "obj-" + i)));
  }

  private FileJournal journal(FileJournal.Flush flush) throws Exception {
    return FileJournal.start(
        dir.resolve("terraform.tfstate.journal"),
        "terraform.tfstate.journal",
        new JournalRecord.Begin("apply", 1, "lineage"),
        Map.of(),
        new LocalStateStore.Counter(),
        StateEncryption.NONE,
        flush);
  }

  private String journalText() throws IOException {
    return Files.readString(dir.resolve("terraform.tfstate.journal"), StandardCharsets.UTF_8);
  }

  @Test
  void recordsWrittenDuringAnFsyncShareTheNextAndNoneReturnsBeforeItIsFlushed() throws Exception {
    CountDownLatch firstFlushRunning = new CountDownLatch(1);
    CountDownLatch releaseFirstFlush = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    AtomicLong flushedBytes =
        new AtomicLong(); // the file's size when the last finished flush began
    FileJournal journal =
        journal(
            channel -> {
              long size = channel.size();
              if (flushes.incrementAndGet() == 1) {
                firstFlushRunning.countDown();
                try {
                  releaseFirstFlush.await();
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }
              channel.force(false);
              flushedBytes.set(size);
            });
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      // each writer checks, once its record returns, that its line lies inside a finished flush
      List<Future<Boolean>> writers = new ArrayList<>();
      writers.add(pool.submit(() -> recordAndCheckFlushed(journal, 0, flushedBytes)));
      firstFlushRunning.await();
      for (int i = 1; i <= 5; i++) {
        int n = i;
        writers.add(pool.submit(() -> recordAndCheckFlushed(journal, n, flushedBytes)));
      }
      // all five are written while the first flush is held back, and none has returned
      while (!allWritten(journalText(), 5)) {
        Thread.onSpinWait();
      }
      for (Future<Boolean> writer : writers) {
        assertFalse(writer.isDone(), "a record returned before any flush finished");
      }
      releaseFirstFlush.countDown();
      for (Future<Boolean> writer : writers) {
        assertTrue(writer.get(), "a record returned before a flush covered its line");
      }
      // one flush for the first record, one shared by the five written while it ran
      assertEquals(2, flushes.get());
    } finally {
      releaseFirstFlush.countDown();
      pool.shutdownNow();
      journal.close();
    }
  }

  private static boolean allWritten(String text, int last) {
    for (int i = 0; i <= last; i++) {
      if (!text.contains("\"obj-" + i + "\"")) {
        return false;
      }
    }
    return true;
  }

  private boolean recordAndCheckFlushed(FileJournal journal, int i, AtomicLong flushedBytes)
      throws Exception {
    journal.record(change(i));
    byte[] all = Files.readAllBytes(dir.resolve("terraform.tfstate.journal"));
    String flushed = new String(all, 0, (int) flushedBytes.get(), StandardCharsets.UTF_8);
    return flushed.contains("\"obj-" + i + "\"");
  }

  @Test
  void aFailedFsyncFailsItsRecordAndEveryRecordAfterIt() throws Exception {
    AtomicInteger flushes = new AtomicInteger();
    FileJournal journal =
        journal(
            channel -> {
              if (flushes.incrementAndGet() == 2) {
                throw new IOException("No space left on device");
              }
              channel.force(false);
            });
    try {
      journal.record(change(0));
      StateException failed = assertThrows(StateException.class, () -> journal.record(change(1)));
      assertTrue(failed.getMessage().contains("No space left on device"), failed.getMessage());
      // what reached the disk is unknown now: nothing more is written after it
      long size = Files.size(dir.resolve("terraform.tfstate.journal"));
      assertThrows(StateException.class, () -> journal.record(change(2)));
      assertEquals(size, Files.size(dir.resolve("terraform.tfstate.journal")));
      assertEquals(2, flushes.get());
    } finally {
      journal.close();
    }
  }
}
