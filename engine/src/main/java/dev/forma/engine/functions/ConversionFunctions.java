package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.BOOL;
import static dev.forma.provider.api.value.Type.DYNAMIC;
import static dev.forma.provider.api.value.Type.NUMBER;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.List;

/**
 * tobool, tolist, tomap, tonumber, toset, tostring, type, sensitive, nonsensitive, issensitive,
 * ephemeralasnull. These take marks and unknowns as they come: conversion keeps both where they
 * are.
 */
final class ConversionFunctions {
  private ConversionFunctions() {}

  static List<Builtin> all() {
    return List.of(
        to("tobool", BOOL),
        to("tonumber", NUMBER),
        to("tostring", STRING),
        to("tolist", Type.list(DYNAMIC)),
        to("toset", Type.set(DYNAMIC)),
        to("tomap", Type.map(DYNAMIC)),
        Builtin.named("type")
            .param(Param.of("value", DYNAMIC).nullable().unknowns().marked())
            .returns(STRING)
            .body(a -> Value.of(a.get(0).type().typeExpr())),
        Builtin.named("sensitive")
            .param(Param.of("value", DYNAMIC).nullable().unknowns().marked())
            .returns(a -> a.get(0).type())
            .body(a -> a.get(0).markSensitive()),
        Builtin.named("nonsensitive")
            .param(Param.of("value", DYNAMIC).nullable().unknowns().marked())
            .returns(a -> a.get(0).type())
            .body(a -> a.get(0).unmark()),
        // Forma has no ephemeral values: every value is already what this returns for them.
        Builtin.named("ephemeralasnull")
            .param(Param.of("value", DYNAMIC).nullable().unknowns().marked())
            .returns(a -> a.get(0).type())
            .body(a -> a.get(0)),
        Builtin.named("issensitive")
            .param(Param.of("value", DYNAMIC).nullable().unknowns().marked())
            .returns(BOOL)
            .body(a -> Value.of(a.get(0).isSensitive())));
  }

  private static Builtin to(String name, Type target) {
    return Builtin.named(name)
        .param(Param.of("v", DYNAMIC).nullable().unknowns().marked())
        .returns(
            a -> {
              Type from = a.get(0).type();
              if (!Convert.canConvert(from, target)) {
                throw new FunctionException(
                    0, "v", "cannot convert " + from.friendlyName() + " to " + targetName(target));
              }
              return target;
            })
        .body(a -> convert(a.get(0), target));
  }

  private static String targetName(Type t) {
    Type e = t.elementType();
    if (e instanceof Type.Dynamic) {
      String kind = t instanceof Type.ListType ? "list" : t instanceof Type.SetType ? "set" : "map";
      return kind + " of any single type";
    }
    return t.friendlyName();
  }

  private static Value convert(Value v, Type target) throws FunctionException {
    try {
      return Convert.convert(v, target);
    } catch (ConversionException e) {
      Value u = v.unmark();
      if (u instanceof StringValue s && target.equals(NUMBER)) {
        throw new FunctionException(
            0,
            "v",
            "cannot convert \""
                + s.value()
                + "\" to number; given string must be a decimal representation of a number");
      }
      if (u instanceof StringValue s && target.equals(BOOL)) {
        throw new FunctionException(
            0,
            "v",
            "cannot convert \""
                + s.value()
                + "\" to bool; only the strings \"true\" or \"false\" are allowed");
      }
      if (e.isTypeMismatch()) {
        throw new FunctionException(
            0, "v", "cannot convert " + v.type().friendlyName() + " to " + targetName(target));
      }
      throw new FunctionException(0, "v", e.describe());
    }
  }
}
