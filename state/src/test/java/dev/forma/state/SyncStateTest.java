package dev.forma.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.forma.state.codec.JournalCodec;
import dev.forma.state.codec.JournalRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyncStateTest {
  private static final ResourceAddress R = ResourceAddress.managed("t", "r");

  private static InstanceObject object(String id) {
    return InstanceObject.of(JsonTrees.nodes().objectNode().put("id", id));
  }

  @Test
  void changesFromManyThreadsAreLoggedInTheOrderTheyAreApplied() throws Exception {
    List<StateChange> log = Collections.synchronizedList(new ArrayList<>());
    State base = State.empty("l");
    SyncState sync = new SyncState(base, java.util.Map.of(), log::add);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 200; i++) {
                  InstanceAddress address = R.instance(IndexKey.of(thread * 1000L + i));
                  sync.setCurrent(address, "p", object(thread + "-" + i));
                  if (i % 3 == 0) {
                    sync.removeCurrent(address);
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    State result = sync.snapshot();
    State.Builder replay = base.toBuilder();
    log.forEach(replay::apply);
    assertEquals(result, replay.build());
    assertEquals(8 * (200 - 67), result.resource(R).orElseThrow().instances().size());
  }

  /** A log whose appends become durable only when the test says: by count, as a prefix. */
  private static final class HeldLog implements ChangeLog {
    final List<StateChange> appended = new ArrayList<>();
    private int durable;

    @Override
    public void record(StateChange change) {
      throw new AssertionError("SyncState appends, then waits");
    }

    @Override
    public synchronized Pending append(StateChange change) {
      appended.add(change);
      int number = appended.size();
      return () -> {
        synchronized (HeldLog.this) {
          while (durable < number) {
            try {
              HeldLog.this.wait();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      };
    }

    synchronized void makeDurable(int count) {
      durable = count;
      notifyAll();
    }

    synchronized int appendedCount() {
      return appended.size();
    }
  }

  @Test
  void aChangeIsAppliedAndItsCallReturnsOnlyOnceTheLogHasMadeItDurable() throws Exception {
    HeldLog log = new HeldLog();
    SyncState sync = new SyncState(State.empty("l"), java.util.Map.of(), log);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      InstanceAddress first = R.instance(IndexKey.of(1));
      InstanceAddress second = R.instance(IndexKey.of(2));
      Future<?> a =
          pool.submit(
              () -> {
                sync.setCurrent(first, "p", object("a"));
                return null;
              });
      while (log.appendedCount() < 1) {
        Thread.onSpinWait();
      }
      Future<?> b =
          pool.submit(
              () -> {
                sync.setCurrent(second, "p", object("b"));
                return null;
              });
      while (log.appendedCount() < 2) {
        Thread.onSpinWait();
      }
      // both are written to the log, neither is durable: neither is applied nor returned
      assertFalse(a.isDone() || b.isDone());
      assertFalse(sync.currentObject(first).isPresent());
      assertFalse(sync.snapshot().currentObject(second).isPresent());
      // the first is durable: it is applied and returns; the second still waits
      log.makeDurable(1);
      a.get();
      assertEquals(object("a"), sync.currentObject(first).orElseThrow());
      assertFalse(b.isDone());
      assertFalse(sync.currentObject(second).isPresent());
      log.makeDurable(2);
      b.get();
      assertEquals(object("b"), sync.snapshot().currentObject(second).orElseThrow());
    } finally {
      log.makeDurable(Integer.MAX_VALUE);
      pool.shutdownNow();
    }
  }

  @Test
  void aLaterChangeMadeDurableFirstAppliesTheOnesBeforeItInTheLogsOrder() throws Exception {
    // the same address twice: applied out of the log's order, the state would end at "first"
    HeldLog log = new HeldLog();
    SyncState sync = new SyncState(State.empty("l"), java.util.Map.of(), log);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a =
          pool.submit(
              () -> {
                sync.setCurrent(R.instance(), "p", object("first"));
                return null;
              });
      while (log.appendedCount() < 1) {
        Thread.onSpinWait();
      }
      Future<?> b =
          pool.submit(
              () -> {
                sync.setCurrent(R.instance(), "p", object("second"));
                return null;
              });
      while (log.appendedCount() < 2) {
        Thread.onSpinWait();
      }
      log.makeDurable(2); // one flush covers both; whichever thread wakes first applies both
      a.get();
      b.get();
      assertEquals(object("second"), sync.snapshot().currentObject(R.instance()).orElseThrow());
      State.Builder replay = State.empty("l").toBuilder();
      log.appended.forEach(replay::apply);
      assertEquals(replay.build(), sync.snapshot());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aChangeThatCannotBeLoggedIsNotApplied() {
    SyncState sync =
        new SyncState(
            State.empty("l"),
            java.util.Map.of(),
            change -> {
              throw new StateException("Failed to save state", "disk full");
            });
    assertThrows(StateException.class, () -> sync.setCurrent(R.instance(), "p", object("x")));
    assertFalse(sync.snapshot().currentObject(R.instance()).isPresent());
  }

  @Test
  void removingTheLastObjectRemovesTheResourceAndDeposedObjectsKeepTheInstance() throws Exception {
    SyncState sync = new SyncState(State.empty("l"));
    sync.setCurrent(R.instance(), "p", object("old"));
    sync.depose(R.instance(), "abcd1234");
    sync.setCurrent(R.instance(), "p", object("new"));
    ResourceInstance instance = sync.snapshot().instance(R.instance()).orElseThrow();
    assertEquals(object("new"), instance.current());
    assertEquals(object("old"), instance.deposed().get("abcd1234"));
    sync.removeDeposed(R.instance(), "abcd1234");
    sync.removeCurrent(R.instance());
    assertFalse(sync.snapshot().resource(R).isPresent());
    sync.setOutput("o", new OutputValue(TextNode.valueOf("v"), TextNode.valueOf("string"), true));
    assertEquals(1, sync.snapshot().outputs().size());
  }

  @Test
  void aDeposedObjectIsRestoredWhenItsReplacementWasNotMadeAndTheJournalSaysSo() throws Exception {
    List<StateChange> log = new ArrayList<>();
    State base = State.empty("l").toBuilder().setCurrent(R.instance(), "p", object("old")).build();
    SyncState sync = new SyncState(base, java.util.Map.of(), log::add);
    sync.depose(R.instance(), "abcd1234");
    sync.undepose(R.instance(), "abcd1234");
    ResourceInstance instance = sync.snapshot().instance(R.instance()).orElseThrow();
    assertEquals(object("old"), instance.current());
    assertEquals(0, instance.deposed().size());
    // A crash after the undepose record replays to the same state.
    State.Builder replay = base.toBuilder();
    for (StateChange c : log) {
      byte[] line = JournalCodec.encode(new JournalRecord.Change(c));
      JournalRecord back = JournalCodec.decode(Arrays.copyOf(line, line.length - 1), "journal", 1);
      replay.apply(((JournalRecord.Change) back).change());
    }
    assertEquals(sync.snapshot(), replay.build());
    // With a current object in place, the deposed one stays deposed.
    sync.depose(R.instance(), "k2");
    sync.setCurrent(R.instance(), "p", object("new"));
    sync.undepose(R.instance(), "k2");
    assertEquals(object("new"), sync.snapshot().currentObject(R.instance()).orElseThrow());
  }

  @Test
  void addressesPrintAsTerraformWritesThem() {
    assertEquals("t.r", R.instance().toString());
    assertEquals("t.r[3]", R.instance(IndexKey.of(3)).toString());
    assertEquals("t.r[\"a\\\"b\"]", R.instance(IndexKey.of("a\"b")).toString());
    assertEquals(
        "module.m[\"x\"].data.t.r",
        new ResourceAddress("module.m[\"x\"]", ResourceMode.DATA, "t", "r").toString());
  }

  @Test
  void codePointOrderAgreesWithUtf8ByteOrderOnEveryKindOfCharacter() {
    String[] samples = {
      "",
      "a",
      "ab",
      "b",
      "\u00e9",
      "\u07ff",
      "\u0800",
      "\ud7ff",
      "\ue000",
      "\uff5e",
      "\uffff",
      "🎉",
      "𐀀",
      "a🎉",
      "a\uffff",
      "\ud83c\udf89x",
      "\uffffx"
    };
    for (String a : samples) {
      for (String b : samples) {
        int bytes =
            java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
            Integer.signum(bytes), Integer.signum(CodePointOrder.compare(a, b)), a + " " + b);
      }
    }
  }

  @Test
  void codePointOrderIsUtf8ByteOrder() {
    // U+FF5E sorts before U+1F389 in UTF-8, though not in UTF-16.
    assertEquals(-1, Integer.signum(CodePointOrder.compare("\uff5e", "🎉")));
    assertEquals(1, Integer.signum("\uff5e".compareTo("🎉")));
  }

  @Test
  void aMoveCarriesCurrentAndDeposedObjectsToTheNewAddressAndRoundTripsThroughTheJournal()
      throws Exception {
    List<StateChange> log = new ArrayList<>();
    SyncState sync = new SyncState(State.empty("l"), java.util.Map.of(), log::add);
    ResourceAddress to = ResourceAddress.managed("t", "s");
    sync.setCurrent(R.instance(), "p", object("old"));
    sync.depose(R.instance(), "abcd1234");
    sync.setCurrent(R.instance(), "p", object("new"));
    sync.move(R.instance(), to.instance(IndexKey.of(0)));
    State moved = sync.snapshot();
    assertFalse(moved.resource(R).isPresent());
    ResourceInstance instance = moved.instance(to.instance(IndexKey.of(0))).orElseThrow();
    assertEquals(object("new"), instance.current());
    assertEquals(object("old"), instance.deposed().get("abcd1234"));
    assertEquals("p", moved.resource(to).orElseThrow().provider());
    StateChange last = log.getLast();
    assertEquals(new StateChange.Move(R.instance(), to.instance(IndexKey.of(0))), last);
    byte[] line = JournalCodec.encode(new JournalRecord.Change(last));
    assertEquals(
        "{\"op\":\"move\",\"address\":{\"mode\":\"managed\",\"type\":\"t\",\"name\":\"r\"},"
            + "\"to\":{\"mode\":\"managed\",\"type\":\"t\",\"name\":\"s\",\"index_key\":0}}\n",
        new String(line, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(
        new JournalRecord.Change(last),
        JournalCodec.decode(Arrays.copyOf(line, line.length - 1), "j", 1));
  }

  @Test
  void aMoveOntoAnExistingInstanceChangesNothing() throws Exception {
    SyncState sync = new SyncState(State.empty("l"));
    ResourceAddress to = ResourceAddress.managed("t", "s");
    sync.setCurrent(R.instance(), "p", object("a"));
    sync.setCurrent(to.instance(), "p", object("b"));
    State before = sync.snapshot();
    sync.move(R.instance(), to.instance());
    assertEquals(before, sync.snapshot());
  }
}
