package dev.forma.provider.api.value;

import java.util.Comparator;

/**
 * The canonical order of set elements: known before unknown; then strings lexically, numbers
 * numerically, false before true; values of other kinds by their printed form. It only has to be
 * total and stable, so that equal sets have equal element lists.
 */
public final class ValueOrder implements Comparator<Value> {
  public static final ValueOrder INSTANCE = new ValueOrder();

  private ValueOrder() {}

  @Override
  public int compare(Value a, Value b) {
    Value ua = a.unmark();
    Value ub = b.unmark();
    int ka = rank(ua);
    int kb = rank(ub);
    if (ka != kb) {
      return Integer.compare(ka, kb);
    }
    if (ua instanceof StringValue sa && ub instanceof StringValue sb) {
      return sa.value().compareTo(sb.value());
    }
    if (ua instanceof NumberValue na && ub instanceof NumberValue nb) {
      return na.value().compareTo(nb.value());
    }
    if (ua instanceof BoolValue ba && ub instanceof BoolValue bb) {
      return Boolean.compare(ba.value(), bb.value());
    }
    return ua.toString().compareTo(ub.toString());
  }

  private static int rank(Value v) {
    return switch (v) {
      case StringValue s -> 0;
      case NumberValue n -> 1;
      case BoolValue b -> 2;
      case NullValue n -> 4;
      case UnknownValue u -> 5;
      case SensitiveValue s -> 3;
      case ListValue l -> 3;
      case SetValue s -> 3;
      case TupleValue t -> 3;
      case MapValue m -> 3;
      case ObjectValue o -> 3;
    };
  }
}
