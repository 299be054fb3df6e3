package dev.forma.engine.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScopeTest {
  private static final String CONFIG =
      """
      variable "name" { default = "n" }
      locals {
        base  = "${var.name}-${terraform_data.a.id}"
        twice = "${local.base}/${local.base}"
      }
      resource "terraform_data" "a" {}
      resource "terraform_data" "c" { count = 2 }
      resource "terraform_data" "e" { for_each = toset(["x", "y"]) }
      resource "terraform_data" "user" {
        input = [local.twice, terraform_data.c[1].id, terraform_data.e["y"].id, length(terraform_data.c)]
      }
      output "o" { value = "i${count.index}" }
      """;

  private static Module module() {
    Result<Module> r = ConfigLoader.loadSources(Path.of("."), Map.of("main.tf", CONFIG));
    return r.value();
  }

  private static Scope scope(Module m) {
    return new Scope(
        m,
        Map.of("name", Value.of("n")),
        new ModuleEvaluator.Environment(Path.of("."), Path.of("/tmp"), "default", Instant.EPOCH),
        false);
  }

  private static Value eval(Scope s, Module m, String resource, InstanceBinding b) {
    var expr =
        m.resources()
            .get(ResourceAddress.parse(resource).value())
            .config()
            .attribute("input")
            .expr();
    Result<Value> r = s.evaluate(expr, b);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  @Test
  void resourcesSeenByExpansionWithUnknownsWhereNotYetSet() {
    Module m = module();
    Scope s = scope(m);
    ResourceAddress c = ResourceAddress.managed("terraform_data", "c");
    ResourceAddress e = ResourceAddress.managed("terraform_data", "e");
    ResourceAddress a = ResourceAddress.managed("terraform_data", "a");
    s.setExpansion(a, Expansion.SINGLE);
    s.setInstance(a.instance(), Value.object(Map.of("id", Value.of("A"))));
    s.setExpansion(c, new Expansion.Count(2));
    s.setInstance(c.instance(InstanceKey.of(1)), Value.object(Map.of("id", Value.of("C1"))));
    s.setExpansion(e, new Expansion.ForEach(new TreeSet<>(List.of("x", "y"))));
    s.setInstance(
        e.instance(InstanceKey.of("y")), Value.object(Map.of("id", Value.unknown(Type.STRING))));
    Value v = eval(s, m, "terraform_data.user", InstanceBinding.NONE);
    assertEquals(
        Value.tuple(
            List.of(Value.of("n-A/n-A"), Value.of("C1"), Value.unknown(Type.STRING), Value.of(2))),
        v);
    assertEquals(Value.UNKNOWN, s.instance(c.instance(InstanceKey.of(0))));
  }

  @Test
  void countIndexAndEachBoundPerInstance() {
    Module m = module();
    Scope s = scope(m);
    var expr = m.outputs().get("o").value();
    assertEquals(
        Value.of("i3"), s.evaluate(expr, InstanceBinding.of(InstanceKey.of(3), null)).value());
  }

  @Test
  void concurrentUpdatesAreAllSeen() throws Exception {
    Module m = module();
    Scope s = scope(m);
    ResourceAddress c = ResourceAddress.managed("terraform_data", "c");
    s.setExpansion(c, new Expansion.Count(200));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 200; i++) {
      int k = i;
      pool.submit(() -> s.setInstance(c.instance(InstanceKey.of(k)), Value.of(k)));
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    Value all = s.resource(c);
    for (int i = 0; i < 200; i++) {
      assertEquals(Value.of(i), ((dev.forma.provider.api.value.TupleValue) all).elements().get(i));
    }
  }

  @org.junit.jupiter.api.io.TempDir Path tmp;

  @Test
  void pathModuleAndRootAreRelativeAsTerraformGivesThem() {
    Module m = module();
    Scope s =
        new Scope(
            m,
            Map.of(),
            new ModuleEvaluator.Environment(tmp, tmp, "default", Instant.EPOCH),
            false);
    var expr =
        dev.forma.engine.hcl.Parser.parseExpression("t", "[path.module, path.root, path.cwd]")
            .value();
    assertEquals(
        Value.tuple(
            List.of(
                Value.of("."),
                Value.of("."),
                Value.of(tmp.toAbsolutePath().normalize().toString()))),
        s.evaluate(expr, InstanceBinding.NONE).value());
  }
}
