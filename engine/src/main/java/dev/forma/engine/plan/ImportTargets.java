package dev.forma.engine.plan;

import dev.forma.engine.addrs.AddressParser;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ModulePath;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.Import;
import dev.forma.engine.config.ImportTo;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleCall;
import dev.forma.engine.config.Resource;
import dev.forma.engine.eval.SchemaDecoder;
import dev.forma.engine.graph.TreeReferences;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.scope.InstanceBinding;
import dev.forma.engine.scope.Scope;
import dev.forma.engine.statebridge.StoredObject;
import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource instances the root module's {@code import} blocks import into, in the root module or
 * in module instances: one per block, or with {@code for_each} (Terraform 1.7) one per element of a
 * map, a set of strings or a list, the keys in {@code to} (of the resource or of module calls on
 * the way) and {@code id} evaluated with {@code each.key} and {@code each.value} bound. The {@code
 * for_each} value must be known when planning starts: it may use variables and locals.
 */
public final class ImportTargets {
  private ImportTargets() {}

  /** An import of one instance: its block, and the {@code each} names its id is evaluated with. */
  record Target(Import block, InstanceBinding binding) {}

  static Map<ResourceInstanceAddress, Target> collect(
      Module module, Scope scope, Diagnostics diags) {
    Map<ResourceInstanceAddress, Target> out = new LinkedHashMap<>();
    for (Import im : module.imports()) {
      if (im.forEach() == null) {
        if (im.to() instanceof Expr.ScopeTraversal t) {
          Result<ResourceInstanceAddress> a = AddressParser.resourceInstance(t.traversal());
          diags.addAll(a.diagnostics());
          if (a.value() != null) {
            out.put(a.value(), new Target(im, InstanceBinding.NONE));
          }
        } else {
          diags.add(
              Diagnostic.error(
                  "Invalid expression",
                  "A single static variable reference is required: only attribute access and"
                      + " indexing with constant keys. No calculations, function calls, template"
                      + " expressions, etc are allowed here.",
                  im.to().range()));
        }
        continue;
      }
      Result<Value> v = scope.evaluate(im.forEach(), InstanceBinding.NONE);
      diags.addAll(v.diagnostics());
      if (v.hasErrors()) {
        continue;
      }
      Map<Value, Value> each = elements(v.value(), im, diags);
      if (each == null) {
        continue;
      }
      for (Map.Entry<Value, Value> e : each.entrySet()) {
        InstanceBinding b = new InstanceBinding(null, e.getKey(), e.getValue(), null);
        Diagnostics keyDiags = new Diagnostics();
        Result<ResourceInstanceAddress> resolved =
            ImportTo.resolve(im.to(), key -> keyValue(key, scope, b, keyDiags));
        diags.addAll(keyDiags).addAll(resolved.diagnostics());
        if (resolved.value() == null) {
          break;
        }
        ResourceInstanceAddress target = resolved.value();
        if (out.containsKey(target)) {
          diags.add(
              Diagnostic.error(
                  "Duplicate import configuration for \"" + target + "\"",
                  "An import block for the resource \""
                      + target
                      + "\" was already declared at "
                      + out.get(target).block().declRange().filename()
                      + ":"
                      + out.get(target).block().declRange().start().line()
                      + ","
                      + out.get(target).block().declRange().start().column()
                      + ". A resource can have only one import block.",
                  im.declRange()));
          break;
        }
        out.put(target, new Target(im, b));
      }
    }
    return out;
  }

  /** {@code each.key} to {@code each.value} of a {@code for_each} value; null after an error. */
  private static Map<Value, Value> elements(Value v, Import im, Diagnostics diags) {
    Map<Value, Value> out = new LinkedHashMap<>();
    List<Value> list =
        switch (v.unmark()) {
          case ListValue l -> l.elements();
          case TupleValue t -> t.elements();
          default -> null;
        };
    if (list != null && !v.isSensitive()) {
      for (int i = 0; i < list.size(); i++) {
        out.put(Value.of(i), list.get(i));
      }
      return out;
    }
    Map<String, Value> byKey = Expander.forEachValues(v, im.forEach().range(), diags);
    if (byKey == null) {
      return null;
    }
    byKey.forEach((k, value) -> out.put(Value.of(k), value));
    return out;
  }

  /**
   * The value of key expression {@code key} of an import's {@code to} under binding {@code b}: a
   * known string or whole number; null after reporting to {@code diags}.
   */
  private static Value keyValue(Expr key, Scope scope, InstanceBinding b, Diagnostics diags) {
    Result<Value> k = scope.evaluate(key, b);
    diags.addAll(k.diagnostics());
    if (k.hasErrors()) {
      return null;
    }
    if (instanceKey(k.value()) == null) {
      diags.add(
          Diagnostic.error(
              "Invalid import address",
              "The instance key of an import address must be a known string or a whole"
                  + " number, not "
                  + k.value().type().friendlyName()
                  + ".",
              key.range()));
      return null;
    }
    return k.value().unmark();
  }

  private static InstanceKey instanceKey(Value v) {
    if (v == null || !v.isWhollyKnown() || v.isNull()) {
      return null;
    }
    return switch (v.unmark()) {
      case StringValue s -> InstanceKey.of(s.value());
      case NumberValue n -> {
        BigDecimal d = n.value();
        try {
          yield d.signum() >= 0 ? InstanceKey.of(d.intValueExact()) : null;
        } catch (ArithmeticException e) {
          yield null;
        }
      }
      default -> null;
    };
  }

  /** An object read for an import: the id it was imported with and the object, as prior. */
  record Imported(String id, StoredObject object) {}

  /**
   * Reads every object {@code targets} import, before anything is planned, so that an id the cloud
   * does not know is an error before any plan is shown ({@code wanted} says which instances the
   * plan covers: those in the prior state, or outside {@code -target}, are not imported). Each
   * object is announced to {@code hooks} ("Preparing import...", then its read). Null with errors
   * when one could not be imported; every target is tried, so one run names every bad id.
   */
  static Map<ResourceInstanceAddress, Imported> importAll(
      Map<ResourceInstanceAddress, Target> targets,
      java.util.function.Predicate<ResourceInstanceAddress> wanted,
      ConfigTree tree,
      ModuleInstances modules,
      Map<ProviderConfigAddress, Provider> providers,
      Scope scope,
      ApplyHooks hooks,
      Diagnostics diags) {
    Map<ResourceInstanceAddress, Imported> out = new LinkedHashMap<>();
    Diagnostics d = new Diagnostics();
    for (Map.Entry<ResourceInstanceAddress, Target> e : targets.entrySet()) {
      ResourceInstanceAddress ia = e.getKey();
      Import im = e.getValue().block();
      Resource r = configOf(ia, im, tree, modules, d);
      if (r == null) {
        continue;
      }
      if (!wanted.test(ia)) {
        continue;
      }
      Provider p = providers.get(r.providerAddress());
      ResourceSchema schema = p == null ? null : p.schema().resources().get(ia.resource().type());
      if (schema == null) {
        continue; // the walk reports the missing provider or resource type
      }
      Result<Value> id = scope.evaluate(im.id(), e.getValue().binding());
      d.addAll(id.diagnostics());
      if (id.hasErrors()) {
        continue;
      }
      if (!id.value().isWhollyKnown() || !(id.value().unmark() instanceof StringValue idv)) {
        d.add(
            Diagnostic.error(
                "Invalid import id argument",
                "The import block \"id\" argument depends on resource attributes that cannot be"
                    + " determined until apply, or is not a string.",
                im.id().range()));
        continue;
      }
      Result<StoredObject> read =
          importObject(
              p,
              schema,
              ia,
              idv.value(),
              hooks,
              pd -> SchemaDecoder.toDiagnostic(pd, r.config(), r.declRange()),
              im.declRange());
      d.addAll(read.diagnostics());
      if (read.value() != null) {
        out.put(ia, new Imported(idv.value(), read.value()));
      }
    }
    diags.addAll(d);
    return d.hasErrors() ? null : out;
  }

  /**
   * The import of one object, the same for import blocks and {@code forma import}: the provider
   * imports {@code id} ({@link ApplyHooks#preparingImport} before, {@link
   * ApplyHooks#importPrepared} after), then reads the object ({@link ApplyHooks#preRefresh}, {@link
   * ApplyHooks#postRefresh}). The object as state keeps it (sensitive values marked by the schema,
   * no dependencies), or null after errors: the provider's ({@code convert} gives them their source
   * ranges) or, when the provider finds nothing, "Cannot import non-existent remote object"
   * pointing at {@code subject} (may be null).
   */
  public static Result<StoredObject> importObject(
      Provider p,
      ResourceSchema schema,
      ResourceInstanceAddress ia,
      String id,
      ApplyHooks hooks,
      java.util.function.Function<ProviderDiagnostic, Diagnostic> convert,
      dev.forma.provider.api.diag.Range subject) {
    Diagnostics d = new Diagnostics();
    String type = ia.resource().type();
    hooks.preparingImport(ia, id);
    Requests.ImportResult ir = p.importResource(new Requests.Import(type, id));
    if (providerErrors(ir.diagnostics(), convert, d) || ir.state() == null) {
      if (ir.state() == null && !d.hasErrors()) {
        d.add(notFound(ia, subject));
      }
      return new Result<>(null, d);
    }
    hooks.importPrepared(ia, type);
    String importedId = idOf(ir.state(), id);
    hooks.preRefresh(ObjectTarget.current(ia), importedId);
    Requests.ReadResult rr = p.read(new Requests.Read(type, ir.state(), ir.privateData()));
    if (providerErrors(rr.diagnostics(), convert, d)) {
      hooks.postRefresh(ObjectTarget.current(ia), false, null);
      return new Result<>(null, d);
    }
    if (rr.newState() == null) {
      hooks.postRefresh(ObjectTarget.current(ia), true, null);
      d.add(notFound(ia, subject));
      return new Result<>(null, d);
    }
    hooks.postRefresh(ObjectTarget.current(ia), true, idOf(rr.newState(), importedId));
    return new Result<>(
        new StoredObject(
            SchemaValues.markSensitive(rr.newState(), schema.block()),
            schema.version(),
            rr.privateData(),
            List.of(),
            false,
            false),
        d);
  }

  private static Diagnostic notFound(
      ResourceInstanceAddress ia, dev.forma.provider.api.diag.Range at) {
    return Diagnostic.error(
        "Cannot import non-existent remote object",
        "While attempting to import an existing object to \""
            + ia
            + "\", the provider detected that no object exists with the given id. Only"
            + " pre-existing objects can be imported; check that the id is correct and"
            + " that it is associated with the provider's configured region or endpoint,"
            + " or use \"forma apply\" to create a new remote object for this resource.",
        at);
  }

  /** The object's {@code id} attribute, else {@code fallback}. */
  private static String idOf(Value v, String fallback) {
    if (v != null
        && v.unmark() instanceof dev.forma.provider.api.value.ObjectValue o
        && o.attributes().get("id") instanceof StringValue s) {
      return s.value();
    }
    return fallback;
  }

  /**
   * The resource block {@code ia} imports into, addressed in its module instance with the provider
   * configuration it uses there; null after reporting, as Terraform does, a module or resource not
   * in the configuration, a key the resource's {@code count} or {@code for_each} does not take, or
   * or a module instance the calls do not make (without an error: the walk reports it when it plans
   * the resource, as Terraform does; {@code modules} null: the root module alone).
   */
  private static Resource configOf(
      ResourceInstanceAddress ia,
      Import im,
      ConfigTree tree,
      ModuleInstances modules,
      Diagnostics d) {
    ModuleInstance mi = ia.resource().module();
    ConfigTree t = tree.descendant(mi.module());
    Resource r = t == null ? null : t.module().resources().get(ia.resource().local());
    if (r == null) {
      String detail =
          t == null
              ? "The configuration for the given import target "
                  + ia
                  + " does not exist. All target instances must have an associated"
                  + " configuration to be imported."
              : !mi.isRoot()
                  ? "Resource "
                      + ia.resource().config()
                      + " not found. Only resources within the root module are eligible for"
                      + " config generation."
                  : "The configuration for the given import target "
                      + ia
                      + " does not exist. If you wish to automatically generate config for this"
                      + " resource, use the -generate-config-out option within forma plan."
                      + " Otherwise, make sure the target resource exists within your"
                      + " configuration. For example:\n\n  forma plan"
                      + " -generate-config-out=generated.tf";
      d.add(
          Diagnostic.error(
              "Configuration for import target does not exist", detail, im.to().range()));
      return null;
    }
    String shape = keyShape(r, ia.key());
    if (shape != null) {
      d.add(Diagnostic.error("Invalid import 'to' expression", shape, im.to().range()));
      return null;
    }
    if (mi.isRoot()) {
      return r;
    }
    if (modules != null
        && expandsWithoutResources(tree, mi.module())
        && !modules.instances(mi.module()).contains(mi)) {
      return null; // not imported: the walk reports the instance missing (missingTarget)
    }
    return new TreeReferences(tree).relocate(mi, mi.module(), r);
  }

  /**
   * Terraform's error for an import into instance {@code ia}, which the configuration does not make
   * (its module instance or its key is not in the expansion): reported when the resource is
   * planned, which then plans nothing.
   */
  static Diagnostic missingTarget(ResourceInstanceAddress ia) {
    return Diagnostic.error(
        "Configuration for import target does not exist",
        "The configuration for the given import "
            + ia
            + " does not exist. All target instances must have an associated configuration to"
            + " be imported.");
  }

  /**
   * Whether the calls on the way to the module at {@code p} expand ({@code count}, {@code
   * for_each}) without referring to any resource, across modules: then their instances can be known
   * before the walk, as an import's target is checked.
   */
  private static boolean expandsWithoutResources(ConfigTree tree, ModulePath p) {
    TreeReferences refs = new TreeReferences(tree);
    for (ModulePath at = p; !at.isRoot(); at = at.parent()) {
      ModuleCall c = tree.descendant(at).call();
      for (Expr e : java.util.Arrays.asList(c.count(), c.forEach())) {
        if (e != null && !refs.of(at.parent(), e).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Why instance key {@code key} does not fit resource {@code r}'s {@code count} or {@code
   * for_each}, or null when it fits.
   */
  private static String keyShape(Resource r, InstanceKey key) {
    return switch (key) {
      case InstanceKey.NoKey n ->
          r.count() != null
              ? "The target resource is using count."
              : r.forEach() != null ? "The target resource is using for_each." : null;
      case InstanceKey.IntKey i ->
          r.count() == null ? "The target resource does not use count." : null;
      case InstanceKey.StringKey k ->
          r.forEach() == null ? "The target resource does not use for_each." : null;
    };
  }

  private static boolean providerErrors(
      List<ProviderDiagnostic> pds,
      java.util.function.Function<ProviderDiagnostic, Diagnostic> convert,
      Diagnostics diags) {
    boolean err = false;
    for (ProviderDiagnostic pd : pds) {
      diags.add(convert.apply(pd));
      err |= pd.isError();
    }
    return err;
  }
}
