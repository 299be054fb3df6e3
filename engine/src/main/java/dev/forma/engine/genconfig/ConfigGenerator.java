package dev.forma.engine.genconfig;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the configuration of imported objects, as Terraform's {@code -generate-config-out} does: a
 * file header, then per object a {@code # __generated__ by Forma from "ID"} comment and a {@code
 * resource} block with every configurable attribute (required or optional; computed-only ones are
 * left out) set to its imported value, and nested blocks as blocks. A sensitive or write-only
 * attribute is never written as a value: it refers to a variable {@code var.<name>_<attribute>} and
 * the variable is declared, sensitive and without a default, so the user supplies the secret. An
 * object's {@code references} write a top-level attribute as an expression instead of its value
 * ({@code workspace_id = alicloud_pai_workspace_workspace.team.id}).
 */
public final class ConfigGenerator {
  /** The header of a generated file. */
  public static final String HEADER =
      "# __generated__ by Forma\n"
          + "# Please review these resources and move them into your main configuration files.\n";

  /** One imported object to write configuration for. */
  public record Imported(
      ResourceAddress address,
      String id,
      Value value,
      BlockSchema schema,
      Map<String, String> references) {
    public Imported {
      references = Map.copyOf(references);
    }

    /** An object whose attributes are all written as values. */
    public Imported(ResourceAddress address, String id, Value value, BlockSchema schema) {
      this(address, id, value, schema, Map.of());
    }
  }

  private final List<String> blocks = new ArrayList<>();
  private final Map<String, Type> variables = new TreeMap<>();
  private boolean importBlocks;
  private boolean optionalSecrets;

  /**
   * Writes an {@code import} block (to the resource, with its ID) before each resource block, for a
   * file that adopts the objects by itself ({@code forma query -generate-config-out}).
   */
  public ConfigGenerator withImportBlocks() {
    importBlocks = true;
    return this;
  }

  /**
   * Declares the secrets' variables with {@code default = null}: for write-only secrets, which the
   * cloud never returns and state never holds, null leaves the secret the cloud has as it is, so
   * that objects can be adopted before anyone looks their secrets up.
   */
  public ConfigGenerator withOptionalSecrets() {
    optionalSecrets = true;
    return this;
  }

  /** Adds one object's resource block. */
  public ConfigGenerator add(Imported imported) {
    StringBuilder b = new StringBuilder();
    if (importBlocks) {
      b.append("import {\n  to = ")
          .append(imported.address())
          .append("\n  id = ")
          .append(ValueRenderer.quote(imported.id()))
          .append("\n}\n\n");
    }
    b.append("# __generated__ by Forma from ")
        .append(ValueRenderer.quote(imported.id()))
        .append("\n");
    b.append("resource ")
        .append(ValueRenderer.quote(imported.address().type()))
        .append(" ")
        .append(ValueRenderer.quote(imported.address().name()))
        .append(" ");
    body(
        b,
        imported.schema(),
        imported.value(),
        0,
        imported.address().name(),
        imported.references());
    blocks.add(b.toString());
    return this;
  }

  /** The whole file: the header, each resource block, then the variables for secrets. */
  public String text() {
    StringBuilder out = new StringBuilder(HEADER);
    for (String b : blocks) {
      out.append("\n").append(b).append("\n");
    }
    for (Map.Entry<String, Type> v : variables.entrySet()) {
      if (optionalSecrets) {
        out.append(
            "\n# A secret the cloud does not return. Null leaves the one the cloud has as it is;"
                + " a value\n# (never written here: -var, TF_VAR_ or an untracked .tfvars file)"
                + " sets it.");
      }
      out.append("\nvariable ")
          .append(ValueRenderer.quote(v.getKey()))
          .append(" {\n")
          .append("  type      = ")
          .append(typeExpr(v.getValue()))
          .append(optionalSecrets ? "\n  default   = null" : "")
          .append("\n  sensitive = true\n}\n");
    }
    return out.toString();
  }

  /** The names of the variables the generated configuration declares for secrets. */
  public List<String> variableNames() {
    return List.copyOf(variables.keySet());
  }

  private void body(
      StringBuilder b,
      BlockSchema schema,
      Value value,
      int indent,
      String prefix,
      Map<String, String> references) {
    Map<String, Value> attrs =
        value != null && value.unmark() instanceof ObjectValue o ? o.attributes() : Map.of();
    List<String[]> lines = new ArrayList<>();
    for (AttributeSchema a : new TreeMap<>(schema.attributes()).values()) {
      if (!a.required() && !a.optional()) {
        continue;
      }
      Value v = attrs.get(a.name());
      boolean set = v != null && !v.unmarkDeep().isNull();
      if (a.sensitive() || a.writeOnly() || (v != null && v.isSensitive())) {
        if (set || a.required() || a.writeOnly()) {
          String var = variableName(prefix, a.name());
          variables.put(var, a.type());
          lines.add(new String[] {a.name(), "var." + var});
        } else {
          lines.add(new String[] {a.name(), "null"});
        }
        continue;
      }
      String reference = references.get(a.name());
      lines.add(
          new String[] {
            a.name(),
            reference != null ? reference : set ? literal(v.unmarkDeep(), indent + 1) : "null"
          });
    }
    int width = 0;
    for (String[] l : lines) {
      width = Math.max(width, l[0].length());
    }
    b.append("{\n");
    String pad = "  ".repeat(indent + 1);
    for (String[] l : lines) {
      b.append(pad)
          .append(l[0])
          .append(" ".repeat(width - l[0].length()))
          .append(" = ")
          .append(l[1])
          .append("\n");
    }
    for (NestedBlockSchema nb : new TreeMap<>(schema.blocks()).values()) {
      Value v = attrs.get(nb.typeName());
      if (v == null || v.unmarkDeep().isNull() || !v.isKnown()) {
        continue;
      }
      List<Value> elems =
          switch (nb.nesting()) {
            case SINGLE -> List.of(v);
            case LIST, SET -> elements(v.unmarkDeep());
          };
      for (Value e : elems) {
        b.append("\n").append(pad).append(nb.typeName()).append(" ");
        body(b, nb.block(), e, indent + 1, prefix + "_" + nb.typeName(), Map.of());
        b.append("\n");
      }
    }
    b.append("  ".repeat(indent)).append("}");
  }

  private static String variableName(String prefix, String attribute) {
    return (prefix + "_" + attribute).replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static List<Value> elements(Value v) {
    return switch (v) {
      case ListValue l -> l.elements();
      case SetValue s -> s.elements();
      case TupleValue t -> t.elements();
      default -> List.of();
    };
  }

  /** A value as an HCL literal; collections of collections span lines. */
  static String literal(Value v, int indent) {
    return switch (v) {
      case StringValue s -> ValueRenderer.quote(s.value());
      case NumberValue n -> n.toString();
      case BoolValue b -> Boolean.toString(b.value());
      case ListValue l -> sequence(l.elements(), indent);
      case SetValue s -> sequence(s.elements(), indent);
      case TupleValue t -> sequence(t.elements(), indent);
      case MapValue m -> mapping(m.entries(), indent);
      case ObjectValue o -> mapping(o.attributes(), indent);
      default -> v.isNull() ? "null" : ValueRenderer.render(v);
    };
  }

  private static String sequence(List<Value> elems, int indent) {
    List<String> parts = new ArrayList<>();
    boolean simple = true;
    for (Value e : elems) {
      parts.add(literal(e.unmarkDeep(), indent + 1));
      simple &= !(e.unmarkDeep() instanceof MapValue || e.unmarkDeep() instanceof ObjectValue);
    }
    if (simple) {
      return "[" + String.join(", ", parts) + "]";
    }
    StringBuilder b = new StringBuilder("[\n");
    for (String p : parts) {
      b.append("  ".repeat(indent + 1)).append(p).append(",\n");
    }
    return b.append("  ".repeat(indent)).append("]").toString();
  }

  private static String mapping(Map<String, Value> entries, int indent) {
    if (entries.isEmpty()) {
      return "{}";
    }
    int width = 0;
    List<String> keys = new ArrayList<>(new TreeMap<>(entries).keySet());
    List<String> shown = new ArrayList<>();
    for (String k : keys) {
      String s = k.matches("[A-Za-z_][A-Za-z0-9_-]*") ? k : ValueRenderer.quote(k);
      shown.add(s);
      width = Math.max(width, s.length());
    }
    StringBuilder b = new StringBuilder("{\n");
    for (int i = 0; i < keys.size(); i++) {
      b.append("  ".repeat(indent + 1))
          .append(shown.get(i))
          .append(" ".repeat(width - shown.get(i).length()))
          .append(" = ")
          .append(literal(entries.get(keys.get(i)).unmarkDeep(), indent + 1))
          .append("\n");
    }
    return b.append("  ".repeat(indent)).append("}").toString();
  }

  /** A type as a variable's {@code type} expression. */
  static String typeExpr(Type t) {
    return switch (t) {
      case Type.Primitive p ->
          switch (p.kind()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOL -> "bool";
          };
      case Type.Dynamic d -> "any";
      case Type.ListType l -> "list(" + typeExpr(l.element()) + ")";
      case Type.SetType s -> "set(" + typeExpr(s.element()) + ")";
      case Type.MapType m -> "map(" + typeExpr(m.element()) + ")";
      case Type.ObjectType o -> {
        List<String> parts = new ArrayList<>();
        o.attributes().forEach((k, v) -> parts.add(k + " = " + typeExpr(v)));
        yield "object({ " + String.join(", ", parts) + " })";
      }
      case Type.TupleType tt -> {
        List<String> parts = new ArrayList<>();
        tt.elements().forEach(e -> parts.add(typeExpr(e)));
        yield "tuple([" + String.join(", ", parts) + "])";
      }
    };
  }
}
