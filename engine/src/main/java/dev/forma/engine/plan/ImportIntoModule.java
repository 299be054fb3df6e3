package dev.forma.engine.plan;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.Range;

/**
 * The error for an import into a resource of a child module, which Forma does not do yet (an {@code
 * import} block's {@code to}, or {@code forma import}'s address), with the way round it.
 */
public final class ImportIntoModule {
  private ImportIntoModule() {}

  /** The error for importing into {@code address}, at {@code range} when there is one. */
  public static Diagnostic notYet(ResourceInstanceAddress address, Range range) {
    String local = address.resource().type() + "." + address.resource().name();
    String detail =
        "Forma imports into resources of the root module only, and "
            + address
            + " is in "
            + address.resource().module()
            + ". Until it does, declare the resource in the root module, import it there ("
            + local
            + address.key().suffix()
            + "), then move it into the module with a moved block:\n\n"
            + "moved {\n  from = "
            + local
            + "\n  to   = "
            + address.resource()
            + "\n}";
    return range == null
        ? Diagnostic.error("Import into a module is not supported yet", detail)
        : Diagnostic.error("Import into a module is not supported yet", detail, range);
  }
}
