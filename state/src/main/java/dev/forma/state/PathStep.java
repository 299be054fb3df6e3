package dev.forma.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * One step of a path into an attribute value, as {@code sensitive_attributes} records it: an
 * attribute name, or an index into a list, map or set whose key is a typed value.
 */
public sealed interface PathStep {
  /** A step to the named attribute: {@code {"type": "get_attr", "value": "name"}}. */
  record GetAttr(String name) implements PathStep {
    public GetAttr {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A step to an element: {@code {"type": "index", "value": {"value": 0, "type": "number"}}}. The
   * key keeps Terraform's typed-value JSON ({@code value} and {@code type}).
   */
  record Index(JsonNode value, JsonNode type) implements PathStep {
    public Index {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(type, "type");
      value = JsonTrees.canonical(value);
      type = JsonTrees.canonical(type);
    }
  }

  /** A step to the attribute {@code name}. */
  static PathStep attr(String name) {
    return new GetAttr(name);
  }

  /** A step to the list element {@code index}. */
  static PathStep index(long index) {
    return new Index(
        JsonNodeFactory.instance.numberNode(index), JsonNodeFactory.instance.textNode("number"));
  }

  /** A step to the map element {@code key}. */
  static PathStep index(String key) {
    return new Index(
        JsonNodeFactory.instance.textNode(key), JsonNodeFactory.instance.textNode("string"));
  }
}
