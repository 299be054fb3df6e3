/**
 * Plans as data: one change record per resource instance and per output, each with its action, the
 * values before and after, why, and the paths that force replacement.
 *
 * <p>Owns {@link dev.forma.engine.plan.Plan} and its parts, and the planner that makes them. Only
 * renderers know symbols, colours and JSON shapes (STYLE 7).
 */
package dev.forma.engine.plan;
