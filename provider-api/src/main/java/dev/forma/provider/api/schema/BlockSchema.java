package dev.forma.provider.api.schema;

import dev.forma.provider.api.value.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema of a body: its attributes and nested block types, by name. The value a body becomes is
 * an object with one attribute per schema attribute and per nested block type (see {@link
 * #impliedType()}).
 */
public record BlockSchema(
    Map<String, AttributeSchema> attributes,
    Map<String, NestedBlockSchema> blocks,
    String description) {
  public BlockSchema {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
  }

  public static BlockSchema of(
      Iterable<AttributeSchema> attributes, Iterable<NestedBlockSchema> blocks) {
    Map<String, AttributeSchema> a = new LinkedHashMap<>();
    attributes.forEach(x -> a.put(x.name(), x));
    Map<String, NestedBlockSchema> b = new LinkedHashMap<>();
    blocks.forEach(x -> b.put(x.typeName(), x));
    return new BlockSchema(a, b, "");
  }

  /** The object type a body of this schema converts to. */
  public Type.ObjectType impliedType() {
    TreeMap<String, Type> t = new TreeMap<>();
    attributes.forEach((n, a) -> t.put(n, a.type()));
    blocks.forEach(
        (n, b) -> {
          Type inner = b.block().impliedType();
          t.put(
              n,
              switch (b.nesting()) {
                case SINGLE -> inner;
                case LIST -> Type.list(inner);
                case SET -> Type.set(inner);
              });
        });
    return new Type.ObjectType(t, java.util.Set.of());
  }
}
