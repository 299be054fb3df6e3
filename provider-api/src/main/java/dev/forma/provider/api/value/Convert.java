package dev.forma.provider.api.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Terraform's automatic type conversions: what happens when a value meets a type constraint (a
 * variable's {@code type}, a function parameter, an attribute of a schema). Numbers and bools
 * convert to strings and back, tuples to lists and sets, objects to maps and maps to objects, nulls
 * and unknowns to nulls and unknowns of the wanted type; a collection of {@code any} takes the
 * single type its elements unify to. Sensitive marks are kept wherever they are.
 */
public final class Convert {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private Convert() {}

  /** {@code v} converted to {@code want}; a DYNAMIC {@code want} keeps the value as it is. */
  public static Value convert(Value v, Type want) throws ConversionException {
    List<PathStep> path = new ArrayList<>();
    Type target = resultType(v.type(), want, path, v);
    return convertValue(v, target, path);
  }

  /** True when a value of type {@code from} may convert to {@code to} (maybe failing by value). */
  public static boolean canConvert(Type from, Type to) {
    try {
      resultType(from, to, new ArrayList<>(), null);
      return true;
    } catch (ConversionException e) {
      return false;
    }
  }

  /**
   * The one type all of {@code types} convert to, as Terraform unifies the results of a conditional
   * or the elements given to a list: equal types stay, strings win over numbers and bools, objects
   * with the same attributes unify attribute by attribute and otherwise become a map, tuples of one
   * length unify element by element and otherwise become a list. DYNAMIC entries (untyped nulls)
   * are ignored; no types, or only DYNAMIC, give DYNAMIC. Returns null when there is no such type.
   */
  public static Type unify(List<Type> types) {
    List<Type> known = new ArrayList<>();
    for (Type t : types) {
      if (!(t instanceof Type.Dynamic)) {
        known.add(t);
      }
    }
    if (known.isEmpty()) {
      return Type.DYNAMIC;
    }
    Type first = known.getFirst();
    if (known.stream().allMatch(first::equals)) {
      return first;
    }
    if (known.stream().allMatch(t -> t instanceof Type.ObjectType)) {
      return unifyObjects(known);
    }
    if (known.stream().allMatch(t -> t instanceof Type.TupleType)) {
      return unifyTuples(known);
    }
    boolean anyList = known.stream().anyMatch(t -> t instanceof Type.ListType);
    if (anyList
        && known.stream()
            .allMatch(t -> t instanceof Type.ListType || t instanceof Type.TupleType)) {
      // tuples mixed with lists are lists in disguise: one element type for all
      Type e = unify(sequenceElementTypes(known));
      return e == null ? null : Type.list(e);
    }
    boolean anyMap = known.stream().anyMatch(t -> t instanceof Type.MapType);
    if (anyMap
        && known.stream()
            .allMatch(t -> t instanceof Type.MapType || t instanceof Type.ObjectType)) {
      Type e = unify(sequenceElementTypes(known));
      if (e != null) {
        return Type.map(e);
      }
    }
    if (known.stream().allMatch(t -> t instanceof Type.ListType)) {
      Type e = unify(known.stream().map(Type::elementType).toList());
      return e == null ? null : Type.list(e);
    }
    if (known.stream().allMatch(t -> t instanceof Type.SetType)) {
      Type e = unify(known.stream().map(Type::elementType).toList());
      return e == null ? null : Type.set(e);
    }
    if (known.stream().allMatch(t -> t instanceof Type.MapType)) {
      Type e = unify(known.stream().map(Type::elementType).toList());
      return e == null ? null : Type.map(e);
    }
    List<Type> candidates = new ArrayList<>(known);
    candidates.sort(Comparator.comparingInt(Convert::preference));
    for (Type candidate : candidates) {
      if (known.stream().allMatch(t -> canConvert(t, candidate))) {
        return candidate;
      }
    }
    return null;
  }

  /** Every element type of the lists and tuples, or of the maps and objects, given. */
  private static List<Type> sequenceElementTypes(List<Type> types) {
    List<Type> out = new ArrayList<>();
    for (Type t : types) {
      switch (t) {
        case Type.TupleType u -> out.addAll(u.elements());
        case Type.ObjectType o -> out.addAll(o.attributes().values());
        default -> out.add(t.elementType());
      }
    }
    return out;
  }

  private static Type unifyObjects(List<Type> objects) {
    Set<String> names = ((Type.ObjectType) objects.getFirst()).attributes().keySet();
    boolean sameNames =
        objects.stream().allMatch(t -> ((Type.ObjectType) t).attributes().keySet().equals(names));
    if (sameNames) {
      TreeMap<String, Type> attrs = new TreeMap<>();
      for (String name : names) {
        Type u =
            unify(objects.stream().map(t -> ((Type.ObjectType) t).attributes().get(name)).toList());
        if (u == null) {
          return null;
        }
        attrs.put(name, u);
      }
      return Type.object(attrs);
    }
    List<Type> all = new ArrayList<>();
    for (Type t : objects) {
      all.addAll(((Type.ObjectType) t).attributes().values());
    }
    Type e = unify(all);
    return e == null ? null : Type.map(e);
  }

  private static Type unifyTuples(List<Type> tuples) {
    int n = ((Type.TupleType) tuples.getFirst()).elements().size();
    boolean sameLength = tuples.stream().allMatch(t -> ((Type.TupleType) t).elements().size() == n);
    if (sameLength) {
      List<Type> elems = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int idx = i;
        Type u = unify(tuples.stream().map(t -> ((Type.TupleType) t).elements().get(idx)).toList());
        if (u == null) {
          return null;
        }
        elems.add(u);
      }
      return Type.tuple(elems);
    }
    List<Type> all = new ArrayList<>();
    for (Type t : tuples) {
      all.addAll(((Type.TupleType) t).elements());
    }
    Type e = unify(all);
    return e == null ? null : Type.list(e);
  }

  /** Which candidate a mixed unification tries first: string, then lists, sets, maps. */
  private static int preference(Type t) {
    return switch (t) {
      case Type.Primitive p ->
          switch (p.kind()) {
            case STRING -> 0;
            case NUMBER -> 1;
            case BOOL -> 2;
          };
      case Type.ListType l -> 3;
      case Type.SetType s -> 4;
      case Type.MapType m -> 5;
      case Type.TupleType u -> 6;
      case Type.ObjectType o -> 7;
      case Type.Dynamic d -> 8;
    };
  }

  /**
   * The concrete type a value of type {@code from} becomes under {@code want}, or a type-mismatch
   * error. {@code v} is the value when there is one (for element paths and for unifying the
   * elements of a collection of {@code any}); null when checking types alone.
   */
  private static Type resultType(Type from, Type want, List<PathStep> path, Value v)
      throws ConversionException {
    Value val = v == null ? null : v.unmark();
    if (val instanceof NullValue || val instanceof UnknownValue) {
      val = null;
    }
    if (want instanceof Type.Dynamic) {
      return from;
    }
    if (from instanceof Type.Dynamic) {
      return want;
    }
    if (from.equals(want)) {
      return want;
    }
    return switch (want) {
      case Type.Dynamic d -> from;
      case Type.Primitive p -> {
        if (from instanceof Type.Primitive fp && primitiveConvertible(fp.kind(), p.kind())) {
          yield want;
        }
        throw mismatch(path, want);
      }
      case Type.ListType l ->
          Type.list(sequenceElement(from, l.element(), path, val, want, "list"));
      case Type.SetType s -> Type.set(sequenceElement(from, s.element(), path, val, want, "set"));
      case Type.MapType m -> Type.map(mapElement(from, m.element(), path, val, want));
      case Type.ObjectType o -> objectType(from, o, path, val);
      case Type.TupleType t -> tupleType(from, t, path, val);
    };
  }

  private static boolean primitiveConvertible(Type.PrimitiveKind from, Type.PrimitiveKind to) {
    return from == to || from == Type.PrimitiveKind.STRING || to == Type.PrimitiveKind.STRING;
  }

  private static Type sequenceElement(
      Type from, Type elem, List<PathStep> path, Value val, Type want, String kind)
      throws ConversionException {
    switch (from) {
      case Type.ListType l -> {
        return collectionElement(l.element(), elem, path, elementsOf(val));
      }
      case Type.SetType s -> {
        return collectionElement(s.element(), elem, path, elementsOf(val));
      }
      case Type.TupleType t -> {
        List<Value> elems = elementsOf(val);
        List<Type> results = new ArrayList<>();
        for (int i = 0; i < t.elements().size(); i++) {
          path.add(PathStep.index(i));
          results.add(
              resultType(t.elements().get(i), elem, path, elems == null ? null : elems.get(i)));
          path.removeLast();
        }
        if (elem.isKnownType()) {
          return elem;
        }
        Type u = unify(results);
        if (u == null) {
          throw new ConversionException(
              path, "all " + kind + " elements must have the same type", true);
        }
        return u;
      }
      default -> throw mismatch(path, want);
    }
  }

  private static Type collectionElement(
      Type fromElem, Type elem, List<PathStep> path, List<Value> elems) throws ConversionException {
    if (elems == null || elems.isEmpty()) {
      return resultType(fromElem, elem, path, null);
    }
    for (int i = 0; i < elems.size(); i++) {
      path.add(PathStep.index(i));
      resultType(fromElem, elem, path, elems.get(i));
      path.removeLast();
    }
    return elem.isKnownType() ? elem : resultType(fromElem, elem, path, null);
  }

  private static List<Value> elementsOf(Value val) {
    return switch (val) {
      case ListValue l -> l.elements();
      case SetValue s -> s.elements();
      case TupleValue t -> t.elements();
      case null, default -> null;
    };
  }

  private static Type mapElement(Type from, Type elem, List<PathStep> path, Value val, Type want)
      throws ConversionException {
    switch (from) {
      case Type.MapType m -> {
        if (val instanceof MapValue mv) {
          for (Map.Entry<String, Value> e : mv.entries().entrySet()) {
            path.add(PathStep.key(e.getKey()));
            resultType(m.element(), elem, path, e.getValue());
            path.removeLast();
          }
        }
        return elem.isKnownType() ? elem : resultType(m.element(), elem, path, null);
      }
      case Type.ObjectType o -> {
        ObjectValue ov = val instanceof ObjectValue x ? x : null;
        List<Type> results = new ArrayList<>();
        for (Map.Entry<String, Type> e : o.attributes().entrySet()) {
          path.add(PathStep.key(e.getKey()));
          results.add(resultType(e.getValue(), elem, path, ov == null ? null : ov.get(e.getKey())));
          path.removeLast();
        }
        if (elem.isKnownType()) {
          return elem;
        }
        Type u = unify(results);
        if (u == null) {
          throw new ConversionException(path, "all map elements must have the same type", true);
        }
        return u;
      }
      default -> throw mismatch(path, want);
    }
  }

  private static Type objectType(Type from, Type.ObjectType want, List<PathStep> path, Value val)
      throws ConversionException {
    TreeMap<String, Type> attrs = new TreeMap<>();
    switch (from) {
      case Type.ObjectType o -> {
        ObjectValue ov = val instanceof ObjectValue x ? x : null;
        for (Map.Entry<String, Type> e : want.attributes().entrySet()) {
          String name = e.getKey();
          Type have = o.attributes().get(name);
          if (have == null) {
            if (!want.optional().contains(name)) {
              throw new ConversionException(path, "attribute \"" + name + "\" is required", true);
            }
            attrs.put(name, e.getValue());
            continue;
          }
          path.add(PathStep.attr(name));
          attrs.put(name, resultType(have, e.getValue(), path, ov == null ? null : ov.get(name)));
          path.removeLast();
        }
      }
      case Type.MapType m -> {
        MapValue mv = val instanceof MapValue x ? x : null;
        for (Map.Entry<String, Type> e : want.attributes().entrySet()) {
          Value elem = mv == null ? null : mv.entries().get(e.getKey());
          path.add(PathStep.key(e.getKey()));
          attrs.put(e.getKey(), resultType(m.element(), e.getValue(), path, elem));
          path.removeLast();
        }
      }
      default -> throw mismatch(path, want);
    }
    return new Type.ObjectType(attrs, want.optional());
  }

  private static Type tupleType(Type from, Type.TupleType want, List<PathStep> path, Value val)
      throws ConversionException {
    if (!(from instanceof Type.TupleType t) || t.elements().size() != want.elements().size()) {
      throw mismatch(path, want);
    }
    List<Value> elems = elementsOf(val);
    List<Type> out = new ArrayList<>();
    for (int i = 0; i < want.elements().size(); i++) {
      try {
        out.add(
            resultType(
                t.elements().get(i),
                want.elements().get(i),
                new ArrayList<>(),
                elems == null ? null : elems.get(i)));
      } catch (ConversionException e) {
        throw mismatch(path, want);
      }
    }
    return Type.tuple(out);
  }

  private static ConversionException mismatch(List<PathStep> path, Type want) {
    return new ConversionException(path, want.friendlyName() + " required", true);
  }

  /** Converts {@code v} to {@code target}, a type {@link #resultType} has already approved. */
  private static Value convertValue(Value v, Type target, List<PathStep> path)
      throws ConversionException {
    if (target instanceof Type.Dynamic) {
      return v;
    }
    return switch (v) {
      case SensitiveValue s -> convertValue(s.inner(), target, path).markSensitive();
      case NullValue n -> Value.nullOf(withoutOptional(target));
      case UnknownValue u -> Value.unknown(withoutOptional(target));
      case StringValue s -> convertString(s, target, path);
      case NumberValue n -> target.equals(Type.NUMBER) ? n : Value.of(n.toString());
      case BoolValue b -> target.equals(Type.BOOL) ? b : Value.of(Boolean.toString(b.value()));
      case ListValue l -> convertSequence(l.elements(), target, path);
      case SetValue s -> convertSequence(s.elements(), target, path);
      case TupleValue t -> convertSequence(t.elements(), target, path);
      case MapValue m -> convertMapping(m.entries(), false, target, path);
      case ObjectValue o -> convertMapping(o.attributes(), true, target, path);
    };
  }

  private static Value convertString(StringValue s, Type target, List<PathStep> path)
      throws ConversionException {
    if (target.equals(Type.STRING)) {
      return s;
    }
    if (target.equals(Type.NUMBER)) {
      Value n = parseNumber(s.value());
      if (n == null) {
        throw new ConversionException(path, "a number is required", false);
      }
      return n;
    }
    return switch (s.value()) {
      case "true", "1" -> Value.TRUE;
      case "false", "0" -> Value.FALSE;
      default -> throw new ConversionException(path, "a bool is required", false);
    };
  }

  /** A decimal number as Terraform reads one from a string, or null when it is not one. */
  public static NumberValue parseNumber(String s) {
    if (!DECIMAL.matcher(s).matches()) {
      return null;
    }
    return new NumberValue(new BigDecimal(s));
  }

  private static Value convertSequence(List<Value> elems, Type target, List<PathStep> path)
      throws ConversionException {
    switch (target) {
      case Type.ListType l -> {
        return Value.list(withoutOptional(l.element()), convertAll(elems, i -> l.element(), path));
      }
      case Type.SetType s -> {
        return Value.set(withoutOptional(s.element()), convertAll(elems, i -> s.element(), path));
      }
      case Type.TupleType t -> {
        return Value.tuple(convertAll(elems, i -> t.elements().get(i), path));
      }
      default -> throw mismatch(path, target);
    }
  }

  private interface ElementType {
    Type at(int i);
  }

  private static List<Value> convertAll(List<Value> elems, ElementType types, List<PathStep> path)
      throws ConversionException {
    List<Value> out = new ArrayList<>(elems.size());
    for (int i = 0; i < elems.size(); i++) {
      path.add(PathStep.index(i));
      out.add(convertValue(elems.get(i), types.at(i), path));
      path.removeLast();
    }
    return out;
  }

  private static Value convertMapping(
      Map<String, Value> entries, boolean fromObject, Type target, List<PathStep> path)
      throws ConversionException {
    switch (target) {
      case Type.MapType m -> {
        TreeMap<String, Value> out = new TreeMap<>();
        for (Map.Entry<String, Value> e : entries.entrySet()) {
          path.add(PathStep.key(e.getKey()));
          out.put(e.getKey(), convertValue(e.getValue(), m.element(), path));
          path.removeLast();
        }
        return Value.map(withoutOptional(m.element()), out);
      }
      case Type.ObjectType o -> {
        LinkedHashMap<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Type> e : o.attributes().entrySet()) {
          String name = e.getKey();
          Value have = entries.get(name);
          if (have == null) {
            if (fromObject || isOptional(target, name)) {
              out.put(name, Value.nullOf(withoutOptional(e.getValue())));
              continue;
            }
            throw new ConversionException(
                path, "map has no element for required attribute \"" + name + "\"", false);
          }
          path.add(fromObject ? PathStep.attr(name) : PathStep.key(name));
          out.put(name, convertValue(have, e.getValue(), path));
          path.removeLast();
        }
        return Value.object(out);
      }
      default -> throw mismatch(path, target);
    }
  }

  private static boolean isOptional(Type target, String name) {
    return target instanceof Type.ObjectType o && o.optional().contains(name);
  }

  /** The type without optional-attribute markers, as the type of a value. */
  static Type withoutOptional(Type t) {
    return switch (t) {
      case Type.Primitive p -> p;
      case Type.Dynamic d -> d;
      case Type.ListType l -> Type.list(withoutOptional(l.element()));
      case Type.SetType s -> Type.set(withoutOptional(s.element()));
      case Type.MapType m -> Type.map(withoutOptional(m.element()));
      case Type.TupleType u ->
          Type.tuple(u.elements().stream().map(Convert::withoutOptional).toList());
      case Type.ObjectType o -> {
        TreeMap<String, Type> attrs = new TreeMap<>();
        o.attributes().forEach((k, v) -> attrs.put(k, withoutOptional(v)));
        yield Type.object(attrs);
      }
    };
  }
}
