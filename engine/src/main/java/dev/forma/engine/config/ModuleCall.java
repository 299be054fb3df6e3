package dev.forma.engine.config;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Range;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code module} block: the call of a child module. {@code source} and {@code version} are as
 * written ({@code version} null when not set); {@code inputs} are the arguments that set the
 * child's input variables, by name, in source order; {@code count} and {@code forEach} are null
 * when not set; {@code providers} are the entries of the {@code providers} argument. {@code
 * declRange} runs from {@code module} through the name label, {@code openRange} is the body's
 * opening brace (where a missing argument is reported).
 */
public record ModuleCall(
    String name,
    String source,
    Range sourceRange,
    String version,
    Map<String, Attribute> inputs,
    Expr count,
    Expr forEach,
    List<Expr.ScopeTraversal> dependsOn,
    List<PassedProvider> providers,
    Range declRange,
    Range openRange) {
  public ModuleCall {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    dependsOn = List.copyOf(dependsOn);
    providers = List.copyOf(providers);
  }

  /**
   * One entry of {@code providers = { child = parent }}: the configuration {@code parent} of the
   * calling module is what the child sees as {@code child} (both relative to their modules).
   */
  public record PassedProvider(
      ProviderConfigAddress child, ProviderConfigAddress parent, Range range) {}
}
