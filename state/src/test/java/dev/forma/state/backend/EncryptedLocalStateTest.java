package dev.forma.state.backend;

import static dev.forma.state.backend.Fixtures.PROVIDER;
import static dev.forma.state.backend.Fixtures.instance;
import static dev.forma.state.backend.Fixtures.object;
import static dev.forma.state.encryption.Configs.PASSPHRASE_A;
import static dev.forma.state.encryption.Configs.PASSPHRASE_B;
import static dev.forma.state.encryption.Configs.config;
import static dev.forma.state.encryption.Configs.encrypted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.encryption.Encryption;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local backend with state encryption: the state file, its backup and every journal line hold
 * their payload encrypted; recovery after a crash, migration and rotation work through them.
 */
class EncryptedLocalStateTest {
  @TempDir Path dir;

  private LocalStateStore store(Encryption encryption) {
    return new LocalStateStore(
        dir.resolve("terraform.tfstate"), "terraform.tfstate", "0.1.0", encryption.state());
  }

  private static State withInstances(State base, int from, int to) {
    State.Builder builder = base.toBuilder();
    for (int i = from; i < to; i++) {
      builder.setCurrent(instance(i), PROVIDER, object("id-" + i));
    }
    return builder.build();
  }

  /** Every byte the backend left in the directory, as text. */
  private String everything() throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.append(f.getFileName()).append(":\n").append(Files.readString(f)).append('\n');
      }
    }
    return out.toString();
  }

  private byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(dir.resolve(name));
  }

  @Test
  void stateBackupAndJournalHoldNoPlainValuesAndReadBack() throws Exception {
    Encryption e = encrypted(PASSPHRASE_A);
    LocalStateStore first = store(e);
    State one = first.write(withInstances(State.empty(), 0, 1));
    LocalStateStore second = store(e);
    State base = second.read().state();
    StateTransaction tx = second.begin("apply", base);
    tx.state().recordIntent(instance(1), "token-1");
    tx.state().setCurrent(instance(1), PROVIDER, object("id-1"));
    // the journal: one encrypted envelope per line
    List<String> lines = Files.readAllLines(dir.resolve("terraform.tfstate.journal"));
    assertEquals(3, lines.size());
    for (String line : lines) {
      assertTrue(line.contains("\"encryption_version\":\"v0\""), line);
      assertFalse(line.contains("terraform_data"), line);
    }
    assertTrue(lines.getFirst().startsWith("{\"serial\":1,\"lineage\":"), lines.getFirst());
    State two = tx.commit();
    assertEquals(one.serial() + 1, two.serial());

    String files = everything();
    assertFalse(files.contains("value-of-id"), files);
    assertFalse(files.contains("terraform_data"), files);
    assertTrue(StateEncryption.isEncryptedState(bytes("terraform.tfstate")));
    assertTrue(StateEncryption.isEncryptedState(bytes("terraform.tfstate.backup")));
    State backup =
        new dev.forma.state.codec.StateCodec("0.1.0")
            .read(e.state().decrypt(bytes("terraform.tfstate.backup"), "backup"), "backup");
    assertEquals(one.resources(), backup.resources());
    assertEquals(two.resources(), store(encrypted(PASSPHRASE_A)).read().state().resources());
  }

  @Test
  void aCrashWithEncryptionOnIsRecoveredFromTheEncryptedJournal() throws Exception {
    Encryption e = encrypted(PASSPHRASE_A);
    LocalStateStore backend = store(e);
    State base = backend.write(withInstances(State.empty(), 0, 1));
    StateTransaction tx = backend.begin("apply", base);
    tx.state().recordIntent(instance(1), "t1");
    tx.state().setCurrent(instance(1), PROVIDER, object("id-1"));
    tx.state().removeCurrent(instance(0));
    tx.state().recordIntent(instance(2), "t2");
    tx.abandon();
    assertFalse(everything().contains("value-of-id"));

    LoadedState loaded = store(encrypted(PASSPHRASE_A)).read();
    Recovery recovery = loaded.recovery().orElseThrow();
    assertEquals(2, recovery.replayed().size());
    assertEquals(Map.of(instance(2), "t2"), recovery.pendingIntents());
    assertTrue(loaded.state().currentObject(instance(1)).isPresent());
    assertFalse(loaded.state().currentObject(instance(0)).isPresent());

    // Settled with the pending intent kept, still encrypted.
    LocalStateStore after = store(encrypted(PASSPHRASE_A));
    after.compact();
    assertFalse(everything().contains("value-of-id"));
    assertFalse(everything().contains("\"op\""), "journal lines are encrypted too");
    assertEquals(
        Map.of(instance(2), "t2"),
        store(encrypted(PASSPHRASE_A)).read().recovery().orElseThrow().pendingIntents());
  }

  @Test
  void aWrongPassphraseChangesNoFile() throws Exception {
    State base = store(encrypted(PASSPHRASE_A)).write(withInstances(State.empty(), 0, 2));
    LocalStateStore backend = store(encrypted(PASSPHRASE_A));
    backend.write(withInstances(base, 2, 3)); // a backup too
    StateTransaction tx = backend.begin("apply", backend.read().state());
    tx.state().setCurrent(instance(5), PROVIDER, object("id-5"));
    tx.abandon(); // a journal too
    byte[] state = bytes("terraform.tfstate");
    byte[] backup = bytes("terraform.tfstate.backup");
    byte[] journal = bytes("terraform.tfstate.journal");

    LocalStateStore wrong = store(encrypted(PASSPHRASE_B));
    StateException read = assertThrows(StateException.class, wrong::read);
    assertTrue(
        read.problems().getFirst().detail().contains("key_provider.pbkdf2.k"),
        read.problems().getFirst().detail());
    assertThrows(StateException.class, () -> wrong.write(State.empty()));
    assertThrows(StateException.class, () -> wrong.begin("apply", State.empty()));
    assertArrayEquals(state, bytes("terraform.tfstate"));
    assertArrayEquals(backup, bytes("terraform.tfstate.backup"));
    assertArrayEquals(journal, bytes("terraform.tfstate.journal"));
  }

  @Test
  void migratesFromPlainToEncryptedAndBackWithoutAChange() throws Exception {
    State plain =
        new LocalStateStore(dir.resolve("terraform.tfstate"), "0.1.0")
            .write(withInstances(State.empty(), 0, 1));
    byte[] plainBytes = bytes("terraform.tfstate");
    assertTrue(new String(plainBytes, StandardCharsets.UTF_8).contains("value-of-id-0"));

    Encryption migrate =
        config()
            .pbkdf2("k", PASSPHRASE_A)
            .aesGcm("m", "k")
            .unencrypted("migrate")
            .state(false, "method.aes_gcm.m", "method.unencrypted.migrate")
            .encryption();
    LocalStateStore toEncrypted = store(migrate);
    State read = toEncrypted.read().state();
    // Nothing changed, yet the state is written again: encrypted, same serial; the backup too.
    State written = toEncrypted.write(read);
    assertEquals(plain.serial(), written.serial());
    assertFalse(everything().contains("value-of-id"), everything());
    assertTrue(StateEncryption.isEncrypted(bytes("terraform.tfstate.backup")));
    long before = toEncrypted.bytesWritten();
    toEncrypted.write(read);
    assertEquals(before, toEncrypted.bytesWritten(), "written again only once");

    Encryption encryptedOnly = encrypted(PASSPHRASE_A);
    assertEquals(read.resources(), store(encryptedOnly).read().state().resources());

    Encryption back =
        config()
            .pbkdf2("k", PASSPHRASE_A)
            .aesGcm("m", "k")
            .unencrypted("migrate")
            .state(false, "method.unencrypted.migrate", "method.aes_gcm.m")
            .encryption();
    LocalStateStore toPlain = store(back);
    toPlain.write(toPlain.read().state());
    assertFalse(StateEncryption.isEncrypted(bytes("terraform.tfstate")));
    assertEquals(
        plain.resources(),
        new LocalStateStore(dir.resolve("terraform.tfstate"), "0.1.0").read().state().resources());
  }

  @Test
  void rotatesFromPassphraseAToBThroughAFallback() throws Exception {
    Encryption a =
        config()
            .pbkdf2("a", PASSPHRASE_A)
            .aesGcm("a", "a")
            .state(false, "method.aes_gcm.a")
            .encryption();
    store(a).write(withInstances(State.empty(), 0, 2));
    Encryption rotate =
        config()
            .pbkdf2("a", PASSPHRASE_A)
            .pbkdf2("b", PASSPHRASE_B)
            .aesGcm("a", "a")
            .aesGcm("b", "b")
            .state(false, "method.aes_gcm.b", "method.aes_gcm.a")
            .encryption();
    LocalStateStore rotating = store(rotate);
    try (StateTransaction tx = rotating.begin("apply", rotating.read().state())) {
      tx.state().setCurrent(instance(2), PROVIDER, object("id-2"));
    }
    Encryption b =
        config()
            .pbkdf2("b", PASSPHRASE_B)
            .aesGcm("b", "b")
            .state(false, "method.aes_gcm.b")
            .encryption();
    State now = store(b).read().state();
    assertTrue(now.currentObject(instance(2)).isPresent());
    assertThrows(StateException.class, () -> store(a).read());
  }

  @Test
  void enforcedEncryptionRefusesAPlainStateFile() throws Exception {
    new LocalStateStore(dir.resolve("terraform.tfstate"), "0.1.0")
        .write(withInstances(State.empty(), 0, 1));
    byte[] before = bytes("terraform.tfstate");
    Encryption enforced =
        config()
            .pbkdf2("k", PASSPHRASE_A)
            .aesGcm("m", "k")
            .state(true, "method.aes_gcm.m")
            .encryption();
    LocalStateStore store = store(enforced);
    StateException e = assertThrows(StateException.class, store::read);
    assertEquals("Unencrypted state refused", e.problems().getFirst().summary());
    assertThrows(StateException.class, () -> store.write(State.empty()));
    assertArrayEquals(before, bytes("terraform.tfstate"));
  }

  @Test
  void opensAStateOpenTofuEncrypted() throws Exception {
    byte[] fixture;
    try (InputStream in =
        getClass().getResourceAsStream("/encryption/opentofu-encrypted.tfstate")) {
      fixture = in.readAllBytes();
    }
    Files.write(dir.resolve("terraform.tfstate"), fixture);
    Encryption tofu =
        config()
            .keyProvider(
                "pbkdf2",
                "mykey",
                Map.of("passphrase", dev.forma.state.encryption.Configs.arg(PASSPHRASE_A)))
            .aesGcm("m", "mykey")
            .state(false, "method.aes_gcm.m")
            .encryption();
    State state = store(tofu).read().state();
    assertEquals(3, state.serial());
    assertEquals("5f0c8a3e-9d41-4c1b-b7a2-0e6f1d2c3b4a", state.lineage());
    assertEquals(
        "s3cr3t-from-opentofu",
        state
            .resources()
            .values()
            .iterator()
            .next()
            .instances()
            .values()
            .iterator()
            .next()
            .current()
            .attributes()
            .get("input")
            .get("value")
            .asText());
    assertEquals(
        "https://db.internal.example:5432", state.outputs().get("endpoint").value().asText());
  }
}
