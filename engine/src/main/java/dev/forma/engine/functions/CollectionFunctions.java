package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.BOOL;
import static dev.forma.provider.api.value.Type.DYNAMIC;
import static dev.forma.provider.api.value.Type.NUMBER;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.OperationException;
import dev.forma.provider.api.value.Operations;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * alltrue, anytrue, chunklist, coalesce, coalescelist, compact, concat, contains, distinct,
 * element, flatten, index, keys, length, lookup, matchkeys, merge, one, range, reverse,
 * setintersection, setproduct, setsubtract, setunion, slice, sort, sum, transpose, values, zipmap.
 */
final class CollectionFunctions {
  private static final Type LIST_ANY = Type.list(DYNAMIC);
  private static final Type SET_ANY = Type.set(DYNAMIC);

  private CollectionFunctions() {}

  static List<Builtin> all() {
    return List.of(
        Builtin.named("alltrue")
            .param("list", Type.list(BOOL))
            .returns(BOOL)
            .body(
                a -> {
                  for (Value e : Values.elements(a.get(0))) {
                    if (e.isNull() || !Values.bool(e)) {
                      return Value.FALSE;
                    }
                  }
                  return Value.TRUE;
                }),
        Builtin.named("anytrue")
            .param("list", Type.list(BOOL))
            .returns(BOOL)
            .body(
                a -> {
                  for (Value e : Values.elements(a.get(0))) {
                    if (!e.isNull() && Values.bool(e)) {
                      return Value.TRUE;
                    }
                  }
                  return Value.FALSE;
                }),
        Builtin.named("chunklist")
            .param("list", LIST_ANY)
            .param("size", NUMBER)
            .returns(a -> Type.list(a.get(0).type()))
            .body(CollectionFunctions::chunklist),
        Builtin.named("coalesce")
            .variadic(Param.of("vals", DYNAMIC).nullable().unknowns())
            .returns(CollectionFunctions::unifiedOrFail)
            .body(CollectionFunctions::coalesce),
        Builtin.named("coalescelist")
            .variadic(Param.of("vals", DYNAMIC).nullable().unknowns())
            .returns(DYNAMIC)
            .body(CollectionFunctions::coalescelist),
        Builtin.named("compact")
            .param("list", Type.list(STRING))
            .returns(Type.list(STRING))
            .body(
                a -> {
                  List<Value> out = new ArrayList<>();
                  for (Value e : Values.elements(a.get(0))) {
                    if (!e.isNull() && !Values.str(e).isEmpty()) {
                      out.add(e);
                    }
                  }
                  return Value.list(STRING, out);
                }),
        Builtin.named("concat")
            .variadic(Param.of("seqs", DYNAMIC))
            .returns(CollectionFunctions::concatType)
            .body(CollectionFunctions::concat),
        Builtin.named("contains")
            .param("list", DYNAMIC)
            .param("value", DYNAMIC)
            .returns(BOOL)
            .body(
                a -> {
                  List<Value> elems = Values.elements(a.get(0));
                  if (elems == null) {
                    throw new FunctionException("argument must be list, tuple, or set");
                  }
                  return Value.of(indexOf(elems, a.get(1)) >= 0);
                }),
        Builtin.named("distinct")
            .param("list", LIST_ANY)
            .returns(a -> a.get(0).type())
            .body(
                a -> {
                  ListValue l = (ListValue) a.get(0);
                  return Value.list(
                      l.elementType(), new ArrayList<>(new LinkedHashSet<>(l.elements())));
                }),
        Builtin.named("element")
            .param("list", DYNAMIC)
            .param("index", NUMBER)
            .returns(CollectionFunctions::elementType)
            .body(CollectionFunctions::element),
        Builtin.named("flatten")
            .param("list", DYNAMIC)
            .returns(DYNAMIC)
            .body(
                a -> {
                  List<Value> out = new ArrayList<>();
                  flatten(a.get(0), out);
                  return Value.tuple(out);
                }),
        Builtin.named("index")
            .param("list", DYNAMIC)
            .param("value", DYNAMIC)
            .returns(NUMBER)
            .body(
                a -> {
                  Value l = a.get(0);
                  if (!(l instanceof ListValue) && !(l instanceof TupleValue)) {
                    throw new FunctionException("argument must be a list or tuple");
                  }
                  int i = indexOf(Values.elements(l), a.get(1));
                  if (i < 0) {
                    throw new FunctionException("item not found");
                  }
                  return Value.of(i);
                }),
        Builtin.named("keys")
            .param(Param.of("inputMap", DYNAMIC).unknowns())
            .returns(CollectionFunctions::keysType)
            .body(CollectionFunctions::keys),
        Builtin.named("length")
            .param(Param.of("value", DYNAMIC).unknowns().marked())
            .returns(NUMBER)
            .body(CollectionFunctions::length),
        Builtin.named("lookup")
            .param("inputMap", DYNAMIC)
            .param("key", STRING)
            .variadic(Param.of("default", DYNAMIC).nullable())
            .returns(CollectionFunctions::lookupType)
            .body(CollectionFunctions::lookup),
        Builtin.named("matchkeys")
            .param("values", LIST_ANY)
            .param("keys", LIST_ANY)
            .param("searchset", LIST_ANY)
            .returns(a -> a.get(0).type())
            .body(CollectionFunctions::matchkeys),
        Builtin.named("merge")
            .variadic(Param.of("maps", DYNAMIC).nullable())
            .returns(CollectionFunctions::mergeType)
            .body(CollectionFunctions::merge),
        Builtin.named("one")
            .param("list", DYNAMIC)
            .returns(CollectionFunctions::oneType)
            .body(
                a -> {
                  List<Value> elems = Values.elements(a.get(0));
                  return elems.isEmpty() ? Value.nullOf(a.returnType()) : elems.get(0);
                }),
        Builtin.named("range")
            .variadic(Param.of("params", NUMBER))
            .returns(Type.list(NUMBER))
            .body(CollectionFunctions::range),
        Builtin.named("reverse")
            .param("list", DYNAMIC)
            .returns(CollectionFunctions::reverseType)
            .body(
                a -> {
                  List<Value> elems = new ArrayList<>(Values.elements(a.get(0)));
                  Collections.reverse(elems);
                  return a.returnType() instanceof Type.TupleType
                      ? Value.tuple(elems)
                      : Value.list(a.returnType().elementType(), elems);
                }),
        Builtin.named("setintersection")
            .param("first_set", SET_ANY)
            .variadic(Param.of("other_sets", SET_ANY))
            .returns(CollectionFunctions::unifiedSetType)
            .body(a -> setOperation(a, 0)),
        Builtin.named("setunion")
            .param("first_set", SET_ANY)
            .variadic(Param.of("other_sets", SET_ANY))
            .returns(CollectionFunctions::unifiedSetType)
            .body(a -> setOperation(a, 1)),
        Builtin.named("setsubtract")
            .param("a", SET_ANY)
            .param("b", SET_ANY)
            .returns(CollectionFunctions::unifiedSetType)
            .body(a -> setOperation(a, 2)),
        Builtin.named("setproduct")
            .variadic(Param.of("sets", DYNAMIC))
            .returns(CollectionFunctions::setproductType)
            .body(CollectionFunctions::setproduct),
        Builtin.named("slice")
            .param("list", DYNAMIC)
            .param("start_index", NUMBER)
            .param("end_index", NUMBER)
            .returns(CollectionFunctions::sliceType)
            .body(CollectionFunctions::slice),
        Builtin.named("sort")
            .param(Param.of("list", Type.list(STRING)).unknowns())
            .returns(Type.list(STRING))
            .body(CollectionFunctions::sort),
        Builtin.named("sum").param("list", DYNAMIC).returns(NUMBER).body(CollectionFunctions::sum),
        Builtin.named("transpose")
            .param("values", Type.map(Type.list(STRING)))
            .returns(Type.map(Type.list(STRING)))
            .body(CollectionFunctions::transpose),
        Builtin.named("values")
            .param("mapping", DYNAMIC)
            .returns(CollectionFunctions::valuesType)
            .body(
                a -> {
                  List<Value> vals = new ArrayList<>(Values.entries(a.get(0)).values());
                  return a.returnType() instanceof Type.TupleType
                      ? Value.tuple(vals)
                      : Value.list(a.returnType().elementType(), vals);
                }),
        Builtin.named("zipmap")
            .param("keys", Type.list(STRING))
            .param("values", DYNAMIC)
            .returns(CollectionFunctions::zipmapType)
            .body(CollectionFunctions::zipmap));
  }

  // ---- chunklist, coalesce, concat ----

  private static Value chunklist(CallArgs a) throws FunctionException {
    ListValue l = (ListValue) a.get(0);
    long size = Values.longArg(a, 1, "size");
    if (size < 0) {
      throw new FunctionException("the size argument must be positive");
    }
    List<Value> chunks = new ArrayList<>();
    List<Value> elems = l.elements();
    if (size == 0) {
      chunks.add(l);
    } else {
      for (int i = 0; i < elems.size(); i += (int) size) {
        chunks.add(
            Value.list(l.elementType(), elems.subList(i, (int) Math.min(elems.size(), i + size))));
      }
    }
    return Value.list(l.type(), chunks);
  }

  private static Type unifiedOrFail(List<Value> args) throws FunctionException {
    List<Type> types = args.stream().map(Value::type).toList();
    Type t = types.isEmpty() ? null : Convert.unify(types);
    if (t == null) {
      throw new FunctionException("all arguments must have the same type");
    }
    return t;
  }

  private static Value coalesce(CallArgs a) throws FunctionException {
    for (int i = 0; i < a.size(); i++) {
      Value v = a.get(i);
      if (!v.isWhollyKnown()) {
        return Value.unknown(a.returnType());
      }
      if (v.isNull()) {
        continue;
      }
      Value c = convert(v, a.returnType(), i, "vals");
      if (c.unmark() instanceof StringValue s && s.value().isEmpty()) {
        continue;
      }
      return c;
    }
    throw new FunctionException("no non-null, non-empty-string arguments");
  }

  private static Value coalescelist(CallArgs a) throws FunctionException {
    for (Value v : a.values()) {
      if (!v.isNull()
          && v.isKnown()
          && !(v.type() instanceof Type.ListType)
          && !(v.type() instanceof Type.TupleType)) {
        throw new FunctionException("coalescelist arguments must be lists or tuples");
      }
    }
    for (Value v : a.values()) {
      if (!v.isKnown()) {
        return Value.UNKNOWN;
      }
      if (v.isNull()) {
        continue;
      }
      if (!Values.elements(v).isEmpty()) {
        return v;
      }
    }
    throw new FunctionException("no non-null arguments");
  }

  private static Type concatType(List<Value> args) throws FunctionException {
    if (args.isEmpty()) {
      throw new FunctionException("at least one argument is required");
    }
    Type first = args.get(0).type();
    boolean allSameList = first instanceof Type.ListType;
    List<Type> tupleTypes = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Type t = args.get(i).type();
      if (t instanceof Type.Dynamic) {
        return DYNAMIC;
      }
      if (!(t instanceof Type.ListType) && !(t instanceof Type.TupleType)) {
        throw new FunctionException(
            i, "seqs", "all arguments must be lists or tuples; got " + t.friendlyName());
      }
      if (!t.equals(first)) {
        allSameList = false;
      }
    }
    if (allSameList) {
      return first;
    }
    for (Value v : args) {
      if (!v.isKnown()) {
        return DYNAMIC;
      }
      for (Value e : Values.elements(v)) {
        tupleTypes.add(e.type());
      }
    }
    return Type.tuple(tupleTypes);
  }

  private static Value concat(CallArgs a) {
    List<Value> out = new ArrayList<>();
    for (Value v : a.values()) {
      out.addAll(Values.elements(v));
    }
    return a.returnType() instanceof Type.ListType l
        ? Value.list(l.element(), out)
        : Value.tuple(out);
  }

  private static int indexOf(List<Value> elems, Value v) {
    for (int i = 0; i < elems.size(); i++) {
      if (Operations.equality(elems.get(i).unmarkDeep(), v.unmarkDeep()).equals(Value.TRUE)) {
        return i;
      }
    }
    return -1;
  }

  // ---- element, flatten, keys, length, lookup ----

  private static Type elementType(List<Value> args) throws FunctionException {
    Value list = args.get(0);
    Type t = list.type();
    if (t instanceof Type.ListType l) {
      return l.element();
    }
    if (t instanceof Type.TupleType tt) {
      if (tt.elements().isEmpty()) {
        throw new FunctionException("cannot use element function with an empty list");
      }
      Value index = args.get(1);
      if (!index.isKnown()) {
        return DYNAMIC;
      }
      return tt.elements().get(wrapIndex(Values.num(index), tt.elements().size()));
    }
    if (t instanceof Type.Dynamic) {
      return DYNAMIC;
    }
    throw new FunctionException("cannot read elements from " + t.friendlyName());
  }

  private static int wrapIndex(BigDecimal index, int size) throws FunctionException {
    Long i = Values.toLong(index);
    if (i == null) {
      throw new FunctionException("invalid index: " + Values.WHOLE_NUMBER);
    }
    if (i < 0) {
      throw new FunctionException("cannot use element function with a negative index");
    }
    return (int) (i % size);
  }

  private static Value element(CallArgs a) throws FunctionException {
    List<Value> elems = Values.elements(a.get(0));
    if (elems.isEmpty()) {
      throw new FunctionException("cannot use element function with an empty list");
    }
    return elems.get(wrapIndex(a.number(1), elems.size()));
  }

  private static void flatten(Value v, List<Value> out) throws FunctionException {
    List<Value> elems = Values.elements(v);
    if (elems == null) {
      throw new FunctionException("can only flatten lists, sets and tuples");
    }
    for (Value e : elems) {
      if (!e.isNull() && Values.elements(e) != null) {
        flatten(e, out);
      } else {
        out.add(e);
      }
    }
  }

  private static Type keysType(List<Value> args) throws FunctionException {
    Type t = args.get(0).type();
    return switch (t) {
      case Type.MapType m -> Type.list(STRING);
      case Type.ObjectType o -> Type.tuple(Collections.nCopies(o.attributes().size(), STRING));
      case Type.Dynamic d -> DYNAMIC;
      case Type.Primitive p ->
          throw new FunctionException(0, "inputMap", "must have map or object type");
      case Type.ListType l ->
          throw new FunctionException(0, "inputMap", "must have map or object type");
      case Type.SetType s ->
          throw new FunctionException(0, "inputMap", "must have map or object type");
      case Type.TupleType tt ->
          throw new FunctionException(0, "inputMap", "must have map or object type");
    };
  }

  private static Value keys(CallArgs a) {
    Value m = a.get(0);
    if (a.returnType() instanceof Type.TupleType tt) {
      List<Value> keys = new ArrayList<>();
      ((Type.ObjectType) m.type()).attributes().keySet().forEach(k -> keys.add(Value.of(k)));
      return Value.tuple(keys);
    }
    if (!m.isKnown()) {
      return Value.unknown(a.returnType());
    }
    if (m.isNull()) {
      return Value.nullOf(a.returnType());
    }
    List<Value> keys = new ArrayList<>();
    Values.entries(m).keySet().forEach(k -> keys.add(Value.of(k)));
    return Value.list(STRING, keys);
  }

  private static Value length(CallArgs a) throws FunctionException {
    Value v = a.get(0);
    boolean sensitive = v.isSensitive();
    Value u = v.unmark();
    Type t = u.type();
    if (t instanceof Type.TupleType tt) {
      return Value.of(tt.elements().size()).markSensitiveIf(sensitive);
    }
    if (t instanceof Type.ObjectType ot) {
      return Value.of(ot.attributes().size()).markSensitiveIf(sensitive);
    }
    if (!u.isKnown()) {
      if (t.isPrimitive() && !t.equals(STRING)) {
        throw new FunctionException(
            "argument must be a string, a collection type, or a structural type");
      }
      return Value.unknown(NUMBER).markSensitiveIf(sensitive);
    }
    if (u instanceof StringValue s) {
      return Value.of(Values.graphemeCount(s.value())).markSensitiveIf(sensitive);
    }
    if (u instanceof ListValue || u instanceof SetValue) {
      return Value.of(Values.elements(u).size()).markSensitiveIf(sensitive);
    }
    if (u instanceof MapValue m) {
      return Value.of(m.entries().size()).markSensitiveIf(sensitive);
    }
    throw new FunctionException(
        "argument must be a string, a collection type, or a structural type");
  }

  private static Type lookupType(List<Value> args) throws FunctionException {
    if (args.size() > 3) {
      throw new FunctionException("lookup() takes two or three arguments, got " + args.size());
    }
    Value m = args.get(0);
    Type t = m.type();
    boolean hasDefault = args.size() == 3 && !args.get(2).isNull();
    if (t instanceof Type.MapType mt) {
      if (hasDefault) {
        Type d = args.get(2).type();
        if (!Convert.canConvert(d, mt.element())) {
          throw new FunctionException(
              2, "default", "the default value must have the same type as the map elements");
        }
      }
      return mt.element();
    }
    if (t instanceof Type.ObjectType ot) {
      Value key = args.get(1);
      if (!key.isKnown()) {
        return DYNAMIC;
      }
      Type attr = ot.attributes().get(Values.str(key));
      if (attr != null) {
        return attr;
      }
      if (hasDefault) {
        return args.get(2).type();
      }
      if (args.size() == 3) {
        return DYNAMIC;
      }
      throw new FunctionException(
          0, "inputMap", "the given object has no attribute \"" + Values.str(key) + "\"");
    }
    if (t instanceof Type.Dynamic) {
      return DYNAMIC;
    }
    throw new FunctionException(0, "inputMap", "lookup() requires a map as the first argument");
  }

  private static Value lookup(CallArgs a) throws FunctionException {
    Map<String, Value> entries = Values.entries(a.get(0));
    String key = a.string(1);
    Value v = entries.get(key);
    if (v != null) {
      return a.returnType() instanceof Type.Dynamic ? v : convert(v, a.returnType(), 0, "inputMap");
    }
    if (a.size() == 3) {
      Value d = a.get(2);
      return d.isNull() ? Value.nullOf(a.returnType()) : convert(d, a.returnType(), 2, "default");
    }
    throw new FunctionException("lookup failed to find key \"" + key + "\"");
  }

  private static Value matchkeys(CallArgs a) throws FunctionException {
    ListValue vals = (ListValue) a.get(0);
    ListValue keys = (ListValue) a.get(1);
    if (vals.elements().size() != keys.elements().size()) {
      throw new FunctionException("length of keys and values should be equal");
    }
    List<Value> search = Values.elements(a.get(2));
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < keys.elements().size(); i++) {
      if (indexOf(search, keys.elements().get(i)) >= 0) {
        out.add(vals.elements().get(i));
      }
    }
    return Value.list(vals.elementType(), out);
  }

  // ---- merge, one, range, reverse ----

  private static Type mergeType(List<Value> args) throws FunctionException {
    Type mapElement = null;
    boolean allMapsSame = true;
    Map<String, Type> attrs = new TreeMap<>();
    for (Value v : args) {
      Type t = v.type();
      if (t instanceof Type.Dynamic) {
        if (v.isNull()) {
          continue;
        }
        return DYNAMIC;
      }
      if (t instanceof Type.MapType mt) {
        if (mapElement == null) {
          mapElement = mt.element();
        } else if (!mapElement.equals(mt.element())) {
          allMapsSame = false;
        }
      } else if (t instanceof Type.ObjectType ot) {
        allMapsSame = false;
        attrs.putAll(ot.attributes());
      } else {
        throw new FunctionException(
            "arguments must be maps or objects, got \"" + t.friendlyName() + "\"");
      }
    }
    if (allMapsSame) {
      return mapElement == null ? Type.EMPTY_OBJECT : Type.map(mapElement);
    }
    for (Value v : args) {
      if (v.type() instanceof Type.MapType && (!v.isKnown())) {
        return DYNAMIC;
      }
    }
    for (Value v : args) {
      if (v.isNull()) {
        continue;
      }
      if (v.type() instanceof Type.MapType) {
        Values.entries(v).forEach((k, e) -> attrs.put(k, e.type()));
      } else {
        attrs.putAll(((Type.ObjectType) v.type()).attributes());
      }
    }
    return Type.object(attrs);
  }

  private static Value merge(CallArgs a) {
    Map<String, Value> out = new TreeMap<>();
    for (Value v : a.values()) {
      if (!v.isNull()) {
        out.putAll(Values.entries(v));
      }
    }
    if (a.returnType() instanceof Type.MapType mt) {
      return Value.map(mt.element(), out);
    }
    return Value.object(out);
  }

  private static final String ONE_ERROR =
      "must be a list, set, or tuple value with either zero or one elements";

  private static Type oneType(List<Value> args) throws FunctionException {
    Value v = args.get(0);
    Type t = v.type();
    if (t instanceof Type.ListType || t instanceof Type.SetType) {
      if (v.isKnown() && Values.elements(v).size() > 1) {
        throw new FunctionException(0, "list", ONE_ERROR);
      }
      return t.elementType();
    }
    if (t instanceof Type.TupleType tt) {
      if (tt.elements().size() > 1) {
        throw new FunctionException(0, "list", ONE_ERROR);
      }
      return tt.elements().isEmpty() ? DYNAMIC : tt.elements().get(0);
    }
    if (t instanceof Type.Dynamic) {
      return DYNAMIC;
    }
    throw new FunctionException(0, "list", ONE_ERROR);
  }

  private static Value range(CallArgs a) throws FunctionException {
    BigDecimal start;
    BigDecimal end;
    BigDecimal step;
    switch (a.size()) {
      case 1 -> {
        start = BigDecimal.ZERO;
        end = a.number(0);
        step = BigDecimal.ONE;
      }
      case 2 -> {
        start = a.number(0);
        end = a.number(1);
        step = start.compareTo(end) > 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE;
      }
      case 3 -> {
        start = a.number(0);
        end = a.number(1);
        step = a.number(2);
      }
      default -> throw new FunctionException("must have one, two, or three arguments");
    }
    if (step.signum() < 0 && start.compareTo(end) < 0) {
      throw new FunctionException(0, "params", "end must be less than start when step is negative");
    }
    if (step.signum() > 0 && start.compareTo(end) > 0) {
      throw new FunctionException(
          0, "params", "end must be greater than start when step is positive");
    }
    List<Value> out = new ArrayList<>();
    BigDecimal v = start;
    while (step.signum() >= 0 ? v.compareTo(end) < 0 : v.compareTo(end) > 0) {
      if (out.size() >= 1024) {
        throw new FunctionException(
            "more than 1024 values were generated; either decrease the difference between start"
                + " and end or use a smaller step");
      }
      out.add(Value.of(v));
      v = v.add(step);
    }
    return Value.list(NUMBER, out);
  }

  private static Type reverseType(List<Value> args) throws FunctionException {
    Type t = args.get(0).type();
    return switch (t) {
      case Type.ListType l -> l;
      case Type.SetType s -> Type.list(s.element());
      case Type.TupleType tt -> {
        List<Type> r = new ArrayList<>(tt.elements());
        Collections.reverse(r);
        yield Type.tuple(r);
      }
      case Type.Dynamic d -> DYNAMIC;
      case Type.Primitive p -> throw notReversible(t);
      case Type.MapType m -> throw notReversible(t);
      case Type.ObjectType o -> throw notReversible(t);
    };
  }

  private static FunctionException notReversible(Type t) {
    return new FunctionException(
        0, "list", "can only reverse list or tuple values, not " + t.friendlyName());
  }

  // ---- sets ----

  private static Type unifiedSetType(List<Value> args) throws FunctionException {
    List<Type> elems = new ArrayList<>();
    for (Value v : args) {
      elems.add(v.type().elementType());
    }
    Type e = Convert.unify(elems);
    if (e == null) {
      throw new FunctionException("given sets must all have compatible element types");
    }
    return Type.set(e);
  }

  /** 0 intersection, 1 union, 2 subtraction. */
  private static Value setOperation(CallArgs a, int op) throws FunctionException {
    Type setType = a.returnType();
    List<List<Value>> sets = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      sets.add(Values.elements(convert(a.get(i), setType, i, i == 0 ? "first_set" : "other_sets")));
    }
    LinkedHashSet<Value> result = new LinkedHashSet<>(sets.get(0));
    for (List<Value> other : sets.subList(1, sets.size())) {
      switch (op) {
        case 0 -> result.retainAll(other);
        case 1 -> result.addAll(other);
        default -> other.forEach(result::remove);
      }
    }
    return Value.set(setType.elementType(), new ArrayList<>(result));
  }

  private static Type setproductType(List<Value> args) throws FunctionException {
    if (args.size() < 2) {
      throw new FunctionException("at least two arguments are required");
    }
    boolean anySet = false;
    List<Type> elems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Type t = args.get(i).type();
      switch (t) {
        case Type.SetType s -> {
          anySet = true;
          elems.add(s.element());
        }
        case Type.ListType l -> elems.add(l.element());
        case Type.TupleType tt -> {
          Type e = Convert.unify(tt.elements());
          if (e == null) {
            throw new FunctionException(i, "sets", "a set or a list is required");
          }
          elems.add(e);
        }
        case Type.Dynamic d -> {
          return DYNAMIC;
        }
        case Type.Primitive p ->
            throw new FunctionException(i, "sets", "a set or a list is required");
        case Type.MapType m ->
            throw new FunctionException(i, "sets", "a set or a list is required");
        case Type.ObjectType o ->
            throw new FunctionException(i, "sets", "a set or a list is required");
      }
    }
    Type tuple = Type.tuple(elems);
    return anySet ? Type.set(tuple) : Type.list(tuple);
  }

  private static Value setproduct(CallArgs a) throws FunctionException {
    Type rt = a.returnType();
    List<Type> elemTypes = ((Type.TupleType) rt.elementType()).elements();
    List<List<Value>> inputs = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      inputs.add(Values.elements(convert(a.get(i), Type.list(elemTypes.get(i)), i, "sets")));
    }
    List<List<Value>> product = new ArrayList<>();
    product.add(List.of());
    for (List<Value> in : inputs) {
      List<List<Value>> next = new ArrayList<>();
      for (List<Value> prefix : product) {
        for (Value v : in) {
          List<Value> row = new ArrayList<>(prefix);
          row.add(v);
          next.add(row);
        }
      }
      product = next;
    }
    List<Value> rows = product.stream().map(r -> (Value) Value.tuple(r)).toList();
    return rt instanceof Type.SetType
        ? Value.set(rt.elementType(), rows)
        : Value.list(rt.elementType(), rows);
  }

  // ---- slice, sort, sum, transpose, values, zipmap ----

  private static Type sliceType(List<Value> args) throws FunctionException {
    Type t = args.get(0).type();
    if (t instanceof Type.ListType) {
      return t;
    }
    if (t instanceof Type.TupleType tt) {
      if (!args.get(1).isKnown() || !args.get(2).isKnown()) {
        return DYNAMIC;
      }
      int[] range = sliceRange(args, tt.elements().size());
      return Type.tuple(tt.elements().subList(range[0], range[1]));
    }
    if (t instanceof Type.Dynamic) {
      return DYNAMIC;
    }
    throw new FunctionException(0, "list", "must be a list or tuple value");
  }

  private static int[] sliceRange(List<Value> args, int size) throws FunctionException {
    Long start = Values.toLong(Values.num(args.get(1)));
    if (start == null) {
      throw new FunctionException(1, "start_index", Values.WHOLE_NUMBER);
    }
    Long end = Values.toLong(Values.num(args.get(2)));
    if (end == null) {
      throw new FunctionException(2, "end_index", Values.WHOLE_NUMBER);
    }
    if (start < 0) {
      throw new FunctionException(1, "start_index", "start index must not be less than zero");
    }
    if (end > size) {
      throw new FunctionException(
          2, "end_index", "end index must not be greater than the length of the list");
    }
    if (start > end) {
      throw new FunctionException(
          1, "start_index", "start index must not be greater than end index");
    }
    return new int[] {start.intValue(), end.intValue()};
  }

  private static Value slice(CallArgs a) throws FunctionException {
    List<Value> elems = Values.elements(a.get(0));
    int[] range = sliceRange(a.values(), elems.size());
    List<Value> out = elems.subList(range[0], range[1]);
    return a.returnType() instanceof Type.ListType l
        ? Value.list(l.element(), out)
        : Value.tuple(out);
  }

  private static Value sort(CallArgs a) throws FunctionException {
    if (!a.get(0).isKnown()) {
      return Value.unknown(Type.list(STRING));
    }
    List<Value> elems = Values.elements(a.get(0));
    if (!a.get(0).isWhollyKnown()) {
      // the order is not known, the length is: as many unknown strings, as Terraform plans it
      List<Value> unknowns = new ArrayList<>();
      for (int i = 0; i < elems.size(); i++) {
        if (elems.get(i).isNull()) {
          throw new FunctionException(
              "given list element " + i + " is null; a null string cannot be sorted");
        }
        unknowns.add(Value.unknown(STRING));
      }
      return Value.list(STRING, unknowns);
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < elems.size(); i++) {
      if (elems.get(i).isNull()) {
        throw new FunctionException(
            "given list element " + i + " is null; a null string cannot be sorted");
      }
      strings.add(Values.str(elems.get(i)));
    }
    strings.sort(CollectionFunctions::compareCodePoints);
    return Value.list(STRING, strings.stream().map(s -> (Value) Value.of(s)).toList());
  }

  /** Go's byte-wise UTF-8 order, which is code point order. */
  static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int cx = x.codePointAt(i);
      int cy = y.codePointAt(j);
      if (cx != cy) {
        return Integer.compare(cx, cy);
      }
      i += Character.charCount(cx);
      j += Character.charCount(cy);
    }
    return Boolean.compare(i < x.length(), j < y.length());
  }

  private static Value sum(CallArgs a) throws FunctionException {
    Value l = a.get(0);
    List<Value> elems = Values.elements(l);
    if (elems == null) {
      throw new FunctionException(
          0, "list", "argument must be list, set, or tuple. Received " + l.type().friendlyName());
    }
    if (elems.isEmpty()) {
      throw new FunctionException(0, "list", "cannot sum an empty list");
    }
    Value total = null;
    for (Value e : elems) {
      if (e.isNull()) {
        throw new FunctionException(
            0, "list", "argument must be list, set, or tuple of number values");
      }
      Value n;
      try {
        n = Convert.convert(e, NUMBER);
      } catch (ConversionException ex) {
        throw new FunctionException(
            0, "list", "argument must be list, set, or tuple of number values");
      }
      try {
        total = total == null ? n : Operations.add(total, n);
      } catch (OperationException ex) {
        throw new FunctionException(ex.getMessage());
      }
    }
    return total;
  }

  private static Value transpose(CallArgs a) throws FunctionException {
    Map<String, List<Value>> out = new TreeMap<>();
    for (Map.Entry<String, Value> e : Values.entries(a.get(0)).entrySet()) {
      if (e.getValue().isNull()) {
        throw new FunctionException("input must not contain null list");
      }
      for (Value v : Values.elements(e.getValue())) {
        if (v.isNull()) {
          throw new FunctionException("input must not contain null string");
        }
        out.computeIfAbsent(Values.str(v), k -> new ArrayList<>()).add(Value.of(e.getKey()));
      }
    }
    Map<String, Value> result = new TreeMap<>();
    out.forEach((k, v) -> result.put(k, Value.list(STRING, v)));
    return Value.map(Type.list(STRING), result);
  }

  private static Type valuesType(List<Value> args) throws FunctionException {
    Type t = args.get(0).type();
    if (t instanceof Type.MapType m) {
      return Type.list(m.element());
    }
    if (t instanceof Type.ObjectType o) {
      return Type.tuple(new ArrayList<>(o.attributes().values()));
    }
    if (t instanceof Type.Dynamic) {
      return DYNAMIC;
    }
    throw new FunctionException("values() requires a map as the first argument");
  }

  private static Type zipmapType(List<Value> args) throws FunctionException {
    Type t = args.get(1).type();
    if (t instanceof Type.ListType l) {
      return Type.map(l.element());
    }
    if (t instanceof Type.TupleType tt) {
      Value keys = args.get(0);
      if (!keys.isWhollyKnown()) {
        return DYNAMIC;
      }
      List<Value> ks = Values.elements(keys);
      if (ks.size() != tt.elements().size()) {
        throw new FunctionException(
            "number of keys ("
                + ks.size()
                + ") does not match number of values ("
                + tt.elements().size()
                + ")");
      }
      Map<String, Type> attrs = new LinkedHashMap<>();
      for (int i = 0; i < ks.size(); i++) {
        if (ks.get(i).isNull()) {
          throw new FunctionException("keys list has null value at index " + i);
        }
        attrs.put(Values.str(ks.get(i)), tt.elements().get(i));
      }
      return Type.object(attrs);
    }
    if (t instanceof Type.Dynamic) {
      return DYNAMIC;
    }
    throw new FunctionException(1, "values", "values must be a list or tuple");
  }

  private static Value zipmap(CallArgs a) throws FunctionException {
    List<Value> ks = Values.elements(a.get(0));
    List<Value> vs = Values.elements(a.get(1));
    if (ks.size() != vs.size()) {
      throw new FunctionException(
          "number of keys (" + ks.size() + ") does not match number of values (" + vs.size() + ")");
    }
    Map<String, Value> out = new LinkedHashMap<>();
    for (int i = 0; i < ks.size(); i++) {
      if (ks.get(i).isNull()) {
        throw new FunctionException("keys list has null value at index " + i);
      }
      out.put(Values.str(ks.get(i)), vs.get(i));
    }
    return a.returnType() instanceof Type.MapType m
        ? Value.map(m.element(), out)
        : Value.object(out);
  }

  static Value convert(Value v, Type t, int argIndex, String param) throws FunctionException {
    try {
      return Convert.convert(v, t);
    } catch (ConversionException e) {
      throw new FunctionException(argIndex, param, Builtin.conversionMessage(e, t));
    }
  }
}
