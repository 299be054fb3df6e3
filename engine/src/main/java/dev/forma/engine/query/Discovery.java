package dev.forma.engine.query;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.Import;
import dev.forma.engine.config.Module;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.plan.InstancePlanner;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.ResourceSchema;
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
import dev.forma.state.InstanceObject;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceMode;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs the list blocks of a query: for each, the provider's list call page by page (until the last
 * page or the block's {@code limit}), keeping the objects whose attributes equal every value of the
 * block's {@code config} (a map value: the entries given), and telling which of them Forma already
 * has, in state or in an {@code import} block (by import ID, which for a resource type is its
 * objects' {@code id}).
 */
public final class Discovery {
  private Discovery() {}

  /**
   * One object a list block found, by the block instance's {@code address}; {@code adopted}: state
   * or an import block has it already.
   */
  public record Found(ListBlock block, String address, Requests.Listed object, boolean adopted) {}

  /** What a query found, in list block order, and how many list pages it asked for. */
  public record Outcome(List<Found> found, int pages) {
    public Outcome {
      found = List.copyOf(found);
    }
  }

  /**
   * Runs {@code blocks}, their expressions evaluated in {@code ctx}, with the providers {@code
   * providers} gives (null for an address it has none for); {@code adopted} is what {@link
   * #adoptedIds} returns. Partial results come with the diagnostics of the blocks that failed.
   */
  public static Result<Outcome> run(
      List<ListBlock> blocks,
      EvalContext ctx,
      Function<ProviderConfigAddress, Provider> providers,
      Map<String, Set<String>> adopted) {
    Diagnostics diags = new Diagnostics();
    List<Found> found = new ArrayList<>();
    int pages = 0;
    for (ListBlock b : blocks) {
      ProviderConfigAddress pa = providerOf(b);
      Provider p = providers.apply(pa);
      ResourceSchema schema = p == null ? null : p.schema().resources().get(b.type());
      if (schema == null) {
        diags.add(
            Diagnostic.error(
                "Invalid list resource type",
                p == null
                    ? "No provider configuration "
                        + pa
                        + " serves resource type \""
                        + b.type()
                        + "\": add a provider block for it to the .tf files."
                    : "The provider "
                        + pa
                        + " has no resource type \""
                        + b.type()
                        + "\"."
                        + Suggest.didYouMean(b.type(), p.schema().resources().keySet()),
                b.declRange()));
        continue;
      }
      Set<String> known = adopted.getOrDefault(b.type(), Set.of());
      for (Map.Entry<String, EvalContext> instance : instances(b, ctx, diags).entrySet()) {
        EvalContext ictx = instance.getValue();
        Map<String, Value> filter = filter(b, schema, ictx, diags);
        Long limit = limit(b, ictx, diags);
        if (filter == null || (b.limit() != null && limit == null)) {
          break;
        }
        int kept = 0;
        String token = null;
        boolean more = true;
        while (more && (limit == null || kept < limit)) {
          Requests.ListResult page = p.list(new Requests.ListObjects(b.type(), filter, token));
          pages++;
          if (providerErrors(page.diagnostics(), b, diags)) {
            break;
          }
          for (Requests.Listed o : page.objects()) {
            if ((limit == null || kept < limit) && matches(o.state(), filter)) {
              found.add(new Found(b, instance.getKey(), o, known.contains(o.importId())));
              kept++;
            }
          }
          token = page.nextPageToken();
          more = token != null;
        }
      }
    }
    return new Result<>(new Outcome(found, pages), diags);
  }

  /**
   * The instances of a list block, by address ({@code list.TYPE.NAME}, with {@code [N]} under
   * {@code count} and {@code ["KEY"]} under {@code for_each}), each with the context its arguments
   * are evaluated in; empty after an error.
   */
  private static Map<String, EvalContext> instances(
      ListBlock b, EvalContext ctx, Diagnostics diags) {
    Map<String, EvalContext> out = new LinkedHashMap<>();
    if (b.count() == null && b.forEach() == null) {
      out.put(b.address(), ctx);
      return out;
    }
    if (b.count() != null) {
      Result<Value> n = Evaluator.evaluate(b.count(), ctx, Type.NUMBER, "argument \"count\"");
      diags.addAll(n.diagnostics());
      Long count = n.hasErrors() ? null : whole(n.value());
      if (!n.hasErrors() && count == null) {
        diags.add(
            Diagnostic.error(
                "Invalid count argument",
                "The given \"count\" argument value is unsuitable: it must be a whole number,"
                    + " 0 or more, known before the query runs.",
                b.count().range()));
      }
      for (long i = 0; count != null && i < count; i++) {
        out.put(
            b.address() + "[" + i + "]",
            ctx.child(Map.of("count", Value.object(Map.of("index", Value.of(i))))));
      }
      return out;
    }
    Result<Value> each = Evaluator.evaluate(b.forEach(), ctx);
    diags.addAll(each.diagnostics());
    if (each.hasErrors()) {
      return out;
    }
    Value v = each.value();
    boolean ok =
        v.isWhollyKnown()
            && !v.isNull()
            && (v.unmarkDeep() instanceof MapValue
                || v.unmarkDeep() instanceof ObjectValue
                || (v.unmarkDeep() instanceof SetValue set
                    && set.elements().stream().allMatch(e -> e instanceof StringValue)));
    if (!ok) {
      diags.add(
          Diagnostic.error(
              "Invalid for_each argument",
              "The given \"for_each\" argument value is unsuitable: it must be a map, or a set of"
                  + " strings, known before the query runs (toset([...]) makes a set of a list).",
              b.forEach().range()));
      return out;
    }
    eachElement(v.unmarkDeep())
        .forEach(
            (k, x) ->
                out.put(
                    b.address() + "[" + ValueRenderer.quote(((StringValue) k).value()) + "]",
                    ctx.child(Map.of("each", Value.object(Map.of("key", k, "value", x))))));
    return out;
  }

  private static Long whole(Value v) {
    if (v.unmarkDeep() instanceof NumberValue n && n.value().signum() >= 0) {
      try {
        return n.value().longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  /** The provider configuration a list block uses: its own, else its type's default. */
  public static ProviderConfigAddress providerOf(ListBlock b) {
    return b.provider() != null
        ? b.provider()
        : ProviderConfigAddress.of(ResourceAddress.managed(b.type(), b.name()).impliedProvider());
  }

  /**
   * The IDs Forma already has per resource type: of the objects in {@code state} (their {@code id}
   * attribute) and of the root module's {@code import} blocks (for_each ones expanded), evaluated
   * in {@code ctx}. An import ID that cannot be evaluated yet is left out.
   */
  public static Map<String, Set<String>> adoptedIds(Module module, EvalContext ctx, State state) {
    Map<String, Set<String>> out = new HashMap<>();
    if (state != null) {
      for (ResourceState r : state.resources().values()) {
        if (r.address().mode() != ResourceMode.MANAGED) {
          continue;
        }
        for (ResourceInstance i : r.instances().values()) {
          i.currentObject()
              .map(InstanceObject::attributes)
              .map(a -> a.path("id"))
              .filter(id -> id.isTextual())
              .ifPresent(
                  id ->
                      out.computeIfAbsent(r.address().type(), k -> new HashSet<>())
                          .add(id.asText()));
        }
      }
    }
    for (Import im : module.imports()) {
      if (im.toResource() == null) {
        continue;
      }
      Set<String> ids = out.computeIfAbsent(im.toResource().type(), k -> new HashSet<>());
      if (im.forEach() == null) {
        addId(ids, im, ctx);
        continue;
      }
      Result<Value> each = Evaluator.evaluate(im.forEach(), ctx);
      if (each.hasErrors() || !each.value().isWhollyKnown()) {
        continue;
      }
      eachElement(each.value().unmarkDeep())
          .forEach(
              (k, v) ->
                  addId(
                      ids,
                      im,
                      ctx.child(Map.of("each", Value.object(Map.of("key", k, "value", v))))));
    }
    return out;
  }

  private static void addId(Set<String> ids, Import im, EvalContext ctx) {
    Result<Value> id = Evaluator.evaluate(im.id(), ctx);
    if (!id.hasErrors() && id.value().unmarkDeep() instanceof StringValue s) {
      ids.add(s.value());
    }
  }

  private static Map<Value, Value> eachElement(Value v) {
    Map<Value, Value> out = new LinkedHashMap<>();
    switch (v) {
      case MapValue m -> m.entries().forEach((k, x) -> out.put(Value.of(k), x));
      case ObjectValue o -> o.attributes().forEach((k, x) -> out.put(Value.of(k), x));
      case SetValue s -> s.elements().forEach(x -> out.put(x, x));
      case ListValue l -> {
        for (int i = 0; i < l.elements().size(); i++) {
          out.put(Value.of(i), l.elements().get(i));
        }
      }
      case TupleValue t -> {
        for (int i = 0; i < t.elements().size(); i++) {
          out.put(Value.of(i), t.elements().get(i));
        }
      }
      default -> {}
    }
    return out;
  }

  /** The config block's values by attribute; null after an error. */
  private static Map<String, Value> filter(
      ListBlock b, ResourceSchema schema, EvalContext ctx, Diagnostics diags) {
    Map<String, Value> out = new LinkedHashMap<>();
    boolean ok = true;
    for (Attribute a : b.config().values()) {
      AttributeSchema as = schema.block().attributes().get(a.name());
      if (as == null) {
        diags.add(
            Diagnostic.error(
                "Unsupported argument",
                "An argument named \""
                    + a.name()
                    + "\" is not expected here: a list block's config takes attributes of "
                    + b.type()
                    + " to filter by."
                    + Suggest.didYouMean(a.name(), schema.block().attributes().keySet()),
                a.nameRange()));
        ok = false;
        continue;
      }
      if (as.sensitive() || as.writeOnly()) {
        diags.add(
            Diagnostic.error(
                "Cannot filter by a secret",
                "\""
                    + a.name()
                    + "\" is a secret, which the cloud does not return: it cannot be filtered"
                    + " by.",
                a.nameRange()));
        ok = false;
        continue;
      }
      Result<Value> v =
          Evaluator.evaluate(a.expr(), ctx, as.type(), "argument \"" + a.name() + "\"");
      diags.addAll(v.diagnostics());
      if (v.hasErrors()) {
        ok = false;
        continue;
      }
      if (!v.value().isWhollyKnown()) {
        diags.add(
            Diagnostic.error(
                "Invalid filter value",
                "The value of \""
                    + a.name()
                    + "\" must be known before the query runs: use literals, variables and"
                    + " locals.",
                a.expr().range()));
        ok = false;
        continue;
      }
      if (!v.value().isNull()) {
        out.put(a.name(), v.value().unmarkDeep());
      }
    }
    return ok ? out : null;
  }

  private static Long limit(ListBlock b, EvalContext ctx, Diagnostics diags) {
    if (b.limit() == null) {
      return null;
    }
    Result<Value> v = Evaluator.evaluate(b.limit(), ctx, Type.NUMBER, "argument \"limit\"");
    diags.addAll(v.diagnostics());
    if (v.hasErrors()) {
      return null;
    }
    if (v.value().unmarkDeep() instanceof NumberValue n && n.value().signum() >= 0) {
      try {
        return n.value().longValueExact();
      } catch (ArithmeticException e) {
        // not whole: reported below
      }
    }
    diags.add(
        Diagnostic.error(
            "Invalid limit",
            "limit must be a whole number, 0 or more; got "
                + (v.value().unmarkDeep() instanceof NumberValue n
                    ? n.value().stripTrailingZeros().toPlainString()
                    : "null")
                + ".",
            b.limit().range()));
    return null;
  }

  /** Whether {@code object} has every value of {@code filter} (for maps: every entry given). */
  static boolean matches(Value object, Map<String, Value> filter) {
    if (!(object != null && object.unmarkDeep() instanceof ObjectValue o)) {
      return false;
    }
    for (Map.Entry<String, Value> f : filter.entrySet()) {
      Value have = o.attributes().get(f.getKey());
      if (have == null) {
        return false;
      }
      have = have.unmarkDeep();
      if (f.getValue() instanceof MapValue want && have instanceof MapValue got) {
        for (Map.Entry<String, Value> e : want.entries().entrySet()) {
          if (!InstancePlanner.same(e.getValue(), got.entries().get(e.getKey()))) {
            return false;
          }
        }
      } else if (!InstancePlanner.same(f.getValue(), have)) {
        return false;
      }
    }
    return true;
  }

  private static boolean providerErrors(
      List<ProviderDiagnostic> pds, ListBlock b, Diagnostics diags) {
    boolean failed = false;
    for (ProviderDiagnostic pd : pds) {
      if (pd.isError()) {
        diags.add(Diagnostic.error(pd.summary(), pd.detail(), b.declRange()));
        failed = true;
      } else {
        diags.add(Diagnostic.warning(pd.summary(), pd.detail(), b.declRange()));
      }
    }
    return failed;
  }
}
