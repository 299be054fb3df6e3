package dev.forma.engine.providers;

import dev.forma.engine.builtin.TerraformProviderFactory;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of provider plugins a run can use, by local name: those found with {@link
 * ServiceLoader} plus the builtin {@code terraform} provider. Tests build one from explicit
 * factories with {@link #of}.
 */
public final class Providers {
  private final TreeMap<String, ProviderFactory> factories = new TreeMap<>();
  private final TreeMap<String, String> refused = new TreeMap<>();

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
