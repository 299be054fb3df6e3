package dev.forma.provider.api.value;

/** A null of a given type ({@link Type#DYNAMIC} for the literal {@code null}). */
public record NullValue(Type type) implements Value {}
