package dev.forma.engine.statebridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceObject;
import dev.forma.state.ObjectStatus;
import dev.forma.state.OutputValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Whole instance objects and outputs between the state module and the engine. Reading marks the
 * recorded sensitive paths; writing records every mark as a path and refuses (as a bug) a value
 * that is not wholly known.
 */
public final class StateBridge {
  private StateBridge() {}

  /** The engine form of a state object, its attributes read as {@code type}. */
  public static StoredObject read(InstanceObject object, Type type) throws StateDataException {
    Value v = StateValues.fromJson(object.attributes(), type, object.sensitiveAttributes());
    return new StoredObject(
        v,
        object.schemaVersion(),
        fromBase64(object.privateData()),
        dependencies(object.dependencies()),
        object.createBeforeDestroy(),
        object.status() == ObjectStatus.TAINTED);
  }

  /**
   * The state form of an engine object whose value has type {@code type}.
   *
   * @throws IllegalArgumentException when the value is not wholly known
   */
  public static InstanceObject write(StoredObject object, Type type) {
    JsonNode attrs = StateValues.toJson(object.value(), type);
    return new InstanceObject(
        object.schemaVersion(),
        attrs,
        StateValues.sensitivePaths(object.value()),
        toBase64(object.privateData()),
        object.dependencies().stream().map(ResourceAddress::toString).toList(),
        object.createBeforeDestroy(),
        object.tainted() ? ObjectStatus.TAINTED : ObjectStatus.READY);
  }

  private static List<ResourceAddress> dependencies(List<String> texts) throws StateDataException {
    List<ResourceAddress> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      try {
        out.add(StateAddresses.dependency(t));
      } catch (IllegalArgumentException e) {
        throw new StateDataException("", e.getMessage());
      }
    }
    return out;
  }

  /** The provider's private data as the state file keeps it: base64 of its UTF-8 bytes. */
  static String toBase64(String privateData) {
    return privateData == null
        ? null
        : Base64.getEncoder().encodeToString(privateData.getBytes(StandardCharsets.UTF_8));
  }

  /** The provider's private data from its base64 state form. */
  static String fromBase64(String stored) {
    return stored == null
        ? null
        : new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8);
  }

  /** An output's value, marked sensitive when the state says it is. */
  public static Value readOutput(OutputValue output) throws StateDataException {
    Type t = TypeJson.decode(output.type());
    return StateValues.fromJson(output.value(), t).markSensitiveIf(output.sensitive());
  }

  /**
   * The state form of an output value ({@code sensitive} also when the value carries a mark).
   *
   * @throws IllegalArgumentException when the value is not wholly known
   */
  public static OutputValue writeOutput(Value value, boolean sensitive) {
    Value plain = value.unmarkDeep();
    Type t = plain.type();
    return new OutputValue(
        StateValues.toJson(plain, t), TypeJson.encode(t), sensitive || value.containsSensitive());
  }
}
