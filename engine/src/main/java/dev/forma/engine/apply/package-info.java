/**
 * Apply: carries out a {@link dev.forma.engine.plan.Plan} against the providers, change by change
 * in dependency order, recording each completed change durably in the state before any change that
 * depends on it starts.
 *
 * <p>Owns the generic parallel {@link dev.forma.engine.apply.GraphWalker}, the {@link
 * dev.forma.engine.apply.Applier}, its progress events ({@link dev.forma.engine.apply.ApplyHooks})
 * and the printer of Terraform's progress lines ({@link dev.forma.engine.apply.ProgressPrinter}).
 *
 * <p>Must not plan (decide what changes: the planner did), read configuration files, talk to the
 * terminal except through the hooks it is given, or write the state other than through the {@link
 * dev.forma.state.SyncState} it is given.
 */
package dev.forma.engine.apply;
