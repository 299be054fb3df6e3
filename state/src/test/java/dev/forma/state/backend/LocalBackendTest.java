package dev.forma.state.backend;

import static dev.forma.state.backend.Fixtures.PROVIDER;
import static dev.forma.state.backend.Fixtures.instance;
import static dev.forma.state.backend.Fixtures.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.forma.state.InstanceAddress;
import dev.forma.state.OutputValue;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.SyncState;
import dev.forma.state.codec.StateCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest {
  @TempDir Path dir;

  private LocalStateStore backend() {
    return LocalStateStore.inDirectory(dir, "0.1.0");
  }

  private static State withInstances(State base, int count) {
    State.Builder builder = base.toBuilder();
    for (int i = 0; i < count; i++) {
      builder.setCurrent(instance(i), PROVIDER, object("id-" + i));
    }
    return builder.build();
  }

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void noStateFileReadsAsAnEmptyStateAndTheFirstWriteHasSerialOne() throws Exception {
    LocalStateStore backend = backend();
    LoadedState loaded = backend.read();
    assertTrue(loaded.state().isEmpty());
    assertTrue(loaded.recovery().isEmpty());
    State written = backend.write(withInstances(loaded.state(), 1));
    assertEquals(1, written.serial());
    assertEquals("0.1.0", written.terraformVersion());
    assertEquals(List.of("terraform.tfstate"), files());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("terraform.tfstate"))));
  }

  @Test
  void replacesTheStateAtomicallyKeepingThePreviousOneAsBackupOncePerBackend() throws Exception {
    State first = backend().write(withInstances(State.empty(), 1));
    byte[] firstBytes = Files.readAllBytes(dir.resolve("terraform.tfstate"));

    LocalStateStore second = backend();
    State two = second.write(withInstances(second.read().state(), 2));
    assertEquals(first.serial() + 1, two.serial());
    assertArrayEquals(firstBytes, Files.readAllBytes(dir.resolve("terraform.tfstate.backup")));
    State three = second.write(withInstances(two, 3));
    assertEquals(two.serial() + 1, three.serial());
    // Like Terraform, the backup is the state before this run's first write.
    assertArrayEquals(firstBytes, Files.readAllBytes(dir.resolve("terraform.tfstate.backup")));
    assertEquals(List.of("terraform.tfstate", "terraform.tfstate.backup"), files());
    assertEquals(three.resources(), backend().read().state().resources());
  }

  @Test
  void anUnchangedStateIsNotRewritten() throws Exception {
    LocalStateStore backend = backend();
    State written = backend.write(withInstances(State.empty(), 2));
    long before = backend.bytesWritten();
    State again = backend.write(backend.read().state());
    assertEquals(written.serial(), again.serial());
    assertEquals(before, backend.bytesWritten());
  }

  @Test
  void aTransactionJournalsEachChangeAndCommitWritesTheStateAndDropsTheJournal() throws Exception {
    LocalStateStore backend = backend();
    State base = backend.write(withInstances(State.empty(), 1));
    try (StateTransaction tx = backend.begin("apply", base)) {
      SyncState state = tx.state();
      state.recordIntent(instance(1), "token-1");
      assertEquals(Map.of(instance(1), "token-1"), state.pendingIntents());
      state.setCurrent(instance(1), PROVIDER, object("id-1"));
      state.removeCurrent(instance(0));
      state.setOutput(
          "o", new OutputValue(TextNode.valueOf("x"), TextNode.valueOf("string"), false));
      assertTrue(Files.exists(dir.resolve("terraform.tfstate.journal")));
      List<String> lines = Files.readAllLines(dir.resolve("terraform.tfstate.journal"));
      assertEquals(5, lines.size());
      assertTrue(
          lines.get(0).startsWith("{\"op\":\"begin\",\"operation\":\"apply\",\"serial\":1,"),
          lines.get(0));
      assertEquals(
          "{\"op\":\"intent\",\"address\":{\"mode\":\"managed\",\"type\":\"terraform_data\","
              + "\"name\":\"d\",\"index_key\":1},\"token\":\"token-1\"}",
          lines.get(1));
      State committed = tx.commit();
      assertEquals(2, committed.serial());
    }
    // No backup: there was no state file before this backend's first write.
    assertEquals(List.of("terraform.tfstate"), files());
    State read = backend().read().state();
    assertFalse(read.currentObject(instance(0)).isPresent());
    assertEquals(object("id-1"), read.currentObject(instance(1)).orElseThrow());
    assertEquals("x", read.outputs().get("o").value().textValue());
  }

  @Test
  void aCrashLeavesTheJournalAndTheNextReadRecoversEveryDurableChange() throws Exception {
    LocalStateStore backend = backend();
    State base = backend.write(withInstances(State.empty(), 1));
    StateTransaction tx = backend.begin("apply", base);
    tx.state().recordIntent(instance(1), "t1");
    tx.state().setCurrent(instance(1), PROVIDER, object("id-1"));
    tx.state().removeCurrent(instance(0));
    tx.state().recordIntent(instance(2), "t2");
    tx.abandon();

    LocalStateStore after = backend();
    LoadedState loaded = after.read();
    Recovery recovery = loaded.recovery().orElseThrow();
    assertEquals("apply", recovery.operation());
    assertFalse(recovery.committed());
    assertFalse(recovery.tornRecordIgnored());
    assertEquals(
        List.of(
            new StateChange.SetCurrent(instance(1), PROVIDER, object("id-1")),
            new StateChange.RemoveCurrent(instance(0))),
        recovery.replayed());
    assertEquals(Map.of(instance(2), "t2"), recovery.pendingIntents());
    assertEquals("Recovered 2 changes from an interrupted apply", recovery.summary());
    assertEquals(
        """
        The journal %s holds changes that an earlier "apply" recorded but had not yet written to \
        the state file: it stopped before it finished. They are now part of the state:
          saved: terraform_data.d[1]
          removed: terraform_data.d[0]

        A create was sent for these instances but its result was never recorded: the objects may \
        exist.
          terraform_data.d[2]
        Before creating one of them again, the plan asks its provider to look for the object (the \
        alicloud provider looks it up by its name: its APIs take no idempotency token) and adopts \
        the one it finds. If the lookup fails, the plan stops rather than risk a duplicate; then run it again once the cloud \
        answers, or settle the create yourself:
          - the object exists: adopt it with "forma import ADDRESS ID";
          - it does not: drop the pending create with "forma state rm ADDRESS".\
        """
            .formatted(dir.resolve("terraform.tfstate.journal")),
        recovery.detail());
    State state = loaded.state();
    assertEquals(base.serial(), state.serial());
    assertTrue(state.currentObject(instance(1)).isPresent());
    assertFalse(state.currentObject(instance(0)).isPresent());

    // Compacting writes the recovered state; the unsettled intent stays in a journal of its own.
    State compacted = after.compact();
    assertEquals(base.serial() + 1, compacted.serial());
    LoadedState again = backend().read();
    assertEquals(compacted.resources(), again.state().resources());
    Recovery pendingOnly = again.recovery().orElseThrow();
    assertEquals(List.of(), pendingOnly.replayed());
    assertEquals(Map.of(instance(2), "t2"), pendingOnly.pendingIntents());
    assertEquals(
        "Objects from an earlier operation may exist without being in the state",
        pendingOnly.summary());

    // The next operation carries the intent until it is settled.
    LocalStateStore next = backend();
    try (StateTransaction tx2 = next.begin("apply", next.read().state())) {
      assertEquals(Map.of(instance(2), "t2"), tx2.state().pendingIntents());
      tx2.state().setCurrent(instance(2), PROVIDER, object("found-by-token"));
      assertEquals(Map.of(), tx2.state().pendingIntents());
    }
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.journal")));
    assertTrue(backend().read().recovery().isEmpty());
  }

  @Test
  void aTornLastRecordIsIgnoredWithANoticeAndEarlierRecordsAreKept() throws Exception {
    LocalStateStore backend = backend();
    StateTransaction tx = backend.begin("apply", backend.read().state());
    tx.state().setCurrent(instance(0), PROVIDER, object("id-0"));
    tx.state().setCurrent(instance(1), PROVIDER, object("id-1"));
    tx.abandon();
    Path journal = dir.resolve("terraform.tfstate.journal");
    byte[] bytes = Files.readAllBytes(journal);
    Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 40));

    LoadedState loaded = backend().read();
    Recovery recovery = loaded.recovery().orElseThrow();
    assertTrue(recovery.tornRecordIgnored());
    assertEquals(1, recovery.replayed().size());
    assertTrue(loaded.state().currentObject(instance(0)).isPresent());
    assertFalse(loaded.state().currentObject(instance(1)).isPresent());
    assertTrue(
        recovery
            .detail()
            .contains(
                "The last record of the journal "
                    + journal
                    + " was cut short (the process stopped while writing it) and was ignored."),
        recovery.detail());
  }

  @Test
  void aCorruptRecordBeforeTheLastIsAnErrorNamingTheLine() throws Exception {
    LocalStateStore backend = backend();
    StateTransaction tx = backend.begin("apply", backend.read().state());
    tx.state().setCurrent(instance(0), PROVIDER, object("id-0"));
    tx.state().setCurrent(instance(1), PROVIDER, object("id-1"));
    tx.abandon();
    Path journal = dir.resolve("terraform.tfstate.journal");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(journal));
    lines.set(1, lines.get(1).replace("\"op\":\"set\"", "\"op\":\"sett\""));
    Files.write(journal, lines);
    StateException e = assertThrows(StateException.class, () -> backend().read());
    assertEquals("Corrupt state journal", e.problems().get(0).summary());
    assertEquals(2, e.problems().get(0).line());
    assertEquals(
        "In " + journal + " at line 2, column 7: unknown journal operation \"sett\".",
        e.problems().get(0).detail());
  }

  @Test
  void aJournalAlreadyCompactedIntoTheStateIsNotReplayedTwice() throws Exception {
    LocalStateStore backend = backend();
    StateTransaction tx = backend.begin("apply", backend.read().state());
    tx.state().setCurrent(instance(0), PROVIDER, object("id-0"));
    tx.state().removeCurrent(instance(0));
    tx.state().setCurrent(instance(1), PROVIDER, object("id-1"));
    Path journal = dir.resolve("terraform.tfstate.journal");
    byte[] saved = Files.readAllBytes(journal);
    tx.commit();
    // A crash between replacing the state file and deleting the journal.
    Files.write(journal, saved);
    LoadedState loaded = backend().read();
    assertEquals(List.of(), loaded.recovery().orElseThrow().replayed());
    assertEquals(2, loaded.state().serial());
    assertTrue(loaded.state().currentObject(instance(1)).isPresent());
  }

  @Test
  void aJournalOfAnotherStateIsRefused() throws Exception {
    LocalStateStore backend = backend();
    StateTransaction tx = backend.begin("apply", backend.read().state());
    tx.state().setCurrent(instance(0), PROVIDER, object("id-0"));
    tx.abandon();
    Files.write(
        dir.resolve("terraform.tfstate"),
        new StateCodec("0.1.0").write(State.empty("other-lineage").withSerial(1)));
    StateException e = assertThrows(StateException.class, () -> backend().read());
    assertEquals("State journal does not match the state", e.problems().get(0).summary());
    assertTrue(e.problems().get(0).detail().contains("has lineage other-lineage at serial 1"));
  }

  @Test
  void bytesWrittenGrowLinearlyWithTheNumberOfChanges() throws Exception {
    long hundred = applyBytes(dir.resolve("a"), 100);
    long thousand = applyBytes(dir.resolve("b"), 1000);
    double ratio = (double) thousand / hundred;
    // Rewriting the whole state after each change (Terraform) would give a ratio near 100.
    assertTrue(ratio > 9 && ratio < 11, "ratio " + ratio + " (" + hundred + ", " + thousand + ")");
  }

  private static long applyBytes(Path directory, int changes) throws Exception {
    Files.createDirectories(directory);
    LocalStateStore backend = LocalStateStore.inDirectory(directory, "0.1.0");
    try (StateTransaction tx = backend.begin("apply", backend.read().state())) {
      for (int i = 0; i < changes; i++) {
        InstanceAddress address = instance(i);
        tx.state().recordIntent(address, "token-" + i);
        tx.state().setCurrent(address, PROVIDER, object("id-" + i));
      }
      tx.commit();
    }
    long onDisk = Files.size(directory.resolve("terraform.tfstate"));
    assertTrue(backend.bytesWritten() > onDisk);
    return backend.bytesWritten();
  }

  @Test
  void stateFileNamedInReadErrors() throws Exception {
    Files.writeString(
        dir.resolve("terraform.tfstate"), "{\"version\": 4, ", StandardCharsets.UTF_8);
    LocalStateStore backend = new LocalStateStore(dir.resolve("terraform.tfstate"), "0.1.0");
    StateException e = assertThrows(StateException.class, backend::read);
    assertEquals(dir.resolve("terraform.tfstate").toString(), e.problems().get(0).file());
    assertEquals(1, e.problems().get(0).line());
  }
}
