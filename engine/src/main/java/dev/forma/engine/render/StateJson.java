package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueJson;
import dev.forma.state.AttributePath;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceObject;
import dev.forma.state.ObjectStatus;
import dev.forma.state.OutputValue;
import dev.forma.state.PathStep;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.codec.GoJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state as {@code terraform show -json} prints it (format version "1.0"): the outputs, and every
 * resource instance object with its address, mode, type, name, index, provider, schema version,
 * values, which values are sensitive, dependencies and status. Values are decoded with the
 * resource's schema (dynamically typed attributes lose their {@code type} wrapper).
 */
public final class StateJson {
  private StateJson() {}

  /** The state's JSON text, as Terraform writes it (compact, one line, no trailing newline). */
  public static String render(State state, SchemaSource schemas, String formaVersion) {
    return GoJson.compact(tree(state, schemas, formaVersion));
  }

  /** The state's JSON tree. */
  static ObjectNode tree(State state, SchemaSource schemas, String formaVersion) {
    ObjectNode root = JsonValues.F.objectNode();
    root.put("format_version", "1.0");
    if (state == null || state.isEmpty()) {
      return root;
    }
    root.put(
        "terraform_version",
        state.terraformVersion().isEmpty() ? formaVersion : state.terraformVersion());
    root.set("values", values(state, schemas));
    return root;
  }

  static ObjectNode values(State state, SchemaSource schemas) {
    ObjectNode values = JsonValues.F.objectNode();
    if (!state.outputs().isEmpty()) {
      ObjectNode outputs = values.putObject("outputs");
      for (Map.Entry<String, OutputValue> e : state.outputs().entrySet()) {
        ObjectNode o = outputs.putObject(e.getKey());
        o.put("sensitive", e.getValue().sensitive());
        o.set("value", e.getValue().value());
        o.set("type", e.getValue().type());
      }
    }
    // resources by the module instance they are in; every module on the way to one is shown
    Map<String, List<ObjectNode>> byModule = new java.util.HashMap<>();
    Map<String, java.util.SortedSet<String>> children = new java.util.HashMap<>();
    for (ResourceState r : state.resources().values()) {
      List<ObjectNode> resources =
          byModule.computeIfAbsent(r.address().module(), m -> new ArrayList<>());
      for (ResourceInstance inst : r.instances().values()) {
        if (inst.current() != null) {
          resources.add(resource(r, inst.key(), null, inst.current(), schemas));
        }
        for (Map.Entry<String, InstanceObject> d : inst.deposed().entrySet()) {
          resources.add(resource(r, inst.key(), d.getKey(), d.getValue(), schemas));
        }
      }
      ModuleInstance m = ModuleInstance.parse(r.address().module()).value();
      while (m != null && !m.isRoot()) {
        children
            .computeIfAbsent(m.parent().toString(), k -> new java.util.TreeSet<>())
            .add(m.toString());
        m = m.parent();
      }
    }
    module(values.putObject("root_module"), "", byModule, children);
    return values;
  }

  /**
   * A module's object as Terraform's state JSON writes it: its resources by address, its address
   * (not for the root), then the modules it calls that hold resources, by address.
   */
  private static void module(
      ObjectNode node,
      String address,
      Map<String, List<ObjectNode>> byModule,
      Map<String, java.util.SortedSet<String>> children) {
    List<ObjectNode> resources = byModule.getOrDefault(address, List.of());
    if (!resources.isEmpty()) {
      List<ObjectNode> sorted = new ArrayList<>(resources);
      sorted.sort(Comparator.comparing((ObjectNode n) -> n.get("address").asText()));
      ArrayNode arr = node.putArray("resources");
      sorted.forEach(arr::add);
    }
    if (!address.isEmpty()) {
      node.put("address", address);
    }
    java.util.SortedSet<String> calls = children.get(address);
    if (calls != null) {
      ArrayNode arr = node.putArray("child_modules");
      for (String child : calls) {
        module(arr.addObject(), child, byModule, children);
      }
    }
  }

  private static ObjectNode resource(
      ResourceState r, IndexKey key, String deposed, InstanceObject obj, SchemaSource schemas) {
    ResourceMode mode =
        r.address().mode() == dev.forma.state.ResourceMode.MANAGED
            ? ResourceMode.MANAGED
            : ResourceMode.DATA;
    ResourceSchema schema = schemas.schema(mode, r.address().type());
    ObjectNode n = JsonValues.F.objectNode();
    n.put("address", r.address() + key.toString());
    n.put("mode", r.address().mode().jsonName());
    n.put("type", r.address().type());
    n.put("name", r.address().name());
    switch (key) {
      case IndexKey.NoKey k -> {}
      case IndexKey.IntKey k -> n.put("index", k.value());
      case IndexKey.StringKey k -> n.put("index", k.value());
    }
    n.put("provider_name", providerName(r.provider()));
    n.put("schema_version", obj.schemaVersion());
    Value v = instanceValue(obj, schema);
    n.set("values", JsonValues.value(v));
    n.set("sensitive_values", JsonValues.sensitiveMask(v));
    if (!obj.dependencies().isEmpty()) {
      ArrayNode deps = n.putArray("depends_on");
      obj.dependencies().forEach(deps::add);
    }
    if (obj.status() == ObjectStatus.TAINTED) {
      n.put("tainted", true);
    }
    if (deposed != null) {
      n.put("deposed_key", deposed);
    }
    return n;
  }

  /** {@code provider["terraform.io/builtin/terraform"].alias} to its source address. */
  static String providerName(String provider) {
    int open = provider.indexOf("[\"");
    int close = provider.indexOf("\"]");
    return open >= 0 && close > open ? provider.substring(open + 2, close) : provider;
  }

  /**
   * The value of an instance object's attributes, decoded with the schema and with the sensitive
   * paths (recorded in state, and declared by the schema) marked.
   */
  static Value instanceValue(InstanceObject obj, ResourceSchema schema) {
    Value v =
        schema == null
            ? ValueJson.fromJson(obj.attributes())
            : decode(obj.attributes(), schema.block());
    for (AttributePath p : obj.sensitiveAttributes()) {
      v = markPath(v, p.steps(), 0);
    }
    return schema == null ? v : JsonValues.markSchemaSensitive(v, schema.block());
  }

  static Value decode(JsonNode attrs, BlockSchema block) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (AttributeSchema a : block.attributes().values()) {
      out.put(a.name(), typed(attrs == null ? null : attrs.get(a.name()), a.type()));
    }
    for (NestedBlockSchema b : block.blocks().values()) {
      JsonNode n = attrs == null ? null : attrs.get(b.typeName());
      Type inner = b.block().impliedType();
      Value bv;
      if (n == null || n.isNull()) {
        bv =
            Value.nullOf(
                switch (b.nesting()) {
                  case SINGLE -> inner;
                  case LIST -> Type.list(inner);
                  case SET -> Type.set(inner);
                });
      } else {
        switch (b.nesting()) {
          case SINGLE -> bv = decode(n, b.block());
          case LIST, SET -> {
            List<Value> elems = new ArrayList<>();
            n.forEach(e -> elems.add(decode(e, b.block())));
            bv =
                b.nesting() == dev.forma.provider.api.schema.Nesting.LIST
                    ? Value.list(inner, elems)
                    : Value.set(inner, elems);
          }
          default -> throw new IllegalStateException();
        }
      }
      out.put(b.typeName(), bv);
    }
    return Value.object(out);
  }

  /** A state attribute of the given type; a dynamic one is {@code {"value":..,"type":..}}. */
  static Value typed(JsonNode n, Type type) {
    if (n == null || n.isNull()) {
      return Value.nullOf(type);
    }
    if (type instanceof Type.Dynamic) {
      if (n.isObject() && n.has("value") && n.has("type")) {
        return typed(n.get("value"), JsonValues.parseType(n.get("type")));
      }
      return ValueJson.fromJson(n);
    }
    try {
      return ValueJson.fromJson(n, type);
    } catch (ConversionException e) {
      return ValueJson.fromJson(n);
    }
  }

  private static Value markPath(Value v, List<PathStep> steps, int i) {
    if (i == steps.size()) {
      return v.markSensitive();
    }
    boolean marked = v.isSensitive();
    Value inner = v.unmark();
    PathStep step = steps.get(i);
    Value out =
        switch (inner) {
          case ObjectValue o
              when step instanceof PathStep.GetAttr a && o.attributes().containsKey(a.name()) -> {
            Map<String, Value> m = new LinkedHashMap<>(o.attributes());
            m.put(a.name(), markPath(m.get(a.name()), steps, i + 1));
            yield Value.object(m);
          }
          case MapValue mv
              when step instanceof PathStep.Index ix
                  && mv.entries().containsKey(ix.value().asText()) -> {
            Map<String, Value> m = new LinkedHashMap<>(mv.entries());
            m.put(ix.value().asText(), markPath(m.get(ix.value().asText()), steps, i + 1));
            yield Value.map(mv.elementType(), m);
          }
          case ObjectValue o
              when step instanceof PathStep.Index ix
                  && o.attributes().containsKey(ix.value().asText()) -> {
            Map<String, Value> m = new LinkedHashMap<>(o.attributes());
            m.put(ix.value().asText(), markPath(m.get(ix.value().asText()), steps, i + 1));
            yield Value.object(m);
          }
          case ListValue l when step instanceof PathStep.Index ix && inRange(ix, l.elements()) -> {
            List<Value> e = new ArrayList<>(l.elements());
            e.set(ix.value().asInt(), markPath(e.get(ix.value().asInt()), steps, i + 1));
            yield Value.list(l.elementType(), e);
          }
          case TupleValue t when step instanceof PathStep.Index ix && inRange(ix, t.elements()) -> {
            List<Value> e = new ArrayList<>(t.elements());
            e.set(ix.value().asInt(), markPath(e.get(ix.value().asInt()), steps, i + 1));
            yield Value.tuple(e);
          }
          default -> inner;
        };
    return out.markSensitiveIf(marked);
  }

  private static boolean inRange(PathStep.Index ix, List<Value> elems) {
    return ix.value().isIntegralNumber()
        && ix.value().asInt() >= 0
        && ix.value().asInt() < elems.size();
  }
}
