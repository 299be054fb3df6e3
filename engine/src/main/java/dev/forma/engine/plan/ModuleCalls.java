package dev.forma.engine.plan;

import dev.forma.engine.config.Module;
import dev.forma.engine.config.ModuleCall;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;

/**
 * What the planner says about {@code module} blocks until it plans child modules: each call is an
 * error at its block, so that no plan is made without the resources the children hold (such a plan
 * would propose destroying them).
 */
final class ModuleCalls {
  private ModuleCalls() {}

  static Diagnostics notPlanned(Module module) {
    Diagnostics d = new Diagnostics();
    for (ModuleCall c : module.calls().values()) {
      d.add(
          Diagnostic.error(
              "Module calls cannot be planned yet",
              "Forma loads and validates module \""
                  + c.name()
                  + "\" (forma validate), but does not plan or apply child modules yet. Move its"
                  + " resources into the root module to plan them.",
              c.declRange()));
    }
    return d;
  }
}
