package dev.forma.provider.api.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a provider declares: the schema of its {@code provider} block, and of each managed
 * resource type and data source type it serves.
 */
public record ProviderSchema(
    BlockSchema provider,
    Map<String, ResourceSchema> resources,
    Map<String, ResourceSchema> dataSources) {
  public ProviderSchema {
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
  }
}
