package dev.forma.engine.apply;

import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NullValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.Operations;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.SensitiveValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.UnknownValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Value work the apply needs beside the planner's: filling what the plan did not know from the
 * configuration as now evaluated, comparing what a provider returned with what was planned
 * (Terraform's consistency rules), and Go-style renderings of values for those messages.
 */
final class ApplyValues {
  private ApplyValues() {}

  /**
   * {@code planned} with each unknown taken from {@code config} where the configuration now has a
   * known, non-null value at the same path (a value that was unknown at plan time because it came
   * from a dependency not yet applied). Marks of the configuration come along.
   */
  static Value fillFromConfig(Value planned, Value config) {
    if (config == null) {
      return planned;
    }
    Value p = planned.unmark();
    Value c = config.unmark();
    boolean sensitive = planned.isSensitive();
    if (p instanceof UnknownValue) {
      if (c.isWhollyKnown() && !(c instanceof NullValue)) {
        return config.markSensitiveIf(sensitive);
      }
      return planned;
    }
    Value filled =
        switch (p) {
          case ObjectValue po when c instanceof ObjectValue co -> {
            LinkedHashMap<String, Value> out = new LinkedHashMap<>();
            po.attributes()
                .forEach((k, v) -> out.put(k, fillFromConfig(v, co.attributes().get(k))));
            yield new ObjectValue(out);
          }
          case ListValue pl
              when c instanceof ListValue cl && cl.elements().size() == pl.elements().size() ->
              new ListValue(pl.elementType(), zip(pl.elements(), cl.elements()));
          case TupleValue pt
              when c instanceof TupleValue ct && ct.elements().size() == pt.elements().size() ->
              new TupleValue(zip(pt.elements(), ct.elements()));
          case MapValue pm when c instanceof MapValue cm -> {
            TreeMap<String, Value> out = new TreeMap<>();
            pm.entries().forEach((k, v) -> out.put(k, fillFromConfig(v, cm.entries().get(k))));
            yield new MapValue(pm.elementType(), out);
          }
          default -> p;
        };
    return filled.markSensitiveIf(sensitive);
  }

  private static List<Value> zip(List<Value> planned, List<Value> config) {
    List<Value> out = new ArrayList<>(planned.size());
    for (int i = 0; i < planned.size(); i++) {
      out.add(fillFromConfig(planned.get(i), config.get(i)));
    }
    return out;
  }

  /**
   * Where {@code actual} departs from {@code planned}: each known planned value must come back
   * equal; an unknown one may come back as anything. Returns Terraform's phrases ({@code .input:
   * was cty.StringVal("a"), but now cty.StringVal("b")}), empty when compatible.
   */
  static List<String> incompatibilities(Value planned, Value actual) {
    List<String> problems = new ArrayList<>();
    compare(planned, actual, new ArrayList<>(), problems);
    return problems;
  }

  private static void compare(Value planned, Value actual, List<PathStep> path, List<String> out) {
    if (planned.unmark() instanceof UnknownValue) {
      return;
    }
    if (planned.containsSensitive() || actual.containsSensitive()) {
      if (!equal(planned.unmarkDeep(), actual.unmarkDeep())) {
        if (planned.isSensitive() || actual.isSensitive()) {
          out.add(pathText(path) + ": inconsistent values for sensitive attribute");
          return;
        }
      } else {
        return;
      }
    }
    Value p = planned.unmark();
    Value a = actual.unmark();
    switch (p) {
      case ObjectValue po when a instanceof ObjectValue ao -> {
        for (Map.Entry<String, Value> e : po.attributes().entrySet()) {
          Value other = ao.attributes().get(e.getKey());
          List<PathStep> next = with(path, PathStep.attr(e.getKey()));
          if (other == null) {
            out.add(pathText(next) + ": attribute is missing from the new object");
          } else {
            compare(e.getValue(), other, next, out);
          }
        }
        return;
      }
      case ListValue pl
          when a instanceof ListValue al && pl.elements().size() == al.elements().size() -> {
        for (int i = 0; i < pl.elements().size(); i++) {
          compare(pl.elements().get(i), al.elements().get(i), with(path, PathStep.index(i)), out);
        }
        return;
      }
      case TupleValue pt
          when a instanceof TupleValue at && pt.elements().size() == at.elements().size() -> {
        for (int i = 0; i < pt.elements().size(); i++) {
          compare(pt.elements().get(i), at.elements().get(i), with(path, PathStep.index(i)), out);
        }
        return;
      }
      case MapValue pm
          when a instanceof MapValue am && pm.entries().keySet().equals(am.entries().keySet()) -> {
        for (Map.Entry<String, Value> e : pm.entries().entrySet()) {
          compare(
              e.getValue(),
              am.entries().get(e.getKey()),
              with(path, PathStep.key(e.getKey())),
              out);
        }
        return;
      }
      case SetValue ps when !ps.isWhollyKnown() -> {
        // A set with unknown elements: which element became which cannot be told apart.
        if (!(a instanceof SetValue as) || as.elements().size() < countKnown(ps)) {
          out.add(pathText(path) + ": planned set element count does not match the new value");
        }
        return;
      }
      default -> {}
    }
    if (!equal(p, a)) {
      out.add(pathText(path) + ": was " + goString(p) + ", but now " + goString(a));
    }
  }

  private static int countKnown(SetValue set) {
    return (int) set.elements().stream().filter(Value::isWhollyKnown).count();
  }

  private static List<PathStep> with(List<PathStep> path, PathStep step) {
    List<PathStep> out = new ArrayList<>(path);
    out.add(step);
    return out;
  }

  private static boolean equal(Value a, Value b) {
    if (a instanceof NullValue && b instanceof NullValue) {
      return true;
    }
    Value eq = Operations.equality(a, b);
    return eq instanceof BoolValue bv && bv.value();
  }

  /** A path as Terraform's consistency messages write it: {@code .tags["k"]}, {@code .list[0]}. */
  static String pathText(List<PathStep> path) {
    StringBuilder out = new StringBuilder();
    for (PathStep step : path) {
      switch (step) {
        case PathStep.Attr a -> out.append('.').append(a.name());
        case PathStep.Index i ->
            out.append('[')
                .append(i.key() instanceof StringValue s ? goQuote(s.value()) : goString(i.key()))
                .append(']');
      }
    }
    return out.isEmpty() ? "(root object)" : out.toString();
  }

  /** The first unknown inside {@code value}, as a path, or null when it is wholly known. */
  static List<PathStep> firstUnknown(Value value) {
    return firstUnknown(value, new ArrayList<>());
  }

  private static List<PathStep> firstUnknown(Value value, List<PathStep> path) {
    Value v = value.unmark();
    switch (v) {
      case UnknownValue u -> {
        return path;
      }
      case ObjectValue o -> {
        for (Map.Entry<String, Value> e : o.attributes().entrySet()) {
          List<PathStep> found = firstUnknown(e.getValue(), with(path, PathStep.attr(e.getKey())));
          if (found != null) {
            return found;
          }
        }
        return null;
      }
      case ListValue l -> {
        return firstIn(l.elements(), path);
      }
      case TupleValue t -> {
        return firstIn(t.elements(), path);
      }
      case SetValue s -> {
        return s.isWhollyKnown() ? null : path;
      }
      case MapValue m -> {
        for (Map.Entry<String, Value> e : m.entries().entrySet()) {
          List<PathStep> found = firstUnknown(e.getValue(), with(path, PathStep.key(e.getKey())));
          if (found != null) {
            return found;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static List<PathStep> firstIn(List<Value> elements, List<PathStep> path) {
    for (int i = 0; i < elements.size(); i++) {
      List<PathStep> found = firstUnknown(elements.get(i), with(path, PathStep.index(i)));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The {@code id} attribute of an object value when it is a known, non-empty string. */
  static String idOf(Value object) {
    if (object != null && object.unmark() instanceof ObjectValue o) {
      Value id = o.attributes().get("id");
      if (id != null && id.unmark() instanceof StringValue s && !s.value().isEmpty()) {
        return id.isSensitive() ? null : s.value();
      }
    }
    return null;
  }

  /** A value as Go's {@code %#v} prints a cty value: {@code cty.StringVal("a")}. */
  static String goString(Value value) {
    return switch (value) {
      case SensitiveValue s -> "(sensitive value)";
      case UnknownValue u -> "cty.UnknownVal(" + goType(u.type()) + ")";
      case NullValue n -> "cty.NullVal(" + goType(n.type()) + ")";
      case BoolValue b -> b.value() ? "cty.True" : "cty.False";
      case StringValue s -> "cty.StringVal(" + goQuote(s.value()) + ")";
      case NumberValue n -> goNumber(n.value());
      case ListValue l ->
          l.elements().isEmpty()
              ? "cty.ListValEmpty(" + goType(l.elementType()) + ")"
              : "cty.ListVal([]cty.Value{" + joined(l.elements()) + "})";
      case SetValue s ->
          s.elements().isEmpty()
              ? "cty.SetValEmpty(" + goType(s.elementType()) + ")"
              : "cty.SetVal([]cty.Value{" + joined(s.elements()) + "})";
      case TupleValue t ->
          t.elements().isEmpty()
              ? "cty.EmptyTupleVal"
              : "cty.TupleVal([]cty.Value{" + joined(t.elements()) + "})";
      case MapValue m ->
          m.entries().isEmpty()
              ? "cty.MapValEmpty(" + goType(m.elementType()) + ")"
              : "cty.MapVal(map[string]cty.Value{" + joinedEntries(m.entries()) + "})";
      case ObjectValue o ->
          o.attributes().isEmpty()
              ? "cty.EmptyObjectVal"
              : "cty.ObjectVal(map[string]cty.Value{"
                  + joinedEntries(new TreeMap<>(o.attributes()))
                  + "})";
    };
  }

  private static String joined(List<Value> values) {
    List<String> parts = new ArrayList<>();
    for (Value v : values) {
      parts.add(goString(v));
    }
    return String.join(", ", parts);
  }

  private static String joinedEntries(Map<String, Value> entries) {
    List<String> parts = new ArrayList<>();
    entries.forEach((k, v) -> parts.add(goQuote(k) + ":" + goString(v)));
    return String.join(", ", parts);
  }

  private static String goNumber(BigDecimal n) {
    BigDecimal stripped = n.stripTrailingZeros();
    if (stripped.scale() <= 0
        && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
      return "cty.NumberIntVal(" + stripped.toBigInteger() + ")";
    }
    return "cty.NumberFloatVal(" + stripped.toPlainString() + ")";
  }

  static String goType(Type type) {
    return switch (type) {
      case Type.Primitive p ->
          switch (p.kind()) {
            case STRING -> "cty.String";
            case NUMBER -> "cty.Number";
            case BOOL -> "cty.Bool";
          };
      case Type.Dynamic d -> "cty.DynamicPseudoType";
      case Type.ListType l -> "cty.List(" + goType(l.element()) + ")";
      case Type.SetType s -> "cty.Set(" + goType(s.element()) + ")";
      case Type.MapType m -> "cty.Map(" + goType(m.element()) + ")";
      case Type.TupleType t -> {
        List<String> parts = new ArrayList<>();
        t.elements().forEach(e -> parts.add(goType(e)));
        yield "cty.Tuple([]cty.Type{" + String.join(", ", parts) + "})";
      }
      case Type.ObjectType o -> {
        if (o.attributes().isEmpty()) {
          yield "cty.EmptyObject";
        }
        List<String> parts = new ArrayList<>();
        o.attributes().forEach((k, v) -> parts.add(goQuote(k) + ":" + goType(v)));
        yield "cty.Object(map[string]cty.Type{" + String.join(", ", parts) + "})";
      }
    };
  }

  /** {@code s} quoted as Go's {@code %q} quotes it. */
  static String goQuote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
