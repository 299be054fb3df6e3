/**
 * Renderers of plans, states and outputs, as Terraform 1.11 shows them: the human plan text ({@link
 * dev.forma.engine.render.PlanRenderer}), {@code show -json} of a plan ({@link
 * dev.forma.engine.render.PlanJson}) and of a state ({@link dev.forma.engine.render.StateJson}),
 * and {@code forma output} ({@link dev.forma.engine.render.OutputRenderer}).
 *
 * <p>Owns the symbols, colours, wording and JSON shapes (STYLE 7): the plan model only says what
 * happens. Renderers are pure functions of their inputs: they never read files, the terminal or the
 * environment, and never change the plan or the state they are given. Sensitive values are never
 * written into human text; the JSON formats carry them as Terraform's do.
 */
package dev.forma.engine.render;
