package dev.forma.engine.config;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.TypeConstraint;
import dev.forma.provider.api.value.Value;

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
      if (def != null && def.isNull() && !v.nullable()) {
        diags.add(
            Diagnostic.error(
                "Invalid default value for variable",
                "A null default value is not valid when nullable=false.",
                v.defaultExpr().range()));
      }
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

  /**
   * {@code base} with the arguments {@code over} sets replaced (Terraform's override rule;
   * validation blocks cannot be overridden), then checked again as Terraform checks the merge: a
   * default the other block's type constraint refuses, or a null default with {@code nullable =
   * false}, is an error at the override.
   */
  static Variable overrideWith(
      Variable base, Variable over, BlockSchema.Content c, Diagnostics diags) {
    boolean typeSet = c.get("type") != null;
    boolean defaultSet = c.get("default") != null;
    boolean nullableSet = c.get("nullable") != null;
    Variable merged =
        new Variable(
            base.name(),
            typeSet ? over.typeExpr() : base.typeExpr(),
            typeSet ? over.constraint() : base.constraint(),
            defaultSet ? over.defaultExpr() : base.defaultExpr(),
            c.get("description") != null ? over.description() : base.description(),
            c.get("sensitive") != null ? over.sensitive() : base.sensitive(),
            nullableSet ? over.nullable() : base.nullable(),
            c.get("ephemeral") != null ? over.ephemeral() : base.ephemeral(),
            base.validations(),
            base.declRange());
    if (merged.defaultExpr() == null || (typeSet && defaultSet)) {
      return merged; // nothing to re-check, or checked as the override block was read
    }
    Value def = Constants.value(merged.defaultExpr(), new Diagnostics());
    if (def == null) {
      return merged;
    }
    if (!def.isNull() && (typeSet || defaultSet)) {
      try {
        TypeConstraints.convert(def, merged.constraint());
      } catch (ConversionException e) {
        diags.add(
            Diagnostic.error(
                "Invalid default value for variable",
                (typeSet
                        ? "Overriding this variable's type constraint has made its default value"
                            + " invalid: "
                        : "The overridden default value for this variable is not compatible with"
                            + " the variable's type constraint: ")
                    + e.describe()
                    + ".",
                over.declRange()));
      }
    }
    if (def.isNull() && !merged.nullable() && !(defaultSet && nullableSet)) {
      diags.add(
          Diagnostic.error(
              "Invalid default value for variable",
              "A null default value is not valid when nullable=false.",
              over.declRange()));
    }
    return merged;
  }
}
