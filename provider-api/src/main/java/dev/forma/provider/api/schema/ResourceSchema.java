package dev.forma.provider.api.schema;

/**
 * The schema of a resource or data source type, with its version (kept in state as {@code
 * schema_version} so that a provider can upgrade old state).
 */
public record ResourceSchema(String typeName, BlockSchema block, long version) {}
