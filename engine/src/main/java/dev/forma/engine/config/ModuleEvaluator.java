package dev.forma.engine.config;

import dev.forma.engine.diag.Diagnostics;
import java.util.List;

/**
 * The module-level checks and evaluation behind {@code validate} and {@code console}: every
 * reference checked against the declarations and the place it is written in, locals put in
 * dependency order (a cycle is an error naming each local on it).
 */
public final class ModuleEvaluator {
  private ModuleEvaluator() {}

  /** Checks a loaded module as {@code validate} does, without any variable values. */
  public static Diagnostics validate(Module module) {
    Diagnostics diags = new Diagnostics();
    ReferenceChecker.check(module, diags);
    LocalOrder.order(module.locals(), diags);
    return ConfigLoader.sorted(diags, List.copyOf(module.sources().keySet()));
  }

  /** The module's locals in an order where each comes after those it refers to. */
  public static List<Local> localsInOrder(Module module, Diagnostics diags) {
    return LocalOrder.order(module.locals(), diags);
  }
}
