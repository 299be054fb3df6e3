package dev.forma.engine.statebridge;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.TerraformSettings;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider configuration a state resource names, as Terraform writes it: {@code
 * provider["registry.terraform.io/aliyun/alicloud"]}, with {@code .alias} after it for an aliased
 * configuration. {@code source} is the fully qualified source address.
 */
public record StateProvider(String source, String alias) {
  /** The source address of the builtin provider that serves {@code terraform_data}. */
  public static final String BUILTIN_SOURCE = "terraform.io/builtin/terraform";

  private static final Pattern SYNTAX =
      Pattern.compile("provider\\[\"([^\"]+)\"\\](?:\\.([A-Za-z_][A-Za-z0-9_-]*))?");

  public StateProvider {
    Objects.requireNonNull(source, "source");
  }

  /**
   * The state form of a provider configuration whose {@code required_providers} source is {@code
   * source} ({@code aliyun/alicloud}; null for the default, {@code hashicorp/NAME}, or the builtin
   * provider for {@code terraform}).
   */
  public static StateProvider of(ProviderConfigAddress config, String source) {
    return new StateProvider(qualify(config.localName(), source), config.alias());
  }

  /** The state form of a provider configuration, its source taken from {@code required_providers}. */
  public static StateProvider of(ProviderConfigAddress config, Module module) {
    String source = null;
    for (TerraformSettings t : module.terraform()) {
      for (TerraformSettings.RequiredProvider p : t.requiredProviders()) {
        if (p.name().equals(config.localName()) && p.source() != null) {
          source = p.source();
        }
      }
    }
    return of(config, source);
  }

  /** Reads Terraform's string form; null when {@code text} is not one. */
  public static StateProvider parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    return m.matches() ? new StateProvider(m.group(1), m.group(2)) : null;
  }

  /** The provider's type name: the last part of the source ({@code alicloud}). */
  public String typeName() {
    return source.substring(source.lastIndexOf('/') + 1);
  }

  /** The configuration address in the root module, named by the type name. */
  public ProviderConfigAddress configAddress() {
    return new ProviderConfigAddress(typeName(), alias);
  }

  @Override
  public String toString() {
    return "provider[\"" + source + "\"]" + (alias == null ? "" : "." + alias);
  }

  private static String qualify(String localName, String source) {
    if (source == null) {
      return localName.equals("terraform")
          ? BUILTIN_SOURCE
          : "registry.terraform.io/hashicorp/" + localName;
    }
    String s = source.toLowerCase(java.util.Locale.ROOT);
    return switch ((int) s.chars().filter(c -> c == '/').count()) {
      case 0 -> "registry.terraform.io/hashicorp/" + s;
      case 1 -> "registry.terraform.io/" + s;
      default -> s;
    };
  }
}
