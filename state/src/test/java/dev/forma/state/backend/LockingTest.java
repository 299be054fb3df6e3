package dev.forma.state.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.state.StateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockingTest {
  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private LocalStateStore backend() {
    return LocalStateStore.inDirectory(dir, "0.1.0");
  }

  @Test
  void lockWritesTerraformsLockInfoFileAndUnlockRemovesIt() throws Exception {
    LocalStateStore backend = new LocalStateStore(dir.resolve("terraform.tfstate"), "0.1.0");
    LockInfo lock = backend.lock(LockInfo.APPLY, "", Duration.ZERO);
    Path file = dir.resolve(".terraform.tfstate.lock.info");
    assertTrue(Files.exists(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String text = Files.readString(file);
    JsonNode json = new ObjectMapper().readTree(text);
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("ID", "Operation", "Info", "Who", "Version", "Created", "Path"), names);
    assertEquals(lock.id(), json.get("ID").textValue());
    assertTrue(
        Pattern.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", lock.id()));
    assertEquals("OperationTypeApply", json.get("Operation").textValue());
    assertEquals("0.1.0", json.get("Version").textValue());
    assertEquals(LocalStateStore.who(), json.get("Who").textValue());
    assertTrue(json.get("Who").textValue().contains("@"));
    assertTrue(
        Pattern.matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z",
            json.get("Created").textValue()),
        json.get("Created").textValue());
    assertEquals(dir.resolve("terraform.tfstate").toString(), json.get("Path").textValue());
    assertFalse(text.contains(" "), "compact JSON as Go writes it: " + text);

    backend.unlock(lock.id());
    assertFalse(Files.exists(file));
    // Unlocked: another backend can lock now.
    LocalStateStore other = backend();
    other.unlock(other.lock(LockInfo.PLAN, "", Duration.ZERO).id());
  }

  @Test
  void aSecondBackendInTheSameJvmGetsTerraformsErrorWithTheHoldersInfo() throws Exception {
    LocalStateStore first = backend();
    LockInfo lock = first.lock(LockInfo.APPLY, "", Duration.ZERO);
    StateLockException e =
        assertThrows(
            StateLockException.class, () -> backend().lock(LockInfo.PLAN, "", Duration.ZERO));
    assertEquals("Error acquiring the state lock", e.problems().get(0).summary());
    assertEquals(lock, e.holder());
    assertEquals(
        "Error message: resource temporarily unavailable\n"
            + "Lock Info:\n"
            + "  ID:        "
            + lock.id()
            + "\n"
            + "  Path:      "
            + dir.resolve("terraform.tfstate")
            + "\n"
            + "  Operation: OperationTypeApply\n"
            + "  Who:       "
            + LocalStateStore.who()
            + "\n"
            + "  Version:   0.1.0\n"
            + "  Created:   "
            + LockInfo.goTimeString(lock.created())
            + "\n"
            + "  Info:      \n"
            + "\n\n"
            + "Forma acquires a state lock to protect the state from being written\n"
            + "by multiple users at the same time. Please resolve the issue above and try\n"
            + "again. For most commands, you can disable locking with the \"-lock=false\"\n"
            + "flag, but this is not recommended.",
        e.problems().get(0).detail());
    first.unlock(lock.id());
  }

  @Test
  void timesAreShownAsGoShowsThem() {
    OffsetDateTime time = OffsetDateTime.of(2026, 11, 22, 0, 1, 7, 436387355, ZoneOffset.UTC);
    assertEquals("2026-11-22 00:01:07.436387355 +0000 UTC", LockInfo.goTimeString(time));
    assertEquals("2026-11-22T00:01:07.436387355Z", LockInfo.rfc3339(time));
    OffsetDateTime round =
        OffsetDateTime.of(2026, 11, 22, 0, 1, 7, 400000000, ZoneOffset.ofHours(2));
    assertEquals("2026-11-22 00:01:07.4 +0200 +0200", LockInfo.goTimeString(round));
    assertEquals("2026-11-22T00:01:07.4+02:00", LockInfo.rfc3339(round));
    LockInfo parsed =
        LockInfo.fromJson(
            ("{\"ID\":\"7d2a4e5b-f4e2-4b40-d830-772087cf9426\","
                    + "\"Operation\":\"OperationTypeInvalid\","
                    + "\"Info\":\"\",\"Who\":\"root@vm\",\"Version\":\"1.11.4\","
                    + "\"Created\":\"2026-11-22T00:01:07.436387355Z\",\"Path\":\"terraform.tfstate\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertNotNull(parsed);
    assertEquals(time, parsed.created());
    assertEquals(
        "{\"ID\":\"7d2a4e5b-f4e2-4b40-d830-772087cf9426\",\"Operation\":\"OperationTypeInvalid\","
            + "\"Info\":\"\",\"Who\":\"root@vm\",\"Version\":\"1.11.4\","
            + "\"Created\":\"2026-11-22T00:01:07.436387355Z\",\"Path\":\"terraform.tfstate\"}",
        new String(parsed.toJson(), StandardCharsets.UTF_8));
  }

  @Test
  void withATimeoutTheLockIsRetriedUntilTheHolderReleasesIt() throws Exception {
    LocalStateStore first = backend();
    LockInfo lock = first.lock(LockInfo.APPLY, "", Duration.ZERO);
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
                first.unlock(lock.id());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    releaser.start();
    LocalStateStore second = backend();
    long started = System.nanoTime();
    LockInfo mine = second.lock(LockInfo.PLAN, "", Duration.ofSeconds(20));
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;
    releaser.join();
    assertTrue(waitedMillis >= 500, "waited " + waitedMillis + " ms");
    second.unlock(mine.id());
  }

  @Test
  void aTimeoutThatRunsOutFailsWithTheHoldersInfo() throws Exception {
    LocalStateStore first = backend();
    LockInfo lock = first.lock(LockInfo.APPLY, "", Duration.ZERO);
    StateLockException e =
        assertThrows(
            StateLockException.class,
            () -> backend().lock(LockInfo.PLAN, "", Duration.ofMillis(400)));
    assertEquals(lock.id(), e.holder().id());
    first.unlock(lock.id());
  }

  @Test
  void unlockNeedsTheHoldersId() throws Exception {
    LocalStateStore backend = backend();
    LockInfo lock = backend.lock(LockInfo.APPLY, "", Duration.ZERO);
    StateException wrong = assertThrows(StateException.class, () -> backend.unlock("nope"));
    assertEquals("Failed to unlock state", wrong.problems().get(0).summary());
    assertEquals(
        "lock ID \"nope\" does not match existing lock ID \"" + lock.id() + "\"",
        wrong.problems().get(0).detail());
    StateException notMine = assertThrows(StateException.class, () -> backend().unlock(lock.id()));
    assertEquals("LocalState not locked", notMine.problems().get(0).detail());
    backend.unlock(lock.id());
    StateException notLocked = assertThrows(StateException.class, () -> backend.unlock(lock.id()));
    assertEquals("LocalState not locked", notLocked.problems().get(0).detail());
  }

  @Test
  void forceUnlockChecksTheIdThenReleasesALockOfThisJvm() throws Exception {
    LockInfo lock = backend().lock(LockInfo.APPLY, "", Duration.ZERO);
    LocalStateStore other = backend();
    StateException wrong = assertThrows(StateException.class, () -> other.forceUnlock("nope"));
    assertEquals(
        "lock ID \"nope\" does not match existing lock ID \"" + lock.id() + "\"",
        wrong.problems().get(0).detail());
    other.forceUnlock(lock.id());
    assertFalse(Files.exists(dir.resolve(".terraform.tfstate.lock.info")));
    other.unlock(other.lock(LockInfo.APPLY, "", Duration.ZERO).id());
    StateException none = assertThrows(StateException.class, () -> other.forceUnlock(lock.id()));
    assertEquals("LocalState not locked", none.problems().get(0).detail());
  }

  @Test
  void aLockFileLeftByADeadHolderIsTakenOverAndCanBeForceUnlocked() throws Exception {
    Path file = dir.resolve(".terraform.tfstate.lock.info");
    String stale =
        "{\"ID\":\"11111111-2222-3333-4444-555555555555\",\"Operation\":\"OperationTypeApply\","
            + "\"Info\":\"\",\"Who\":\"ghost@gone\",\"Version\":\"0.1.0\","
            + "\"Created\":\"2020-01-01T00:00:00Z\",\"Path\":\"terraform.tfstate\"}";
    Files.writeString(file, stale);
    backend().forceUnlock("11111111-2222-3333-4444-555555555555");
    assertFalse(Files.exists(file));

    Files.writeString(file, stale);
    LocalStateStore backend = backend();
    LockInfo lock = backend.lock(LockInfo.APPLY, "", Duration.ZERO);
    assertTrue(Files.readString(file).contains(lock.id()));
    backend.unlock(lock.id());
  }

  // ---------------------------------------------------------------- two processes

  private Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LockHolderMain.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(process);
    return process;
  }

  private static String readLine(Process process) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null) {
      throw new IOException("the child process ended without output");
    }
    return line;
  }

  private static String readAll(Process process) throws Exception {
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child did not finish");
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void anotherProcessHoldingTheLockIsReportedWithItsInfoUntilItReleases() throws Exception {
    Path state = dir.resolve("terraform.tfstate");
    Process holder = child("hold", state.toString());
    String locked = readLine(holder);
    assertTrue(locked.startsWith("LOCKED "), locked);
    String id = locked.substring("LOCKED ".length());

    LocalStateStore backend = new LocalStateStore(state, "0.1.0");
    StateLockException e =
        assertThrows(
            StateLockException.class, () -> backend.lock(LockInfo.PLAN, "", Duration.ZERO));
    String detail = e.problems().get(0).detail();
    assertTrue(
        detail.startsWith("Error message: resource temporarily unavailable\nLock Info:\n"), detail);
    assertTrue(detail.contains("  ID:        " + id + "\n"), detail);
    assertTrue(detail.contains("  Operation: OperationTypeApply\n"), detail);
    assertTrue(detail.contains("  Who:       " + LocalStateStore.who() + "\n"), detail);
    assertEquals(id, e.holder().id());

    // Not even a force-unlock can break a running process's lock.
    StateException force = assertThrows(StateException.class, () -> backend.forceUnlock(id));
    assertTrue(force.problems().get(0).detail().contains("is held by a running process"));

    // With a timeout, the lock is acquired once the holder lets go.
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(500);
                OutputStream stdin = holder.getOutputStream();
                stdin.write('\n');
                stdin.flush();
              } catch (Exception ignored) {
                // the test fails on the lock below
              }
            });
    releaser.start();
    LockInfo mine = backend.lock(LockInfo.PLAN, "", Duration.ofSeconds(30));
    releaser.join();
    assertEquals("UNLOCKED", readAll(holder).strip());
    backend.unlock(mine.id());
  }

  @Test
  void anotherProcessCannotLockWhileThisOneHolds() throws Exception {
    LocalStateStore backend = backend();
    LockInfo lock = backend.lock(LockInfo.APPLY, "", Duration.ZERO);
    String output = readAll(child("try", dir.resolve("terraform.tfstate").toString()));
    assertTrue(output.startsWith("FAILED\nError acquiring the state lock\n"), output);
    assertTrue(output.contains("  ID:        " + lock.id() + "\n"), output);
    backend.unlock(lock.id());
    assertTrue(
        readAll(child("try", dir.resolve("terraform.tfstate").toString())).startsWith("LOCKED "));
  }

  @Test
  void aProcessKilledMidApplyLeavesAStaleLockAndAJournalThatTheNextRunRecovers() throws Exception {
    Path state = dir.resolve("terraform.tfstate");
    Process crashing = child("crash", state.toString(), "5");
    assertEquals("READY", readLine(crashing));
    assertTrue(crashing.waitFor(60, TimeUnit.SECONDS));
    assertEquals(3, crashing.exitValue());
    assertTrue(Files.exists(dir.resolve(".terraform.tfstate.lock.info")));

    LocalStateStore backend = new LocalStateStore(state, "0.1.0");
    LockInfo lock = backend.lock(LockInfo.APPLY, "", Duration.ZERO);
    LoadedState loaded = backend.read();
    Recovery recovery = loaded.recovery().orElseThrow();
    assertEquals(5, recovery.replayed().size());
    assertEquals(1, recovery.pendingIntents().size());
    assertEquals("token-5", recovery.pendingIntents().get(Fixtures.instance(5)));
    for (int i = 0; i < 5; i++) {
      assertEquals(
          Fixtures.object("id-" + i),
          loaded.state().currentObject(Fixtures.instance(i)).orElseThrow());
    }
    backend.unlock(lock.id());
  }
}
