package dev.forma.engine.config;

import dev.forma.engine.diag.Diagnostics;

/** Resolves a variable's declared type constraint and merges variable overrides. */
final class VariableTypes {
  private VariableTypes() {}

  static Variable resolve(Variable v, Diagnostics diags) {
    return v;
  }

  /** {@code base} with the arguments {@code over} sets replaced (Terraform's override rule). */
  static Variable overrideWith(Variable base, Variable over, BlockSchema.Content c) {
    return new Variable(
        base.name(),
        c.get("type") != null ? over.typeExpr() : base.typeExpr(),
        c.get("type") != null ? over.type() : base.type(),
        c.get("default") != null ? over.defaultExpr() : base.defaultExpr(),
        c.get("description") != null ? over.description() : base.description(),
        c.get("sensitive") != null ? over.sensitive() : base.sensitive(),
        c.get("nullable") != null ? over.nullable() : base.nullable(),
        c.get("ephemeral") != null ? over.ephemeral() : base.ephemeral(),
        c.blocks("validation").isEmpty() ? base.validations() : over.validations(),
        base.declRange());
  }
}
