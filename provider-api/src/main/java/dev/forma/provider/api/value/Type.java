package dev.forma.provider.api.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A type of the configuration language, as Terraform's type system has them. {@link #DYNAMIC}
 * ("any") stands for a type not yet decided: a placeholder in constraints, and the type of an
 * unknown value whose type is not known either.
 */
public sealed interface Type
    permits Type.Primitive,
        Type.Dynamic,
        Type.ListType,
        Type.SetType,
        Type.MapType,
        Type.ObjectType,
        Type.TupleType {

  Primitive STRING = new Primitive(PrimitiveKind.STRING);
  Primitive NUMBER = new Primitive(PrimitiveKind.NUMBER);
  Primitive BOOL = new Primitive(PrimitiveKind.BOOL);
  Dynamic DYNAMIC = new Dynamic();
  ObjectType EMPTY_OBJECT = new ObjectType(new TreeMap<>(), Set.of());
  TupleType EMPTY_TUPLE = new TupleType(List.of());

  /** The three primitive kinds. */
  enum PrimitiveKind {
    STRING,
    NUMBER,
    BOOL
  }

  /** string, number or bool. */
  record Primitive(PrimitiveKind kind) implements Type {}

  /** "any": a type to be decided by the value. */
  record Dynamic() implements Type {}

  record ListType(Type element) implements Type {}

  record SetType(Type element) implements Type {}

  record MapType(Type element) implements Type {}

  /**
   * An object type. {@code optional} names the attributes declared with {@code optional(...)} in a
   * type constraint (empty for the type of a value).
   */
  record ObjectType(SortedMap<String, Type> attributes, Set<String> optional) implements Type {
    public ObjectType {
      attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
      optional = Collections.unmodifiableSet(new TreeSet<>(optional));
    }

    public static ObjectType of(Map<String, Type> attributes) {
      return new ObjectType(new TreeMap<>(attributes), Set.of());
    }
  }

  record TupleType(List<Type> elements) implements Type {
    public TupleType {
      elements = List.copyOf(elements);
    }
  }

  static ListType list(Type element) {
    return new ListType(element);
  }

  static SetType set(Type element) {
    return new SetType(element);
  }

  static MapType map(Type element) {
    return new MapType(element);
  }

  static TupleType tuple(List<Type> elements) {
    return new TupleType(elements);
  }

  static ObjectType object(Map<String, Type> attributes) {
    return ObjectType.of(attributes);
  }

  default boolean isPrimitive() {
    return this instanceof Primitive;
  }

  /** list, set or map: a collection of one element type. */
  default boolean isCollection() {
    return this instanceof ListType || this instanceof SetType || this instanceof MapType;
  }

  /** object or tuple: a structural type with a type per attribute or element. */
  default boolean isStructural() {
    return this instanceof ObjectType || this instanceof TupleType;
  }

  /** The element type of a list, set or map; null for other types. */
  default Type elementType() {
    return switch (this) {
      case ListType l -> l.element();
      case SetType s -> s.element();
      case MapType m -> m.element();
      case Primitive p -> null;
      case Dynamic d -> null;
      case ObjectType o -> null;
      case TupleType t -> null;
    };
  }

  /** True when the type is fully known: it contains no {@link #DYNAMIC} anywhere. */
  default boolean isKnownType() {
    return switch (this) {
      case Primitive p -> true;
      case Dynamic d -> false;
      case ListType l -> l.element().isKnownType();
      case SetType s -> s.element().isKnownType();
      case MapType m -> m.element().isKnownType();
      case ObjectType o -> o.attributes().values().stream().allMatch(Type::isKnownType);
      case TupleType t -> t.elements().stream().allMatch(Type::isKnownType);
    };
  }

  /**
   * The type written as a Terraform type constraint: {@code string}, {@code list(string)}, {@code
   * object({name=string})}, {@code any}.
   */
  default String typeExpr() {
    return switch (this) {
      case Primitive p -> p.kind().name().toLowerCase(java.util.Locale.ROOT);
      case Dynamic d -> "any";
      case ListType l -> "list(" + l.element().typeExpr() + ")";
      case SetType s -> "set(" + s.element().typeExpr() + ")";
      case MapType m -> "map(" + m.element().typeExpr() + ")";
      case ObjectType o -> {
        StringJoiner j = new StringJoiner(",", "object({", "})");
        o.attributes()
            .forEach(
                (k, v) ->
                    j.add(
                        k
                            + "="
                            + (o.optional().contains(k)
                                ? "optional(" + v.typeExpr() + ")"
                                : v.typeExpr())));
        yield j.toString();
      }
      case TupleType t -> {
        List<String> parts = new ArrayList<>();
        for (Type e : t.elements()) {
          parts.add(e.typeExpr());
        }
        yield "tuple([" + String.join(",", parts) + "])";
      }
    };
  }

  /**
   * The type named as Terraform's error messages name it: "string", "list of string", "map of
   * number", "object", "tuple", "dynamic".
   */
  default String friendlyName() {
    return switch (this) {
      case Primitive p -> p.kind().name().toLowerCase(java.util.Locale.ROOT);
      case Dynamic d -> "dynamic";
      case ListType l -> "list of " + l.element().friendlyName();
      case SetType s -> "set of " + s.element().friendlyName();
      case MapType m -> "map of " + m.element().friendlyName();
      case ObjectType o -> "object";
      case TupleType t -> "tuple";
    };
  }
}
