package dev.forma.engine.render;

import dev.forma.engine.addrs.ResourceMode;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import java.util.List;

/**
 * Where renderers find the schema of a resource or data source type (attribute order and types,
 * sensitive flags, nested blocks). Returns null for a type it does not know; renderers then treat
 * the object's attributes as dynamically typed values.
 */
@FunctionalInterface
public interface SchemaSource {
  ResourceSchema schema(ResourceMode mode, String type);

  /** A source over the given provider schemas (the first one that has the type wins). */
  static SchemaSource of(List<ProviderSchema> providers) {
    return (mode, type) -> {
      for (ProviderSchema p : providers) {
        ResourceSchema s =
            mode == ResourceMode.MANAGED ? p.resources().get(type) : p.dataSources().get(type);
        if (s != null) {
          return s;
        }
      }
      return null;
    };
  }
}
