package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceObject;
import dev.forma.state.ObjectStatus;
import dev.forma.state.OutputValue;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The human text of a state, as {@code terraform show} and {@code terraform state show} print it:
 * one {@code # ADDR:} comment and {@code resource "type" "name" {...}} block per object (marked
 * {@code (tainted)} or {@code (deposed object KEY)}), every attribute shown without action symbols,
 * sensitive ones as {@code (sensitive value)}, then the root module's outputs.
 */
public final class StateRenderer {
  private StateRenderer() {}

  /** The text of a whole state; "The state file is empty..." when it holds nothing. */
  public static String render(State state, SchemaSource schemas, RenderOptions options) {
    if (state.resources().isEmpty() && state.outputs().isEmpty()) {
      return "The state file is empty. No resources are represented.\n";
    }
    StringBuilder out = new StringBuilder();
    Map<String, List<ResourceState>> byModule = new TreeMap<>();
    for (ResourceState r : state.resources().values()) {
      byModule.computeIfAbsent(r.address().module(), m -> new ArrayList<>()).add(r);
    }
    boolean first = true;
    for (List<ResourceState> module : byModule.values()) {
      module.sort(Comparator.comparing(r -> localAddress(r)));
      if (!first) {
        out.append("\n");
      }
      for (ResourceState r : module) {
        for (ResourceInstance inst : r.instances().values()) {
          if (inst.current() != null) {
            if (!first) {
              out.append("\n");
            }
            first = false;
            out.append(object(r, inst, null, inst.current(), schemas, options)).append("\n");
          }
          for (Map.Entry<String, InstanceObject> d : inst.deposed().entrySet()) {
            if (!first) {
              out.append("\n");
            }
            first = false;
            out.append(object(r, inst, d.getKey(), d.getValue(), schemas, options)).append("\n");
          }
        }
      }
    }
    if (!state.outputs().isEmpty()) {
      out.append("\n\nOutputs:\n\n");
      Diff.Opts opts = opts(options).overrideNullSuffix(true);
      for (Map.Entry<String, OutputValue> e : new TreeMap<>(state.outputs()).entrySet()) {
        Value v = OutputRenderer.value(e.getValue()).markSensitiveIf(e.getValue().sensitive());
        ChangeValues cv = ChangeValues.of(v, v);
        Change ch =
            new Change(
                cv.before(),
                cv.after(),
                false,
                false,
                JsonValues.F.booleanNode(false),
                cv.beforeSensitive(),
                cv.afterSensitive(),
                PathMatcher.NONE,
                PathMatcher.ALWAYS);
        Diff d = Differ.type(ch, v.type());
        out.append(e.getKey()).append(" = ").append(d.render(0, opts)).append("\n");
      }
    }
    return out.toString();
  }

  /**
   * The text of one instance's current object, as {@code state show ADDR} prints it; null when the
   * state has no current object at that address.
   */
  public static String renderInstance(
      State state,
      dev.forma.state.InstanceAddress address,
      SchemaSource schemas,
      RenderOptions options) {
    ResourceState r = state.resource(address.resource()).orElse(null);
    if (r == null) {
      return null;
    }
    ResourceInstance inst = r.instances().get(address.key());
    if (inst == null || inst.current() == null) {
      return null;
    }
    return object(r, inst, null, inst.current(), schemas, options) + "\n";
  }

  private static String localAddress(ResourceState r) {
    String s = r.address().toString();
    return r.address().module().isEmpty() ? s : s.substring(r.address().module().length() + 1);
  }

  private static Diff.Opts opts(RenderOptions options) {
    return new Diff.Opts(new Colorize(options.color()), true, false, false, false, true);
  }

  private static String object(
      ResourceState r,
      ResourceInstance inst,
      String deposed,
      InstanceObject obj,
      SchemaSource schemas,
      RenderOptions options) {
    ResourceMode mode =
        r.address().mode() == dev.forma.state.ResourceMode.MANAGED
            ? ResourceMode.MANAGED
            : ResourceMode.DATA;
    ResourceSchema schema = schemas.schema(mode, r.address().type());
    Value v = StateJson.instanceValue(obj, schema);
    BlockSchema block = schema == null ? dynamicSchema(obj.attributes()) : schema.block();
    ChangeValues cv = ChangeValues.of(v, v);
    Change ch = cv.toChange(PathMatcher.NONE, PathMatcher.ALWAYS);
    Diff d = Differ.block(ch, block);
    StringBuilder out = new StringBuilder();
    out.append("# ").append(r.address()).append(inst.key());
    if (deposed != null) {
      out.append(": (deposed object ").append(deposed).append(")");
    } else if (obj.status() == ObjectStatus.TAINTED) {
      out.append(": (tainted)");
    } else {
      out.append(":");
    }
    out.append("\n")
        .append(mode == ResourceMode.MANAGED ? "resource " : "data ")
        .append(quote(r.address().type()))
        .append(" ")
        .append(quote(r.address().name()))
        .append(" ")
        .append(d.render(0, opts(options)));
    return out.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static BlockSchema dynamicSchema(JsonNode attrs) {
    Map<String, AttributeSchema> m = new LinkedHashMap<>();
    attrs
        .fieldNames()
        .forEachRemaining(
            k -> m.put(k, AttributeSchema.builder(k, Type.DYNAMIC).optional().build()));
    return BlockSchema.of(m.values(), List.of());
  }
}
