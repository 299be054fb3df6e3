package dev.forma.engine.plan;

import dev.forma.provider.api.value.Value;

/**
 * The planned change of a root module output ({@code before} or {@code after} null when absent).
 */
public record OutputChange(
    String name, Action action, Value before, Value after, boolean sensitive) {}
