package dev.forma.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.builtin.TerraformProvider;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ConfigTreeLoader;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans of configurations with child modules from local paths: resources planned in every module
 * instance (count and for_each on calls, nested calls), input variables from the calling instance,
 * outputs through modules, dependencies across modules, and the provider a child inherits, as
 * Terraform 1.11.4 plans them.
 */
class ModulePlanTest {
  private static final ProviderConfigAddress TF = ProviderConfigAddress.of("terraform");

  @TempDir Path dir;
  private State state = State.empty("lineage-1");

  private void put(String address, String input) {
    Map<String, Value> m = new java.util.LinkedHashMap<>();
    m.put("id", Value.of(address));
    m.put("input", Value.of(input));
    m.put("output", Value.of(input));
    m.put("triggers_replace", Value.NULL);
    var o =
        new dev.forma.engine.statebridge.StoredObject(
            Value.object(m), 0, null, java.util.List.of(), false, false);
    state =
        state.toBuilder()
            .setCurrent(
                dev.forma.engine.statebridge.StateAddresses.toState(
                    dev.forma.engine.addrs.ResourceInstanceAddress.parse(address).value()),
                "provider[\"terraform.io/builtin/terraform\"]",
                dev.forma.engine.statebridge.StateBridge.write(
                    o, TerraformProvider.TERRAFORM_DATA_SCHEMA.block().impliedType()))
            .build();
  }

  private void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private Plan plan() {
    return plan(PlanOptions.defaults());
  }

  private Plan plan(PlanOptions options) {
    Result<ConfigTree> tree = ConfigTreeLoader.load(dir, dir, ModuleDirectories.LOCAL_ONLY);
    assertFalse(tree.hasErrors(), tree.diagnostics().toString());
    Map<ProviderConfigAddress, Provider> ps = Map.of(TF, new TerraformProvider());
    Result<Plan> r =
        Planner.plan(
            new PlanRequest(
                tree.value().module(),
                state,
                Map.of(),
                ps,
                options,
                Map.of(),
                new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH),
                tree.value()));
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  /** Each planned change by address: its action and its planned {@code input}. */
  private static Map<String, String> changes(Plan p) {
    Map<String, String> out = new TreeMap<>();
    for (ResourceChange c : p.changes()) {
      Value input =
          ((dev.forma.provider.api.value.ObjectValue) c.after().unmark()).attributes().get("input");
      out.put(c.address().toString(), c.action() + " " + (input.isWhollyKnown() ? input : "?"));
    }
    return out;
  }

  @Test
  void plansEveryModuleInstanceWithItsInputs() throws IOException {
    write(
        "main.tf",
        """
        module "one" {
          source = "./modules/app"
          env    = "dev"
        }
        module "many" {
          source = "./modules/app"
          count  = 2
          env    = "prod-${count.index}"
        }
        module "keyed" {
          source   = "./modules/app"
          for_each = toset(["a", "b"])
          env      = each.key
        }
        output "names" {
          value = [for m in module.many : m.name]
        }
        """);
    write(
        "modules/app/main.tf",
        """
        variable "env" {
          type = string
        }
        variable "size" {
          type    = number
          default = 1
        }
        resource "terraform_data" "w" {
          input = "${var.env}-${var.size}-${path.module}"
        }
        module "inner" {
          source = "../inner"
          owner  = var.env
        }
        output "name" {
          value = module.inner.label
        }
        """);
    write(
        "modules/inner/main.tf",
        """
        variable "owner" {
          type = string
        }
        resource "terraform_data" "l" {
          input = "team-${var.owner}"
        }
        output "label" {
          value = terraform_data.l.input
        }
        """);
    Plan p = plan();
    assertEquals(
        Map.of(
            "module.one.terraform_data.w", "CREATE dev-1-modules/app",
            "module.one.module.inner.terraform_data.l", "CREATE team-dev",
            "module.many[0].terraform_data.w", "CREATE prod-0-1-modules/app",
            "module.many[1].terraform_data.w", "CREATE prod-1-1-modules/app",
            "module.many[0].module.inner.terraform_data.l", "CREATE team-prod-0",
            "module.many[1].module.inner.terraform_data.l", "CREATE team-prod-1",
            "module.keyed[\"a\"].terraform_data.w", "CREATE a-1-modules/app",
            "module.keyed[\"b\"].terraform_data.w", "CREATE b-1-modules/app",
            "module.keyed[\"a\"].module.inner.terraform_data.l", "CREATE team-a",
            "module.keyed[\"b\"].module.inner.terraform_data.l", "CREATE team-b"),
        changes(p));
    OutputChange names = p.outputs().getFirst();
    assertEquals("names", names.name());
    assertEquals(
        Value.tuple(java.util.List.of(Value.of("team-prod-0"), Value.of("team-prod-1"))),
        names.after());
  }

  @Test
  void dependenciesFollowVariablesAndOutputsAcrossModules() throws IOException {
    write(
        "main.tf",
        """
        resource "terraform_data" "root" {
          input = module.app.out
        }
        module "app" {
          source = "./app"
        }
        """);
    write(
        "app/main.tf",
        """
        resource "terraform_data" "a" {
          input = "x"
        }
        module "tag" {
          source = "./tag"
          owner  = terraform_data.a.output
        }
        output "out" {
          value = module.tag.label
        }
        """);
    write(
        "app/tag/main.tf",
        """
        variable "owner" {}
        resource "terraform_data" "label" {
          input = var.owner
        }
        output "label" {
          value = terraform_data.label.output
        }
        """);
    Plan p = plan();
    Map<String, String> deps =
        p.changes().stream()
            .collect(
                Collectors.toMap(
                    c -> c.address().toString(),
                    c ->
                        c.dependencies().stream()
                            .map(ResourceAddress::toString)
                            .collect(Collectors.joining(",")),
                    (a, b) -> a,
                    TreeMap::new));
    assertEquals(
        Map.of(
            "module.app.terraform_data.a", "",
            "module.app.module.tag.terraform_data.label", "module.app.terraform_data.a",
            "terraform_data.root", "module.app.module.tag.terraform_data.label"),
        deps);
    assertTrue(
        p.changes().stream().allMatch(c -> c.provider().equals(TF)),
        "children inherit the root module's default configuration: " + p.changes());
  }

  @Test
  void objectsOfModuleInstancesNoLongerCalledAreDeletedBecauseOfTheModule() throws IOException {
    write(
        "main.tf",
        """
        module "m" {
          source = "./m"
          count  = 1
        }
        """);
    write("m/main.tf", "resource \"terraform_data\" \"w\" {\n  input = \"w\"\n}\n");
    put("module.m[0].terraform_data.w", "w");
    put("module.m[1].terraform_data.w", "w");
    Plan p = plan();
    Map<String, String> reasons = new TreeMap<>();
    p.changes().forEach(c -> reasons.put(c.address().toString(), c.action() + " " + c.reason()));
    assertEquals(
        Map.of(
            "module.m[0].terraform_data.w", "NO_OP NONE",
            "module.m[1].terraform_data.w", "DELETE DELETE_BECAUSE_NO_MODULE"),
        reasons);
    String text =
        dev.forma.engine.render.PlanRenderer.render(
            p,
            dev.forma.engine.render.SchemaSource.of(
                java.util.List.of(new TerraformProvider().schema())),
            dev.forma.engine.render.RenderOptions.PLAIN);
    assertTrue(
        text.contains(
            "# module.m[1].terraform_data.w will be destroyed\n"
                + "  # (because module.m[1] is not in configuration)"),
        text);
  }

  @Test
  void emptySetForEachAndSortOfUnknownElementsAsTerraformPlansThem() throws IOException {
    write(
        "main.tf",
        """
        module "m" {
          source = "./m"
        }
        output "sorted" {
          value = module.m.sorted
        }
        """);
    write(
        "m/main.tf",
        """
        variable "n" {
          default = 0
        }
        resource "terraform_data" "none" {
          for_each = toset([for i in range(var.n) : "x${i}"])
        }
        resource "terraform_data" "two" {
          count = 2
        }
        output "sorted" {
          value = sort(terraform_data.two[*].id)
        }
        """);
    Plan p = plan();
    assertEquals(2, p.changes().size(), p.changes().toString());
    assertEquals(
        Value.list(
            dev.forma.provider.api.value.Type.STRING,
            java.util.List.of(
                Value.unknown(dev.forma.provider.api.value.Type.STRING),
                Value.unknown(dev.forma.provider.api.value.Type.STRING))),
        p.outputs().getFirst().after());
  }

  @Test
  void aTargetedDestroyLeavesTheOutputsAlone() throws IOException {
    write(
        "main.tf",
        """
        module "m" {
          source = "./m"
        }
        output "o" {
          value = module.m.o
        }
        """);
    write(
        "m/main.tf",
        """
        resource "terraform_data" "w" {
          input = "w"
        }
        output "o" {
          value = terraform_data.w.output
        }
        """);
    put("module.m.terraform_data.w", "w");
    state =
        state.toBuilder()
            .setOutput(
                "o",
                new dev.forma.state.OutputValue(
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("w"),
                    com.fasterxml.jackson.databind.node.TextNode.valueOf("string"),
                    false))
            .build();
    Plan p =
        plan(
            PlanOptions.defaults()
                .withMode(Plan.Mode.DESTROY)
                .withTargets(
                    java.util.List.of(
                        dev.forma.engine.addrs.ResourceInstanceAddress.parse(
                                "module.m.terraform_data.w")
                            .value())));
    assertEquals(1, p.changes().size());
    assertTrue(p.outputs().isEmpty(), p.outputs().toString());
  }

  @Test
  void aTargetedPlanSeesTheStateValuesOfKeyedModuleInstancesItDoesNotCover() throws IOException {
    write(
        "main.tf",
        """
        module "app" {
          source   = "./m"
          for_each = toset(["a", "b"])
        }
        output "names" {
          value = { for k, m in module.app : k => m.o }
        }
        """);
    write(
        "m/main.tf",
        """
        resource "terraform_data" "w" {
          input = "w"
        }
        output "o" {
          value = terraform_data.w.output
        }
        """);
    put("module.app[\"a\"].terraform_data.w", "w");
    put("module.app[\"b\"].terraform_data.w", "w");
    // only the instance of key "a" is targeted: the output still reads "b"'s object from state
    Plan p =
        plan(
            PlanOptions.defaults()
                .withTargets(
                    java.util.List.of(
                        dev.forma.engine.addrs.ResourceInstanceAddress.parse(
                                "module.app[\"a\"].terraform_data.w")
                            .value())));
    OutputChange names =
        p.outputs().stream().filter(o -> o.name().equals("names")).findFirst().orElseThrow();
    assertTrue(names.after().isWhollyKnown(), names.toString());
    assertEquals(
        Value.object(Map.of("a", Value.of("w"), "b", Value.of("w"))).toString(),
        names.after().toString());
  }

  @Test
  void movedBlocksMoveResourcesIntoModulesAndWholeModuleInstances() throws IOException {
    write(
        "main.tf",
        """
        module "shared" {
          source = "./m"
        }
        module "team" {
          source   = "./m"
          for_each = toset(["a"])
        }
        moved {
          from = terraform_data.conn
          to   = module.shared.terraform_data.conn
        }
        moved {
          from = module.old
          to   = module.team["a"]
        }
        """);
    write("m/main.tf", "resource \"terraform_data\" \"conn\" {\n  input = \"c\"\n}\n");
    put("terraform_data.conn", "c");
    put("module.old.terraform_data.conn", "c");
    Plan p = plan();
    Map<String, String> actions = new TreeMap<>();
    p.changes().forEach(c -> actions.put(c.address().toString(), c.action().toString()));
    assertEquals(
        Map.of(
            "module.shared.terraform_data.conn", "NO_OP",
            "module.team[\"a\"].terraform_data.conn", "NO_OP"),
        actions);
    Map<String, String> moved = new TreeMap<>();
    p.moves().forEach(m -> moved.put(m.from().toString(), m.to().toString()));
    assertEquals(
        Map.of(
            "terraform_data.conn", "module.shared.terraform_data.conn",
            "module.old.terraform_data.conn", "module.team[\"a\"].terraform_data.conn"),
        moved);
  }

  @Test
  void movedBlocksOfAChildModuleMoveOnlyInItsInstancesAfterTheCallersMoves() throws IOException {
    write(
        "main.tf",
        """
        module "app" {
          source = "./app"
          count  = 2
        }
        module "plain" {
          source = "./plain"
        }
        moved {
          from = module.legacy
          to   = module.app[1]
        }
        resource "terraform_data" "old" {
          input = "c"
        }
        """);
    write(
        "app/main.tf",
        """
        resource "terraform_data" "conn" {
          input = "c"
        }
        moved {
          from = terraform_data.old
          to   = terraform_data.conn
        }
        """);
    write("plain/main.tf", "resource \"terraform_data\" \"old\" {\n  input = \"c\"\n}\n");
    put("terraform_data.old", "c");
    put("module.app[0].terraform_data.old", "c");
    put("module.legacy.terraform_data.old", "c");
    put("module.plain.terraform_data.old", "c");
    Plan p = plan();
    Map<String, String> moved = new TreeMap<>();
    p.moves().forEach(m -> moved.put(m.from().toString(), m.to().toString()));
    assertEquals(
        Map.of(
            "module.app[0].terraform_data.old", "module.app[0].terraform_data.conn",
            "module.legacy.terraform_data.old", "module.app[1].terraform_data.conn"),
        moved);
    Map<String, String> actions = new TreeMap<>();
    p.changes().forEach(c -> actions.put(c.address().toString(), c.action().toString()));
    assertEquals(
        Map.of(
            "terraform_data.old", "NO_OP",
            "module.app[0].terraform_data.conn", "NO_OP",
            "module.app[1].terraform_data.conn", "NO_OP",
            "module.plain.terraform_data.old", "NO_OP"),
        actions);
  }

  @Test
  void aMoveFromAModuleCallStillDeclaredIsTerraformsErrorAboutTheCall() throws IOException {
    write(
        "main.tf",
        """
        module "a" {
          source = "./m"
        }
        module "b" {
          source = "./m"
        }
        moved {
          from = module.a
          to   = module.b
        }
        """);
    write("m/main.tf", "resource \"terraform_data\" \"x\" {\n  input = \"c\"\n}\n");
    put("module.a.terraform_data.x", "c");
    Result<ConfigTree> tree = ConfigTreeLoader.load(dir, dir, ModuleDirectories.LOCAL_ONLY);
    Result<Plan> r =
        Planner.plan(
            new PlanRequest(
                tree.value().module(),
                state,
                Map.of(),
                Map.of(TF, new TerraformProvider()),
                PlanOptions.defaults(),
                Map.of(),
                new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH),
                tree.value()));
    assertTrue(r.hasErrors());
    // Terraform 1.11.4's error for the same files
    assertEquals(
        java.util.List.of(
            "Moved object still exists: This statement declares a move from module.a, but that"
                + " module call is still declared at main.tf:1,1.\n\nChange your configuration so"
                + " that this call will be declared as module.b instead."),
        r.diagnostics().asList().stream().map(d -> d.summary() + ": " + d.detail()).toList());
  }

  @Test
  void aMovedBlockCannotMixAModuleAndAResource() throws IOException {
    write(
        "main.tf",
        """
        moved {
          from = module.old
          to   = terraform_data.conn
        }
        resource "terraform_data" "conn" {}
        """);
    Result<ConfigTree> tree = ConfigTreeLoader.load(dir, dir, ModuleDirectories.LOCAL_ONLY);
    assertTrue(tree.hasErrors());
    assertEquals(
        "The \"from\" and \"to\" addresses must either both refer to resources or both refer"
            + " to modules.",
        tree.diagnostics().asList().getFirst().detail(),
        tree.diagnostics().toString());
  }
}
