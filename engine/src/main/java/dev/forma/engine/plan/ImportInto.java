package dev.forma.engine.plan;

import dev.forma.engine.addrs.AddressParser;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.ConfigTree;
import dev.forma.engine.config.ModuleEvaluator;
import dev.forma.engine.config.Resource;
import dev.forma.engine.graph.TreeReferences;
import dev.forma.engine.scope.Scope;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import java.util.Map;

/**
 * The resource block {@code forma import ADDR ID} imports into, in the root module or a module
 * instance, with Terraform's errors for a module, a resource or a module instance that the
 * configuration does not have, and for an instance key the resource's {@code count} or {@code
 * for_each} does not take.
 */
public final class ImportInto {
  private ImportInto() {}

  /**
   * The resource block of {@code address} in {@code tree}, as its module declares it; null with an
   * error when the configuration does not have the module or the resource, or when the address's
   * instance key does not fit the resource's {@code count} or {@code for_each}.
   */
  public static Result<Resource> resource(ConfigTree tree, ResourceInstanceAddress address) {
    Diagnostics diags = new Diagnostics();
    ModuleInstance mi = address.resource().module();
    ConfigTree t = tree.descendant(mi.module());
    if (t == null) {
      diags.add(
          Diagnostic.error(
              "Import to non-existent module",
              mi
                  + " is not defined in the configuration. Please add configuration for this"
                  + " module before importing into it."));
      return new Result<>(null, diags);
    }
    Resource r = t.module().resources().get(address.resource().local());
    if (r == null) {
      diags.add(
          Diagnostic.error(
              "resource address "
                  + AddressParser.quote(address.resource().toString())
                  + " does not exist in the configuration.",
              "Before importing this resource, please create its configuration in "
                  + (mi.isRoot() ? "the root module" : mi.toString())
                  + ". For example:\n\nresource \""
                  + address.resource().type()
                  + "\" \""
                  + address.resource().name()
                  + "\" {\n  # (resource arguments)\n}"));
      return new Result<>(null, diags);
    }
    boolean keyed = !(address.key() instanceof InstanceKey.NoKey);
    boolean expanded = r.count() != null || r.forEach() != null;
    if (keyed != expanded) {
      diags.add(
          Diagnostic.error(
              "Invalid resource instance address",
              expanded
                  ? "The resource "
                      + address.resource()
                      + " uses "
                      + (r.count() != null ? "count" : "for_each")
                      + ", so an instance key is required: for example "
                      + address.resource()
                      + (r.count() != null ? "[0]" : "[\"key\"]")
                      + "."
                  : "The resource "
                      + address.resource()
                      + " has neither count nor for_each, so its address takes no instance key: "
                      + address.resource()
                      + ".",
              r.declRange()));
      return new Result<>(null, diags);
    }
    return new Result<>(r, diags);
  }

  /**
   * Resource {@code r} (of {@link #resource}) addressed in the module instance {@code address}
   * names, with the provider configuration it uses there (a child module inherits its caller's
   * default configuration unless the call passes one); null with an error when the calls, expanded
   * with {@code variables}, do not make that instance (a call whose {@code count} or {@code
   * for_each} is not known without resources is taken to make it).
   */
  public static Result<Resource> inInstance(
      ConfigTree tree,
      ResourceInstanceAddress address,
      Resource r,
      Map<String, Value> variables,
      ModuleEvaluator.Environment env) {
    Diagnostics diags = new Diagnostics();
    ModuleInstance mi = address.resource().module();
    if (mi.isRoot()) {
      return new Result<>(r, diags);
    }
    ModuleInstances modules = new ModuleInstances(tree, env, diags);
    modules.root(new Scope(tree.module(), variables, env, false, modules));
    if (modules.known(mi.module()) && !modules.instances(mi.module()).contains(mi)) {
      diags.add(
          Diagnostic.error(
              "Configuration for import target does not exist",
              "The configuration for the given import "
                  + address
                  + " does not exist. All target instances must have an associated"
                  + " configuration to be imported."));
    }
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return new Result<>(new TreeReferences(tree).relocate(mi, mi.module(), r), diags);
  }
}
