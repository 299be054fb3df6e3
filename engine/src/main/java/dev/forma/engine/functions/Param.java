package dev.forma.engine.functions;

import dev.forma.provider.api.value.Type;

/**
 * A declared parameter of a built-in function: its name (as error messages show it), the type its
 * argument is converted to, and what the function handles itself rather than leaving to {@link
 * Builtin}: null arguments, unknown (or partly unknown) arguments, sensitive marks anywhere inside
 * the argument, and arguments whose type is not yet known.
 */
public record Param(
    String name,
    Type type,
    boolean allowNull,
    boolean allowUnknown,
    boolean allowMarked,
    boolean allowDynamicType) {

  /** A parameter that accepts only non-null, wholly known values, marks handled by the caller. */
  public static Param of(String name, Type type) {
    return new Param(name, type, false, false, false, false);
  }

  /** This parameter, accepting null. */
  public Param nullable() {
    return new Param(name, type, true, allowUnknown, allowMarked, allowDynamicType);
  }

  /** This parameter, passing unknown values (top-level or nested) to the function. */
  public Param unknowns() {
    return new Param(name, type, allowNull, true, allowMarked, true);
  }

  /** This parameter, passing sensitive marks to the function instead of removing them. */
  public Param marked() {
    return new Param(name, type, allowNull, allowUnknown, true, allowDynamicType);
  }

  /** This parameter, passing an argument of not-yet-known type to the type rule. */
  public Param dynamic() {
    return new Param(name, type, allowNull, allowUnknown, allowMarked, true);
  }
}
