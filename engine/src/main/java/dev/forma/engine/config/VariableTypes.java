package dev.forma.engine.config;

import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Diagnostics;
import dev.forma.engine.diag.Result;
import dev.forma.engine.value.ConversionException;
import dev.forma.engine.value.TypeConstraint;
import dev.forma.engine.value.TypeConstraints;
import dev.forma.engine.value.Value;

/**
 * Resolves a variable's declared type constraint, checks its default against it (Terraform does
 * both at load time), and merges variable overrides.
 */
final class VariableTypes {
  private VariableTypes() {}

  static Variable resolve(Variable v, Diagnostics diags) {
    TypeConstraint constraint = v.constraint();
    if (v.typeExpr() != null) {
      Result<TypeConstraint> r = TypeConstraints.parse(v.typeExpr());
      diags.addAll(r.diagnostics());
      if (r.value() != null && !r.hasErrors()) {
        constraint = r.value();
      }
    }
    if (v.defaultExpr() != null) {
      Value def = Constants.value(v.defaultExpr(), diags);
      if (def != null && !def.isNull()) {
        try {
          TypeConstraints.convert(def, constraint);
        } catch (ConversionException e) {
          diags.add(
              Diagnostic.error(
                  "Invalid default value for variable",
                  "This default value is not compatible with the variable's type constraint: "
                      + e.describe()
                      + ".",
                  v.defaultExpr().range()));
        }
      }
    }
    return new Variable(
        v.name(),
        v.typeExpr(),
        constraint,
        v.defaultExpr(),
        v.description(),
        v.sensitive(),
        v.nullable(),
        v.ephemeral(),
        v.validations(),
        v.declRange());
  }

  /** {@code base} with the arguments {@code over} sets replaced (Terraform's override rule). */
  static Variable overrideWith(Variable base, Variable over, BlockSchema.Content c) {
    return new Variable(
        base.name(),
        c.get("type") != null ? over.typeExpr() : base.typeExpr(),
        c.get("type") != null ? over.constraint() : base.constraint(),
        c.get("default") != null ? over.defaultExpr() : base.defaultExpr(),
        c.get("description") != null ? over.description() : base.description(),
        c.get("sensitive") != null ? over.sensitive() : base.sensitive(),
        c.get("nullable") != null ? over.nullable() : base.nullable(),
        c.get("ephemeral") != null ? over.ephemeral() : base.ephemeral(),
        c.blocks("validation").isEmpty() ? base.validations() : over.validations(),
        base.declRange());
  }
}
