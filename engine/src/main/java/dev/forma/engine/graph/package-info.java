/**
 * The dependency graph of a module's resources: one node per resource in configuration and per
 * resource left only in state (to be deleted), edges from references (directly or through
 * locals), {@code count}/{@code for_each}, {@code depends_on}, {@code replace_triggered_by}, and,
 * for deletions, the {@code dependencies} recorded in state.
 *
 * <p>Built by small ordered steps ({@link dev.forma.engine.graph.GraphBuilder}), checked for
 * cycles (each reported once, naming every address on it with its source location), then frozen
 * into a {@link dev.forma.engine.graph.ResourceGraph} that planner and walker only read. Must not
 * evaluate expressions, talk to providers or change state.
 */
package dev.forma.engine.graph;
