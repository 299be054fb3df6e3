package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.Reference;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Output;
import dev.forma.engine.config.ProviderConfig;
import dev.forma.engine.config.Resource;
import dev.forma.engine.config.Variable;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traversals;
import dev.forma.engine.hcl.Traverser;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import dev.forma.state.State;
import dev.forma.state.codec.GoJson;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plan as {@code terraform show -json PLANFILE} prints it (format version "1.2"), so tools that
 * read Terraform's plans read Forma's: variables, planned values, drift, resource and output
 * changes (values, unknown and sensitive masks, replace paths, import, action reason), the prior
 * state, the configuration (providers, resources, outputs and variables with their expressions'
 * constant values or references), the relevant attributes, and the timestamp and status. Sensitive
 * values are written in plain text in the values, as Terraform does, and flagged in the masks.
 */
public final class PlanJson {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private PlanJson() {}

  /** What a plan's JSON is made from besides the plan itself. */
  public record Context(
      String formaVersion,
      State priorState,
      Module config,
      SchemaSource schemas,
      ProviderNames providers,
      List<RelevantAttribute> relevant) {
    public Context {
      relevant = List.copyOf(relevant);
    }
  }

  /** The plan's JSON text (compact, one line, as Terraform writes it). */
  public static String render(Plan plan, Context ctx) {
    return GoJson.compact(tree(plan, ctx));
  }

  static ObjectNode tree(Plan plan, Context ctx) {
    ObjectNode root = JsonValues.F.objectNode();
    root.put("format_version", "1.2");
    root.put("terraform_version", ctx.formaVersion());
    if (!plan.variables().isEmpty()) {
      ObjectNode vars = root.putObject("variables");
      for (Map.Entry<String, Value> e : new TreeMap<>(plan.variables()).entrySet()) {
        JsonNode v = JsonValues.value(e.getValue());
        vars.putObject(e.getKey()).set("value", v == null ? JsonValues.F.nullNode() : v);
      }
    }
    root.set("planned_values", plannedValues(plan, ctx));
    List<ResourceChange> drift = PlanRenderer.sorted(plan.drift());
    if (!drift.isEmpty()) {
      ArrayNode arr = root.putArray("resource_drift");
      for (ResourceChange rc : drift) {
        ObjectNode n = resourceChange(rc, ctx);
        if (rc.deposedKey() == null) {
          plan.previousAddress(rc.address()).ifPresent(from -> previousAddress(n, from.toString()));
        }
        arr.add(n);
      }
    }
    List<ResourceChange> changes = PlanRenderer.sorted(plan.changes());
    if (!changes.isEmpty()) {
      ArrayNode arr = root.putArray("resource_changes");
      for (ResourceChange rc : changes) {
        ObjectNode n = resourceChange(rc, ctx);
        if (rc.deposedKey() == null) {
          plan.previousAddress(rc.address()).ifPresent(from -> previousAddress(n, from.toString()));
        }
        arr.add(n);
      }
    }
    if (!plan.outputs().isEmpty()) {
      ObjectNode outs = root.putObject("output_changes");
      for (OutputChange oc : sortedOutputs(plan)) {
        outs.set(oc.name(), outputChange(oc));
      }
    }
    if (ctx.priorState() != null) {
      ObjectNode prior = StateJson.tree(ctx.priorState(), ctx.schemas(), ctx.formaVersion());
      if (!prior.has("values")) {
        prior.put("terraform_version", ctx.formaVersion());
        prior.putObject("values").putObject("root_module");
      }
      root.set("prior_state", prior);
    }
    if (ctx.config() != null) {
      root.set("configuration", configuration(ctx.config(), ctx));
    }
    if (!ctx.relevant().isEmpty()) {
      ArrayNode arr = root.putArray("relevant_attributes");
      for (RelevantAttribute r : ctx.relevant()) {
        ObjectNode n = arr.addObject();
        n.put("resource", r.resource() == null ? "" : r.resource().toString());
        ArrayNode path = n.putArray("attribute");
        for (Object step : ChangeValues.steps(r.path())) {
          if (step instanceof Integer i) {
            path.add(i);
          } else {
            path.add((String) step);
          }
        }
      }
    }
    root.put("timestamp", TIMESTAMP.format(plan.timestamp()));
    root.put("applyable", plan.complete() && plan.hasChanges());
    root.put("complete", plan.complete());
    root.put("errored", !plan.complete());
    return root;
  }

  private static List<OutputChange> sortedOutputs(Plan plan) {
    List<OutputChange> out = new ArrayList<>(plan.outputs());
    out.sort(java.util.Comparator.comparing(OutputChange::name));
    return out;
  }

  private static ObjectNode plannedValues(Plan plan, Context ctx) {
    ObjectNode pv = JsonValues.F.objectNode();
    ObjectNode outputs = JsonValues.F.objectNode();
    for (OutputChange oc : sortedOutputs(plan)) {
      if (oc.action() == Action.DELETE || oc.after() == null) {
        continue;
      }
      ObjectNode o = outputs.putObject(oc.name());
      o.put("sensitive", oc.sensitive());
      if (oc.after().isWhollyKnown()) {
        o.set("type", JsonValues.type(oc.after().type()));
        o.set("value", JsonValues.value(oc.after()));
      }
    }
    if (!outputs.isEmpty()) {
      pv.set("outputs", outputs);
    }
    ObjectNode module = pv.putObject("root_module");
    List<ObjectNode> resources = new ArrayList<>();
    for (ResourceChange rc : PlanRenderer.sorted(plan.changes())) {
      if (rc.deposedKey() != null
          || rc.action() == Action.DELETE
          || rc.action() == Action.FORGET
          || rc.after() == null) {
        continue;
      }
      ResourceSchema schema = PlanRenderer.schema(ctx.schemas(), rc);
      ObjectNode n = JsonValues.F.objectNode();
      address(n, rc, ctx);
      n.put("schema_version", schema == null ? 0 : schema.version());
      Value after =
          JsonValues.markSchemaSensitive(rc.after(), schema == null ? null : schema.block());
      JsonNode values = JsonValues.value(after);
      n.set("values", values == null ? JsonValues.F.objectNode() : values);
      n.set("sensitive_values", JsonValues.sensitiveMask(after));
      resources.add(n);
    }
    if (!resources.isEmpty()) {
      ArrayNode arr = module.putArray("resources");
      resources.forEach(arr::add);
    }
    return pv;
  }

  private static void address(ObjectNode n, ResourceChange rc, Context ctx) {
    address(n, rc, ctx, false);
  }

  /** The address fields; a resource change also names its module instance (not the root). */
  private static void address(ObjectNode n, ResourceChange rc, Context ctx, boolean module) {
    n.put("address", rc.address().toString());
    if (module && !rc.address().module().isRoot()) {
      n.put("module_address", rc.address().module().toString());
    }
    n.put("mode", rc.address().resource().mode() == ResourceMode.MANAGED ? "managed" : "data");
    n.put("type", rc.address().resource().type());
    n.put("name", rc.address().resource().name());
    switch (rc.address().key()) {
      case InstanceKey.NoKey k -> {}
      case InstanceKey.IntKey k -> n.put("index", k.value());
      case InstanceKey.StringKey k -> n.put("index", k.value());
    }
    if (rc.deposedKey() != null) {
      n.put("deposed", rc.deposedKey());
    }
    n.put("provider_name", ctx.providers().source(rc.provider().localName()));
  }

  /** Terraform's {@code previous_address}, right after {@code address}. */
  private static void previousAddress(ObjectNode n, String from) {
    ObjectNode copy = n.deepCopy();
    n.removeAll();
    copy.properties()
        .forEach(
            e -> {
              n.set(e.getKey(), e.getValue());
              if (e.getKey().equals("address")) {
                n.put("previous_address", from);
              }
            });
  }

  private static ObjectNode resourceChange(ResourceChange rc, Context ctx) {
    ObjectNode n = JsonValues.F.objectNode();
    address(n, rc, ctx, true);
    ChangeValues v = ChangeValues.of(rc, PlanRenderer.schema(ctx.schemas(), rc));
    ObjectNode c = n.putObject("change");
    c.set("actions", actions(rc.action()));
    c.set("before", v.before());
    if (v.after() != null) {
      c.set("after", v.after());
    }
    c.set("after_unknown", v.afterUnknown());
    c.set("before_sensitive", v.beforeSensitive());
    c.set("after_sensitive", v.afterSensitive());
    if (!rc.replacePaths().isEmpty()) {
      ArrayNode paths = c.putArray("replace_paths");
      for (List<PathStep> p : rc.replacePaths()) {
        ArrayNode path = paths.addArray();
        for (Object step : ChangeValues.steps(p)) {
          if (step instanceof Integer i) {
            path.add(i);
          } else {
            path.add((String) step);
          }
        }
      }
    }
    if (rc.importId() != null) {
      c.putObject("importing").put("id", rc.importId());
    }
    String reason = reason(rc.reason());
    if (reason != null) {
      n.put("action_reason", reason);
    }
    return n;
  }

  static ArrayNode actions(Action a) {
    ArrayNode arr = JsonValues.F.arrayNode();
    switch (a) {
      case NO_OP -> arr.add("no-op");
      case CREATE -> arr.add("create");
      case READ -> arr.add("read");
      case UPDATE -> arr.add("update");
      case DELETE -> arr.add("delete");
      case DELETE_THEN_CREATE -> arr.add("delete").add("create");
      case CREATE_THEN_DELETE -> arr.add("create").add("delete");
      case FORGET -> arr.add("forget");
    }
    return arr;
  }

  private static String reason(ActionReason r) {
    return switch (r) {
      case NONE, CREATE_BECAUSE_GONE, ADOPT_AFTER_INTERRUPTED_CREATE, REPAIR -> null;
      default -> r.name().toLowerCase(Locale.ROOT);
    };
  }

  private static ObjectNode outputChange(OutputChange oc) {
    ObjectNode c = JsonValues.F.objectNode();
    c.set("actions", actions(oc.action()));
    c.set("before", oc.before() == null ? JsonValues.F.nullNode() : JsonValues.value(oc.before()));
    JsonNode after = oc.after() == null ? JsonValues.F.nullNode() : JsonValues.value(oc.after());
    if (after != null) {
      c.set("after", after);
    }
    c.set(
        "after_unknown",
        oc.after() == null || oc.after().isWhollyKnown()
            ? BooleanNode.FALSE
            : JsonValues.unknownMask(oc.after()));
    c.set("before_sensitive", BooleanNode.valueOf(oc.sensitive()));
    c.set("after_sensitive", BooleanNode.valueOf(oc.sensitive()));
    return c;
  }

  // ---- configuration

  private static ObjectNode configuration(Module config, Context ctx) {
    ObjectNode root = JsonValues.F.objectNode();
    ObjectNode providers = root.putObject("provider_config");
    Set<String> keys = new java.util.TreeSet<>();
    for (ProviderConfig p : config.providers()) {
      keys.add(p.alias() == null ? p.name() : p.name() + "." + p.alias());
    }
    for (Resource r : config.resources().values()) {
      keys.add(r.providerAddress().toString());
    }
    for (String key : keys) {
      int dot = key.indexOf('.');
      String name = dot < 0 ? key : key.substring(0, dot);
      ObjectNode p = providers.putObject(key);
      p.put("name", name);
      p.put("full_name", ctx.providers().source(name));
      if (dot >= 0) {
        p.put("alias", key.substring(dot + 1));
      }
    }
    ObjectNode module = root.putObject("root_module");
    if (!config.outputs().isEmpty()) {
      ObjectNode outs = module.putObject("outputs");
      for (Output o : new TreeMap<>(config.outputs()).values()) {
        ObjectNode n = outs.putObject(o.name());
        if (o.sensitive()) {
          n.put("sensitive", true);
        }
        n.set("expression", o.value() == null ? JsonValues.F.objectNode() : expression(o.value()));
        if (o.description() != null && !o.description().isEmpty()) {
          n.put("description", o.description());
        }
      }
    }
    if (!config.resources().isEmpty()) {
      ArrayNode arr = module.putArray("resources");
      for (Resource r : config.resources().values()) {
        ObjectNode n = arr.addObject();
        n.put("address", r.address().toString());
        n.put("mode", r.address().mode() == ResourceMode.MANAGED ? "managed" : "data");
        n.put("type", r.address().type());
        n.put("name", r.address().name());
        n.put("provider_config_key", r.providerAddress().toString());
        ObjectNode exprs = JsonValues.F.objectNode();
        for (Attribute a : r.config().attributes()) {
          exprs.set(a.name(), expression(a.expr()));
        }
        if (!exprs.isEmpty()) {
          n.set("expressions", exprs);
        }
        ResourceSchema schema = ctx.schemas().schema(r.address().mode(), r.address().type());
        n.put("schema_version", schema == null ? 0 : schema.version());
        if (r.count() != null) {
          n.set("count_expression", expression(r.count()));
        }
        if (r.forEach() != null) {
          n.set("for_each_expression", expression(r.forEach()));
        }
        if (!r.dependsOn().isEmpty()) {
          ArrayNode deps = n.putArray("depends_on");
          r.dependsOn().forEach(t -> deps.add(traversal(t.traversal())));
        }
      }
    }
    if (!config.variables().isEmpty()) {
      ObjectNode vars = module.putObject("variables");
      for (Variable v : new TreeMap<>(config.variables()).values()) {
        ObjectNode n = vars.putObject(v.name());
        if (v.defaultExpr() != null) {
          Value d = constant(v.defaultExpr());
          if (d != null) {
            n.set("default", JsonValues.value(d));
          }
        }
        if (v.description() != null && !v.description().isEmpty()) {
          n.put("description", v.description());
        }
        if (v.sensitive()) {
          n.put("sensitive", true);
        }
      }
    }
    return root;
  }

  /** An expression as the configuration JSON writes it: its constant value, or references. */
  static ObjectNode expression(Expr e) {
    ObjectNode n = JsonValues.F.objectNode();
    List<Expr.ScopeTraversal> refs = Traversals.of(e);
    if (refs.isEmpty()) {
      Value c = constant(e);
      if (c != null) {
        n.set("constant_value", JsonValues.value(c));
      }
      return n;
    }
    Set<String> out = new LinkedHashSet<>();
    for (Expr.ScopeTraversal t : refs) {
      List<Traverser> steps = t.traversal();
      out.add(traversal(steps));
      Reference ref = Reference.of(t);
      if (ref == null) {
        continue;
      }
      // then what the reference names, as Terraform lists it: the object without the attributes
      // read from it, a module call's instance for its output, and an instance's whole resource
      int subject = ref.subjectSteps(t);
      if (ref.subject() instanceof Reference.ModuleCallOutput) {
        subject--;
      }
      if (subject < steps.size()) {
        out.add(traversal(steps.subList(0, subject)));
      }
      if (ref.subject() instanceof Reference.ResourceInstanceRef) {
        out.add(traversal(steps.subList(0, subject - 1)));
      }
    }
    ArrayNode arr = n.putArray("references");
    out.forEach(arr::add);
    return n;
  }

  private static String traversal(List<Traverser> steps) {
    StringBuilder sb = new StringBuilder();
    for (Traverser t : steps) {
      switch (t) {
        case Traverser.Root r -> sb.append(r.name());
        case Traverser.Attr a -> sb.append('.').append(a.name());
        case Traverser.Index i -> sb.append(i.describe());
      }
    }
    return sb.toString();
  }

  /** The value of an expression made only of literals, or null. */
  static Value constant(Expr e) {
    return switch (e) {
      case Expr.Literal l -> l.value();
      case Expr.Parens p -> constant(p.inner());
      case Expr.TemplateWrap w -> constant(w.wrapped());
      case Expr.Template t -> {
        StringBuilder sb = new StringBuilder();
        for (Expr part : t.parts()) {
          Value v = constant(part);
          if (!(v instanceof StringValue s)) {
            yield null;
          }
          sb.append(s.value());
        }
        yield Value.of(sb.toString());
      }
      case Expr.TupleCons t -> {
        List<Value> elems = new ArrayList<>();
        for (Expr x : t.elements()) {
          Value v = constant(x);
          if (v == null) {
            yield null;
          }
          elems.add(v);
        }
        yield Value.tuple(elems);
      }
      case Expr.ObjectCons o -> {
        Map<String, Value> attrs = new LinkedHashMap<>();
        for (Expr.ObjectItem item : o.items()) {
          String key;
          if (item.bareKey()
              && item.key() instanceof Expr.ScopeTraversal st
              && st.traversal().size() == 1) {
            key = st.rootName();
          } else if (constant(item.key()) instanceof StringValue s) {
            key = s.value();
          } else {
            yield null;
          }
          Value v = constant(item.value());
          if (v == null) {
            yield null;
          }
          attrs.put(key, v);
        }
        yield Value.object(attrs);
      }
      default -> null;
    };
  }
}
