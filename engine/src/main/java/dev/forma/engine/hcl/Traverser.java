package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.value.Value;

/**
 * One step of a static traversal such as {@code var.list[0].name}: the root name, an attribute
 * ({@code .name}), or an index by a literal key ({@code [0]}, {@code ["k"]}, legacy {@code .0}).
 */
public sealed interface Traverser {
  Range range();

  String describe();

  /** The root name of a traversal: {@code var}, {@code local}, a resource type, ... */
  record Root(String name, Range range) implements Traverser {
    @Override
    public String describe() {
      return name;
    }
  }

  /** {@code .name} */
  record Attr(String name, Range range) implements Traverser {
    @Override
    public String describe() {
      return "." + name;
    }
  }

  /** {@code [key]} with a literal key (a number or a string), or the legacy {@code .0}. */
  record Index(Value key, Range range) implements Traverser {
    @Override
    public String describe() {
      return key instanceof dev.forma.provider.api.value.StringValue s
          ? "[\"" + s.value() + "\"]"
          : "[" + key + "]";
    }
  }
}
