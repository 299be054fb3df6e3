package dev.forma.engine.render;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.plan.Action;
import dev.forma.engine.render.Diff.Renderer;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.value.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Computes the diff tree of a change, driven by the schema where there is one (blocks and typed
 * attributes) and by the JSON shape of the values where there is none (dynamically typed values and
 * outputs), with Terraform's rules for actions, unknown and sensitive values.
 */
final class Differ {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonValues.F)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Differ() {}

  static JsonNode parseJson(String s) {
    try {
      return normalizeNumbers(MAPPER.readTree(s));
    } catch (Exception e) {
      return null;
    }
  }

  private static JsonNode normalizeNumbers(JsonNode n) {
    if (n.isNumber()) {
      return JsonValues.number(n.decimalValue());
    }
    if (n.isArray()) {
      var a = JsonValues.F.arrayNode();
      n.forEach(e -> a.add(normalizeNumbers(e)));
      return a;
    }
    if (n.isObject()) {
      ObjectNode o = JsonValues.F.objectNode();
      n.fields().forEachRemaining(e -> o.set(e.getKey(), normalizeNumbers(e.getValue())));
      return o;
    }
    return n;
  }

  static Action compare(Action current, Action next) {
    if (next == Action.NO_OP) {
      return current;
    }
    return current != next ? Action.UPDATE : current;
  }

  // ---- blocks

  static Diff block(Change change, BlockSchema schema) {
    if (change.isBeforeSensitive() || change.isAfterSensitive()) {
      Diff inner = block(change.withoutSensitivity(), schema);
      return sensitiveDiff(change, inner, new Renderer.SensitiveBlock());
    }
    if (change.isUnknown()) {
      ObjectNode childUnknown = JsonValues.F.objectNode();
      schema.attributes().keySet().forEach(k -> childUnknown.set(k, BooleanNode.TRUE));
      return unknown(change, c -> block(c, schema), childUnknown);
    }
    Action current = change.defaultActionForIteration();
    Map<String, Diff> attributes = new LinkedHashMap<>();
    for (AttributeSchema attr : schema.attributes().values()) {
      Change child = change.child(attr.name());
      if (!child.relevant().matchesPartial()) {
        child = child.asNoOp();
      }
      child = child.withExplicit(false, false);
      Diff d = type(child, attr.type());
      if (d.action() == Action.NO_OP && child.before() == null && child.after() == null) {
        continue;
      }
      attributes.put(attr.name(), d);
      current = compare(current, d.action());
    }
    List<Renderer.BlockGroup> groups = new ArrayList<>();
    for (NestedBlockSchema nb : schema.blocks().values()) {
      Change child = change.child(nb.typeName());
      boolean beforeSensitive = child.isBeforeSensitive();
      boolean afterSensitive = child.isAfterSensitive();
      boolean forces = child.replace().matches();
      List<Diff> diffs = new ArrayList<>();
      Action action;
      switch (nb.nesting()) {
        case SINGLE -> {
          Diff d = block(child, nb.block());
          diffs.add(d);
          action = d.action();
        }
        case LIST -> {
          action = child.defaultActionForIteration();
          int n = Math.max(child.beforeSize(), child.afterSize());
          for (int i = 0; i < n; i++) {
            Change el = child.child(i, i);
            if (!el.relevant().matchesPartial()) {
              el = el.asNoOp();
            }
            Diff d = block(el, nb.block());
            diffs.add(d);
            action = compare(action, d.action());
          }
        }
        case SET -> {
          Action[] acc = {child.defaultActionForIteration()};
          processSet(
              child,
              el -> {
                Diff d = block(el, nb.block());
                diffs.add(d);
                acc[0] = compare(acc[0], d.action());
              });
          action = acc[0];
        }
        default -> throw new IllegalStateException();
      }
      if (action == Action.NO_OP && child.before() == null && child.after() == null) {
        continue;
      }
      groups.add(
          new Renderer.BlockGroup(
              nb.typeName(),
              diffs,
              nb.nesting() == dev.forma.provider.api.schema.Nesting.SINGLE,
              forces,
              beforeSensitive,
              afterSensitive));
      current = compare(current, action);
    }
    return new Diff(new Renderer.Block(attributes, groups), current, change.replace().matches());
  }

  // ---- typed attributes

  static Diff type(Change change, Type type) {
    if (change.isBeforeSensitive() || change.isAfterSensitive()) {
      Diff inner = type(change.withoutSensitivity(), type);
      return sensitiveDiff(change, inner, null);
    }
    if (change.isUnknown()) {
      return unknown(change, c -> type(c, type), BooleanNode.FALSE);
    }
    return switch (type) {
      case Type.Dynamic d -> json(change);
      case Type.Primitive p ->
          new Diff(
              new Renderer.Primitive(
                  change.before(),
                  change.after(),
                  p.kind().name().toLowerCase(java.util.Locale.ROOT)),
              change.calculateAction(),
              change.replace().matches());
      case Type.ObjectType o -> {
        Action current = change.defaultActionForIteration();
        Map<String, Diff> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, Type> e : o.attributes().entrySet()) {
          Change child = change.child(e.getKey());
          if (!child.relevant().matchesPartial()) {
            child = child.asNoOp();
          }
          child = child.withExplicit(false, false);
          Diff d = type(child, e.getValue());
          if (d.action() == Action.NO_OP && child.before() == null && child.after() == null) {
            continue;
          }
          attrs.put(e.getKey(), d);
          current = compare(current, d.action());
        }
        yield new Diff(new Renderer.ObjectR(attrs, true), current, change.replace().matches());
      }
      case Type.MapType m -> {
        Action current = change.defaultActionForIteration();
        Map<String, Diff> elems = new LinkedHashMap<>();
        for (String key : keys(change)) {
          Change child = change.child(key);
          if (!child.relevant().matchesPartial()) {
            child = child.asNoOp();
          }
          Diff d = type(child, m.element());
          elems.put(key, d);
          current = compare(current, d.action());
        }
        yield new Diff(new Renderer.MapR(elems, false, false), current, change.replace().matches());
      }
      case Type.ListType l -> {
        Action[] current = {sliceDefault(change)};
        List<Diff> elems = new ArrayList<>();
        boolean isObject = l.element() instanceof Type.ObjectType;
        Slices.transform(
            elements(change.before()),
            elements(change.after()),
            x -> isObject,
            (b, a) -> {
              Change child = change.child(b, a);
              child =
                  new Change(
                      child.before(),
                      child.after(),
                      child.beforeExplicit(),
                      child.afterExplicit(),
                      child.unknown(),
                      child.beforeSensitive(),
                      child.afterSensitive(),
                      child.replace(),
                      PathMatcher.ALWAYS);
              Diff d = type(child, l.element());
              elems.add(d);
              current[0] = compare(current[0], d.action());
            });
        yield new Diff(new Renderer.ListR(elems, true), current[0], change.replace().matches());
      }
      case Type.TupleType t -> {
        Action current = change.defaultActionForIteration();
        List<Diff> elems = new ArrayList<>();
        for (int i = 0; i < t.elements().size(); i++) {
          Diff d = type(change.child(i, i), t.elements().get(i));
          elems.add(d);
          current = compare(current, d.action());
        }
        yield new Diff(new Renderer.ListR(elems, true), current, change.replace().matches());
      }
      case Type.SetType s -> {
        Action[] current = {change.defaultActionForIteration()};
        List<Diff> elems = new ArrayList<>();
        processSet(
            change,
            el -> {
              Diff d = type(el, s.element());
              elems.add(d);
              current[0] = compare(current[0], d.action());
            });
        yield new Diff(new Renderer.SetR(elems, false), current[0], change.replace().matches());
      }
    };
  }

  private static Action sliceDefault(Change change) {
    if (change.before() != null && change.after() == null) {
      return Action.DELETE;
    }
    if (change.before() == null && change.after() != null) {
      return Action.CREATE;
    }
    return Action.NO_OP;
  }

  private static List<JsonNode> elements(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }

  private static List<String> keys(Change change) {
    TreeSet<String> keys = new TreeSet<>();
    for (JsonNode n :
        new JsonNode[] {
          change.before(),
          change.after(),
          change.unknown(),
          change.beforeSensitive(),
          change.afterSensitive()
        }) {
      if (n != null && n.isObject()) {
        n.fieldNames().forEachRemaining(keys::add);
      }
    }
    return new ArrayList<>(keys);
  }

  private static void processSet(Change change, java.util.function.Consumer<Change> process) {
    int nb = change.beforeSize();
    int na = change.afterSize();
    int[] foundInBefore = new int[nb];
    Map<Integer, Integer> foundInAfter = new LinkedHashMap<>();
    for (int i = 0; i < nb; i++) {
      boolean matched = false;
      for (int j = 0; j < na; j++) {
        if (foundInAfter.containsKey(j)) {
          continue;
        }
        Change child = change.child(i, j);
        if (Objects.equals(child.before(), child.after())
            && child.isBeforeSensitive() == child.isAfterSensitive()
            && !child.isUnknown()) {
          matched = true;
          foundInBefore[i] = j;
          foundInAfter.put(j, i);
        }
      }
      if (!matched) {
        foundInBefore[i] = -1;
      }
    }
    for (int i = 0; i < nb; i++) {
      int j = foundInBefore[i];
      process.accept(allRelevant(change.child(i, j >= 0 ? j : na)));
    }
    for (int j = 0; j < na; j++) {
      if (!foundInAfter.containsKey(j)) {
        process.accept(allRelevant(change.child(nb, j)));
      }
    }
  }

  private static Change allRelevant(Change c) {
    return new Change(
        c.before(),
        c.after(),
        c.beforeExplicit(),
        c.afterExplicit(),
        c.unknown(),
        c.beforeSensitive(),
        c.afterSensitive(),
        c.replace(),
        PathMatcher.ALWAYS);
  }

  // ---- dynamic values (and outputs)

  static Diff json(Change change) {
    if (change.isBeforeSensitive() || change.isAfterSensitive()) {
      Diff inner = json(change.withoutSensitivity());
      return sensitiveDiff(change, inner, null);
    }
    if (change.isUnknown()) {
      Change current = change.withExplicit(change.beforeExplicit(), true);
      if (current.before() == null) {
        return new Diff(new Renderer.Unknown(null), Action.CREATE, false);
      }
      return new Diff(new Renderer.Unknown(json(current.asDelete())), Action.UPDATE, false);
    }
    String bt = jsonType(change.before());
    String at = jsonType(change.after());
    boolean deleted = at.equals("null") && !change.afterExplicit();
    boolean created = bt.equals("null") && !change.beforeExplicit();
    if (bt.equals(at) || created || deleted) {
      return jsonUpdate(change, bt.equals("null") ? at : bt);
    }
    Diff b = jsonUpdate(change.asDelete(), bt);
    Diff a = jsonUpdate(change.asCreate(), at);
    return new Diff(new Renderer.TypeChange(b, a), Action.UPDATE, false);
  }

  private static String jsonType(JsonNode n) {
    if (n == null) {
      return "null";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    if (n.isNumber()) {
      return "number";
    }
    if (n.isTextual()) {
      return "string";
    }
    if (n.isArray()) {
      return "array";
    }
    return "object";
  }

  private static Diff jsonUpdate(Change change, String type) {
    switch (type) {
      case "object" -> {
        Action current = sliceDefault(change);
        Map<String, Diff> elems = new LinkedHashMap<>();
        for (String key : keys(change)) {
          Change child = change.child(key);
          if (!child.relevant().matchesPartial()) {
            child = child.asNoOp();
          }
          Diff d = json(child);
          elems.put(key, d);
          current = compare(current, d.action());
        }
        return new Diff(new Renderer.ObjectR(elems, true), current, false);
      }
      case "array" -> {
        Action[] current = {sliceDefault(change)};
        List<Diff> elems = new ArrayList<>();
        Slices.transform(
            elements(change.before()),
            elements(change.after()),
            x -> x != null && x.isObject(),
            (b, a) -> {
              Diff d = json(change.child(b, a));
              elems.add(d);
              current[0] = compare(current[0], d.action());
            });
        return new Diff(new Renderer.ListR(elems, true), current[0], false);
      }
      default -> {
        boolean beforeMissing = change.before() == null && !change.beforeExplicit();
        boolean afterMissing = change.after() == null && !change.afterExplicit();
        Action action;
        if (beforeMissing && !afterMissing) {
          action = Action.CREATE;
        } else if (!beforeMissing && afterMissing) {
          action = Action.DELETE;
        } else if (Objects.equals(change.before(), change.after())) {
          action = Action.NO_OP;
        } else {
          action = Action.UPDATE;
        }
        return new Diff(
            new Renderer.Primitive(change.before(), change.after(), type), action, false);
      }
    }
  }

  // ---- shared

  private static Diff sensitiveDiff(Change change, Diff inner, Renderer blockRenderer) {
    boolean b = change.isBeforeSensitive();
    boolean a = change.isAfterSensitive();
    Action action = inner.action();
    if (action == Action.NO_OP && b != a) {
      action = Action.UPDATE;
    }
    Renderer r = blockRenderer != null ? blockRenderer : new Renderer.Sensitive(inner, b, a);
    return new Diff(r, action, change.replace().matches());
  }

  private static Diff unknown(
      Change change, java.util.function.Function<Change, Diff> compute, JsonNode childUnknown) {
    Change current = change.withExplicit(change.beforeExplicit(), true);
    if (current.before() == null) {
      return new Diff(
          new Renderer.Unknown(null), current.calculateAction(), current.replace().matches());
    }
    Change before = current.asDelete().withUnknown(childUnknown);
    return new Diff(
        new Renderer.Unknown(compute.apply(before)),
        current.calculateAction(),
        current.replace().matches());
  }
}
