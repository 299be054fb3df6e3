package dev.forma.engine.builtin;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;

/** Makes the builtin {@code terraform} provider ({@code terraform.io/builtin/terraform}). */
public final class TerraformProviderFactory implements ProviderFactory {
  /** The provider's local name. */
  public static final String NAME = "terraform";

  /** Its source address, as Terraform names the builtin provider. */
  public static final String SOURCE = "terraform.io/builtin/terraform";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public String version() {
    return "builtin";
  }

  @Override
  public int apiVersion() {
    return ProviderApi.VERSION;
  }

  @Override
  public Provider create() {
    return new TerraformProvider();
  }
}
