package dev.forma.engine.functions;

import java.util.Collection;

/** The functions a scope can call, by name. */
public interface FunctionTable {
  /** The function of that name, or null when there is none. */
  Function lookup(String name);

  /** Every name, for "did you mean" suggestions. */
  Collection<String> names();
}
