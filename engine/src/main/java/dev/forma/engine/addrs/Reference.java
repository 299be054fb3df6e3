package dev.forma.engine.addrs;

import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import java.util.List;
import java.util.Objects;

/**
 * A reference in an expression, read: the object it names ({@link Subject}), the range of the steps
 * that name it, and the {@code remaining} steps after them (attributes and keys into the object's
 * value). The one place that turns a traversal such as {@code module.net["a"].id}, {@code
 * data.x.y[0].name} or {@code var.tags} into an address; every caller that asks what an expression
 * refers to (graph, checks, evaluation scopes, the JSON plan) reads references through {@link
 * #parse}. Whether the named object is declared is the caller's question: parsing only checks the
 * shape, with Terraform's "Invalid reference" diagnostics.
 */
public record Reference(Subject subject, Range range, List<Traverser> remaining) {

  public Reference {
    Objects.requireNonNull(subject, "subject");
    remaining = List.copyOf(remaining);
  }

  /** What a reference names. A closed set: switch over it without a default. */
  public sealed interface Subject
      permits InputVariable,
          LocalValue,
          ResourceRef,
          ResourceInstanceRef,
          ModuleCall,
          ModuleCallInstance,
          ModuleCallOutput,
          PathAttr,
          TerraformAttr,
          CountAttr,
          EachAttr,
          Self {}

  /** {@code var.NAME} */
  public record InputVariable(String name) implements Subject {}

  /** {@code local.NAME} */
  public record LocalValue(String name) implements Subject {}

  /** A whole resource: {@code type.name}, {@code data.type.name} (no instance key written). */
  public record ResourceRef(ResourceAddress resource) implements Subject {}

  /** One instance of a resource: {@code type.name[key]}. */
  public record ResourceInstanceRef(ResourceInstanceAddress instance) implements Subject {}

  /** A whole module call: {@code module.NAME}, all its instances. */
  public record ModuleCall(String name) implements Subject {}

  /** One instance of a module call: {@code module.NAME[key]}. */
  public record ModuleCallInstance(String name, InstanceKey key) implements Subject {}

  /**
   * An output of a module call's instance: {@code module.NAME.OUTPUT} ({@code key} is {@link
   * InstanceKey#NONE}) or {@code module.NAME[key].OUTPUT}.
   */
  public record ModuleCallOutput(String call, InstanceKey key, String output) implements Subject {}

  /** {@code path.module}, {@code path.root}, {@code path.cwd} (the name is not checked here). */
  public record PathAttr(String name) implements Subject {}

  /** {@code terraform.workspace}, {@code terraform.applying} (the name is not checked here). */
  public record TerraformAttr(String name) implements Subject {}

  /** {@code count.index} (the name is not checked here). */
  public record CountAttr(String name) implements Subject {}

  /** {@code each.key}, {@code each.value} (the name is not checked here). */
  public record EachAttr(String name) implements Subject {}

  /** {@code self} */
  public record Self() implements Subject {}

  /** The resource this reference names (wholly or one instance); null when it names none. */
  public ResourceAddress resource() {
    return switch (subject) {
      case ResourceRef r -> r.resource();
      case ResourceInstanceRef r -> r.instance().resource();
      case InputVariable v -> null;
      case LocalValue l -> null;
      case ModuleCall m -> null;
      case ModuleCallInstance m -> null;
      case ModuleCallOutput m -> null;
      case PathAttr p -> null;
      case TerraformAttr t -> null;
      case CountAttr c -> null;
      case EachAttr e -> null;
      case Self s -> null;
    };
  }

  /** The name of the module call this reference reads from; null when it names none. */
  public String moduleCall() {
    return switch (subject) {
      case ModuleCall m -> m.name();
      case ModuleCallInstance m -> m.name();
      case ModuleCallOutput m -> m.call();
      case ResourceRef r -> null;
      case ResourceInstanceRef r -> null;
      case InputVariable v -> null;
      case LocalValue l -> null;
      case PathAttr p -> null;
      case TerraformAttr t -> null;
      case CountAttr c -> null;
      case EachAttr e -> null;
      case Self s -> null;
    };
  }

  /** The reference a traversal makes; null when its shape names nothing (see {@link #parse}). */
  public static Reference of(Expr.ScopeTraversal traversal) {
    return parse(traversal).value();
  }

  /** The local value a traversal names ({@code local.NAME...}); null when it names none. */
  public static String localName(Expr.ScopeTraversal traversal) {
    return traversal.rootName().equals("local")
            && of(traversal) instanceof Reference r
            && r.subject() instanceof LocalValue(String name)
        ? name
        : null;
  }

  /** The input variable a traversal names ({@code var.NAME...}); null when it names none. */
  public static String variableName(Expr.ScopeTraversal traversal) {
    return traversal.rootName().equals("var")
            && of(traversal) instanceof Reference r
            && r.subject() instanceof InputVariable(String name)
        ? name
        : null;
  }

  /** How many steps of the traversal name the subject. */
  public int subjectSteps(Expr.ScopeTraversal t) {
    return t.traversal().size() - remaining.size();
  }

  /**
   * Reads a traversal as a reference. A traversal whose shape names nothing ({@code var} alone,
   * {@code data.x} without a name) gives a null value and an "Invalid reference" error.
   */
  public static Result<Reference> parse(Expr.ScopeTraversal traversal) {
    Diagnostics diags = new Diagnostics();
    List<Traverser> t = traversal.traversal();
    String root = traversal.rootName();
    Range rootRange = t.getFirst().range();
    String first = attr(t, 1);
    switch (root) {
      case "var", "local", "count", "each", "path", "terraform" -> {
        if (first == null) {
          return invalid(
              diags,
              "The \""
                  + root
                  + "\" object cannot be accessed directly. Instead, access one of its"
                  + " attributes.",
              rootRange);
        }
        Subject s =
            switch (root) {
              case "var" -> new InputVariable(first);
              case "local" -> new LocalValue(first);
              case "count" -> new CountAttr(first);
              case "each" -> new EachAttr(first);
              case "path" -> new PathAttr(first);
              default -> new TerraformAttr(first);
            };
        return ok(s, t, 2, diags);
      }
      case "self" -> {
        return ok(new Self(), t, 1, diags);
      }
      case "module" -> {
        if (first == null) {
          return invalid(
              diags,
              "The \"module\" object cannot be accessed directly. Instead, access one of its"
                  + " attributes.",
              rootRange);
        }
        int i = 2;
        InstanceKey key = null;
        if (i < t.size() && t.get(i) instanceof Traverser.Index idx) {
          key = AddressParser.key(idx.key());
          if (key == null) {
            return invalid(
                diags,
                "Index brackets must contain either a literal number or a literal string.",
                idx.range());
          }
          i++;
        }
        String output = attr(t, i);
        if (output != null) {
          return ok(
              new ModuleCallOutput(first, key == null ? InstanceKey.NONE : key, output),
              t,
              i + 1,
              diags);
        }
        return ok(
            key == null ? new ModuleCall(first) : new ModuleCallInstance(first, key), t, i, diags);
      }
      case "data" -> {
        String name = attr(t, 2);
        if (first == null || name == null) {
          return invalid(
              diags,
              "The \"data\" object must be followed by two attribute names: the data source type"
                  + " and the resource name.",
              first == null ? rootRange : span(t, 2));
        }
        return resource(ResourceAddress.data(first, name), t, 3, diags);
      }
      default -> {
        if (first == null) {
          return invalid(
              diags,
              "A reference to a resource type must be followed by at least one attribute access,"
                  + " specifying the resource name.",
              rootRange);
        }
        return resource(ResourceAddress.managed(root, first), t, 2, diags);
      }
    }
  }

  private static Result<Reference> resource(
      ResourceAddress r, List<Traverser> t, int used, Diagnostics diags) {
    if (used < t.size() && t.get(used) instanceof Traverser.Index idx) {
      InstanceKey key = AddressParser.key(idx.key());
      if (key != null) {
        return ok(new ResourceInstanceRef(r.instance(key)), t, used + 1, diags);
      }
    }
    return ok(new ResourceRef(r), t, used, diags);
  }

  private static Result<Reference> ok(Subject s, List<Traverser> t, int used, Diagnostics diags) {
    int n = Math.min(used, t.size());
    return new Result<>(new Reference(s, span(t, n), t.subList(n, t.size())), diags);
  }

  private static Result<Reference> invalid(Diagnostics diags, String detail, Range range) {
    diags.add(Diagnostic.error("Invalid reference", detail, range));
    return new Result<>(null, diags);
  }

  private static String attr(List<Traverser> t, int i) {
    return i < t.size() && t.get(i) instanceof Traverser.Attr a ? a.name() : null;
  }

  private static Range span(List<Traverser> t, int steps) {
    return t.getFirst().range().to(t.get(Math.min(steps, t.size()) - 1).range());
  }
}
