package dev.forma.engine.statebridge;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.provider.api.value.Value;
import java.util.List;

/**
 * A resource instance object as the engine sees it: its value (an object of the schema's implied
 * type, sensitive paths marked) and the state's bookkeeping beside it. {@code dependencies} are the
 * resources it depended on when recorded (in their modules, without instance keys), in the order
 * state records them.
 */
public record StoredObject(
    Value value,
    long schemaVersion,
    String privateData,
    List<ResourceAddress> dependencies,
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
    return new StoredObject(
        v, schemaVersion, privateData, dependencies, createBeforeDestroy, tainted);
  }

  public StoredObject withTainted(boolean t) {
    return new StoredObject(
        value, schemaVersion, privateData, dependencies, createBeforeDestroy, t);
  }
}
