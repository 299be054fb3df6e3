package dev.forma.engine.plan;

import dev.forma.engine.config.Lifecycle;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NullValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema-driven parts of diffing (DESIGN decision 6): the proposed new state from configuration
 * and prior state, {@code ignore_changes}, comparison after normalisation, and the ForceNew paths
 * that changed.
 */
final class Diff {
  private Diff() {}

  /**
   * The proposed new state: configured values where configuration sets them; for computed
   * attributes it leaves null, the prior value (or unknown when there is no prior object).
   */
  static Value proposed(BlockSchema schema, Value prior, Value config) {
    ObjectValue c = config.unmark() instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    ObjectValue p = prior != null && prior.unmark() instanceof ObjectValue o ? o : null;
    Map<String, Value> out = new LinkedHashMap<>();
    for (AttributeSchema a : schema.attributes().values()) {
      Value cv = c.get(a.name());
      if (cv == null) {
        cv = Value.nullOf(a.type());
      }
      if (a.computed() && cv.isNull()) {
        out.put(a.name(), p != null ? orNull(p.get(a.name()), a.type()) : Value.unknown(a.type()));
      } else {
        out.put(a.name(), cv);
      }
    }
    for (NestedBlockSchema b : schema.blocks().values()) {
      Value cv = c.get(b.typeName());
      Value pv = p == null ? null : p.get(b.typeName());
      out.put(b.typeName(), nested(b, pv, cv));
    }
    return Value.object(out);
  }

  private static Value nested(NestedBlockSchema b, Value prior, Value config) {
    if (config == null) {
      return Value.nullOf(Type.DYNAMIC);
    }
    Value c = config.unmark();
    return switch (b.nesting()) {
      case SINGLE -> c.isNull() || !c.isKnown() ? config : proposed(b.block(), prior, c);
      case LIST -> {
        if (!(c instanceof ListValue cl)) {
          yield config;
        }
        List<Value> pl =
            prior != null && prior.unmark() instanceof ListValue l ? l.elements() : List.of();
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < cl.elements().size(); i++) {
          out.add(proposed(b.block(), i < pl.size() ? pl.get(i) : null, cl.elements().get(i)));
        }
        yield Value.list(cl.elementType(), out);
      }
      case SET -> config;
    };
  }

  private static Value orNull(Value v, Type t) {
    return v == null ? Value.nullOf(t) : v;
  }

  /**
   * {@code config} with the values at the ignored paths taken from {@code prior} ({@code all}:
   * every argument). Only for updates: a create has nothing to keep.
   */
  static Value ignoreChanges(
      Value config, Value prior, Lifecycle.IgnoreChanges ignore, BlockSchema schema) {
    if (prior == null) {
      return config;
    }
    return switch (ignore) {
      case Lifecycle.IgnoreChanges.All a -> {
        if (!(config.unmark() instanceof ObjectValue c)
            || !(prior.unmark() instanceof ObjectValue p)) {
          yield config;
        }
        Map<String, Value> out = new LinkedHashMap<>(c.attributes());
        for (String name : c.attributes().keySet()) {
          AttributeSchema as = schema.attributes().get(name);
          if ((as == null || !as.computed() || as.optional()) && p.get(name) != null) {
            out.put(name, p.get(name));
          }
        }
        yield Value.object(out);
      }
      case Lifecycle.IgnoreChanges.Paths ps -> {
        Value out = config;
        for (List<Traverser> path : ps.paths()) {
          List<PathStep> steps = steps(path);
          Value pv = get(prior, steps);
          out = set(out, steps, pv == null ? null : pv);
        }
        yield out;
      }
    };
  }

  /** A static traversal (as {@code ignore_changes} writes paths) as path steps. */
  static List<PathStep> steps(List<Traverser> path) {
    List<PathStep> out = new ArrayList<>();
    for (Traverser t : path) {
      switch (t) {
        case Traverser.Root r -> out.add(PathStep.attr(r.name()));
        case Traverser.Attr a -> out.add(PathStep.attr(a.name()));
        case Traverser.Index i -> out.add(new PathStep.Index(i.key()));
      }
    }
    return out;
  }

  /** The value at {@code path}, or null when the path leads nowhere. */
  static Value get(Value v, List<PathStep> path) {
    Value cur = v;
    for (PathStep s : path) {
      if (cur == null) {
        return null;
      }
      Value u = cur.unmark();
      cur =
          switch (s) {
            case PathStep.Attr a ->
                u instanceof ObjectValue o
                    ? o.get(a.name())
                    : u instanceof MapValue m ? m.entries().get(a.name()) : null;
            case PathStep.Index i -> index(u, i.key());
          };
    }
    return cur;
  }

  private static Value index(Value u, Value key) {
    Value k = key.unmark();
    return switch (u) {
      case MapValue m -> k instanceof StringValue s ? m.entries().get(s.value()) : null;
      case ObjectValue o -> k instanceof StringValue s ? o.get(s.value()) : null;
      case ListValue l -> at(l.elements(), k);
      case TupleValue t -> at(t.elements(), k);
      default -> null;
    };
  }

  private static Value at(List<Value> xs, Value k) {
    if (k instanceof NumberValue n) {
      int i = n.value().intValue();
      return i >= 0 && i < xs.size() ? xs.get(i) : null;
    }
    return null;
  }

  /** {@code v} with the value at {@code path} replaced ({@code null} new value: left as is). */
  static Value set(Value v, List<PathStep> path, Value nv) {
    if (path.isEmpty()) {
      return nv == null ? v : nv;
    }
    if (v == null) {
      return null;
    }
    boolean marked = v.isSensitive();
    Value u = v.unmark();
    PathStep s = path.getFirst();
    List<PathStep> rest = path.subList(1, path.size());
    Value out =
        switch (u) {
          case ObjectValue o -> {
            String name =
                s instanceof PathStep.Attr a
                    ? a.name()
                    : ((PathStep.Index) s).key().unmark() instanceof StringValue str
                        ? str.value()
                        : null;
            if (name == null || !o.attributes().containsKey(name)) {
              yield u;
            }
            Map<String, Value> m = new LinkedHashMap<>(o.attributes());
            m.put(name, set(o.get(name), rest, nv));
            yield Value.object(m);
          }
          case MapValue mv -> {
            String name =
                s instanceof PathStep.Attr a
                    ? a.name()
                    : ((PathStep.Index) s).key().unmark() instanceof StringValue str
                        ? str.value()
                        : null;
            if (name == null) {
              yield u;
            }
            Map<String, Value> m = new TreeMap<>(mv.entries());
            Value old = m.get(name);
            Value replaced = old == null ? (rest.isEmpty() ? nv : null) : set(old, rest, nv);
            if (replaced == null) {
              m.remove(name);
            } else {
              m.put(name, replaced);
            }
            yield Value.map(mv.elementType(), m);
          }
          case ListValue l -> {
            Value k = s instanceof PathStep.Index i ? i.key().unmark() : null;
            if (!(k instanceof NumberValue n)
                || n.value().intValue() < 0
                || n.value().intValue() >= l.elements().size()) {
              yield u;
            }
            List<Value> xs = new ArrayList<>(l.elements());
            xs.set(n.value().intValue(), set(xs.get(n.value().intValue()), rest, nv));
            yield Value.list(l.elementType(), xs);
          }
          default -> u;
        };
    return out.markSensitiveIf(marked);
  }

  /**
   * Whether two values are the same after normalisation: sensitive marks ignored, a null equal to a
   * null of any type, numbers by value, sets without order (they are kept canonical).
   */
  static boolean same(Value a, Value b) {
    if (a == null || b == null) {
      return a == b || (a == null ? b.isNull() : a.isNull());
    }
    Value x = a.unmark();
    Value y = b.unmark();
    if (x instanceof NullValue && y instanceof NullValue) {
      return true;
    }
    if (!x.isKnown() || !y.isKnown()) {
      return false;
    }
    return switch (x) {
      case ObjectValue o -> {
        if (!(y instanceof ObjectValue p)) {
          yield false;
        }
        java.util.Set<String> names = new java.util.TreeSet<>(o.attributes().keySet());
        names.addAll(p.attributes().keySet());
        for (String n : names) {
          if (!same(o.get(n), p.get(n))) {
            yield false;
          }
        }
        yield true;
      }
      case MapValue m -> {
        if (!(y instanceof MapValue n) || !m.entries().keySet().equals(n.entries().keySet())) {
          yield false;
        }
        for (String k : m.entries().keySet()) {
          if (!same(m.entries().get(k), n.entries().get(k))) {
            yield false;
          }
        }
        yield true;
      }
      case ListValue l -> y instanceof ListValue m && sameAll(l.elements(), m.elements());
      case TupleValue t -> y instanceof TupleValue u && sameAll(t.elements(), u.elements());
      case SetValue s ->
          y instanceof SetValue t && s.unmarkDeep().equals(t.unmarkDeep())
              || y instanceof SetValue t2 && sameAll(s.elements(), t2.elements());
      default -> x.unmarkDeep().equals(y.unmarkDeep());
    };
  }

  private static boolean sameAll(List<Value> a, List<Value> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The ForceNew attributes (and ForceNew nested block types) whose value changed. */
  static List<List<PathStep>> forceNewChanges(BlockSchema schema, Value prior, Value planned) {
    List<List<PathStep>> out = new ArrayList<>();
    if (prior == null
        || !(prior.unmark() instanceof ObjectValue p)
        || !(planned.unmark() instanceof ObjectValue n)) {
      return out;
    }
    for (AttributeSchema a : schema.attributes().values()) {
      if (a.forceNew() && !same(p.get(a.name()), n.get(a.name()))) {
        out.add(List.of(PathStep.attr(a.name())));
      }
    }
    for (NestedBlockSchema b : schema.blocks().values()) {
      if (b.forceNew() && !same(p.get(b.typeName()), n.get(b.typeName()))) {
        out.add(List.of(PathStep.attr(b.typeName())));
      } else if (b.nesting() == dev.forma.provider.api.schema.Nesting.SINGLE) {
        for (List<PathStep> inner :
            forceNewChanges(
                b.block(),
                p.get(b.typeName()),
                n.get(b.typeName()) == null ? Value.NULL : n.get(b.typeName()))) {
          List<PathStep> path = new ArrayList<>();
          path.add(PathStep.attr(b.typeName()));
          path.addAll(inner);
          out.add(path);
        }
      }
    }
    return out;
  }

  /** {@code planned} with every computed attribute that configuration leaves null made unknown. */
  static Value unknownComputed(BlockSchema schema, Value planned, Value config) {
    if (!(planned.unmark() instanceof ObjectValue n)) {
      return planned;
    }
    ObjectValue c = config.unmark() instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    Map<String, Value> out = new LinkedHashMap<>(n.attributes());
    for (AttributeSchema a : schema.attributes().values()) {
      Value cv = c.get(a.name());
      if (a.computed() && (cv == null || cv.isNull())) {
        out.put(a.name(), Value.unknown(a.type()));
      }
    }
    return Value.object(out);
  }
}
