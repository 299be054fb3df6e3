package dev.forma.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigLoader;
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
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** moved, removed and import blocks as the planner acts on them, asserting the plan's data. */
class RefactoringsTest {
  private static final ProviderConfigAddress TF = ProviderConfigAddress.of("terraform");
  private static final ProviderConfigAddress MOCK = ProviderConfigAddress.of("mock");
  private static final ResourceSchema DATA = TerraformProvider.TERRAFORM_DATA_SCHEMA;

  private final MockProvider mock =
      MockProvider.builder("mock")
          .resource(
              "mock_thing",
              AttributeSchema.builder("id", Type.STRING).computed().build(),
              AttributeSchema.builder("name", Type.STRING).optional().build())
          .build();
  private State state = State.empty("lineage-1");

  private Result<Plan> plan(String hcl) {
    Result<Module> m = ConfigLoader.loadSources(Path.of("."), Map.of("main.tf", hcl));
    assertFalse(m.hasErrors(), m.diagnostics().toString());
    Map<ProviderConfigAddress, Provider> ps = Map.of(TF, new TerraformProvider(), MOCK, mock);
    return Planner.plan(
        new PlanRequest(
            m.value(),
            state,
            Map.of(),
            ps,
            PlanOptions.defaults(),
            Map.of(),
            new ModuleEvaluator.Environment(Path.of("."), Path.of("."), "default", Instant.EPOCH)));
  }

  private Plan ok(String hcl) {
    Result<Plan> r = plan(hcl);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  private void put(String address, String id) {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("id", Value.of(id));
    m.put("input", Value.of("x"));
    m.put("output", Value.of("x"));
    m.put("triggers_replace", Value.nullOf(Type.DYNAMIC));
    state =
        state.toBuilder()
            .setCurrent(
                StateAddresses.toState(addr(address)),
                "provider[\"terraform.io/builtin/terraform\"]",
                StateBridge.write(
                    new StoredObject(Value.object(m), 0, null, List.of(), false, false),
                    DATA.block().impliedType()))
            .build();
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

  private static String id(Value v) {
    return ((dev.forma.provider.api.value.StringValue)
            ((ObjectValue) v.unmark()).get("id").unmark())
        .value();
  }

  private static final String DATA_X = "  input = \"x\"\n}\n";

  // ---- moved

  @Test
  void aChainOfMovesCarriesEveryInstanceToTheLastAddressAsOneMove() {
    put("terraform_data.v1[0]", "i0");
    put("terraform_data.v1[1]", "i1");
    Plan p =
        ok(
            "resource \"terraform_data\" \"v3\" {\n  count = 2\n"
                + DATA_X
                + "moved {\n  from = terraform_data.v2\n  to   = terraform_data.v3\n}\n"
                + "moved {\n  from = terraform_data.v1\n  to   = terraform_data.v2\n}\n");
    assertEquals(
        List.of(
            new MovedObject(addr("terraform_data.v1[0]"), addr("terraform_data.v3[0]")),
            new MovedObject(addr("terraform_data.v1[1]"), addr("terraform_data.v3[1]"))),
        p.moves());
    assertEquals(Action.NO_OP, change(p, "terraform_data.v3[1]").action());
    assertEquals("i1", id(change(p, "terraform_data.v3[1]").before()));
    assertTrue(p.hasChanges(), "a move is a change to apply");
    assertEquals(
        addr("terraform_data.v1[0]"), p.previousAddress(addr("terraform_data.v3[0]")).get());
    assertTrue(
        p.priorState()
            .resource(StateAddresses.toState(addr("terraform_data.v1[0]").resource()))
            .isEmpty());
  }

  @Test
  void addingCountMovesTheObjectToIndexZeroUnlessAMovedBlockNamesTheResource() {
    put("terraform_data.w", "w");
    Plan p = ok("resource \"terraform_data\" \"w\" {\n  count = 2\n" + DATA_X);
    assertEquals(
        List.of(new MovedObject(addr("terraform_data.w"), addr("terraform_data.w[0]"))), p.moves());
    assertEquals(Action.NO_OP, change(p, "terraform_data.w[0]").action());
    assertEquals(Action.CREATE, change(p, "terraform_data.w[1]").action());

    Plan chosen =
        ok(
            "resource \"terraform_data\" \"w\" {\n  count = 2\n"
                + DATA_X
                + "moved {\n  from = terraform_data.w\n  to   = terraform_data.w[1]\n}\n");
    assertEquals(
        List.of(new MovedObject(addr("terraform_data.w"), addr("terraform_data.w[1]"))),
        chosen.moves());
    assertEquals(Action.CREATE, change(chosen, "terraform_data.w[0]").action());
  }

  @Test
  void aMoveOntoAnAddressThatHasAnObjectIsSkippedWithTerraformsWarning() {
    put("terraform_data.a", "a");
    put("terraform_data.b", "b");
    Result<Plan> r =
        plan(
            "resource \"terraform_data\" \"b\" {\n"
                + DATA_X
                + "moved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n");
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    assertEquals(List.of(), r.value().moves());
    assertEquals(Action.DELETE, change(r.value(), "terraform_data.a").action());
    Diagnostic w = r.diagnostics().asList().getFirst();
    assertEquals("Unresolved resource instance address changes", w.summary());
    assertTrue(
        w.detail().contains("\n  - terraform_data.a could not move to terraform_data.b\n"),
        w.detail());
  }

  @Test
  void aCycleOfMovesMovesNothingAndIsTheOnlyError() {
    put("terraform_data.p", "p");
    Result<Plan> r =
        plan(
            "resource \"terraform_data\" \"a\" {\n"
                + DATA_X
                + "moved {\n  from = terraform_data.p\n  to   = terraform_data.q\n}\n"
                + "moved {\n  from = terraform_data.q\n  to   = terraform_data.p\n}\n");
    assertNull(r.value());
    assertEquals(1, r.diagnostics().asList().size());
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Cyclic dependency in move statements", d.summary());
    assertTrue(
        d.detail()
            .contains(
                "\n  - main.tf:4,1: terraform_data.p[*] → terraform_data.q[*]"
                    + "\n  - main.tf:8,1: terraform_data.q[*] → terraform_data.p[*]\n"),
        d.detail());
  }

  @Test
  void movesFromDeclaredObjectsBetweenTypesAndToThemselvesAreRefused() {
    Result<Plan> r =
        plan(
            "resource \"terraform_data\" \"a\" {\n  count = 2\n"
                + DATA_X
                + "moved {\n  from = terraform_data.a[1]\n  to   = terraform_data.z[1]\n}\n"
                + "moved {\n  from = terraform_data.m\n  to   = mock_thing.m\n}\n"
                + "moved {\n  from = terraform_data.s\n  to   = terraform_data.s\n}\n");
    assertNull(r.value());
    List<Diagnostic> ds = r.diagnostics().asList();
    assertEquals(
        List.of("Moved object still exists", "Resource type mismatch", "Redundant move statement"),
        ds.stream().map(Diagnostic::summary).toList());
    assertEquals(
        "This statement declares a move from terraform_data.a[1], but that resource instance is"
            + " still declared at main.tf:2,11.\n\nChange your configuration so that this"
            + " instance will be declared as terraform_data.z[1] instead.",
        ds.get(0).detail());
    assertEquals(
        "This statement declares a move from terraform_data.m to mock_thing.m, which is a"
            + " resource of a different type.",
        ds.get(1).detail());
  }

  // ---- removed

  @Test
  void aRemovedBlockForAResourceStillDeclaredIsRefusedBeforeAnythingIsRead() {
    Result<Plan> r =
        plan(
            "resource \"mock_thing\" \"m\" {\n}\n"
                + "removed {\n  from = mock_thing.m\n  lifecycle {\n    destroy = false\n  }\n}\n");
    assertNull(r.value());
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Removed resource still exists", d.summary());
    assertEquals(
        "This statement declares that mock_thing.m was removed, but it is still declared in"
            + " configuration.",
        d.detail());
    assertEquals(1, d.subject().start().line());
    assertTrue(mock.calls().stream().noneMatch(c -> c.method() == MockProvider.Method.READ));
  }

  @Test
  void destroyFalseForgetsWithoutReadingAndWarnsNamingEachObject() {
    put("terraform_data.old", "o");
    Result<Plan> r =
        plan(
            "removed {\n  from = terraform_data.old\n  lifecycle {\n    destroy = false\n  }\n}\n");
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    assertEquals(Action.FORGET, change(r.value(), "terraform_data.old").action());
    Diagnostic w = r.diagnostics().asList().getFirst();
    assertEquals("Some objects will no longer be managed by Forma", w.summary());
    assertTrue(w.detail().contains("\n - terraform_data.old\n"), w.detail());
  }

  // ---- import

  @Test
  void importWithForEachImportsOneObjectPerElementWithItsId() {
    Plan p =
        ok(
            "locals {\n  conns = { a = \"id-a\", b = \"id-b\" }\n}\n"
                + "resource \"terraform_data\" \"c\" {\n  for_each = local.conns\n"
                + "  input    = each.value\n}\n"
                + "import {\n  for_each = local.conns\n  to = terraform_data.c[each.key]\n"
                + "  id = each.value\n}\n"
                + "resource \"terraform_data\" \"l\" {\n  count = 2\n}\n"
                + "import {\n  for_each = [\"l0\", \"l1\"]\n  to = terraform_data.l[each.key]\n"
                + "  id = each.value\n}\n");
    assertEquals("id-a", change(p, "terraform_data.c[\"a\"]").importId());
    assertEquals("id-b", change(p, "terraform_data.c[\"b\"]").importId());
    assertEquals("id-b", id(change(p, "terraform_data.c[\"b\"]").before()));
    assertEquals("l1", change(p, "terraform_data.l[1]").importId());
    assertEquals(Action.NO_OP, change(p, "terraform_data.l[1]").action());
  }

  @Test
  void anIdTheProviderDoesNotFindStopsThePlanBeforeAnythingIsPlanned() {
    mock.always(
        MockProvider.Method.IMPORT,
        "mock_thing",
        req -> new Requests.ImportResult(null, null, List.of()));
    Result<Plan> r =
        plan(
            "resource \"mock_thing\" \"m\" {\n  for_each = toset([\"a\", \"b\"])\n}\n"
                + "import {\n  for_each = toset([\"a\", \"b\"])\n  to = mock_thing.m[each.key]\n"
                + "  id = \"missing-${each.key}\"\n}\n");
    assertNull(r.value(), "no plan to show");
    assertEquals(
        List.of(
            "Cannot import non-existent remote object", "Cannot import non-existent remote object"),
        r.diagnostics().asList().stream().map(Diagnostic::summary).toList());
    assertTrue(
        r.diagnostics().asList().get(1).detail().contains("\"mock_thing.m[\"b\"]\""),
        r.diagnostics().asList().get(1).detail());
    assertTrue(mock.calls().stream().noneMatch(c -> c.method() == MockProvider.Method.PLAN_CHANGE));
  }

  @Test
  void anImportIntoAResourceNotInConfigurationSaysHowToGenerateIt() {
    Result<Plan> r = plan("import {\n  to = terraform_data.nope\n  id = \"x\"\n}\n");
    assertNull(r.value());
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Configuration for import target does not exist", d.summary());
    assertTrue(
        d.detail().endsWith("For example:\n\n  forma plan -generate-config-out=generated.tf"));
  }
}
