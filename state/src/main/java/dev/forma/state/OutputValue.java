package dev.forma.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A root module output in the state: its value and type in Terraform's JSON encoding (the type as
 * {@code "string"}, {@code ["list","string"]}, {@code ["object",{...}]}), and whether it is
 * sensitive. The trees are copied on construction; treat them as read-only.
 */
public record OutputValue(JsonNode value, JsonNode type, boolean sensitive) {
  public OutputValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    value = JsonTrees.canonical(value);
    type = JsonTrees.canonical(type);
  }
}
