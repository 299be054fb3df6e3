package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The attributes a change changes, one by one: the paths (attribute names and map keys as strings,
 * list and tuple indexes as numbers, as Terraform's {@code relevant_attributes} give them) where
 * {@code before} and {@code after} differ, descending into objects, maps, lists and tuples; a set,
 * a primitive, a sensitive or an unknown value is one leaf. The schema's sensitive attributes are
 * marked first, so that {@link Changed#sensitive()} says which values must never be shown.
 */
final class AttributeChanges {
  private AttributeChanges() {}

  /**
   * One changed leaf: {@code before} or {@code after} is null where the attribute is absent; {@code
   * sensitive} when either side is sensitive (neither may be shown); {@code unknown} when the after
   * value is known only after apply.
   */
  record Changed(List<Object> path, Value before, Value after, boolean sensitive, boolean unknown) {
    Changed {
      path = List.copyOf(path);
    }

    /** The path as Terraform's messages write it: {@code config[0].oss_path}, {@code tags["a"]}. */
    String text() {
      return pathText(path);
    }
  }

  /** The leaves {@code rc} changes, in attribute order. */
  static List<Changed> of(ResourceChange rc, ResourceSchema schema) {
    var block = schema == null ? null : schema.block();
    List<Changed> out = new ArrayList<>();
    walk(
        new ArrayList<>(),
        JsonValues.markSchemaSensitive(rc.before(), block),
        JsonValues.markSchemaSensitive(rc.after(), block),
        out);
    return out;
  }

  /** A path as Terraform's messages write it. */
  static String pathText(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else if (sb.isEmpty()) {
        sb.append(step);
      } else if (step.toString().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
        sb.append('.').append(step);
      } else {
        sb.append("[\"")
            .append(step.toString().replace("\\", "\\\\").replace("\"", "\\\""))
            .append("\"]");
      }
    }
    return sb.toString();
  }

  private static void walk(List<Object> path, Value before, Value after, List<Changed> out) {
    if (before == null && after == null) {
      return;
    }
    boolean sensitive =
        (before != null && before.containsSensitive())
            || (after != null && after.containsSensitive());
    if (after != null && !after.isKnown()) {
      out.add(new Changed(path, before, after, sensitive, true));
      return;
    }
    Value b = before == null ? null : before.unmark();
    Value a = after == null ? null : after.unmark();
    boolean leafSensitive =
        (before != null && before.isSensitive()) || (after != null && after.isSensitive());
    if (!leafSensitive) {
      if (b instanceof ObjectValue bo && a instanceof ObjectValue ao) {
        keys(path, bo.attributes(), ao.attributes(), out);
        return;
      }
      if (b instanceof MapValue bm && a instanceof MapValue am) {
        keys(path, bm.entries(), am.entries(), out);
        return;
      }
      List<Value> bl = elements(b);
      List<Value> al = elements(a);
      if (bl != null && al != null) {
        for (int i = 0; i < Math.max(bl.size(), al.size()); i++) {
          path.add(i);
          walk(path, i < bl.size() ? bl.get(i) : null, i < al.size() ? al.get(i) : null, out);
          path.removeLast();
        }
        return;
      }
    }
    if (before == null || after == null || !same(before, after)) {
      out.add(new Changed(path, before, after, sensitive, false));
    }
  }

  private static void keys(
      List<Object> path, Map<String, Value> before, Map<String, Value> after, List<Changed> out) {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String k : names) {
      path.add(k);
      walk(path, before.get(k), after.get(k), out);
      path.removeLast();
    }
  }

  private static List<Value> elements(Value v) {
    return switch (v) {
      case ListValue l -> l.elements();
      case TupleValue t -> t.elements();
      case null, default -> null;
    };
  }

  /** Equal values, compared as their JSON (numbers without trailing zeros), marks ignored. */
  private static boolean same(Value a, Value b) {
    JsonNode ja = JsonValues.value(a.unmarkDeep());
    JsonNode jb = JsonValues.value(b.unmarkDeep());
    return Objects.equals(ja, jb);
  }
}
