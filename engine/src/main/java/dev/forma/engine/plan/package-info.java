/**
 * Plans as data: one change record per resource instance and per output, each with its action, the
 * values before and after, why, and the paths that force replacement.
 *
 * <p>Owns {@link dev.forma.engine.plan.Plan} and its parts, and the planner that makes them, with
 * what it applies before planning: {@link dev.forma.engine.plan.Refactorings} ({@code moved} and
 * {@code removed} blocks, {@link dev.forma.engine.plan.Moves}) and {@link
 * dev.forma.engine.plan.ImportTargets} ({@code import} blocks). Only renderers know symbols,
 * colours and JSON shapes (STYLE 7).
 */
package dev.forma.engine.plan;
