package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test fixtures: the plans Terraform made, read back from its {@code show -json} into Forma's plan
 * model (unknown and sensitive parts restored from the masks), and the schema of {@code
 * terraform_data}.
 */
final class TerraformPlans {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

  static final ResourceSchema TERRAFORM_DATA =
      new ResourceSchema(
          "terraform_data",
          BlockSchema.of(
              List.of(
                  AttributeSchema.builder("id", Type.STRING).computed().build(),
                  AttributeSchema.builder("input", Type.DYNAMIC).optional().build(),
                  AttributeSchema.builder("output", Type.DYNAMIC).computed().build(),
                  AttributeSchema.builder("triggers_replace", Type.DYNAMIC).optional().build()),
              List.of()),
          0);

  static final SchemaSource SCHEMAS =
      SchemaSource.of(
          List.of(
              new ProviderSchema(
                  BlockSchema.of(List.of(), List.of()),
                  Map.of("terraform_data", TERRAFORM_DATA),
                  Map.of())));

  private TerraformPlans() {}

  /** Keeps what a test rendered under target/render-actual, to compare by hand on failure. */
  static void keep(String file, String text) {
    try {
      Path out = Path.of("target/render-actual", file);
      Files.createDirectories(out.getParent());
      Files.writeString(out, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path dir(String name) {
    return Path.of("src/test/resources/render", name);
  }

  static String read(String name, String file) {
    try {
      return Files.readString(dir(name).resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name, String file) {
    try {
      return MAPPER.readTree(read(name, file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Plan plan(String name, Plan.Mode mode) {
    JsonNode root = json(name, "plan.json");
    List<ResourceChange> changes = new ArrayList<>();
    for (JsonNode rc : root.path("resource_changes")) {
      changes.add(change(rc));
    }
    List<ResourceChange> drift = new ArrayList<>();
    for (JsonNode rc : root.path("resource_drift")) {
      drift.add(change(rc));
    }
    List<OutputChange> outputs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("output_changes").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode c = e.getValue();
      boolean sensitive =
          c.path("before_sensitive").asBoolean(false) || c.path("after_sensitive").asBoolean(false);
      Value before =
          c.path("before").isNull() || c.path("before").isMissingNode()
              ? null
              : ValueJson.fromJson(c.get("before"));
      Value after =
          c.path("after_unknown").asBoolean(false)
              ? Value.UNKNOWN
              : c.has("after") && !c.get("after").isNull()
                  ? ValueJson.fromJson(c.get("after"))
                  : null;
      outputs.add(
          new OutputChange(e.getKey(), action(c.path("actions")), before, after, sensitive));
    }
    Map<String, Value> variables = new LinkedHashMap<>();
    root.path("variables")
        .fields()
        .forEachRemaining(
            e -> variables.put(e.getKey(), ValueJson.fromJson(e.getValue().get("value"))));
    return new Plan(
        mode,
        changes,
        drift,
        outputs,
        variables,
        0,
        "lineage",
        Instant.parse(root.path("timestamp").asText("2025-01-01T00:00:00Z")),
        root.path("complete").asBoolean(true));
  }

  static ResourceChange change(JsonNode rc) {
    ResourceInstanceAddress addr =
        ResourceInstanceAddress.parse(rc.get("address").asText()).value();
    JsonNode c = rc.get("change");
    Value before = restore(c.get("before"), null, c.get("before_sensitive"));
    Value after = restore(c.get("after"), c.get("after_unknown"), c.get("after_sensitive"));
    List<List<PathStep>> replace = new ArrayList<>();
    for (JsonNode p : c.path("replace_paths")) {
      List<PathStep> steps = new ArrayList<>();
      for (JsonNode s : p) {
        steps.add(s.isNumber() ? PathStep.index(s.asLong()) : PathStep.attr(s.asText()));
      }
      replace.add(steps);
    }
    String importId = c.has("importing") ? c.get("importing").path("id").asText() : null;
    String reason = rc.path("action_reason").asText("");
    return new ResourceChange(
        addr,
        rc.has("deposed") ? rc.get("deposed").asText() : null,
        ProviderConfigAddress.of("terraform"),
        action(c.get("actions")),
        reason.isEmpty()
            ? ActionReason.NONE
            : ActionReason.valueOf(reason.toUpperCase(Locale.ROOT)),
        before,
        after,
        replace,
        importId,
        List.of(),
        false,
        null,
        null);
  }

  static Action action(JsonNode actions) {
    List<String> a = new ArrayList<>();
    actions.forEach(x -> a.add(x.asText()));
    return switch (String.join(",", a)) {
      case "create" -> Action.CREATE;
      case "update" -> Action.UPDATE;
      case "delete" -> Action.DELETE;
      case "read" -> Action.READ;
      case "no-op" -> Action.NO_OP;
      case "forget" -> Action.FORGET;
      case "delete,create" -> Action.DELETE_THEN_CREATE;
      case "create,delete" -> Action.CREATE_THEN_DELETE;
      default -> throw new IllegalArgumentException(a.toString());
    };
  }

  /** The value a JSON plan describes, with unknown and sensitive parts put back. */
  static Value restore(JsonNode value, JsonNode unknown, JsonNode sensitive) {
    if (unknown != null && unknown.isBoolean() && unknown.booleanValue()) {
      // The JSON keeps only the kind of an unknown's type, through its sensitivity mask.
      if (sensitive != null && sensitive.isObject()) {
        return Value.unknown(Type.EMPTY_OBJECT);
      }
      if (sensitive != null && sensitive.isArray()) {
        return Value.unknown(Type.EMPTY_TUPLE);
      }
      return Value.UNKNOWN;
    }
    if (value == null || value.isNull() || value.isMissingNode()) {
      if (unknown != null && unknown.isObject() && unknown.size() > 0) {
        value = JsonNodeFactory.instance.objectNode();
      } else {
        return sensitive != null && sensitive.asBoolean(false) ? Value.NULL.markSensitive() : null;
      }
    }
    Value v;
    if (value.isObject()) {
      Map<String, Value> attrs = new LinkedHashMap<>();
      value
          .fields()
          .forEachRemaining(
              e ->
                  attrs.put(
                      e.getKey(),
                      orNull(
                          restore(
                              e.getValue(),
                              get(unknown, e.getKey()),
                              get(sensitive, e.getKey())))));
      if (unknown != null && unknown.isObject()) {
        unknown
            .fields()
            .forEachRemaining(
                e -> {
                  if (!attrs.containsKey(e.getKey()) && e.getValue().asBoolean(false)) {
                    attrs.put(e.getKey(), restore(null, e.getValue(), get(sensitive, e.getKey())));
                  }
                });
      }
      v = Value.object(attrs);
    } else if (value.isArray()) {
      List<Value> elems = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        elems.add(orNull(restore(value.get(i), index(unknown, i), index(sensitive, i))));
      }
      v = Value.tuple(elems);
    } else if (value.isNumber()) {
      v = Value.of(new BigDecimal(value.asText()));
    } else {
      v = ValueJson.fromJson(value);
    }
    return v.markSensitiveIf(
        sensitive != null && sensitive.isBoolean() && sensitive.booleanValue());
  }

  private static Value orNull(Value v) {
    return v == null ? Value.NULL : v;
  }

  private static JsonNode get(JsonNode n, String key) {
    return n != null && n.isObject() ? n.get(key) : null;
  }

  private static JsonNode index(JsonNode n, int i) {
    return n != null && n.isArray() && i < n.size() ? n.get(i) : null;
  }
}
