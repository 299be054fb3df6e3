package dev.forma.provider.api.schema;

/** How many of a nested block a body may hold, and how they become a value. */
public enum Nesting {
  /** At most one block; its value is an object (null when absent). */
  SINGLE,
  /** Blocks in order; a list of objects. */
  LIST,
  /** Blocks without order or duplicates; a set of objects. */
  SET
}
