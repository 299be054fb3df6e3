package dev.forma.engine.functions;

import dev.forma.provider.api.value.Value;
import java.util.List;

/** A built-in function. Arguments arrive evaluated, after any {@code ...} expansion. */
public interface Function {
  /** The name the configuration calls it by. */
  String name();

  /**
   * Calls the function. A user error (wrong type, bad value) is a {@link FunctionException}; an
   * unknown argument usually yields an unknown result of the right type; sensitive arguments give a
   * sensitive result.
   */
  Value call(List<Value> args, CallContext context) throws FunctionException;
}
