/**
 * Built-in functions of the configuration language, with Terraform's semantics.
 *
 * <p>Owns {@link dev.forma.engine.functions.Function}, the standard {@link
 * dev.forma.engine.functions.FunctionTable} and every built-in. Functions are pure given their
 * {@link dev.forma.engine.functions.CallContext} (which supplies the base directory, the plan
 * timestamp and template rendering). Must not parse or evaluate configuration itself: it asks the
 * context. {@code can} and {@code try} take unevaluated expressions and live in the evaluator.
 *
 * <p>Each built-in is a {@link dev.forma.engine.functions.Builtin}: declared {@link
 * dev.forma.engine.functions.Param}s, a result-type rule and a body. Arity checks, null refusal,
 * argument conversion (through {@code Convert}), unknown propagation and sensitive-mark propagation
 * are done once there; {@link dev.forma.engine.functions.StandardFunctions#INSTANCE} is the table
 * of all of them.
 */
package dev.forma.engine.functions;
