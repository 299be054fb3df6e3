package dev.forma.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceObject;
import dev.forma.state.ObjectStatus;
import dev.forma.state.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {
  private static Module module(String text) {
    Result<Module> r = ConfigLoader.loadSources(Path.of("."), Map.of("main.tf", text));
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  private static ResourceAddress a(String s) {
    return ResourceAddress.parse(s).value();
  }

  private static State stateWith(String address, String... deps) {
    InstanceObject o =
        new InstanceObject(
            0,
            JsonNodeFactory.instance.objectNode().put("id", "x"),
            List.of(),
            null,
            List.of(deps),
            false,
            ObjectStatus.READY);
    ResourceAddress r = a(address);
    return State.empty("l").toBuilder()
        .setCurrent(
            dev.forma.state.ResourceAddress.managed(r.type(), r.name()).instance(IndexKey.NONE),
            "provider[\"terraform.io/builtin/terraform\"]",
            o)
        .build();
  }

  @Test
  void dotMatchesTerraformGraph() {
    Module m =
        module(
            """
            resource "terraform_data" "a" {
              input = { name = "x" }
            }
            resource "terraform_data" "b" {
              count = 2
              input = terraform_data.a.output.name
            }
            resource "terraform_data" "c" {
              input      = data.terraform_remote_state.x.outputs
              depends_on = [terraform_data.a]
            }
            data "terraform_remote_state" "x" {
              backend = "local"
            }
            """);
    ResourceGraph g = GraphBuilder.build(m, State.empty()).value();
    assertEquals(
        """
        digraph G {
          rankdir = "RL";
          node [shape = rect, fontname = "sans-serif"];
          "data.terraform_remote_state.x" [label="data.terraform_remote_state.x"];
          "terraform_data.a" [label="terraform_data.a"];
          "terraform_data.b" [label="terraform_data.b"];
          "terraform_data.c" [label="terraform_data.c"];
          "terraform_data.b" -> "terraform_data.a";
          "terraform_data.c" -> "data.terraform_remote_state.x";
          "terraform_data.c" -> "terraform_data.a";
        }
        """,
        g.dot());
  }

  @Test
  void referencesThroughLocalsCountAndForEachAndTriggersMakeEdges() {
    Module m =
        module(
            """
            locals {
              one = terraform_data.a.id
              two = "${local.one}-x"
            }
            resource "terraform_data" "a" {}
            resource "terraform_data" "n" {}
            resource "terraform_data" "k" {}
            resource "terraform_data" "t" {}
            resource "terraform_data" "b" {
              input = local.two
              count = length(terraform_data.n.output)
            }
            resource "terraform_data" "c" {
              for_each = terraform_data.k.output
              lifecycle {
                replace_triggered_by = [terraform_data.t]
              }
            }
            """);
    ResourceGraph g = GraphBuilder.build(m, State.empty()).value();
    assertEquals(
        Set.of(a("terraform_data.a"), a("terraform_data.n")),
        g.dependencies(a("terraform_data.b")));
    assertEquals(
        Set.of(a("terraform_data.k"), a("terraform_data.t")),
        g.dependencies(a("terraform_data.c")));
    List<ResourceAddress> order = g.topologicalOrder();
    assertTrue(order.indexOf(a("terraform_data.a")) < order.indexOf(a("terraform_data.b")));
    assertEquals(
        Set.of(a("terraform_data.a"), a("terraform_data.n"), a("terraform_data.b")),
        g.withDependencies(List.of(a("terraform_data.b"))));
    assertEquals(
        Set.of(a("terraform_data.a"), a("terraform_data.b")),
        g.withDependents(List.of(a("terraform_data.a"))));
  }

  @Test
  void cycleIsOneErrorNamingEveryAddressWithItsLocation() {
    Module m =
        module(
            """
            locals { x = terraform_data.c.id }
            resource "terraform_data" "a" {
              input = terraform_data.b.id
            }
            resource "terraform_data" "b" {
              input = local.x
            }
            resource "terraform_data" "c" {
              input = terraform_data.a.id
            }
            resource "terraform_data" "free" {
              input = terraform_data.a.id
            }
            """);
    Result<ResourceGraph> r = GraphBuilder.build(m, State.empty());
    assertNull(r.value());
    assertEquals(1, r.diagnostics().size());
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Cycle: terraform_data.a, terraform_data.b, terraform_data.c", d.summary());
    assertEquals(
        """
        These resources depend on each other in a cycle:
          terraform_data.a (main.tf:2,1-30) refers to terraform_data.b at main.tf:3,11-30
          terraform_data.b (main.tf:5,1-30) refers to terraform_data.c through local.x at main.tf:6,11-18
          terraform_data.c (main.tf:8,1-30) refers to terraform_data.a at main.tf:9,11-30\
        """,
        d.detail());
    assertEquals("main.tf:2,1-30", d.subject().toString());
  }

  @Test
  void selfReferenceAndSeparateCyclesEachReported() {
    Module m =
        module(
            """
            resource "terraform_data" "s" {
              input = terraform_data.s.id
            }
            resource "terraform_data" "p" {
              input = terraform_data.q.id
            }
            resource "terraform_data" "q" {
              depends_on = [terraform_data.p]
            }
            """);
    Result<ResourceGraph> r = GraphBuilder.build(m, State.empty());
    assertEquals(
        List.of("Cycle: terraform_data.p, terraform_data.q", "Cycle: terraform_data.s"),
        r.diagnostics().asList().stream().map(Diagnostic::summary).toList());
  }

  @Test
  void resourcesOnlyInStateAreDeletedBeforeWhatTheyDependedOn() {
    Module m = module("resource \"terraform_data\" \"keep\" {}\n");
    State s = stateWith("terraform_data.gone", "terraform_data.keep");
    ResourceGraph g = GraphBuilder.build(m, s).value();
    assertTrue(g.node(a("terraform_data.gone")) instanceof GraphNode.Orphan);
    assertEquals(Set.of(a("terraform_data.gone")), g.dependencies(a("terraform_data.keep")));
    assertFalse(g.dot().contains("gone"));
  }

  @Test
  void destroyGraphRunsDependentsFirst() {
    Module m =
        module(
            """
            resource "terraform_data" "a" {}
            resource "terraform_data" "b" {
              input = terraform_data.a.id
            }
            """);
    ResourceGraph g = GraphBuilder.buildForDestroy(m, State.empty()).value();
    assertEquals(List.of(a("terraform_data.b"), a("terraform_data.a")), g.topologicalOrder());
  }
}
