/**
 * Expression evaluation: a syntax tree plus a context of variables and functions gives a value and
 * diagnostics.
 *
 * <p>Owns {@link dev.forma.engine.eval.Evaluator} and {@link dev.forma.engine.eval.EvalContext}.
 * Unknown values propagate as Terraform's do; sensitive marks survive every step. Must not know
 * what {@code var} or {@code resource} mean: the configuration layer puts values under those root
 * names.
 */
package dev.forma.engine.eval;
