package dev.forma.engine.render;

/**
 * The full source address of a provider by its local name, as the JSON formats write it in {@code
 * provider_name}: {@code terraform.io/builtin/terraform} for the builtin provider.
 */
@FunctionalInterface
public interface ProviderNames {
  String source(String localName);

  /** The builtin {@code terraform} provider, and {@code registry.terraform.io/hashicorp/NAME}. */
  ProviderNames DEFAULT =
      name ->
          name.equals("terraform")
              ? "terraform.io/builtin/terraform"
              : "registry.terraform.io/hashicorp/" + name;
}
