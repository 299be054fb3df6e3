package dev.forma.engine.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.PlanOptions;
import dev.forma.engine.plan.PlanRequest;
import dev.forma.engine.plan.Planner;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import dev.forma.state.encryption.Encryption;
import dev.forma.state.encryption.EncryptionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved plans: what the file holds, and that secrets are only fingerprints in it. */
class PlanFileTest {
  @TempDir Path dir;

  private static final String CONFIG =
      """
      variable "pw" {
        type      = string
        sensitive = true
      }
      variable "name" {
        type = string
      }
      resource "terraform_data" "a" {
        input = { pw = var.pw, name = var.name, n = 1.5 }
      }
      output "o" {
        value     = terraform_data.a.output
        sensitive = true
      }
      """;

  private final Map<ProviderConfigAddress, Provider> providers =
      Map.of(ProviderConfigAddress.of("terraform"), new TerraformProvider());

  private Module module() {
    Result<Module> m = ConfigLoader.loadSources(dir, Map.of("main.tf", CONFIG));
    assertFalse(m.hasErrors(), m.diagnostics().toString());
    return m.value();
  }

  private Plan plan(Module module, String pw) {
    Result<Plan> p =
        Planner.plan(
            new PlanRequest(
                module,
                State.empty("lin"),
                Map.of("pw", Value.of(pw).markSensitive(), "name", Value.of("n1")),
                providers,
                PlanOptions.defaults(),
                Map.of(),
                new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH)));
    assertFalse(p.hasErrors(), p.diagnostics().toString());
    return p.value();
  }

  private PlanFile saveAndRead(Plan plan, Module module) throws Exception {
    PlanFile saved =
        PlanFile.of(
            plan,
            true,
            List.of("terraform_data.a"),
            List.of(),
            State.empty("lin"),
            module,
            List.of(new VariableArg.Var("pw=hunter2"), new VariableArg.Var("name=n1")),
            "0.1.0");
    Path file = dir.resolve("p.plan");
    saved.write(file, "0.1.0");
    String text = Files.readString(file);
    assertFalse(text.contains("hunter2"), text);
    Result<PlanFile> read = PlanFile.read(file, "0.1.0");
    assertFalse(read.hasErrors(), read.diagnostics().toString());
    return read.value();
  }

  @Test
  void keepsThePlanOptionsConfigurationAndNonSensitiveArguments() throws Exception {
    Module module = module();
    Plan plan = plan(module, "hunter2");
    PlanFile read = saveAndRead(plan, module);
    assertEquals(List.of("terraform_data.a"), read.targets());
    assertEquals(Map.of("main.tf", CONFIG), read.configuration());
    assertEquals(List.of(new VariableArg.Var("name=n1")), read.variableArgs());
    assertEquals(plan.priorLineage(), read.plan().priorLineage());
    assertEquals(plan.changes().size(), read.plan().changes().size());
    assertEquals(Value.of("n1"), read.plan().variables().get("name"));
    assertTrue(read.needsSensitiveValues());
  }

  @Test
  void restoresSensitiveValuesOnlyWhenTheirFingerprintsMatch() throws Exception {
    Module module = module();
    Plan plan = plan(module, "hunter2");
    PlanFile read = saveAndRead(plan, module);

    Result<Map<String, Value>> wrong =
        read.checkVariables(Map.of("pw", Value.of("other").markSensitive()));
    assertTrue(wrong.hasErrors());
    assertTrue(wrong.diagnostics().toString().contains("\"pw\""), wrong.diagnostics().toString());

    Result<Map<String, Value>> vars =
        read.checkVariables(Map.of("pw", Value.of("hunter2").markSensitive()));
    assertFalse(vars.hasErrors(), vars.diagnostics().toString());
    Result<Plan> restored = read.restore(plan(module, "hunter2"));
    assertFalse(restored.hasErrors(), restored.diagnostics().toString());
    assertNotNull(restored.value());
    assertEquals(plan.changes(), restored.value().changes());
    assertEquals(plan.outputs(), restored.value().outputs());

    assertTrue(read.restore(plan(module, "other")).hasErrors());
  }

  private static dev.forma.state.InstanceObject object(String id, String pw, String note) {
    com.fasterxml.jackson.databind.node.ObjectNode attrs =
        dev.forma.state.JsonTrees.nodes().objectNode();
    attrs.put("id", id);
    attrs.putObject("input").put("pw", pw);
    attrs.put("output", note);
    return new dev.forma.state.InstanceObject(
        0,
        attrs,
        List.of(
            dev.forma.state.AttributePath.of(
                dev.forma.state.PathStep.attr("input"), dev.forma.state.PathStep.attr("pw"))),
        null,
        List.of(),
        false,
        dev.forma.state.ObjectStatus.READY);
  }

  private static State stateWith(Map<String, dev.forma.state.InstanceObject> objects) {
    State.Builder b = State.empty("lin").toBuilder();
    objects.forEach(
        (name, o) ->
            b.setCurrent(
                dev.forma.state.ResourceAddress.managed("terraform_data", name).instance(),
                "provider[\"terraform.io/builtin/terraform\"]",
                o));
    return b.build();
  }

  @Test
  void keepsTheRefreshedPriorStateWithoutItsSecretsAndRestoresThemFromTheState() throws Exception {
    Module module = module();
    State current =
        stateWith(Map.of("a", object("a", "hunter2", "old"), "b", object("b", "s3", "b")));
    // The refresh found a's note changed and b gone.
    State refreshed = stateWith(Map.of("a", object("a", "hunter2", "new")));
    Plan plan = plan(module, "hunter2").withPriorState(refreshed);
    PlanFile read = saveAndRead(plan, module);
    assertFalse(Files.readString(dir.resolve("p.plan")).contains("\"s3\""));

    Result<State> restored = read.restorePriorState(current);
    assertFalse(restored.hasErrors(), restored.diagnostics().toString());
    assertTrue(restored.value().sameContent(refreshed), restored.value().toString());

    // A secret that is not the one the plan saw cannot be restored: the plan is refused.
    State changed =
        stateWith(Map.of("a", object("a", "other", "old"), "b", object("b", "s3", "b")));
    Result<State> refused = read.restorePriorState(changed);
    assertTrue(refused.hasErrors());
    assertTrue(
        refused.diagnostics().toString().contains("terraform_data.a"),
        refused.diagnostics().toString());
  }

  @Test
  void staleWhenTheStateMovedOn() throws Exception {
    Module module = module();
    PlanFile read = saveAndRead(plan(module, "x"), module);
    State s = State.empty("lin");
    assertFalse(read.checkState(s.withSerial(read.plan().priorSerial())).hasErrors());
    assertTrue(
        read.checkState(s.withSerial(read.plan().priorSerial() + 1))
            .toString()
            .contains("Saved plan is stale"));
    assertTrue(read.checkState(State.empty("other").withSerial(3)).hasErrors());
    // Without a state file each read has a new lineage: an empty state is not news.
    assertFalse(read.checkState(State.empty("other")).hasErrors());
  }

  @Test
  void refusesAFileThatIsNotAPlan() throws Exception {
    Path f = dir.resolve("x");
    Files.writeString(f, "{}");
    assertTrue(
        PlanFile.read(f, "0.1.0")
            .diagnostics()
            .toString()
            .contains("Failed to load the given plan file"));
  }

  @Test
  void recordsItsBackendAndWorkspaceAndRefusesAnotherByName() throws Exception {
    Module module = module();
    Path file = dir.resolve("p.plan");
    PlanFile.Backend dev = new PlanFile.Backend("local", "sha256:aaaa", "dev");
    PlanFile.of(
            plan(module, "x"),
            true,
            List.of(),
            List.of(),
            State.empty("lin"),
            module,
            List.of(),
            "0.1.0")
        .withBackend(dev)
        .write(file, "0.1.0");
    assertTrue(
        Files.readString(file)
            .contains(
                """
                "backend": {
                    "type": "local",
                    "config_fingerprint": "sha256:aaaa",
                    "workspace": "dev"
                  },"""),
        Files.readString(file));
    PlanFile read = PlanFile.read(file, "0.1.0").value();
    assertEquals(dev, read.backend());
    assertTrue(read.checkBackend(dev).isEmpty());

    var other = read.checkBackend(new PlanFile.Backend("pg", "sha256:bbbb", "dev")).asList();
    assertEquals("Saved plan is for another backend", other.getFirst().summary());
    assertEquals(
        "The given plan file was made with the \"local\" backend, and this working directory now"
            + " uses the \"pg\" backend: its changes were planned from a state that the \"pg\""
            + " backend does not hold. Make a new plan with \"forma plan\" where you mean to"
            + " apply it.",
        other.getFirst().detail());

    var moved = read.checkBackend(new PlanFile.Backend("local", "sha256:cccc", "dev")).asList();
    assertEquals("Saved plan is for another backend", moved.getFirst().summary());
    assertTrue(moved.getFirst().detail().contains("another configuration of the \"local\""));

    var ws = read.checkBackend(new PlanFile.Backend("local", "sha256:aaaa", "prod")).asList();
    assertEquals("Saved plan is for another workspace", ws.getFirst().summary());
    assertEquals(
        "The given plan file was made in workspace \"dev\", and the selected workspace is"
            + " \"prod\": its changes were planned from the state of \"dev\". Select \"dev\""
            + " (forma workspace select dev) to apply it there, or make a new plan in \"prod\".",
        ws.getFirst().detail());

    // a file that does not record them (as an earlier Forma wrote it) is refused too
    Files.writeString(file, Files.readString(file).replaceFirst("(?s)\"backend\": \\{.*?\\},", ""));
    PlanFile older = PlanFile.read(file, "0.1.0").value();
    assertEquals(null, older.backend());
    assertEquals(
        "Saved plan does not record its backend",
        older.checkBackend(dev).asList().getFirst().summary());
  }

  @Test
  void theWholeFileIsEncryptedWithThePlanEncryptionAndReadBackWithIt() throws Exception {
    Module module = module();
    Plan plan = plan(module, "hunter2");
    PlanFile saved =
        PlanFile.of(
            plan,
            true,
            List.of(),
            List.of(),
            State.empty("lin"),
            module,
            List.of(new VariableArg.Var("name=visible-name")),
            "0.1.0");
    Encryption encryption =
        Encryption.of(
            new EncryptionConfig(
                List.of(
                    new EncryptionConfig.KeyProviderConfig(
                        "pbkdf2",
                        "k",
                        Map.of(
                            "passphrase", arg("a passphrase for plans"),
                            "hash_function", arg("sha256"),
                            "iterations", arg(new java.math.BigDecimal(200000))),
                        EncryptionConfig.Location.NOWHERE)),
                List.of(
                    new EncryptionConfig.MethodConfig(
                        "aes_gcm",
                        "m",
                        Map.of(
                            "keys",
                            arg(new EncryptionConfig.Reference("key_provider", "pbkdf2", "k"))),
                        EncryptionConfig.Location.NOWHERE)),
                null,
                new EncryptionConfig.TargetConfig(
                    arg(new EncryptionConfig.Reference("method", "aes_gcm", "m")),
                    null,
                    null,
                    EncryptionConfig.Location.NOWHERE),
                null,
                EncryptionConfig.Location.NOWHERE));
    Path file = dir.resolve("tfplan");
    saved.write(file, "0.1.0", encryption.plan());
    String text = Files.readString(file);
    assertFalse(text.contains("visible-name"), text);
    assertFalse(text.contains("terraform_data"), text);
    assertTrue(text.startsWith("{\"meta\":{\"key_provider.pbkdf2.k\":"), text);
    assertTrue(text.endsWith("\"encryption_version\":\"v0\"}"), text);

    Result<PlanFile> read = PlanFile.read(file, "0.1.0", encryption.plan());
    assertFalse(read.hasErrors(), read.diagnostics().toString());
    assertEquals(List.of(new VariableArg.Var("name=visible-name")), read.value().variableArgs());

    Result<PlanFile> unencrypted = PlanFile.read(file, "0.1.0");
    assertEquals(
        "Encrypted data, but no encryption configured",
        unencrypted.diagnostics().asList().getFirst().summary());
    // an unencrypted plan is refused once plans are encrypted
    Path plain = dir.resolve("plain.plan");
    saved.write(plain, "0.1.0");
    assertEquals(
        "Unencrypted plan file refused",
        PlanFile.read(plain, "0.1.0", encryption.plan())
            .diagnostics()
            .asList()
            .getFirst()
            .summary());
  }

  private static EncryptionConfig.Argument arg(Object value) {
    return new EncryptionConfig.Argument(value, EncryptionConfig.Location.NOWHERE);
  }
}
