package dev.forma.cli;

import dev.forma.engine.providers.ProviderSchemas;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.render.SchemaSource;
import dev.forma.provider.api.schema.ProviderSchema;
import java.util.ArrayList;
import java.util.List;

/** The schemas of every provider Forma has, as the renderers look them up. */
final class Schemas {
  private Schemas() {}

  /** A schema source over every discovered provider's schema. */
  static SchemaSource all(Providers providers) {
    ProviderSchemas schemas = new ProviderSchemas(providers);
    List<ProviderSchema> list = new ArrayList<>();
    for (String name : providers.names()) {
      ProviderSchema s = schemas.of(name);
      if (s != null) {
        list.add(s);
      }
    }
    return SchemaSource.of(list);
  }
}
