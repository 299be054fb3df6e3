/**
 * The engine as the CLI (or any other front end) uses it: {@link dev.forma.engine.facade.Engine}
 * validates a configuration, configures the providers a plan or apply needs, plans, applies and
 * imports, each step returning data and diagnostics, with progress reported through {@link
 * dev.forma.engine.apply.ApplyHooks}. It owns no logic of its own beyond putting the stages
 * together in the order they must run: loading files, reading variables, locking and writing state
 * and everything shown to a person stay with the caller.
 */
package dev.forma.engine.facade;
