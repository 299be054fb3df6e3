package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.state.encryption.Encryption;
import dev.forma.state.encryption.EncryptionConfig;
import dev.forma.state.encryption.EncryptionConfig.Reference;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code terraform { encryption { ... } }} and {@code TF_ENCRYPTION} into plain data. */
class EncryptionSettingsTest {
  @TempDir Path dir;

  private static final String BLOCK =
      """
      variable "passphrase" {
        type      = string
        sensitive = true
        default   = "correct horse battery staple"
      }

      locals {
        rounds = 200000
      }

      terraform {
        encryption {
          key_provider "pbkdf2" "mykey" {
            passphrase    = var.passphrase
            iterations    = local.rounds
            hash_function = "sha256"
          }
          method "aes_gcm" "new" {
            keys = key_provider.pbkdf2.mykey
            aad  = [1, 2, 3]
          }
          method "unencrypted" "migrate" {}
          state {
            method   = method.aes_gcm.new
            enforced = false
            fallback {
              method = method.unencrypted.migrate
            }
          }
          plan {
            method = method.aes_gcm.new
          }
          remote_state_data_sources {
            default {
              method = method.aes_gcm.new
            }
            remote_state_data_source "other" {
              method = method.aes_gcm.new
            }
          }
        }
      }
      """;

  private Module module(String... nameThenText) {
    Fixtures.write(dir, nameThenText);
    Result<Module> r = ConfigLoader.load(dir, dir);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  private Result<EncryptionConfig> load(Module m, String env, Map<String, Value> vars) {
    return EncryptionSettings.load(
        m, env, vars, ModuleEvaluator.Environment.of(dir, dir, Map.of()));
  }

  private static List<String> errors(Result<?> r) {
    return r.diagnostics().asList().stream()
        .filter(Diagnostic::isError)
        .map(
            d ->
                d.summary()
                    + " | "
                    + d.detail()
                    + " | "
                    + (d.subject() == null
                        ? ""
                        : d.subject().filename() + ":" + d.subject().start().line()))
        .toList();
  }

  @Test
  void readsTheBlockWithVariablesLocalsAndReferences() throws Exception {
    Module m = module("main.tf", BLOCK);
    assertEquals(Set.of("passphrase"), EncryptionSettings.variablesUsed(m, null));
    Result<EncryptionConfig> r =
        load(
            m,
            null,
            Map.of("passphrase", Value.of("correct horse battery staple").markSensitive()));
    assertEquals(List.of(), errors(r));
    EncryptionConfig c = r.value();
    EncryptionConfig.KeyProviderConfig kp = c.keyProviders().getFirst();
    assertEquals("key_provider.pbkdf2.mykey", kp.address());
    assertEquals("correct horse battery staple", kp.arguments().get("passphrase").value());
    assertEquals(new BigDecimal(200000), kp.arguments().get("iterations").value());
    assertEquals("main.tf", kp.arguments().get("passphrase").location().file());
    assertEquals(14, kp.arguments().get("passphrase").location().line());
    assertEquals(
        new Reference("key_provider", "pbkdf2", "mykey"),
        c.methods().getFirst().arguments().get("keys").value());
    assertEquals(
        List.of(BigDecimal.ONE, BigDecimal.valueOf(2), BigDecimal.valueOf(3)),
        c.methods().getFirst().arguments().get("aad").value());
    assertEquals(new Reference("method", "aes_gcm", "new"), c.state().method().value());
    assertEquals(Boolean.FALSE, c.state().enforced());
    assertEquals(
        new Reference("method", "unencrypted", "migrate"), c.state().fallback().method().value());
    assertEquals(Set.of("other"), c.remoteStateDataSources().dataSources().keySet());
    // and it builds: the state encryption encrypts
    Encryption e = Encryption.of(c);
    byte[] plain = "{\"serial\":1,\"lineage\":\"l\"}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(plain, e.state().decrypt(e.state().encrypt(plain), "x"));
  }

  @Test
  void noBlockAndNoEnvironmentIsNoEncryption() {
    Module m = module("main.tf", "variable \"x\" {}\n");
    Result<EncryptionConfig> r = load(m, null, Map.of());
    assertNull(r.value());
    assertFalse(r.hasErrors());
    assertNull(load(m, "  ", Map.of()).value());
  }

  @Test
  void theEnvironmentVariableInHclIsMergedOverTheBlock() {
    Module m =
        module(
            "main.tf",
            """
            terraform {
              encryption {
                key_provider "pbkdf2" "k" {
                  passphrase = "placeholder placeholder"
                  hash_function = "sha256"
                }
                method "aes_gcm" "m" {
                  keys = key_provider.pbkdf2.k
                }
                state {
                  enforced = true
                }
              }
            }
            """);
    Result<EncryptionConfig> r =
        load(
            m,
            """
            key_provider "pbkdf2" "k" {
              passphrase = "the real passphrase from CI"
            }
            state {
              method = method.aes_gcm.m
            }
            """,
            Map.of());
    assertEquals(List.of(), errors(r));
    EncryptionConfig c = r.value();
    assertEquals(
        "the real passphrase from CI",
        c.keyProviders().getFirst().arguments().get("passphrase").value());
    assertEquals("sha256", c.keyProviders().getFirst().arguments().get("hash_function").value());
    assertEquals(Boolean.TRUE, c.state().enforced());
    assertEquals(new Reference("method", "aes_gcm", "m"), c.state().method().value());
    assertEquals(
        "TF_ENCRYPTION",
        c.keyProviders().getFirst().arguments().get("passphrase").location().file());
  }

  @Test
  void theEnvironmentVariableMayBeJsonAndConfigureEverything() {
    Module m = module("main.tf", "");
    Result<EncryptionConfig> r =
        load(
            m,
            """
            {
              "key_provider": {"pbkdf2": {"k": {"passphrase": "a passphrase of some length"}}},
              "method": {"aes_gcm": {"m": {"keys": "${key_provider.pbkdf2.k}"}},
                         "unencrypted": {"u": {}}},
              "state": {"method": "method.aes_gcm.m", "fallback": {"method": "method.unencrypted.u"}},
              "plan": {"method": "${method.aes_gcm.m}", "enforced": true}
            }
            """,
            Map.of());
    assertEquals(List.of(), errors(r));
    EncryptionConfig c = r.value();
    assertEquals(
        new Reference("key_provider", "pbkdf2", "k"),
        c.methods().getFirst().arguments().get("keys").value());
    assertEquals(new Reference("method", "aes_gcm", "m"), c.state().method().value());
    assertEquals(
        new Reference("method", "unencrypted", "u"), c.state().fallback().method().value());
    assertEquals(Boolean.TRUE, c.plan().enforced());
  }

  @Test
  void aJsonConfigurationFileHasTheBlockToo() {
    Module m =
        module(
            "main.tf.json",
            """
            {"terraform": {"encryption": {
              "key_provider": {"pbkdf2": {"k": {"passphrase": "a passphrase of some length"}}},
              "method": {"aes_gcm": {"m": {"keys": "key_provider.pbkdf2.k"}}},
              "state": {"method": "method.aes_gcm.m", "enforced": true}
            }}}
            """);
    Result<EncryptionConfig> r = load(m, null, Map.of());
    assertEquals(List.of(), errors(r));
    assertEquals(Boolean.TRUE, r.value().state().enforced());
    assertEquals(new Reference("method", "aes_gcm", "m"), r.value().state().method().value());
  }

  @Test
  void aVariableWithoutValueIsAnErrorNamingItAndWhereItIsUsed() {
    Module m =
        module(
            "main.tf",
            """
            variable "pass" {
              type = string
            }
            terraform {
              encryption {
                key_provider "pbkdf2" "k" {
                  passphrase = var.pass
                }
              }
            }
            """);
    Result<EncryptionConfig> r = load(m, null, Map.of());
    assertEquals(
        List.of(
            "Encryption setting not known | The value of passphrase depends on var.pass, which"
                + " has no value known here: the encryption configuration is needed before any"
                + " state is read. Give the variable a value with -var, a .tfvars file or its"
                + " TF_VAR_ environment variable (commands without -var read the last two). |"
                + " main.tf:7"),
        errors(r));
  }

  @Test
  void resourcesCannotBeUsedAndReferencesMustNameAKeyProviderOrMethod() {
    Module m =
        module(
            "main.tf",
            """
            resource "terraform_data" "secret" {}
            terraform {
              encryption {
                key_provider "pbkdf2" "k" {
                  passphrase = terraform_data.secret.id
                }
                method "aes_gcm" "m" {
                  keys = "not a reference"
                }
                state {
                  method = key_provider.pbkdf2.k
                  colour = "blue"
                }
                unknown_block {}
              }
            }
            """);
    List<String> errors = errors(load(m, null, Map.of()));
    assertEquals(5, errors.size(), errors.toString());
    assertTrue(
        errors.get(0).startsWith("Unsupported block type | Blocks of type \"unknown_block\""),
        errors.toString());
    assertTrue(
        errors.get(1).startsWith("Invalid reference in encryption configuration"),
        errors.toString());
    assertTrue(
        errors.get(1).contains("terraform_data.secret.id is not available here"), errors.get(1));
    assertEquals(
        "Invalid Key Provider expression format | Expected key_provider.<type>.<name>. | main.tf:8",
        errors.get(2));
    assertEquals(
        "Invalid encryption method identifier | Expected method.<type>.<name>. | main.tf:11",
        errors.get(3));
    assertTrue(errors.get(4).startsWith("Unsupported argument | An argument named \"colour\""));
  }

  @Test
  void oneBlockPerModuleAndOverrideFilesMergeOverIt() {
    Module two =
        module(
            "a.tf",
            "terraform {\n  encryption {}\n}\n",
            "b.tf",
            "terraform {\n  encryption {}\n}\n");
    List<String> errors = errors(load(two, null, Map.of()));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors.getFirst().startsWith("Duplicate encryption configuration"), errors.toString());
    assertTrue(errors.getFirst().endsWith("b.tf:2"), errors.toString());

    Fixtures.write(dir, "b.tf", "");
    Module overridden =
        module(
            "override.tf",
            """
            terraform {
              encryption {
                state {
                  method = method.aes_gcm.m
                }
              }
            }
            """);
    Result<EncryptionConfig> r = load(overridden, null, Map.of());
    assertEquals(List.of(), errors(r));
    assertEquals(new Reference("method", "aes_gcm", "m"), r.value().state().method().value());
  }

  @Test
  void settingsMayCallFunctionsSuchAsFile() {
    Fixtures.write(dir, "passphrase.txt", "from a file, not in the code\n");
    Module m =
        module(
            "main.tf",
            """
            terraform {
              encryption {
                key_provider "pbkdf2" "k" {
                  passphrase = trimspace(file("${path.module}/passphrase.txt"))
                  key_length = 16 + 16
                }
              }
            }
            """);
    Result<EncryptionConfig> r = load(m, null, Map.of());
    assertEquals(List.of(), errors(r));
    Map<String, EncryptionConfig.Argument> args = r.value().keyProviders().getFirst().arguments();
    assertEquals("from a file, not in the code", args.get("passphrase").value());
    assertEquals(new BigDecimal(32), args.get("key_length").value());
  }
}
