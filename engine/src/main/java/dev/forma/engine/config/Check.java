package dev.forma.engine.config;

import dev.forma.provider.api.diag.Range;
import java.util.List;

/**
 * A {@code check} block: assertions that are reported as warnings when false, optionally with one
 * scoped {@code data} resource ({@code null} when none).
 */
public record Check(String name, Resource scopedData, List<CheckRule> asserts, Range declRange) {
  public Check {
    asserts = List.copyOf(asserts);
  }
}
