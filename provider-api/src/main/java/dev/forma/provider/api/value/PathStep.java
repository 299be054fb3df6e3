package dev.forma.provider.api.value;

/**
 * One step into a value: an object attribute by name, or a list, tuple, set or map element by key
 * (a number index or a string map key). A list of steps locates a nested value.
 */
public sealed interface PathStep {

  /** The step as Terraform's messages name it: {@code attribute "name"}, {@code element 0}. */
  String describe();

  /** {@code .name} of an object. */
  record Attr(String name) implements PathStep {
    @Override
    public String describe() {
      return "attribute \"" + name + "\"";
    }
  }

  /** {@code [key]}: a number for lists and tuples, a string for maps. */
  record Index(Value key) implements PathStep {
    @Override
    public String describe() {
      return key instanceof StringValue s ? "element \"" + s.value() + "\"" : "element " + key;
    }
  }

  static PathStep attr(String name) {
    return new Attr(name);
  }

  static PathStep index(long i) {
    return new Index(Value.of(i));
  }

  static PathStep key(String k) {
    return new Index(Value.of(k));
  }
}
