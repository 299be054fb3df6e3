package dev.forma.engine.modules;

import dev.forma.provider.api.diag.Range;

/**
 * A {@code module} block as the installer sees it: its name, its literal {@code source} and {@code
 * version} (null when not written) and where they are.
 *
 * @param declRange {@code module "name"}, where diagnostics about the whole call point
 * @param sourceRange the source argument's value
 * @param versionRange the version argument's value, null without one
 */
public record ModuleCall(
    String name,
    String source,
    String version,
    Range declRange,
    Range sourceRange,
    Range versionRange) {

  /** {@code main.tf:3}: how Terraform names a call in its messages. */
  String where() {
    return declRange.filename() + ":" + declRange.start().line();
  }
}
