package dev.forma.engine.eval;

import dev.forma.engine.functions.CallContext;
import dev.forma.engine.functions.FunctionTable;
import dev.forma.provider.api.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * What an expression can see: values by root name ({@code var}, {@code local}, {@code path}, {@code
 * each}, a resource type, ...), the functions it can call, and the context functions run in. A
 * child context (for the variables of a {@code for} expression) shadows its parent.
 */
public record EvalContext(
    Map<String, Value> variables,
    FunctionTable functions,
    CallContext callContext,
    EvalContext parent) {

  public EvalContext(
      Map<String, Value> variables, FunctionTable functions, CallContext callContext) {
    this(variables, functions, callContext, null);
  }

  /** The value bound to a root name here or in a parent, or null. */
  public Value lookup(String name) {
    for (EvalContext c = this; c != null; c = c.parent) {
      Value v = c.variables.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** A child context with extra names bound. */
  public EvalContext child(Map<String, Value> names) {
    return new EvalContext(new HashMap<>(names), functions, callContext, this);
  }

  /** Every root name visible from here, for "did you mean" suggestions. */
  public java.util.Set<String> visibleNames() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (EvalContext c = this; c != null; c = c.parent) {
      out.addAll(c.variables.keySet());
    }
    return out;
  }
}
