package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plans of a typed schema with nested blocks (single, list, set), typed maps, sensitive and
 * ForceNew attributes, and drift: cases {@code terraform_data} cannot produce, checked against the
 * layout Terraform's block renderer gives them.
 */
class NestedBlocksTest {
  static final BlockSchema RULE =
      BlockSchema.of(
          List.of(
              AttributeSchema.builder("port", Type.NUMBER).required().build(),
              AttributeSchema.builder("protocol", Type.STRING).optional().build()),
          List.of());
  static final BlockSchema META =
      BlockSchema.of(
          List.of(AttributeSchema.builder("owner", Type.STRING).optional().build()), List.of());
  static final ResourceSchema GATEWAY =
      new ResourceSchema(
          "demo_gateway",
          BlockSchema.of(
              List.of(
                  AttributeSchema.builder("id", Type.STRING).computed().build(),
                  AttributeSchema.builder("name", Type.STRING).required().forceNew().build(),
                  AttributeSchema.builder("size", Type.NUMBER).optional().build(),
                  AttributeSchema.builder("password", Type.STRING).optional().sensitive().build(),
                  AttributeSchema.builder("labels", Type.map(Type.STRING)).optional().build(),
                  AttributeSchema.builder("zones", Type.set(Type.STRING)).optional().build()),
              List.of(
                  new NestedBlockSchema("rule", RULE, Nesting.LIST, 0, 0, false),
                  new NestedBlockSchema("meta", META, Nesting.SINGLE, 0, 1, false),
                  new NestedBlockSchema("allow", META, Nesting.SET, 0, 0, false))),
          0);
  static final SchemaSource SCHEMAS =
      SchemaSource.of(
          List.of(
              new ProviderSchema(
                  BlockSchema.of(List.of(), List.of()),
                  Map.of("demo_gateway", GATEWAY),
                  Map.of())));
  static final ResourceInstanceAddress ADDR =
      ResourceAddress.managed("demo_gateway", "gw").instance();

  static Value rule(long port, String protocol) {
    return Value.object(Map.of("port", Value.of(port), "protocol", Value.of(protocol)));
  }

  static Value owner(String o) {
    return Value.object(Map.of("owner", Value.of(o)));
  }

  static Value gateway(
      Value id, String name, long size, List<Value> rules, Value meta, List<Value> allow) {
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", Value.of(name));
    m.put("size", Value.of(size));
    m.put("password", Value.of("hunter2"));
    m.put("labels", Value.map(Type.STRING, Map.of("env", Value.of("dev"), "team", Value.of("ml"))));
    m.put("zones", Value.set(Type.STRING, List.of(Value.of("a"), Value.of("b"))));
    m.put("rule", Value.list(RULE.impliedType(), rules));
    m.put("meta", meta);
    m.put("allow", Value.set(META.impliedType(), allow));
    return Value.object(m);
  }

  static ResourceChange change(
      Action action, ActionReason reason, Value before, Value after, List<List<PathStep>> replace) {
    return new ResourceChange(
        ADDR,
        null,
        ProviderConfigAddress.of("demo"),
        action,
        reason,
        before,
        after,
        replace,
        null,
        List.of(),
        false,
        null,
        null);
  }

  static Plan plan(Plan.Mode mode, List<ResourceChange> changes, List<ResourceChange> drift) {
    return new Plan(mode, changes, drift, List.of(), Map.of(), 1, "l", Instant.EPOCH, true);
  }

  static String render(Plan plan, List<RelevantAttribute> relevant) {
    return PlanRenderer.render(plan, SCHEMAS, RenderOptions.PLAIN, relevant);
  }

  @Test
  void createShowsBlocksAfterAttributesWithTypedMapsAndSets() {
    Value after =
        gateway(
            Value.unknown(Type.STRING),
            "gw",
            2,
            List.of(rule(80, "tcp")),
            owner("ops"),
            List.of(owner("a")));
    String text =
        render(
            plan(
                Plan.Mode.NORMAL,
                List.of(change(Action.CREATE, ActionReason.NONE, null, after, List.of())),
                List.of()),
            List.of());
    assertEquals(
        """

        Forma used the selected providers to generate the following execution plan.
        Resource actions are indicated with the following symbols:
          + create

        Forma will perform the following actions:

          # demo_gateway.gw will be created
          + resource "demo_gateway" "gw" {
              + id       = (known after apply)
              + labels   = {
                  + "env"  = "dev"
                  + "team" = "ml"
                }
              + name     = "gw"
              + password = (sensitive value)
              + size     = 2
              + zones    = [
                  + "a",
                  + "b",
                ]

              + allow {
                  + owner = "a"
                }

              + meta {
                  + owner = "ops"
                }

              + rule {
                  + port     = 80
                  + protocol = "tcp"
                }
            }

        Plan: 1 to add, 0 to change, 0 to destroy.
        """,
        text);
  }

  @Test
  void updateHidesUnchangedAttributesAndBlocksAndMarksForcedReplacement() {
    Value before =
        gateway(
            Value.of("g-1"),
            "gw",
            2,
            List.of(rule(80, "tcp"), rule(443, "tcp")),
            owner("ops"),
            List.of(owner("a")));
    Value after =
        gateway(
            Value.unknown(Type.STRING),
            "gw2",
            2,
            List.of(rule(80, "tcp"), rule(8443, "tcp")),
            owner("ops"),
            List.of(owner("b")));
    String text =
        render(
            plan(
                Plan.Mode.NORMAL,
                List.of(
                    change(
                        Action.DELETE_THEN_CREATE,
                        ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE,
                        before,
                        after,
                        List.of(List.of(PathStep.attr("name"))))),
                List.of()),
            List.of());
    assertEquals(
        """

        Forma used the selected providers to generate the following execution plan.
        Resource actions are indicated with the following symbols:
        -/+ destroy and then create replacement

        Forma will perform the following actions:

          # demo_gateway.gw must be replaced
        -/+ resource "demo_gateway" "gw" {
              ~ id       = "g-1" -> (known after apply)
              ~ name     = "gw" -> "gw2" # forces replacement
                # (4 unchanged attributes hidden)

              - allow {
                  - owner = "a" -> null
                }
              + allow {
                  + owner = "b"
                }

              ~ rule {
                  ~ port     = 443 -> 8443
                    # (1 unchanged attribute hidden)
                }

                # (2 unchanged blocks hidden)
            }

        Plan: 1 to add, 0 to change, 1 to destroy.
        """,
        text);
  }

  @Test
  void driftShowsOnlyRelevantAttributesBeforeThePlan() {
    Value before =
        gateway(Value.of("g-1"), "gw", 2, List.of(rule(80, "tcp")), owner("ops"), List.of());
    Value drifted =
        gateway(Value.of("g-1"), "gw", 3, List.of(rule(81, "tcp")), owner("ops"), List.of());
    ResourceChange drift = change(Action.UPDATE, ActionReason.NONE, before, drifted, List.of());
    ResourceChange update = change(Action.UPDATE, ActionReason.NONE, drifted, before, List.of());
    String text =
        render(
            plan(Plan.Mode.NORMAL, List.of(update), List.of(drift)),
            List.of(new RelevantAttribute(ADDR, List.of(PathStep.attr("size")))));
    assertEquals(
        """

        Note: Objects have changed outside of Forma

        Forma detected the following changes made outside of Forma since the last
        "forma apply" which may have affected this plan:

          # demo_gateway.gw has changed
          ~ resource "demo_gateway" "gw" {
                id       = "g-1"
                name     = "gw"
              ~ size     = 2 -> 3
                # (3 unchanged attributes hidden)

                # (2 unchanged blocks hidden)
            }


        Unless you have made equivalent changes to your configuration, or ignored the
        relevant attributes using ignore_changes, the following plan may include
        actions to undo or respond to these changes.

        ─────────────────────────────────────────────────────────────────────────────

        Forma used the selected providers to generate the following execution plan.
        Resource actions are indicated with the following symbols:
          ~ update in-place

        Forma will perform the following actions:

          # demo_gateway.gw will be updated in-place
          ~ resource "demo_gateway" "gw" {
                id       = "g-1"
                name     = "gw"
              ~ size     = 3 -> 2
                # (3 unchanged attributes hidden)

              ~ rule {
                  ~ port     = 81 -> 80
                    # (1 unchanged attribute hidden)
                }

                # (1 unchanged block hidden)
            }

        Plan: 0 to add, 1 to change, 0 to destroy.
        """,
        text);
  }

  @Test
  void refreshOnlyShowsAllDriftAndItsOwnNote() {
    Value before =
        gateway(Value.of("g-1"), "gw", 2, List.of(rule(80, "tcp")), owner("ops"), List.of());
    ResourceChange gone = change(Action.DELETE, ActionReason.NONE, before, null, List.of());
    String text = render(plan(Plan.Mode.REFRESH_ONLY, List.of(), List.of(gone)), List.of());
    assertEquals(
        """

        Note: Objects have changed outside of Forma

        Forma detected the following changes made outside of Forma since the last
        "forma apply" which may have affected this plan:

          # demo_gateway.gw has been deleted
          - resource "demo_gateway" "gw" {
              - id       = "g-1" -> null
              - labels   = {
                  - "env"  = "dev"
                  - "team" = "ml"
                } -> null
              - name     = "gw" -> null
              - password = (sensitive value) -> null
              - size     = 2 -> null
              - zones    = [
                  - "a",
                  - "b",
                ] -> null

              - meta {
                  - owner = "ops" -> null
                }

              - rule {
                  - port     = 80 -> null
                  - protocol = "tcp" -> null
                }
            }


        This is a refresh-only plan, so Forma will not take any actions to undo
        these. If you were expecting these changes then you can apply this plan to
        record the updated values in the Forma state without changing any remote
        objects.
        """,
        text);
  }
}
