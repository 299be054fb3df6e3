package dev.forma.engine.hcl.json;

import java.util.Map;
import java.util.Set;

/**
 * The block structure a JSON body is read with: which property names are nested blocks (with how
 * many labels and their own body schema), and which arguments take an expression written inside a
 * JSON string (such as {@code "depends_on": ["aws_instance.a"]} or {@code "type": "list(string)"})
 * rather than a string template. Every other property is an argument.
 *
 * <p>A property not named here is an argument, even when its value is a JSON object or an array of
 * objects: in a resource or provider body only the provider schema knows whether {@code "tags":
 * {...}} is a map argument or a nested block. It is kept as an {@link
 * dev.forma.engine.hcl.Attribute} with an object (or tuple of objects) expression, and {@link
 * JsonSyntax#blocksOf} turns it into blocks once the schema says it is one.
 */
public record JsonSchema(Map<String, BlockSpec> blocks, Set<String> expressionAttributes) {

  /** A body with arguments only (or whose nested blocks are not known yet). */
  public static final JsonSchema ATTRIBUTES = new JsonSchema(Map.of(), Set.of());

  public JsonSchema {
    blocks = Map.copyOf(blocks);
    expressionAttributes = Set.copyOf(expressionAttributes);
  }

  /** A nested block type: its number of labels and its body's schema. */
  public record BlockSpec(int labels, JsonSchema body) {}
}
