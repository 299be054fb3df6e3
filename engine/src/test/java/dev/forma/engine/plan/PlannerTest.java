package dev.forma.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.InputVariables;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.providers.MockProvider;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.engine.statebridge.StateBridge;
import dev.forma.engine.statebridge.StoredObject;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Plans of small configurations over small states, asserting the plan's data. */
class PlannerTest {
  private static final ProviderConfigAddress TF = ProviderConfigAddress.of("terraform");
  private static final ProviderConfigAddress MOCK = ProviderConfigAddress.of("mock");
  private static final ResourceSchema DATA = TerraformProvider.TERRAFORM_DATA_SCHEMA;
  private static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes();

  private final TerraformProvider terraform = new TerraformProvider();
  private MockProvider mock =
      MockProvider.builder("mock")
          .resource(
              "mock_thing",
              AttributeSchema.builder("id", Type.STRING).computed().build(),
              AttributeSchema.builder("name", Type.STRING).required().forceNew().build(),
              AttributeSchema.builder("size", Type.NUMBER).optional().build(),
              AttributeSchema.builder("password", Type.STRING).optional().writeOnly().build(),
              AttributeSchema.builder("arn", Type.STRING).computed().build())
          .build();
  private State state = State.empty("lineage-1");

  // ---- harness

  private static Module module(String hcl) {
    Result<Module> r = ConfigLoader.loadSources(Path.of("."), Map.of("main.tf", hcl));
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  private Result<Plan> plan(String hcl, PlanOptions options) {
    return plan(hcl, options, Map.of());
  }

  private Result<Plan> plan(
      String hcl, PlanOptions options, Map<ResourceInstanceAddress, String> pending) {
    Map<ProviderConfigAddress, Provider> ps = Map.of(TF, terraform, MOCK, mock);
    Module m = module(hcl);
    Map<String, Value> vars =
        InputVariables.resolve(m, Path.of("/nonexistent"), List.of(), Map.of(), false, null)
            .value();
    return Planner.plan(
        new PlanRequest(
            m,
            state,
            vars,
            ps,
            options.withWriteOnlySalt(SALT),
            pending,
            new ModuleEvaluator.Environment(Path.of("."), Path.of("."), "default", Instant.EPOCH)));
  }

  private Plan ok(String hcl) {
    return ok(hcl, PlanOptions.defaults());
  }

  private Plan ok(String hcl, PlanOptions o) {
    Result<Plan> r = plan(hcl, o);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    assertTrue(r.value().complete());
    return r.value();
  }

  private static ResourceInstanceAddress addr(String s) {
    return ResourceInstanceAddress.parse(s).value();
  }

  private static ResourceChange change(Plan p, String address) {
    return p.changes().stream()
        .filter(c -> c.address().toString().equals(address) && c.deposedKey() == null)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + address + " in " + p.changes()));
  }

  private static Value withAttr(Value v, String name, Value to) {
    Map<String, Value> m = new LinkedHashMap<>(((ObjectValue) v.unmark()).attributes());
    m.put(name, to);
    return Value.object(m);
  }

  private static Value attr(Value v, String name) {
    return ((ObjectValue) v.unmark()).get(name);
  }

  private static Value data(String id, Value input, Value triggers) {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("id", Value.of(id));
    m.put("input", input);
    m.put("output", input);
    m.put("triggers_replace", triggers);
    return Value.object(m);
  }

  private void put(String address, Value v, boolean tainted, String... deps) {
    put(address, v, tainted, "provider[\"terraform.io/builtin/terraform\"]", DATA, deps);
  }

  private void put(
      String address,
      Value v,
      boolean tainted,
      String provider,
      ResourceSchema schema,
      String... deps) {
    StoredObject o =
        new StoredObject(
            v,
            0,
            null,
            java.util.Arrays.stream(deps).map(StateAddresses::dependency).toList(),
            false,
            tainted);
    state =
        state.toBuilder()
            .setCurrent(
                StateAddresses.toState(addr(address)),
                provider,
                StateBridge.write(o, schema.block().impliedType()))
            .build();
  }

  private void putMock(String address, Map<String, Value> attrs) {
    Map<String, Value> m = new LinkedHashMap<>();
    ResourceSchema s = mock.schema().resources().get("mock_thing");
    s.block().impliedType().attributes().forEach((n, t) -> m.put(n, Value.nullOf(t)));
    m.putAll(attrs);
    put(address, Value.object(m), false, "provider[\"registry.terraform.io/hashicorp/mock\"]", s);
  }

  private static List<String> summaries(Result<Plan> r) {
    return r.diagnostics().asList().stream().map(Diagnostic::summary).toList();
  }

  // ---- create, no-op, update, replace, delete

  @Test
  void createsWithComputedAttributesUnknown() {
    Plan p = ok("resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n");
    ResourceChange c = change(p, "terraform_data.a");
    assertEquals(Action.CREATE, c.action());
    assertNull(c.before());
    assertEquals(Value.of("x"), attr(c.after(), "input"));
    assertEquals(Value.unknown(Type.STRING), attr(c.after(), "id"));
    assertEquals(TF, c.provider());
    assertTrue(p.hasChanges());
  }

  @Test
  void unchangedObjectIsNoOp() {
    put("terraform_data.a", data("i1", Value.of("x"), Value.nullOf(Type.DYNAMIC)), false);
    Plan p = ok("resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n");
    assertEquals(Action.NO_OP, change(p, "terraform_data.a").action());
    assertFalse(p.hasChanges());
    assertEquals("lineage-1", p.priorLineage());
  }

  @Test
  void changedInputUpdatesInPlaceKeepingId() {
    put("terraform_data.a", data("i1", Value.of("x"), Value.nullOf(Type.DYNAMIC)), false);
    Plan p = ok("resource \"terraform_data\" \"a\" {\n  input = \"y\"\n}\n");
    ResourceChange c = change(p, "terraform_data.a");
    assertEquals(Action.UPDATE, c.action());
    assertEquals(Value.of("x"), attr(c.before(), "input"));
    assertEquals(Value.of("y"), attr(c.after(), "input"));
    assertEquals(Value.of("i1"), attr(c.after(), "id"));
    assertFalse(attr(c.after(), "output").isKnown());
  }

  @Test
  void providerRequiredReplacementDestroysThenCreates() {
    put("terraform_data.a", data("i1", Value.NULL, Value.of("v1")), false);
    Plan p = ok("resource \"terraform_data\" \"a\" {\n  triggers_replace = \"v2\"\n}\n");
    ResourceChange c = change(p, "terraform_data.a");
    assertEquals(Action.DELETE_THEN_CREATE, c.action());
    assertEquals(ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE, c.reason());
    assertEquals(List.of(List.of(PathStep.attr("triggers_replace"))), c.replacePaths());
    assertFalse(attr(c.after(), "id").isKnown());
  }

  @Test
  void createBeforeDestroyReplacesCreatingFirst() {
    put("terraform_data.a", data("i1", Value.NULL, Value.of("v1")), false);
    Plan p =
        ok(
            """
            resource "terraform_data" "a" {
              triggers_replace = "v2"
              lifecycle {
                create_before_destroy = true
              }
            }
            """);
    ResourceChange c = change(p, "terraform_data.a");
    assertEquals(Action.CREATE_THEN_DELETE, c.action());
    assertTrue(c.createBeforeDestroy());
  }

  @Test
  void forceNewAttributeChangeReplacesWithItsPath() {
    putMock(
        "mock_thing.m",
        Map.of("id", Value.of("m1"), "name", Value.of("a"), "arn", Value.of("arn:1")));
    Plan p = ok("resource \"mock_thing\" \"m\" {\n  name = \"b\"\n}\n");
    ResourceChange c = change(p, "mock_thing.m");
    assertEquals(Action.DELETE_THEN_CREATE, c.action());
    assertEquals(List.of(List.of(PathStep.attr("name"))), c.replacePaths());
    assertFalse(attr(c.after(), "arn").isKnown(), "computed attributes become unknown on replace");
  }

  @Test
  void computedAttributesNotInConfigKeepPriorValuesOnUpdate() {
    putMock(
        "mock_thing.m",
        Map.of("id", Value.of("m1"), "name", Value.of("a"), "arn", Value.of("arn:1")));
    Plan p = ok("resource \"mock_thing\" \"m\" {\n  name = \"a\"\n  size = 3\n}\n");
    ResourceChange c = change(p, "mock_thing.m");
    assertEquals(Action.UPDATE, c.action());
    assertEquals(Value.of("arn:1"), attr(c.after(), "arn"));
    assertEquals(Value.of(3), attr(c.after(), "size"));
  }

  @Test
  void resourceRemovedFromConfigIsDeleted() {
    put("terraform_data.gone", data("g", Value.NULL, Value.NULL), false);
    Plan p = ok("resource \"terraform_data\" \"a\" {}\n");
    ResourceChange c = change(p, "terraform_data.gone");
    assertEquals(Action.DELETE, c.action());
    assertEquals(ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG, c.reason());
    assertNull(c.after());
  }

  @Test
  void destroyOrdersAnObjectWithoutRecordedDependenciesByItsConfiguration() {
    // as after `forma import`: state records no dependencies between the two objects
    put("terraform_data.ws", data("w", Value.NULL, Value.NULL), false);
    put("terraform_data.conn", data("c", Value.of("w"), Value.NULL), false);
    Plan p =
        ok(
            """
            resource "terraform_data" "ws" {}
            resource "terraform_data" "conn" {
              input = terraform_data.ws.id
            }
            """,
            PlanOptions.defaults().withMode(Plan.Mode.DESTROY));
    assertEquals(List.of("terraform_data.ws"), dependencies(change(p, "terraform_data.conn")));
    assertEquals(List.of(), dependencies(change(p, "terraform_data.ws")));
  }

  // ---- count and for_each

  @Test
  void countDecreaseDeletesTheHighIndexes() {
    for (int i = 0; i < 3; i++) {
      put("terraform_data.c[" + i + "]", data("c" + i, Value.of(i), Value.NULL), false);
    }
    Plan p = ok("resource \"terraform_data\" \"c\" {\n  count = 2\n  input = count.index\n}\n");
    assertEquals(Action.NO_OP, change(p, "terraform_data.c[0]").action());
    assertEquals(Action.NO_OP, change(p, "terraform_data.c[1]").action());
    ResourceChange c = change(p, "terraform_data.c[2]");
    assertEquals(Action.DELETE, c.action());
    assertEquals(ActionReason.DELETE_BECAUSE_COUNT_INDEX, c.reason());
  }

  @Test
  void forEachKeyRemovedDeletesThatInstanceAndNewKeyCreates() {
    put("terraform_data.e[\"a\"]", data("ea", Value.of("A"), Value.NULL), false);
    put("terraform_data.e[\"b\"]", data("eb", Value.of("B"), Value.NULL), false);
    Plan p =
        ok(
            """
            resource "terraform_data" "e" {
              for_each = { a = "A", c = "C" }
              input    = each.value
            }
            """);
    assertEquals(Action.NO_OP, change(p, "terraform_data.e[\"a\"]").action());
    assertEquals(
        ActionReason.DELETE_BECAUSE_EACH_KEY, change(p, "terraform_data.e[\"b\"]").reason());
    assertEquals(Action.CREATE, change(p, "terraform_data.e[\"c\"]").action());
    assertEquals(Value.of("C"), attr(change(p, "terraform_data.e[\"c\"]").after(), "input"));
  }

  @Test
  void switchingRepetitionDeletesTheOldInstancesAsWrongRepetition() {
    put("terraform_data.c[0]", data("c0", Value.NULL, Value.NULL), false);
    Plan p = ok("resource \"terraform_data\" \"c\" {\n  for_each = toset([\"k\"])\n}\n");
    ResourceChange c = change(p, "terraform_data.c[0]");
    assertEquals(ActionReason.DELETE_BECAUSE_WRONG_REPETITION, c.reason());
    assertEquals(Action.CREATE, change(p, "terraform_data.c[\"k\"]").action());
  }

  @Test
  void countErrorsAsTerraform() {
    Result<Plan> r =
        plan(
            """
            resource "terraform_data" "u" {}
            resource "terraform_data" "a" { count = 1.5 }
            resource "terraform_data" "b" { count = -1 }
            resource "terraform_data" "c" { count = length(terraform_data.u.id) }
            resource "terraform_data" "d" { for_each = ["a"] }
            resource "terraform_data" "e" { for_each = toset([terraform_data.u.id]) }
            """,
            PlanOptions.defaults());
    assertFalse(r.value().complete());
    List<Diagnostic> ds = r.diagnostics().asList();
    assertEquals(5, ds.size(), ds.toString());
    assertTrue(ds.get(0).detail().contains("value must be a whole number"));
    assertTrue(ds.get(1).detail().contains("must be greater than or equal to zero"));
    assertTrue(
        ds.get(2)
            .detail()
            .startsWith(
                "The \"count\" value depends on resource attributes that cannot be determined until"
                    + " apply"));
    assertTrue(ds.get(3).detail().contains("you have provided a value of type tuple"));
    assertEquals("Invalid for_each argument", ds.get(4).summary());
    assertEquals(Action.CREATE, change(r.value(), "terraform_data.u").action());
  }

  // ---- references see planned values

  @Test
  void referencesSeePlannedValuesAndUnknownsAfterApply() {
    put("terraform_data.a", data("i1", Value.of("x"), Value.NULL), false);
    Plan p =
        ok(
            """
            locals { via = terraform_data.a.id }
            resource "terraform_data" "a" { input = "x" }
            resource "terraform_data" "n" {}
            resource "terraform_data" "b" {
              input = [local.via, terraform_data.n.id]
            }
            """);
    Value in = attr(change(p, "terraform_data.b").after(), "input");
    assertEquals(Value.tuple(List.of(Value.of("i1"), Value.unknown(Type.STRING))), in);
    assertEquals(
        List.of("terraform_data.a", "terraform_data.n"),
        dependencies(change(p, "terraform_data.b")));
  }

  // ---- targets, -replace, tainted, gone

  @Test
  void targetPlansOnlyItAndItsDependencies() {
    Plan p =
        ok(
            """
            resource "terraform_data" "dep" {}
            resource "terraform_data" "t" { input = terraform_data.dep.id }
            resource "terraform_data" "other" {}
            """,
            PlanOptions.defaults().withTargets(List.of(addr("terraform_data.t"))));
    assertEquals(
        List.of("terraform_data.dep", "terraform_data.t"),
        p.changes().stream().map(c -> c.address().toString()).toList());
  }

  @Test
  void replaceRequestReplacesAnUnchangedObject() {
    put("terraform_data.a", data("i1", Value.of("x"), Value.NULL), false);
    Plan p =
        ok(
            "resource \"terraform_data\" \"a\" { input = \"x\" }\n",
            PlanOptions.defaults().withForceReplace(Set.of(addr("terraform_data.a"))));
    ResourceChange c = change(p, "terraform_data.a");
    assertEquals(Action.DELETE_THEN_CREATE, c.action());
    assertEquals(ActionReason.REPLACE_BY_REQUEST, c.reason());
  }

  @Test
  void taintedObjectIsReplaced() {
    put("terraform_data.a", data("i1", Value.of("x"), Value.NULL), true);
    Plan p = ok("resource \"terraform_data\" \"a\" { input = \"x\" }\n");
    ResourceChange c = change(p, "terraform_data.a");
    assertEquals(Action.DELETE_THEN_CREATE, c.action());
    assertEquals(ActionReason.REPLACE_BECAUSE_TAINTED, c.reason());
  }

  @Test
  void objectGoneOutsideFormaIsDriftAndPlannedForCreation() {
    putMock("mock_thing.m", Map.of("id", Value.of("m1"), "name", Value.of("a")));
    mock.readGone("m1");
    Plan p = ok("resource \"mock_thing\" \"m\" { name = \"a\" }\n");
    ResourceChange c = change(p, "mock_thing.m");
    assertEquals(Action.CREATE, c.action());
    assertEquals(ActionReason.CREATE_BECAUSE_GONE, c.reason());
    assertEquals(1, p.drift().size());
    assertEquals(Action.DELETE, p.drift().getFirst().action());
  }

  @Test
  void severalObjectsOfATypeAreRefreshedByTheProvidersBulkReadAndWhatItLeavesOutAlone() {
    putMock("mock_thing.a", Map.of("id", Value.of("m1"), "name", Value.of("a")));
    putMock("mock_thing.b", Map.of("id", Value.of("m2"), "name", Value.of("b")));
    putMock("mock_thing.c", Map.of("id", Value.of("m3"), "name", Value.of("c")));
    mock.readGone("m2");
    mock.always(
        MockProvider.Method.READ_MANY,
        "mock_thing",
        req -> {
          List<Requests.ReadResult> out = new ArrayList<>();
          for (Requests.Read r : ((Requests.ReadMany) req).reads()) {
            String id = ((StringValue) ((ObjectValue) r.priorState()).get("id")).value();
            out.add(
                switch (id) {
                  // a: edited outside; b: not in the list (the single read finds it gone)
                  case "m1" ->
                      new Requests.ReadResult(
                          withAttr(r.priorState(), "size", Value.of(7)), null, List.of());
                  case "m2" -> null;
                  default -> new Requests.ReadResult(r.priorState(), null, List.of());
                });
          }
          return new Requests.ReadManyResult(out);
        });
    Plan p =
        ok(
            """
            resource "mock_thing" "a" { name = "a" }
            resource "mock_thing" "b" { name = "b" }
            resource "mock_thing" "c" { name = "c" }
            """);
    assertEquals(1, mock.calls(MockProvider.Method.READ_MANY).size());
    assertEquals(
        3,
        mock.requests(MockProvider.Method.READ_MANY, Requests.ReadMany.class)
            .getFirst()
            .reads()
            .size());
    assertEquals(
        List.of("m2"),
        mock.requests(MockProvider.Method.READ, Requests.Read.class).stream()
            .map(r -> ((StringValue) ((ObjectValue) r.priorState()).get("id")).value())
            .toList(),
        "only the object the bulk read left out is read alone");
    assertEquals(
        List.of("mock_thing.a UPDATE", "mock_thing.b DELETE"),
        p.drift().stream().map(c -> c.address() + " " + c.action()).sorted().toList());
    assertEquals(Action.UPDATE, change(p, "mock_thing.a").action(), "size 7 back to null");
    assertEquals(Action.CREATE, change(p, "mock_thing.b").action());
    assertEquals(Action.NO_OP, change(p, "mock_thing.c").action());
  }

  @Test
  void aSingleObjectOfATypeIsReadAloneNotListed() {
    putMock("mock_thing.a", Map.of("id", Value.of("m1"), "name", Value.of("a")));
    mock.always(
        MockProvider.Method.READ_MANY,
        "mock_thing",
        req -> {
          throw new AssertionError("a bulk read for one object");
        });
    ok("resource \"mock_thing\" \"a\" { name = \"a\" }\n");
    assertEquals(1, mock.calls(MockProvider.Method.READ).size());
    assertTrue(mock.calls(MockProvider.Method.READ_MANY).isEmpty());
  }

  @Test
  void noRefreshDoesNotReadAndKeepsTheStateObject() {
    putMock("mock_thing.m", Map.of("id", Value.of("m1"), "name", Value.of("a")));
    mock.readGone("m1");
    Plan p =
        ok(
            "resource \"mock_thing\" \"m\" { name = \"a\" }\n",
            PlanOptions.defaults().withRefresh(false));
    assertEquals(Action.NO_OP, change(p, "mock_thing.m").action());
    assertTrue(mock.calls(MockProvider.Method.READ).isEmpty());
  }

  // ---- lifecycle

  @Test
  void preventDestroyMakesADestroyingPlanAnError() {
    put("terraform_data.p", data("i1", Value.NULL, Value.of("v1")), false);
    Result<Plan> r =
        plan(
            """
            resource "terraform_data" "p" {
              triggers_replace = "v2"
              lifecycle {
                prevent_destroy = true
              }
            }
            """,
            PlanOptions.defaults());
    assertEquals(List.of("Instance cannot be destroyed"), summaries(r));
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertTrue(
        d.detail().startsWith("Resource terraform_data.p has lifecycle.prevent_destroy set"));
    assertEquals("main.tf:1,1-30", d.subject().toString());
    assertFalse(r.value().complete());
  }

  @Test
  void ignoreChangesKeepsThePriorValue() {
    put("terraform_data.a", data("i1", Value.of("x"), Value.NULL), false);
    Plan p =
        ok(
            """
            resource "terraform_data" "a" {
              input = "changed"
              lifecycle {
                ignore_changes = [input]
              }
            }
            """);
    assertEquals(Action.NO_OP, change(p, "terraform_data.a").action());
    Plan all =
        ok(
            """
            resource "terraform_data" "a" {
              input = "changed"
              lifecycle {
                ignore_changes = all
              }
            }
            """);
    assertEquals(Action.NO_OP, change(all, "terraform_data.a").action());
  }

  @Test
  void replaceTriggeredByAChangedResource() {
    put("terraform_data.t", data("t1", Value.of("old"), Value.NULL), false);
    put("terraform_data.a", data("a1", Value.of("x"), Value.NULL), false);
    put("terraform_data.quiet", data("q1", Value.of("x"), Value.NULL), false);
    Plan p =
        ok(
            """
            resource "terraform_data" "t" { input = "new" }
            resource "terraform_data" "a" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.t]
              }
            }
            resource "terraform_data" "quiet" {
              input = "x"
              lifecycle {
                replace_triggered_by = [terraform_data.t.id]
              }
            }
            """);
    ResourceChange c = change(p, "terraform_data.a");
    assertEquals(Action.DELETE_THEN_CREATE, c.action());
    assertEquals(ActionReason.REPLACE_BY_TRIGGERS, c.reason());
    assertEquals(Action.NO_OP, change(p, "terraform_data.quiet").action(), "t.id does not change");
  }

  // ---- import, interrupted creates, destroy, outputs, write-only

  @Test
  void importBlockImportsThenDiffs() {
    Plan p =
        ok(
            """
            import {
              to = mock_thing.m
              id = "existing-1"
            }
            resource "mock_thing" "m" { name = "a" }
            """);
    ResourceChange c = change(p, "mock_thing.m");
    assertEquals("existing-1", c.importId());
    assertEquals(Value.of("existing-1"), attr(c.before(), "id"));
    assertEquals(
        Action.DELETE_THEN_CREATE, c.action(), "imported name null differs from config: ForceNew");
    assertEquals(1, mock.calls(MockProvider.Method.IMPORT).size());
  }

  @Test
  void importedObjectTheReadFindsGoneIsNotImported() {
    mock.readGone("existing-1");
    Result<Plan> r =
        plan(
            """
            import {
              to = mock_thing.m
              id = "existing-1"
            }
            resource "mock_thing" "m" { name = "a" }
            """,
            PlanOptions.defaults());
    assertTrue(r.hasErrors());
    assertEquals(
        "Cannot import non-existent remote object",
        r.diagnostics().asList().get(0).summary(),
        r.diagnostics().toString());
    assertEquals(1, r.diagnostics().asList().get(0).subject().start().line(), "the import block");
  }

  @Test
  void interruptedCreateFoundByTheProviderIsAdopted() {
    mock.always(
        MockProvider.Method.FIND_IN_FLIGHT,
        "mock_thing",
        req -> {
          Requests.FindInFlight f = (Requests.FindInFlight) req;
          assertEquals("tok-1", f.idempotencyToken());
          Map<String, Value> m = new LinkedHashMap<>(((ObjectValue) f.plannedState()).attributes());
          m.put("id", Value.of("found-1"));
          m.put("arn", Value.of("arn:f"));
          return new Requests.ReadResult(Value.object(m), null, List.of());
        });
    Plan p =
        plan(
                "resource \"mock_thing\" \"m\" { name = \"a\" }\n",
                PlanOptions.defaults(),
                Map.of(addr("mock_thing.m"), "tok-1"))
            .value();
    ResourceChange c = change(p, "mock_thing.m");
    assertEquals(ActionReason.ADOPT_AFTER_INTERRUPTED_CREATE, c.reason());
    assertEquals(Action.NO_OP, c.action());
    // applying records the found object: a change (plan -detailed-exitcode says 2)
    assertTrue(p.hasChanges());
    assertTrue(p.shows(c));
    assertEquals(Value.of("found-1"), attr(c.before(), "id"));
    assertTrue(mock.calls(MockProvider.Method.CREATE).isEmpty());
  }

  @Test
  void destroyModeDeletesEverythingAndRespectsPreventDestroy() {
    put("terraform_data.a", data("a1", Value.NULL, Value.NULL), false);
    put("terraform_data.b", data("b1", Value.of("a1"), Value.NULL), false, "terraform_data.a");
    Plan p =
        ok(
            """
            resource "terraform_data" "a" {}
            resource "terraform_data" "b" { input = terraform_data.a.id }
            output "o" { value = terraform_data.a.id }
            """,
            PlanOptions.defaults().withMode(Plan.Mode.DESTROY));
    assertEquals(Action.DELETE, change(p, "terraform_data.a").action());
    assertEquals(Action.DELETE, change(p, "terraform_data.b").action());
  }

  @Test
  void outputsAreChangesAndSensitiveStaysSensitive() {
    Plan p =
        ok(
            """
            variable "pw" {
              default   = "s3cret"
              sensitive = true
            }
            resource "terraform_data" "a" { input = var.pw }
            output "plain" { value = "p" }
            output "secret" {
              value     = var.pw
              sensitive = true
            }
            output "later" { value = terraform_data.a.id }
            """);
    Map<String, OutputChange> byName = new LinkedHashMap<>();
    p.outputs().forEach(o -> byName.put(o.name(), o));
    assertEquals(Action.CREATE, byName.get("plain").action());
    assertTrue(byName.get("secret").sensitive());
    assertTrue(byName.get("secret").after().isSensitive());
    assertFalse(byName.get("later").after().isKnown());
    assertTrue(attr(change(p, "terraform_data.a").after(), "input").isSensitive());
  }

  @Test
  void writeOnlyAttributeUpdatesOnlyWhenItsFingerprintDiffers() {
    String fp = SchemaValues.fingerprint(Value.of("pw1"), SALT);
    putMock(
        "mock_thing.m",
        Map.of(
            "id",
            Value.of("m1"),
            "name",
            Value.of("a"),
            "password",
            Value.of(fp),
            "arn",
            Value.of("x")));
    Plan same = ok("resource \"mock_thing\" \"m\" {\n  name = \"a\"\n  password = \"pw1\"\n}\n");
    assertEquals(Action.NO_OP, change(same, "mock_thing.m").action());
    Plan changed = ok("resource \"mock_thing\" \"m\" {\n  name = \"a\"\n  password = \"pw2\"\n}\n");
    ResourceChange c = change(changed, "mock_thing.m");
    assertEquals(Action.UPDATE, c.action());
    Value pw = attr(c.after(), "password");
    assertTrue(SchemaValues.isFingerprint(pw), "no plain secret in the plan: " + pw);
  }

  @Test
  void cycleIsReportedAndNothingPlanned() {
    Result<Plan> r =
        plan(
            """
            resource "terraform_data" "a" { input = terraform_data.b.id }
            resource "terraform_data" "b" { input = terraform_data.a.id }
            """,
            PlanOptions.defaults());
    assertEquals(List.of("Cycle: terraform_data.a, terraform_data.b"), summaries(r));
    assertNull(r.value(), "no plan at all: nothing to show but the error");
  }

  @Test
  void dataSourceReadAtPlanTimeFeedsReferences() {
    mock =
        MockProvider.builder("mock")
            .resource(
                "mock_thing",
                AttributeSchema.builder("id", Type.STRING).computed().build(),
                AttributeSchema.builder("name", Type.STRING).required().build())
            .dataSource(
                "mock_info",
                AttributeSchema.builder("key", Type.STRING).required().build(),
                AttributeSchema.builder("value", Type.STRING).computed().build())
            .build();
    mock.always(
        MockProvider.Method.READ_DATA,
        "mock_info",
        req ->
            new Requests.ReadResult(
                Value.object(Map.of("key", Value.of("k"), "value", Value.of("from-data"))),
                null,
                List.of()));
    Plan p =
        ok(
            """
            data "mock_info" "i" { key = "k" }
            data "mock_info" "later" { key = mock_thing.m.id }
            resource "mock_thing" "m" { name = data.mock_info.i.value }
            """);
    assertEquals(Value.of("from-data"), attr(change(p, "mock_thing.m").after(), "name"));
    ResourceChange later = change(p, "data.mock_info.later");
    assertEquals(Action.READ, later.action());
    assertEquals(ActionReason.READ_BECAUSE_CONFIG_UNKNOWN, later.reason());
    assertNotNull(later.after());
  }

  @Test
  void dataSourceReadAtPlanTimeIsReportedToTheHooksAndADeferredOneIsNot() {
    mock =
        MockProvider.builder("mock")
            .resource(
                "mock_thing",
                AttributeSchema.builder("id", Type.STRING).computed().build(),
                AttributeSchema.builder("name", Type.STRING).required().build())
            .dataSource(
                "mock_info",
                AttributeSchema.builder("id", Type.STRING).computed().build(),
                AttributeSchema.builder("key", Type.STRING).required().build())
            .build();
    mock.always(
        MockProvider.Method.READ_DATA,
        "mock_info",
        req ->
            new Requests.ReadResult(
                Value.object(Map.of("id", Value.of("info-1"), "key", Value.of("k"))),
                null,
                List.of()));
    List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    dev.forma.engine.apply.ApplyHooks hooks =
        new dev.forma.engine.apply.ApplyHooks() {
          @Override
          public void preRead(ResourceInstanceAddress address) {
            events.add("read " + address);
          }

          @Override
          public void postRead(
              ResourceInstanceAddress address,
              boolean succeeded,
              String id,
              java.time.Duration elapsed) {
            events.add("read " + address + " " + succeeded + " " + id);
          }
        };
    Module m =
        module(
            """
            data "mock_info" "i" { key = "k" }
            data "mock_info" "later" { key = mock_thing.m.id }
            resource "mock_thing" "m" { name = "n" }
            """);
    Result<Plan> r =
        Planner.plan(
            new PlanRequest(
                m,
                state,
                Map.of(),
                Map.of(TF, terraform, MOCK, mock),
                PlanOptions.defaults().withWriteOnlySalt(SALT),
                Map.of(),
                new ModuleEvaluator.Environment(
                    Path.of("."), Path.of("."), "default", Instant.EPOCH)),
            hooks);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    assertEquals(List.of("read data.mock_info.i", "read data.mock_info.i true info-1"), events);
  }

  private void mockInfo() {
    mock =
        MockProvider.builder("mock")
            .dataSource(
                "mock_info",
                AttributeSchema.builder("key", Type.STRING).required().build(),
                AttributeSchema.builder("value", Type.STRING).computed().build())
            .build();
    mock.always(
        MockProvider.Method.READ_DATA,
        "mock_info",
        req ->
            new Requests.ReadResult(
                Value.object(Map.of("key", Value.of("k"), "value", Value.of("from-data"))),
                null,
                List.of()));
  }

  @Test
  void dataSourcePreconditionThatFailsStopsTheRead() {
    mockInfo();
    Result<Plan> r =
        plan(
            """
            variable "ready" {
              default = false
            }
            data "mock_info" "i" {
              key = "k"
              lifecycle {
                precondition {
                  condition     = var.ready
                  error_message = "Not ready to read ${var.ready ? "yes" : "info"}."
                }
              }
            }
            """,
            PlanOptions.defaults());
    assertEquals(List.of("Resource precondition failed"), summaries(r));
    assertEquals("Not ready to read info.", r.diagnostics().asList().getFirst().detail());
    assertTrue(mock.calls(MockProvider.Method.READ_DATA).isEmpty());
  }

  @Test
  void dataSourcePostconditionChecksWhatWasRead() {
    mockInfo();
    Result<Plan> r =
        plan(
            """
            data "mock_info" "i" {
              key = "k"
              lifecycle {
                postcondition {
                  condition     = self.value == "expected"
                  error_message = "Read ${self.value}."
                }
              }
            }
            """,
            PlanOptions.defaults());
    assertEquals(List.of("Resource postcondition failed"), summaries(r));
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Read from-data.", d.detail());
    assertEquals(5, d.subject().start().line());
  }

  @Test
  void postconditionUnknownAtPlanIsNotAnError() {
    Plan p =
        ok(
            """
            resource "terraform_data" "a" {
              input = "x"
              lifecycle {
                postcondition {
                  condition     = self.id == "never"
                  error_message = "Unknown until apply."
                }
              }
            }
            """);
    assertEquals(Action.CREATE, change(p, "terraform_data.a").action());
  }

  @Test
  void whatConditionsReadIsADependency() {
    Plan p =
        ok(
            """
            resource "terraform_data" "other" {
              input = "o"
            }
            resource "terraform_data" "a" {
              input = "x"
              lifecycle {
                precondition {
                  condition     = terraform_data.other.input == "o"
                  error_message = "Other is ${terraform_data.other.input}."
                }
              }
            }
            """);
    assertEquals(List.of("terraform_data.other"), dependencies(change(p, "terraform_data.a")));
  }

  private static List<String> dependencies(ResourceChange c) {
    return c.dependencies().stream().map(Object::toString).toList();
  }
}
