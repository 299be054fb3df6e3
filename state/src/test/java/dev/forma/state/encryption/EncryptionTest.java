package dev.forma.state.encryption;

import static dev.forma.state.encryption.Configs.PASSPHRASE_A;
import static dev.forma.state.encryption.Configs.PASSPHRASE_B;
import static dev.forma.state.encryption.Configs.arg;
import static dev.forma.state.encryption.Configs.config;
import static dev.forma.state.encryption.Configs.encrypted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.encryption.EncryptionConfig.Argument;
import dev.forma.state.encryption.EncryptionConfig.KeyProviderConfig;
import dev.forma.state.encryption.EncryptionConfig.Location;
import dev.forma.state.encryption.EncryptionConfig.TargetConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static byte[] resource(String name) throws Exception {
    try (InputStream in = EncryptionTest.class.getResourceAsStream("/encryption/" + name)) {
      return in.readAllBytes();
    }
  }

  private static final byte[] PLAIN_STATE =
      """
      {
        "version": 4,
        "terraform_version": "0.1.0",
        "serial": 7,
        "lineage": "11111111-2222-3333-4444-555555555555",
        "outputs": {"password": {"value": "hunter2-plain-secret", "type": "string"}},
        "resources": []
      }
      """
          .getBytes(StandardCharsets.UTF_8);

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void encryptsAStateInOpenTofusEnvelopeWithSerialAndLineageInClear() throws Exception {
    StateEncryption state = encrypted(PASSPHRASE_A).state();
    byte[] stored = state.encrypt(PLAIN_STATE);
    String text = text(stored);
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("\n"), "one line of JSON: " + text);
    assertTrue(
        text.startsWith(
            "{\"serial\":7,\"lineage\":\"11111111-2222-3333-4444-555555555555\","
                + "\"meta\":{\"key_provider.pbkdf2.k\":\""),
        text);
    assertTrue(text.endsWith("\",\"encryption_version\":\"v0\"}"), text);
    JsonNode envelope = JSON.readTree(stored);
    List<String> fields = fieldNames(envelope);
    assertEquals(
        List.of("serial", "lineage", "meta", "encrypted_data", "encryption_version"), fields);
    JsonNode meta =
        JSON.readTree(
            Base64.getDecoder()
                .decode(envelope.path("meta").path("key_provider.pbkdf2.k").asText()));
    assertEquals(List.of("salt", "iterations", "hash_function", "key_length"), fieldNames(meta));
    assertEquals(200000, meta.path("iterations").asInt());
    assertEquals("sha256", meta.path("hash_function").asText());
    assertEquals(32, meta.path("key_length").asInt());
    assertEquals(32, Base64.getDecoder().decode(meta.path("salt").asText()).length);
    // nonce (12) + ciphertext (as long as the plain text) + tag (16)
    assertEquals(
        12 + PLAIN_STATE.length + 16,
        Base64.getDecoder().decode(envelope.path("encrypted_data").asText()).length);

    assertArrayEquals(PLAIN_STATE, state.decrypt(stored, "terraform.tfstate"));
    assertFalse(state.open(stored, "terraform.tfstate").outdated());
    assertTrue(StateEncryption.isEncrypted(stored));
    assertTrue(StateEncryption.isEncryptedState(stored));
    assertFalse(StateEncryption.isEncrypted(PLAIN_STATE));
  }

  @Test
  void aNewProcessDecryptsWithTheSaltInTheMetadataAndEncryptsWithANewOne() throws Exception {
    byte[] stored = encrypted(PASSPHRASE_A).state().encrypt(PLAIN_STATE);
    Encryption later = encrypted(PASSPHRASE_A);
    assertArrayEquals(PLAIN_STATE, later.state().decrypt(stored, "terraform.tfstate"));
    byte[] again = later.state().encrypt(PLAIN_STATE);
    assertFalse(meta(stored).equals(meta(again)), "a fresh salt per process");
  }

  @Test
  void opensStatesOpenTofuEncryptedWithWhateverItsMetadataSays() throws Exception {
    // Written by tools/encryption-fixtures/make_fixtures.py (OpenTofu's KDF, AES-GCM and envelope):
    // the defaults (sha512, 600000 iterations, 32-byte key), and sha256 with a 16-byte key
    // (AES-128)
    // while the configuration now says otherwise: the metadata decides.
    Map<String, Argument> defaults = Map.of("passphrase", arg(PASSPHRASE_A));
    Encryption e =
        config()
            .keyProvider("pbkdf2", "mykey", defaults)
            .aesGcm("m", "mykey")
            .state(false, "method.aes_gcm.m")
            .encryption();
    byte[] plain = resource("opentofu-plain.tfstate");
    for (String fixture :
        List.of("opentofu-encrypted.tfstate", "opentofu-encrypted-sha256-aes128.tfstate")) {
      byte[] stored = resource(fixture);
      assertArrayEquals(plain, e.state().decrypt(stored, fixture), fixture);
    }
  }

  @Test
  void aWrongPassphraseIsAnErrorNamingTheKeyProviderAndWhatToCheck() throws Exception {
    byte[] stored = encrypted(PASSPHRASE_A).state().encrypt(PLAIN_STATE);
    StateException e =
        assertThrows(
            StateException.class,
            () -> encrypted(PASSPHRASE_B).state().decrypt(stored, "terraform.tfstate"));
    StateProblem p = e.problems().getFirst();
    assertEquals("Failed to decrypt the state", p.summary());
    assertEquals(
        """
        terraform.tfstate is encrypted, and no method of the state encryption could decrypt it:
          - method.aes_gcm.m (keys from key_provider.pbkdf2.k): the key from \
        key_provider.pbkdf2.k does not open it: the passphrase is wrong, or the data was changed.

        Check the passphrase of key_provider.pbkdf2.k (in the configuration, or in the \
        TF_ENCRYPTION environment variable). If the passphrase or the key provider changed since \
        this was written, keep the old ones as the state block's fallback { method = ... } until \
        it is written again. Nothing was written.""",
        p.detail());
  }

  @Test
  void aRenamedKeyProviderSaysWhichMetadataThePayloadHolds() throws Exception {
    byte[] stored = encrypted(PASSPHRASE_A).state().encrypt(PLAIN_STATE);
    Encryption renamed =
        config()
            .pbkdf2("renamed", PASSPHRASE_A)
            .aesGcm("m", "renamed")
            .state(false, "method.aes_gcm.m")
            .encryption();
    StateException e =
        assertThrows(
            StateException.class, () -> renamed.state().decrypt(stored, "terraform.tfstate"));
    String detail = e.problems().getFirst().detail();
    assertTrue(
        detail.contains(
            "it holds no key metadata for key_provider.pbkdf2.renamed (it has metadata for:"
                + " key_provider.pbkdf2.k)"),
        detail);

    // With the old name as an alias, the renamed provider reads it.
    Map<String, Argument> aliased = new LinkedHashMap<>();
    aliased.put("passphrase", arg(PASSPHRASE_A));
    aliased.put("hash_function", arg("sha256"));
    aliased.put("iterations", arg(200_000));
    aliased.put("encrypted_metadata_alias", arg("key_provider.pbkdf2.k"));
    Encryption alias =
        config()
            .keyProvider("pbkdf2", "renamed", aliased)
            .aesGcm("m", "renamed")
            .state(false, "method.aes_gcm.m")
            .encryption();
    assertArrayEquals(PLAIN_STATE, alias.state().decrypt(stored, "terraform.tfstate"));
  }

  @Test
  void rotationReadsWithTheFallbackAndWritesWithThePrimary() throws Exception {
    byte[] underA = encrypted(PASSPHRASE_A).state().encrypt(PLAIN_STATE);
    Encryption rotating =
        config()
            .pbkdf2("old", PASSPHRASE_A)
            .pbkdf2("new", PASSPHRASE_B)
            .aesGcm("old", "old")
            .aesGcm("new", "new")
            .state(false, "method.aes_gcm.new", "method.aes_gcm.old")
            .encryption();
    // The old method's key provider was called k: rename-safe through the metadata key.
    Encryption a =
        config()
            .pbkdf2("old", PASSPHRASE_A)
            .aesGcm("old", "old")
            .state(false, "method.aes_gcm.old")
            .encryption();
    byte[] underOld = a.state().encrypt(PLAIN_STATE);
    StateEncryption.Decrypted read = rotating.state().open(underOld, "terraform.tfstate");
    assertArrayEquals(PLAIN_STATE, read.plain());
    assertTrue(read.outdated(), "read with the fallback: to be written again");
    byte[] underB = rotating.state().encrypt(PLAIN_STATE);
    assertTrue(meta(underB).has("key_provider.pbkdf2.new"), text(underB));
    Encryption onlyB =
        config()
            .pbkdf2("new", PASSPHRASE_B)
            .aesGcm("new", "new")
            .state(false, "method.aes_gcm.new")
            .encryption();
    assertArrayEquals(PLAIN_STATE, onlyB.state().decrypt(underB, "terraform.tfstate"));
    assertThrows(StateException.class, () -> onlyB.state().decrypt(underA, "terraform.tfstate"));
  }

  @Test
  void plainStateIsReadOnlyWithAnUnencryptedMethodAndMigratesBothWays() throws Exception {
    StateException refused =
        assertThrows(
            StateException.class,
            () -> encrypted(PASSPHRASE_A).state().decrypt(PLAIN_STATE, "terraform.tfstate"));
    assertEquals("Unencrypted state refused", refused.problems().getFirst().summary());
    assertTrue(
        refused
            .problems()
            .getFirst()
            .detail()
            .contains("add method \"unencrypted\" \"migrate\" {} to the encryption block"),
        refused.problems().getFirst().detail());

    Encryption toEncrypted =
        config()
            .pbkdf2("k", PASSPHRASE_A)
            .aesGcm("m", "k")
            .unencrypted("migrate")
            .state(false, "method.aes_gcm.m", "method.unencrypted.migrate")
            .encryption();
    StateEncryption.Decrypted plain = toEncrypted.state().open(PLAIN_STATE, "terraform.tfstate");
    assertArrayEquals(PLAIN_STATE, plain.plain());
    assertTrue(plain.outdated());
    assertEquals("Unencrypted method configured", toEncrypted.warnings().getFirst().summary());
    byte[] stored = toEncrypted.state().encrypt(PLAIN_STATE);
    assertTrue(StateEncryption.isEncrypted(stored));

    Encryption back =
        config()
            .pbkdf2("k", PASSPHRASE_A)
            .aesGcm("m", "k")
            .unencrypted("migrate")
            .state(false, "method.unencrypted.migrate", "method.aes_gcm.m")
            .encryption();
    StateEncryption.Decrypted decrypted = back.state().open(stored, "terraform.tfstate");
    assertArrayEquals(PLAIN_STATE, decrypted.plain());
    assertTrue(decrypted.outdated());
    assertArrayEquals(PLAIN_STATE, back.state().encrypt(PLAIN_STATE), "written plain");
    assertFalse(back.state().open(PLAIN_STATE, "terraform.tfstate").outdated());
  }

  @Test
  void enforcedForbidsTheUnencryptedMethodAndRefusesPlainData() throws Exception {
    StateException e =
        assertThrows(
            StateException.class,
            () ->
                config()
                    .pbkdf2("k", PASSPHRASE_A)
                    .aesGcm("m", "k")
                    .unencrypted("migrate")
                    .state(true, "method.aes_gcm.m", "method.unencrypted.migrate")
                    .encryption());
    assertEquals("Unencrypted method is forbidden", e.problems().getFirst().summary());
    assertEquals(5, e.problems().getFirst().line(), "points at the fallback's method");

    StateException missing =
        assertThrows(
            StateException.class,
            () -> config().pbkdf2("k", PASSPHRASE_A).state(true, null).encryption());
    assertEquals("Missing encryption method", missing.problems().getFirst().summary());

    Encryption enforced =
        config()
            .pbkdf2("k", PASSPHRASE_A)
            .aesGcm("m", "k")
            .state(true, "method.aes_gcm.m")
            .encryption();
    StateException plain =
        assertThrows(
            StateException.class, () -> enforced.state().decrypt(PLAIN_STATE, "terraform.tfstate"));
    assertTrue(
        plain.problems().getFirst().detail().contains("is enforced (enforced = true)"),
        plain.problems().getFirst().detail());
  }

  @Test
  void withoutEncryptionAnEncryptedPayloadIsAnErrorNamingItsKeyProvider() throws Exception {
    byte[] stored = encrypted(PASSPHRASE_A).state().encrypt(PLAIN_STATE);
    StateException e =
        assertThrows(
            StateException.class, () -> StateEncryption.NONE.decrypt(stored, "terraform.tfstate"));
    assertEquals("Encrypted data, but no encryption configured", e.problems().getFirst().summary());
    assertTrue(
        e.problems().getFirst().detail().contains("with metadata for key_provider.pbkdf2.k"),
        e.problems().getFirst().detail());
    assertSame(StateEncryption.NONE, Encryption.of(null).state());
    assertArrayEquals(PLAIN_STATE, StateEncryption.NONE.decrypt(PLAIN_STATE, "x"));
  }

  @Test
  void aStateWhoseClearSerialWasChangedIsRefused() throws Exception {
    StateEncryption state = encrypted(PASSPHRASE_A).state();
    String stored = text(state.encrypt(PLAIN_STATE));
    byte[] tampered =
        stored.replace("{\"serial\":7,", "{\"serial\":8,").getBytes(StandardCharsets.UTF_8);
    StateException e =
        assertThrows(StateException.class, () -> state.decrypt(tampered, "terraform.tfstate"));
    assertEquals("Invalid encrypted state", e.problems().getFirst().summary());
  }

  @Test
  void aPlanHasNoSerialOrLineageInClear() throws Exception {
    StateEncryption plan = encrypted(PASSPHRASE_A).plan();
    byte[] stored = plan.encrypt(PLAIN_STATE);
    assertTrue(text(stored).startsWith("{\"meta\":{"), text(stored));
    assertFalse(StateEncryption.isEncryptedState(stored));
    assertArrayEquals(PLAIN_STATE, plan.decrypt(stored, "tfplan"));
  }

  @Test
  void mistakesInTheConfigurationAreReportedTogetherWithTheirLocations() {
    Map<String, Argument> weak = new LinkedHashMap<>();
    weak.put("passphrase", new Argument("too short", new Location("main.tf", 7, 20)));
    Map<String, Argument> lowIterations = new LinkedHashMap<>();
    lowIterations.put("passphrase", arg(PASSPHRASE_A));
    lowIterations.put(
        "iterations",
        new Argument(java.math.BigDecimal.valueOf(1000), new Location("main.tf", 9, 7)));
    lowIterations.put("colour", new Argument("blue", new Location("main.tf", 10, 7)));
    StateException e =
        assertThrows(
            StateException.class,
            () ->
                config()
                    .keyProvider("pbkdf2", "weak", weak)
                    .keyProvider("pbkdf2", "low", lowIterations)
                    .keyProvider("aws_kms", "kms", Map.of())
                    .aesGcm("m", "nowhere")
                    .method("aes_gcm_v2", "x", Map.of())
                    .state(false, "method.aes_gcm.absent")
                    .encryption());
    List<String> seen =
        e.problems().stream().map(p -> p.summary() + " @" + p.line() + ": " + p.detail()).toList();
    assertEquals(
        List.of(
            "Unable to build encryption key data @7: key_provider.pbkdf2.weak failed with error:"
                + " passphrase is too short (minimum 16 characters).",
            "Unsupported argument @10: An argument named \"colour\" is not expected here.",
            "Unknown key_provider type @2: Forma has the key provider \"pbkdf2\"; it cannot find"
                + " \"aws_kms\" (key_provider.aws_kms.kms). OpenTofu's key management services"
                + " are not supported: derive the key from a passphrase with pbkdf2, which can"
                + " come from a variable.",
            "Undefined Key Provider @1: Key provider pbkdf2.nowhere is missing from the"
                + " encryption configuration.",
            "Unknown encryption method type @3: Forma has the encryption methods \"aes_gcm\" and"
                + " \"unencrypted\", not \"aes_gcm_v2\" (method.aes_gcm_v2.x).",
            "Undefined encryption method @4: Can not find \"method.aes_gcm.absent\" for"
                + " \"state\"."),
        seen);
    assertEquals("main.tf", e.problems().getFirst().file());
    assertEquals(20, e.problems().getFirst().column());
  }

  @Test
  void iterationsBelowOpenTofusMinimumAreRefused() {
    Map<String, Argument> args = new LinkedHashMap<>();
    args.put("passphrase", arg(PASSPHRASE_A));
    args.put("iterations", arg(199_999));
    StateException e =
        assertThrows(
            StateException.class,
            () ->
                config()
                    .keyProvider("pbkdf2", "k", args)
                    .aesGcm("m", "k")
                    .state(false, "method.aes_gcm.m")
                    .encryption());
    assertEquals(
        "key_provider.pbkdf2.k failed with error: the number of iterations is dangerously low"
            + " (<200000), refusing to generate key.",
        e.problems().getFirst().detail());
  }

  @Test
  void anAesKeyMustBe16Or24Or32Bytes() {
    Map<String, Argument> args = new LinkedHashMap<>();
    args.put("passphrase", arg(PASSPHRASE_A));
    args.put("key_length", arg(20));
    StateException e =
        assertThrows(
            StateException.class,
            () ->
                config()
                    .keyProvider("pbkdf2", "k", args)
                    .aesGcm("m", "k")
                    .state(false, "method.aes_gcm.m")
                    .encryption());
    assertTrue(
        e.problems()
            .getFirst()
            .detail()
            .contains("AES-GCM requires the key length to be one of: 16, 24, 32, received 20"),
        e.problems().getFirst().detail());
  }

  @Test
  void theEnvironmentsConfigurationIsMergedOverTheBlockAsOpenTofuMergesIt() throws Exception {
    EncryptionConfig code =
        config()
            .pbkdf2("k", "placeholder passphrase, replaced")
            .aesGcm("m", "k")
            .state(true, null)
            .build();
    EncryptionConfig env =
        new EncryptionConfig(
            List.of(
                new KeyProviderConfig(
                    "pbkdf2", "k", Map.of("passphrase", arg(PASSPHRASE_A)), Configs.at(1))),
            List.of(),
            new TargetConfig(arg(Configs.ref("method.aes_gcm.m")), null, null, Configs.at(2)),
            null,
            null,
            new Location("TF_ENCRYPTION", 1, 1));
    EncryptionConfig merged = code.merge(env);
    assertEquals(1, merged.keyProviders().size());
    Map<String, Argument> args = merged.keyProviders().getFirst().arguments();
    assertEquals(PASSPHRASE_A, args.get("passphrase").value());
    assertEquals("sha256", args.get("hash_function").value(), "kept from the block");
    assertEquals(Boolean.TRUE, merged.state().enforced(), "enforced by either");
    assertEquals("method.aes_gcm.m", merged.state().method().value().toString());
    byte[] stored = Encryption.of(merged).state().encrypt(PLAIN_STATE);
    assertArrayEquals(PLAIN_STATE, encrypted(PASSPHRASE_A).state().decrypt(stored, "x"));
  }

  private static JsonNode meta(byte[] stored) throws Exception {
    return JSON.readTree(stored).path("meta");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
