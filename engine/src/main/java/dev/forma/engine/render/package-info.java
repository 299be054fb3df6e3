/**
 * Renderers of plans, states and outputs, as Terraform 1.11 shows them: the human plan text ({@link
 * dev.forma.engine.render.PlanRenderer}), {@code show -json} of a plan ({@link
 * dev.forma.engine.render.PlanJson}) and of a state ({@link dev.forma.engine.render.StateJson}),
 * {@code forma output} ({@link dev.forma.engine.render.OutputRenderer}), plans and drift checks as
 * Markdown for pull requests ({@link dev.forma.engine.render.PlanMarkdown}), and {@code forma
 * drift}'s text and JSON ({@link dev.forma.engine.render.DriftRenderer}).
 *
 * <p>Owns the symbols, colours, wording and JSON shapes (STYLE 7): the plan model only says what
 * happens. Renderers are pure functions of their inputs: they never read files, the terminal or the
 * environment, and never change the plan or the state they are given. Sensitive values are never
 * written into human text; the JSON formats carry them as Terraform's do (the drift JSON leaves
 * them out).
 */
package dev.forma.engine.render;
