package dev.forma.engine.functions;

import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.List;

/**
 * The arguments a {@link Builtin}'s body receives: converted to their parameters' types, with the
 * result type its type rule chose and the call's context.
 */
public record CallArgs(List<Value> values, Type returnType, CallContext context) {

  public Value get(int i) {
    return values.get(i);
  }

  public int size() {
    return values.size();
  }

  /** The arguments from index {@code from} on (the variadic ones). */
  public List<Value> from(int from) {
    return values.subList(Math.min(from, values.size()), values.size());
  }

  /** Argument {@code i}, a known non-null string. */
  public String string(int i) {
    return Values.str(values.get(i));
  }

  /** Argument {@code i}, a known non-null number. */
  public BigDecimal number(int i) {
    return Values.num(values.get(i));
  }

  /** Argument {@code i}, a known non-null bool. */
  public boolean bool(int i) {
    return Values.bool(values.get(i));
  }
}
