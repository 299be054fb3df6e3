package dev.forma.engine.config;

import dev.forma.engine.addrs.Reference;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Suggest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every reference in a module against what is declared and what the expression's place
 * allows ({@code count.index} only under {@code count}, {@code each} only under {@code for_each},
 * {@code self} only in postconditions), with Terraform's diagnostics and ranges.
 */
final class ReferenceChecker {
  private static final Set<String> PATH_ATTRIBUTES = Set.of("module", "root", "cwd");

  /** What an expression's place allows. */
  record Scope(boolean count, boolean each, boolean self) {
    static final Scope PLAIN = new Scope(false, false, false);
  }

  private final Module module;
  private final String where;
  private final Diagnostics diags;
  private final java.util.Deque<String> iterators = new java.util.ArrayDeque<>();

  private ReferenceChecker(Module module, String where, Diagnostics diags) {
    this.module = module;
    this.where = where;
    this.diags = diags;
  }

  /** The outputs each module call's module declares, by call name; null: not checked. */
  private Map<String, Set<String>> callOutputs;

  /** Where errors about call outputs go, when {@link #callOutputs} is set. */
  private Diagnostics outputDiags;

  /**
   * Checks the references of {@code module} to outputs of its module calls ({@code module.NAME.X}
   * of a call without count or for_each) against the outputs the called module declares ({@code
   * callOutputs}, by call name), as Terraform does when it validates: "Unsupported attribute", the
   * call being an object whose attributes are its outputs. Nothing else is reported.
   */
  static void checkCallOutputs(
      Module module, Map<String, Set<String>> callOutputs, Diagnostics diags) {
    ReferenceChecker c = new ReferenceChecker(module, "", new Diagnostics());
    c.callOutputs = callOutputs;
    c.outputDiags = diags;
    c.all();
  }

  /** Checks every expression of the root module. */
  static void check(Module module, Diagnostics diags) {
    new ReferenceChecker(module, "the root module", diags).all();
  }

  /**
   * Checks every expression of a module; {@code where} names it in diagnostics ({@code the root
   * module}, {@code module.a}).
   */
  static void check(Module module, String where, Diagnostics diags) {
    new ReferenceChecker(module, where, diags).all();
  }

  /** Checks one expression evaluated in the given scope (for the console). */
  static void check(Module module, Expr expr, Scope scope, Diagnostics diags) {
    new ReferenceChecker(module, "the root module", diags).expr(expr, scope);
  }

  private void all() {
    for (Variable v : module.variables().values()) {
      for (CheckRule rule : v.validations()) {
        rule(rule, Scope.PLAIN);
      }
    }
    for (Local l : module.locals().values()) {
      expr(l.expr(), Scope.PLAIN);
    }
    for (Output o : module.outputs().values()) {
      if (o.value() != null) {
        expr(o.value(), Scope.PLAIN);
      }
      o.dependsOn().forEach(d -> expr(d, Scope.PLAIN));
      o.preconditions().forEach(r -> rule(r, Scope.PLAIN));
    }
    for (ProviderConfig p : module.providers()) {
      body(p.config(), Scope.PLAIN);
    }
    for (Resource r : module.resources().values()) {
      resource(r);
    }
    for (ModuleCall c : module.calls().values()) {
      if (c.count() != null) {
        expr(c.count(), Scope.PLAIN);
      }
      if (c.forEach() != null) {
        expr(c.forEach(), Scope.PLAIN);
      }
      c.dependsOn().forEach(d -> expr(d, Scope.PLAIN));
      Scope inner = new Scope(c.count() != null, c.forEach() != null, false);
      c.inputs().values().forEach(a -> expr(a.expr(), inner));
    }
    for (Import i : module.imports()) {
      Scope s = new Scope(false, i.forEach() != null, false);
      if (i.forEach() != null) {
        expr(i.forEach(), Scope.PLAIN);
      }
      expr(i.id(), s);
      // the target itself need not be declared (validate accepts an import of a resource that
      // plan will generate or report, in a module or not); what its keys refer to must be
      for (Expr key : ImportTo.keys(i.to())) {
        for (Expr.ScopeTraversal t : Traversals.of(key)) {
          reference(t, s);
        }
      }
    }
    for (Check c : module.checks()) {
      if (c.scopedData() != null) {
        resource(c.scopedData());
      }
      c.asserts().forEach(r -> rule(r, Scope.PLAIN));
    }
  }

  private void resource(Resource r) {
    if (r.count() != null) {
      expr(r.count(), Scope.PLAIN);
    }
    if (r.forEach() != null) {
      expr(r.forEach(), Scope.PLAIN);
    }
    r.dependsOn().forEach(d -> expr(d, Scope.PLAIN));
    Scope inner = new Scope(r.count() != null, r.forEach() != null, false);
    body(r.config(), inner);
    Lifecycle l = r.lifecycle();
    // replace_triggered_by is checked when it is read (as Terraform checks it: an undeclared
    // resource or count.index without count is not an error there)
    l.preconditions().forEach(c -> rule(c, inner));
    Scope post = new Scope(inner.count(), inner.each(), true);
    l.postconditions().forEach(c -> rule(c, post));
  }

  private void rule(CheckRule rule, Scope scope) {
    expr(rule.condition(), scope);
    expr(rule.errorMessage(), scope);
  }

  private void body(Body body, Scope scope) {
    for (BodyItem item : body.items()) {
      switch (item) {
        case Attribute a -> expr(a.expr(), scope);
        case Block b when b.type().equals("dynamic") && !b.labels().isEmpty() -> dynamic(b, scope);
        case Block b -> body(b.body(), scope);
      }
    }
  }

  /**
   * A {@code dynamic} block: {@code for_each} and {@code labels} are checked where the block is; in
   * its {@code content}, the iterator ({@code iterator = name}, else the block's label) is a name
   * of its own, not a resource type.
   */
  private void dynamic(Block b, Scope scope) {
    String iterator = b.labels().getFirst();
    for (BodyItem item : b.body().items()) {
      switch (item) {
        case Attribute a when a.name().equals("iterator") -> {
          if (a.expr() instanceof Expr.ScopeTraversal t && t.traversal().size() == 1) {
            iterator = t.rootName();
          }
        }
        case Attribute a -> expr(a.expr(), scope);
        case Block content -> {}
      }
    }
    iterators.push(iterator);
    try {
      for (BodyItem item : b.body().items()) {
        if (item instanceof Block content) {
          body(content.body(), scope);
        }
      }
    } finally {
      iterators.pop();
    }
  }

  private void expr(Expr e, Scope scope) {
    for (Expr.ScopeTraversal t : Traversals.of(e)) {
      reference(t, scope);
    }
  }

  private static Range span(List<Traverser> t, int steps) {
    return t.getFirst().range().to(t.get(Math.min(steps, t.size()) - 1).range());
  }

  private void reference(Expr.ScopeTraversal ref, Scope scope) {
    if (iterators.contains(ref.rootName())) {
      return; // a dynamic block's iterator, in its content
    }
    List<Traverser> t = ref.traversal();
    Result<Reference> parsed = Reference.parse(ref);
    diags.addAll(parsed.diagnostics());
    if (parsed.value() == null) {
      return;
    }
    switch (parsed.value().subject()) {
      case Reference.InputVariable(String name) -> {
        if (!module.variables().containsKey(name)) {
          String suggestion = Suggest.didYouMean(name, module.variables().keySet());
          diags.add(
              Diagnostic.error(
                  "Reference to undeclared input variable",
                  "An input variable with the name \""
                      + name
                      + "\" has not been declared."
                      + (suggestion.isEmpty()
                          ? " This variable can be declared with a variable \""
                              + name
                              + "\" {} block."
                          : suggestion),
                  span(t, 2)));
        }
      }
      case Reference.LocalValue(String name) -> {
        if (!module.locals().containsKey(name)) {
          diags.add(
              Diagnostic.error(
                  "Reference to undeclared local value",
                  "A local value with the name \""
                      + name
                      + "\" has not been declared."
                      + Suggest.didYouMean(name, module.locals().keySet()),
                  span(t, 2)));
        }
      }
      case Reference.CountAttr(String name) -> {
        if (!name.equals("index")) {
          diags.add(
              Diagnostic.error(
                  "Invalid \"count\" attribute",
                  "The \"count\" object does not have an attribute named \""
                      + name
                      + "\". The only supported attribute is count.index, which is the index of"
                      + " each instance of a resource block that has the \"count\" argument set.",
                  span(t, 2)));
        } else if (!scope.count()) {
          diags.add(
              Diagnostic.error(
                  "Reference to \"count\" in non-counted context",
                  "The \"count\" object can only be used in \"module\", \"resource\", and \"data\""
                      + " blocks, and only when the \"count\" argument is set.",
                  span(t, 2)));
        }
      }
      case Reference.EachAttr(String name) -> {
        if (!name.equals("key") && !name.equals("value")) {
          diags.add(
              Diagnostic.error(
                  "Invalid \"each\" attribute",
                  "The \"each\" object does not have an attribute named \""
                      + name
                      + "\". The supported attributes are each.key and each.value, the current"
                      + " key and value pair of the \"for_each\" attribute set.",
                  span(t, 2)));
        } else if (!scope.each()) {
          diags.add(
              Diagnostic.error(
                  "Reference to \"each\" in context without for_each",
                  "The \"each\" object can be used only in \"module\" or \"resource\" blocks, and"
                      + " only when the \"for_each\" argument is set.",
                  span(t, 2)));
        }
      }
      case Reference.Self s -> {
        if (!scope.self()) {
          diags.add(
              Diagnostic.error(
                  "Invalid \"self\" reference",
                  "The \"self\" object is not available in this context. This object can be"
                      + " used only in resource provisioner, connection, and postcondition"
                      + " blocks.",
                  t.getFirst().range()));
        }
      }
      case Reference.PathAttr(String name) -> {
        if (!PATH_ATTRIBUTES.contains(name)) {
          diags.add(
              Diagnostic.error(
                  "Invalid \"path\" attribute",
                  "The \"path\" object does not have an attribute named \""
                      + name
                      + "\"."
                      + Suggest.didYouMean(name, List.of("cwd", "module", "root")),
                  span(t, 2)));
        }
      }
      case Reference.TerraformAttr(String name) -> {
        if (!name.equals("workspace") && !name.equals("applying")) {
          diags.add(
              Diagnostic.error(
                  "Invalid \"terraform\" attribute",
                  "The \"terraform\" object does not have an attribute named \""
                      + name
                      + "\". The only supported attributes are terraform.workspace, the name of"
                      + " the currently-selected workspace, and terraform.applying, a boolean"
                      + " which is true only during apply.",
                  span(t, 2)));
        }
      }
      case Reference.ModuleCall m -> moduleCall(m.name(), t);
      case Reference.ModuleCallInstance m -> moduleCall(m.name(), t);
      case Reference.ModuleCallOutput m -> {
        moduleCall(m.call(), t);
        callOutput(m.call(), m.output(), t);
      }
      case Reference.ResourceRef r -> resourceReference(r.resource(), t);
      case Reference.ResourceInstanceRef r -> resourceReference(r.instance().resource(), t);
    }
  }

  private void callOutput(String call, String output, List<Traverser> t) {
    ModuleCall c = module.calls().get(call);
    Set<String> declared = callOutputs == null ? null : callOutputs.get(call);
    if (declared == null
        || c == null
        || c.count() != null
        || c.forEach() != null
        || declared.contains(output)
        || t.size() < 3) {
      return;
    }
    outputDiags.add(
        Diagnostic.error(
                "Unsupported attribute",
                "This object does not have an attribute named \"" + output + "\".",
                t.get(2).range())
            .withValues(List.of(new Diagnostic.ExpressionValue("module." + call, "is a object"))));
  }

  private void moduleCall(String name, List<Traverser> t) {
    if (!module.calls().containsKey(name)) {
      diags.add(
          Diagnostic.error(
              "Reference to undeclared module",
              "No module call named \""
                  + name
                  + "\" is declared in "
                  + where
                  + "."
                  + Suggest.didYouMean(name, module.calls().keySet()),
              span(t, 2)));
    }
  }

  private void resourceReference(ResourceAddress a, List<Traverser> t) {
    if (a.mode() == dev.forma.engine.addrs.ResourceMode.DATA) {
      if (!module.resources().containsKey(a) && !scopedData(a.type(), a.name())) {
        diags.add(
            Diagnostic.error(
                "Reference to undeclared resource",
                "A data resource \""
                    + a.type()
                    + "\" \""
                    + a.name()
                    + "\" has not been declared in "
                    + where
                    + ".",
                span(t, 3)));
      }
    } else if (!module.resources().containsKey(a)) {
      diags.add(
          Diagnostic.error(
              "Reference to undeclared resource",
              "A managed resource \""
                  + a.type()
                  + "\" \""
                  + a.name()
                  + "\" has not been declared in "
                  + where
                  + ".",
              span(t, 2)));
    }
  }

  private boolean scopedData(String type, String name) {
    for (Check c : module.checks()) {
      if (c.scopedData() != null
          && c.scopedData().address().equals(ResourceAddress.data(type, name))) {
        return true;
      }
    }
    return false;
  }

  /** Every reference of an expression, for callers that order by dependencies. */
  static List<Expr.ScopeTraversal> references(Expr e) {
    return new ArrayList<>(Traversals.of(e));
  }
}
