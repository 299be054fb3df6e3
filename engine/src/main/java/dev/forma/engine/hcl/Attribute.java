package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Range;

/** {@code name = expr}. {@code range} runs from the name to the end of the expression. */
public record Attribute(String name, Expr expr, Range nameRange, Range equalsRange, Range range)
    implements BodyItem {}
