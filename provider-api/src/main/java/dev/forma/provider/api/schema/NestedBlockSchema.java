package dev.forma.provider.api.schema;

/**
 * A nested block type of a resource ({@code resource_meta { ... }}, {@code models { ... }}): its
 * body's schema, its nesting mode, and how many may appear (0 for no bound). {@code forceNew}: any
 * change in the blocks replaces the object.
 */
public record NestedBlockSchema(
    String typeName,
    BlockSchema block,
    Nesting nesting,
    int minItems,
    int maxItems,
    boolean forceNew) {}
