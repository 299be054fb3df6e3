/**
 * Module installation, as {@code terraform init} does it: the source addresses of module calls
 * (local paths, {@code git::} URLs and their shorthands, archives over HTTP, and module registry
 * addresses with version constraints), fetching them into {@code .terraform/modules}, the module
 * registry protocol, and the manifest {@code .terraform/modules/modules.json} in Terraform's
 * format.
 *
 * <p>Owns reading the {@code module} blocks of a directory (source and version must be literal
 * strings, so no evaluation is needed) and the {@link dev.forma.engine.modules.ModuleDirectories}
 * the rest of the engine uses to find an installed module. Must not load whole configurations (that
 * is {@code config}), evaluate expressions, or write to the terminal: progress lines go to a
 * listener and user errors come back as diagnostics.
 */
package dev.forma.engine.modules;
