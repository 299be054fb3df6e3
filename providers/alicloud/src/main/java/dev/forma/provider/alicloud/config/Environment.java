package dev.forma.provider.alicloud.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What the provider reads from the process around it: environment variables, the home directory
 * (for {@code ~/.aliyun/config.json}) and system properties. A seam so tests set each.
 */
public record Environment(
    Map<String, String> variables, Path home, Function<String, String> systemProperties) {
  public Environment {
    variables = Map.copyOf(variables);
  }

  /** The real process environment. */
  public static Environment system() {
    return new Environment(
        System.getenv(), Path.of(System.getProperty("user.home")), System::getProperty);
  }

  /** The variable's value, or null when unset or empty. */
  public String get(String name) {
    String v = variables.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The first of {@code names} that is set, or null. */
  public String first(String... names) {
    for (String n : names) {
      String v = get(n);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  public String property(String name) {
    String v = systemProperties.apply(name);
    return v == null || v.isEmpty() ? null : v;
  }
}
