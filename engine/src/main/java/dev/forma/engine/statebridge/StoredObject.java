package dev.forma.engine.statebridge;

import dev.forma.engine.value.Value;
import java.util.List;

/**
 * A resource instance object as the engine sees it: its value (an object of the schema's implied
 * type, sensitive paths marked) and the state's bookkeeping beside it. {@code dependencies} are
 * resource addresses as text ({@code terraform_data.a}), as state records them.
 */
public record StoredObject(
    Value value,
    long schemaVersion,
    String privateData,
    List<String> dependencies,
    boolean createBeforeDestroy,
    boolean tainted) {
  public StoredObject {
    dependencies = List.copyOf(dependencies);
  }

  /** A ready object with only a value. */
  public static StoredObject of(Value value) {
    return new StoredObject(value, 0, null, List.of(), false, false);
  }

  public StoredObject withValue(Value v) {
    return new StoredObject(v, schemaVersion, privateData, dependencies, createBeforeDestroy, tainted);
  }

  public StoredObject withTainted(boolean t) {
    return new StoredObject(value, schemaVersion, privateData, dependencies, createBeforeDestroy, t);
  }
}
