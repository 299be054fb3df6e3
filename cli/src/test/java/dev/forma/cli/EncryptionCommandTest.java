package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State and plan encryption from the command line: {@code terraform { encryption { ... } }} and
 * {@code TF_ENCRYPTION}, as OpenTofu configures them. Key derivation uses sha256 and OpenTofu's
 * minimum of iterations to keep the tests short.
 */
class EncryptionCommandTest {
  @TempDir Path dir;

  private static final String SECRET = "plain-attribute-value-42";

  private static final String KEY_PROVIDER =
      """
          key_provider "pbkdf2" "mykey" {
            passphrase    = var.passphrase
            hash_function = "sha256"
            iterations    = 200000
          }
          method "aes_gcm" "main" {
            keys = key_provider.pbkdf2.mykey
          }
      """;

  private static final String RESOURCES =
      """
      variable "passphrase" {
        type      = string
        sensitive = true
      }
      resource "terraform_data" "db" {
        input = "%s"
      }
      output "o" {
        value = terraform_data.db.output
      }
      """
          .formatted(SECRET);

  private static String config(String encryptionBody) {
    return RESOURCES + "terraform {\n  encryption {\n" + encryptionBody + "  }\n}\n";
  }

  private static final String ENCRYPTED =
      config(
          KEY_PROVIDER
              + """
                  state {
                    method = method.aes_gcm.main
                  }
                  plan {
                    method = method.aes_gcm.main
                  }
              """);

  private CliRun cli(String mainTf) throws IOException {
    CliRun cli = new CliRun(dir).write("main.tf", mainTf);
    cli.env.put("TF_VAR_passphrase", "correct horse battery staple");
    return cli;
  }

  private byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(dir.resolve(name));
  }

  /** Every file Forma left beside the configuration, as text. */
  private String stateFiles() throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> !p.toString().endsWith(".tf")).sorted().toList()) {
        out.append(f.getFileName()).append(":\n").append(Files.readString(f)).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void applyKeepsNoPlainValueOnDiskAndShowPullListAndOutputStillWork() throws Exception {
    CliRun cli = cli(ENCRYPTED);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(StateEncryption.isEncryptedState(bytes("terraform.tfstate")));
    String onDisk = Files.readString(dir.resolve("terraform.tfstate"));
    assertFalse(onDisk.contains(SECRET), onDisk);
    assertFalse(onDisk.contains("terraform_data"), onDisk);
    assertTrue(onDisk.contains("\"meta\":{\"key_provider.pbkdf2.mykey\":"), onDisk);

    assertEquals(0, cli.run("", "show", "-no-color"), cli.err());
    assertTrue(cli.out().contains("# terraform_data.db:"), cli.out());
    assertTrue(cli.out().contains(SECRET), cli.out());

    // state pull prints the decrypted state, as OpenTofu's does
    assertEquals(0, cli.run("", "state", "pull"), cli.err());
    assertTrue(cli.out().startsWith("{\n  \"version\": 4,"), cli.out());
    assertTrue(cli.out().contains("\"value\": \"" + SECRET + "\""), cli.out());

    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.db\n", cli.out());
    assertEquals(0, cli.run("", "output", "-raw", "o"), cli.err());
    assertEquals(SECRET, cli.out());

    // show FILE decrypts a state file given by name; push takes a plain state and encrypts it
    assertEquals(0, cli.run("", "show", "-no-color", "terraform.tfstate"), cli.err());
    assertTrue(cli.out().contains(SECRET), cli.out());
    assertEquals(0, cli.run("", "state", "pull"), cli.err());
    cli.write("pulled.json", cli.out());
    assertEquals(0, cli.run("", "state", "push", "-force", "pulled.json"), cli.err());
    Files.delete(dir.resolve("pulled.json"));
    assertFalse(Files.readString(dir.resolve("terraform.tfstate")).contains(SECRET));
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.db\n", cli.out());

    // a change: the backup of the previous state is encrypted too, and the journal is gone
    cli.write("main.tf", ENCRYPTED.replace(SECRET, SECRET + "-v2"));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(StateEncryption.isEncryptedState(bytes("terraform.tfstate.backup")));
    String files = stateFiles();
    assertFalse(files.contains(SECRET), files);
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.journal")));
  }

  @Test
  void aWrongPassphraseNamesTheKeyProviderAndChangesNothing() throws Exception {
    CliRun cli = cli(ENCRYPTED);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    byte[] before = bytes("terraform.tfstate");
    cli.write("main.tf", ENCRYPTED.replace(SECRET, "changed"));
    cli.env.put("TF_VAR_passphrase", "not the passphrase it was encrypted with");
    assertEquals(1, cli.run("", "apply", "-auto-approve", "-no-color"));
    String err = cli.err();
    assertTrue(err.contains("Error: Failed to decrypt the state"), err);
    assertTrue(
        err.contains(
            "method.aes_gcm.main (keys from key_provider.pbkdf2.mykey): the key from"
                + " key_provider.pbkdf2.mykey does not open it"),
        err);
    assertTrue(err.contains("Check the passphrase of key_provider.pbkdf2.mykey"), err);
    assertFalse(err.contains("Exception"), err);
    assertArrayEquals(before, bytes("terraform.tfstate"));
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.backup")));
    assertFalse(Files.exists(dir.resolve("terraform.tfstate.journal")));
    assertEquals(1, cli.run("", "state", "list", "-no-color"));
    assertTrue(cli.err().contains("key_provider.pbkdf2.mykey"), cli.err());
  }

  @Test
  void aMissingPassphraseVariableIsAnErrorNamingIt() throws Exception {
    CliRun cli = cli(ENCRYPTED);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    cli.env.remove("TF_VAR_passphrase");
    assertEquals(1, cli.run("", "state", "list", "-no-color"));
    assertTrue(cli.err().contains("Error: Encryption setting not known"), cli.err());
    assertTrue(cli.err().contains("depends on var.passphrase"), cli.err());
    assertTrue(cli.err().contains("on main.tf line 14"), cli.err());
    // apply takes -var
    assertEquals(
        0,
        cli.run("", "apply", "-auto-approve", "-var", "passphrase=correct horse battery staple"),
        cli.err());
  }

  @Test
  void aSavedPlanIsEncryptedWholeAndShowsAndApplies() throws Exception {
    CliRun cli = cli(ENCRYPTED);
    assertEquals(0, cli.run("", "plan", "-out=tfplan"), cli.err());
    String plan = Files.readString(dir.resolve("tfplan"));
    assertTrue(StateEncryption.isEncrypted(bytes("tfplan")), plan);
    assertFalse(plan.contains(SECRET), plan);
    assertFalse(plan.contains("terraform_data"), plan);
    assertEquals(0, cli.run("", "show", "-no-color", "tfplan"), cli.err());
    assertTrue(cli.out().contains("# terraform_data.db will be created"), cli.out());
    assertEquals(0, cli.run("", "apply", "tfplan"), cli.err());
    assertTrue(cli.out().contains("Apply complete! Resources: 1 added"), cli.out());
    assertFalse(Files.readString(dir.resolve("terraform.tfstate")).contains(SECRET));

    cli.env.put("TF_VAR_passphrase", "not the passphrase it was encrypted with");
    assertEquals(1, cli.run("", "show", "-no-color", "tfplan"));
    assertTrue(cli.err().contains("Error: Failed to decrypt the plan"), cli.err());
  }

  @Test
  void migratesAPlainStateToEncryptedAndBack() throws Exception {
    CliRun cli = cli(config(""));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(Files.readString(dir.resolve("terraform.tfstate")).contains(SECRET));

    // encrypted alone refuses the plain state
    cli.write("main.tf", ENCRYPTED);
    byte[] plain = bytes("terraform.tfstate");
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(cli.err().contains("Error: Unencrypted state refused"), cli.err());
    assertArrayEquals(plain, bytes("terraform.tfstate"));

    // with the unencrypted method as fallback, an apply without changes encrypts it
    cli.write(
        "main.tf",
        config(
            KEY_PROVIDER
                + """
                    method "unencrypted" "migrate" {}
                    state {
                      method = method.aes_gcm.main
                      fallback {
                        method = method.unencrypted.migrate
                      }
                    }
                """));
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertTrue(cli.out().contains("Warning: Unencrypted method configured"), cli.out() + cli.err());
    String files = stateFiles();
    assertFalse(files.contains(SECRET), files);
    cli.write("main.tf", ENCRYPTED);
    assertEquals(0, cli.run("", "plan", "-no-color"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());

    // and back: unencrypted primary, the encrypting method as fallback
    cli.write(
        "main.tf",
        config(
            KEY_PROVIDER
                + """
                    method "unencrypted" "migrate" {}
                    state {
                      method = method.unencrypted.migrate
                      fallback {
                        method = method.aes_gcm.main
                      }
                    }
                """));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(Files.readString(dir.resolve("terraform.tfstate")).contains(SECRET));
    cli.write("main.tf", config(""));
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.db\n", cli.out());
  }

  @Test
  void rotatesThePassphraseThroughAFallback() throws Exception {
    CliRun cli = cli(ENCRYPTED);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    cli.write(
        "main.tf",
        config(
            KEY_PROVIDER
                + """
                    key_provider "pbkdf2" "newkey" {
                      passphrase    = "the new passphrase, rotated"
                      hash_function = "sha256"
                      iterations    = 200000
                    }
                    method "aes_gcm" "new" {
                      keys = key_provider.pbkdf2.newkey
                    }
                    state {
                      method = method.aes_gcm.new
                      fallback {
                        method = method.aes_gcm.main
                      }
                    }
                """));
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(
        Files.readString(dir.resolve("terraform.tfstate"))
            .contains("\"meta\":{\"key_provider.pbkdf2.newkey\":"));
    // the old passphrase is no longer needed
    cli.env.remove("TF_VAR_passphrase");
    cli.write(
        "main.tf",
        RESOURCES.replace("variable \"passphrase\" {", "variable \"unused\" {")
            + """
            terraform {
              encryption {
                key_provider "pbkdf2" "newkey" {
                  passphrase    = "the new passphrase, rotated"
                  hash_function = "sha256"
                  iterations    = 200000
                }
                method "aes_gcm" "new" {
                  keys = key_provider.pbkdf2.newkey
                }
                state {
                  method = method.aes_gcm.new
                }
              }
            }
            """);
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.db\n", cli.out());
  }

  @Test
  void theEnvironmentVariableAloneConfiguresEncryptionAndEnforcedNeedsIt() throws Exception {
    CliRun cli =
        cli(
            RESOURCES
                + """
                terraform {
                  encryption {
                    state {
                      enforced = true
                    }
                  }
                }
                """);
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(cli.err().contains("Error: Missing encryption method"), cli.err());
    assertFalse(Files.exists(dir.resolve("terraform.tfstate")));

    cli.env.put(
        "TF_ENCRYPTION",
        """
        key_provider "pbkdf2" "mykey" {
          passphrase    = "a passphrase given by the environment"
          hash_function = "sha256"
          iterations    = 200000
        }
        method "aes_gcm" "main" {
          keys = key_provider.pbkdf2.mykey
        }
        state {
          method = method.aes_gcm.main
        }
        """);
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(StateEncryption.isEncryptedState(bytes("terraform.tfstate")));
    assertFalse(Files.readString(dir.resolve("terraform.tfstate")).contains(SECRET));
  }

  @Test
  void readsAStateOpenTofuEncrypted() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/encryption/opentofu-encrypted.tfstate")) {
      Files.write(dir.resolve("terraform.tfstate"), in.readAllBytes());
    }
    // tools/encryption-fixtures/make_fixtures.py wrote it with OpenTofu's defaults
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                terraform {
                  encryption {
                    key_provider "pbkdf2" "mykey" {
                      passphrase = "correct horse battery staple \u2013 forma"
                    }
                    method "aes_gcm" "tofu" {
                      keys = key_provider.pbkdf2.mykey
                    }
                    state {
                      method = method.aes_gcm.tofu
                    }
                  }
                }
                """);
    assertEquals(0, cli.run("", "state", "pull"), cli.err());
    assertTrue(cli.out().contains("\"serial\": 3,"), cli.out());
    assertTrue(cli.out().contains("\"value\": \"s3cr3t-from-opentofu\""), cli.out());
    assertEquals(0, cli.run("", "show", "-no-color"), cli.err());
    assertTrue(cli.out().contains("# terraform_data.db_password:"), cli.out());
  }
}
