package dev.forma.provider.api.value;

/**
 * A value known only after apply ("(known after apply)"), with its type when that is known ({@link
 * Type#DYNAMIC} otherwise).
 */
public record UnknownValue(Type type) implements Value {}
