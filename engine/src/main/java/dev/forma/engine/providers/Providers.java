package dev.forma.engine.providers;

import dev.forma.engine.builtin.TerraformProviderFactory;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Result;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of providers a run can use, by local name: those bundled with Forma (found on its
 * class path with {@link ServiceLoader}), the builtin {@code terraform} provider, and, with {@link
 * #discover(PluginDirectories)}, the plugins of the plugin directories ({@link PluginLoader}). A
 * plugin replaces a bundled provider of its name: putting a jar into a plugin directory is the
 * explicit choice, as Terraform's {@code dev_overrides} replace an installed provider (and {@code
 * forma init} says which one it uses). Tests build one from explicit factories with {@link #of}.
 */
public final class Providers {
  private final TreeMap<String, ProviderFactory> factories = new TreeMap<>();
  private final TreeMap<String, String> refused = new TreeMap<>();
  private final Map<String, Plugin> plugins = new HashMap<>();
  private final Map<String, ProviderFactory> replaced = new HashMap<>();
  private PluginDirectories searched;

  private Providers(Iterable<? extends ProviderFactory> found) {
    for (ProviderFactory f : found) {
      // built against a provider API this build does not load: never called (ProviderApi's rule)
      String refusal = ProviderApi.refusal(f, "the class path");
      if (refusal != null) {
        refused.putIfAbsent(f.name(), refusal);
      } else {
        factories.putIfAbsent(f.name(), f);
      }
    }
  }

  /** Every provider on the class path ({@code META-INF/services}), and the builtin one. */
  public static Providers discover() {
    Providers p =
        new Providers(ServiceLoader.load(ProviderFactory.class, Providers.class.getClassLoader()));
    p.factories.putIfAbsent(TerraformProviderFactory.NAME, new TerraformProviderFactory());
    return p;
  }

  /**
   * Every provider bundled with Forma, the builtin one, and the plugins of {@code directories},
   * which replace bundled providers of their names; the errors about plugin jars that cannot be
   * used (those jars are left out).
   */
  public static Result<Providers> discover(PluginDirectories directories) {
    Providers p = discover();
    p.searched = directories;
    Result<List<Plugin>> loaded = PluginLoader.load(directories);
    for (Plugin plugin : loaded.value()) {
      ProviderFactory bundled = p.factories.put(plugin.factory().name(), plugin.factory());
      if (bundled != null) {
        p.replaced.put(plugin.factory().name(), bundled);
      }
      p.plugins.put(plugin.factory().name(), plugin);
    }
    return new Result<>(p, loaded.diagnostics());
  }

  /** The plugin directories this registry looked in; null when it looked in none. */
  public PluginDirectories searched() {
    return searched;
  }

  /** The plugin serving the provider of that local name; null when it is bundled or unknown. */
  public Plugin plugin(String localName) {
    return plugins.get(localName);
  }

  /** The bundled provider a plugin of that name replaces; null when it replaces none. */
  public ProviderFactory replacedBundled(String localName) {
    return replaced.get(localName);
  }

  /**
   * A registry of exactly these factories (the first of a name wins) plus the builtin {@code
   * terraform} provider unless one of them is named {@code terraform}.
   */
  public static Providers of(List<? extends ProviderFactory> factories) {
    Providers p = new Providers(factories);
    p.factories.putIfAbsent(TerraformProviderFactory.NAME, new TerraformProviderFactory());
    return p;
  }

  /** {@link #of(List)} with the given factories. */
  public static Providers of(ProviderFactory... factories) {
    return of(List.of(factories));
  }

  /** The factory of the provider with that local name, or null when there is none. */
  public ProviderFactory factory(String localName) {
    return factories.get(localName);
  }

  /**
   * Why the provider with that local name was refused (built against a provider API version this
   * build does not load, {@link ProviderApi#refusal}); null when it was not.
   */
  public String refusal(String localName) {
    return factories.containsKey(localName) ? null : refused.get(localName);
  }

  /** The local names of all known providers, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(factories.keySet());
  }

  /**
   * The local name of the provider a resource or data source type belongs to when no {@code
   * provider} argument says otherwise: the prefix before the first underscore ({@code alicloud} for
   * {@code alicloud_pai_workspace}, {@code terraform} for {@code terraform_data}), or the whole
   * type when it has none.
   */
  public static String providerForType(String type) {
    int i = type.indexOf('_');
    return i < 0 ? type : type.substring(0, i);
  }

  /**
   * A provider's source address as Terraform prints it in messages: {@code
   * registry.terraform.io/aliyun/alicloud} for a registry address {@code aliyun/alicloud}; a source
   * with a host ({@code terraform.io/builtin/terraform}) as it is.
   */
  public static String displaySource(ProviderFactory f) {
    String s = f.source();
    return s.chars().filter(c -> c == '/').count() == 1 ? "registry.terraform.io/" + s : s;
  }
}
