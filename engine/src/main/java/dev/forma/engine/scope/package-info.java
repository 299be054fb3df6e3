/**
 * What resource expressions see during plan and apply: {@code var}, {@code local}, {@code path},
 * {@code terraform}, resources and data sources with their instance values as far as they are
 * known, {@code count.index}, {@code each.key}/{@code each.value} and {@code self}.
 *
 * <p>Owns {@link dev.forma.engine.scope.Scope}, which the planner and the apply walker update,
 * from many threads, as instances are planned or applied. Evaluation contexts are built for the
 * names an expression actually refers to, so that building one costs what the expression uses, not
 * what the module holds. Must not decide plan actions, talk to providers or write state.
 */
package dev.forma.engine.scope;
