package dev.forma.state;

import java.util.List;
import java.util.Objects;

/**
 * The recorded result of one checkable object of the configuration (Terraform's {@code
 * check_results} entries): a variable's validation rules ({@code objectKind} {@code "var"}), a
 * resource's or output's conditions, a check block.
 *
 * @param objectKind {@code "var"}, {@code "resource"}, {@code "output"} or {@code "check"}
 * @param configAddr the object's address in its module, without instance keys ({@code
 *     module.dev.var.env})
 * @param status {@code "pass"}, {@code "fail"}, {@code "error"} or {@code "unknown"}, of all its
 *     instances together
 * @param objects each instance's result, in order; null when the instances are not known
 */
public record CheckResult(
    String objectKind, String configAddr, String status, List<CheckObject> objects) {
  public CheckResult {
    Objects.requireNonNull(objectKind, "objectKind");
    Objects.requireNonNull(configAddr, "configAddr");
    Objects.requireNonNull(status, "status");
    objects = objects == null ? null : List.copyOf(objects);
  }

  /**
   * One instance's result.
   *
   * @param objectAddr the instance's address ({@code module.dev["x"].var.env})
   * @param status as {@link CheckResult#status}
   * @param failureMessages the error messages of the rules that failed; null when none
   */
  public record CheckObject(String objectAddr, String status, List<String> failureMessages) {
    public CheckObject {
      Objects.requireNonNull(objectAddr, "objectAddr");
      Objects.requireNonNull(status, "status");
      failureMessages = failureMessages == null ? null : List.copyOf(failureMessages);
    }
  }
}
