package dev.forma.cli;

import dev.forma.engine.config.Module;
import dev.forma.engine.config.ProviderConfig;
import dev.forma.engine.config.Resource;
import dev.forma.engine.config.TerraformSettings;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The providers a configuration requires, as {@code providers} and {@code init} list them: each
 * entry of {@code required_providers}, and each provider implied by a {@code provider} block or a
 * resource type, with its source address, version constraint and the built-in provider that serves
 * it (null when Forma has none).
 */
final class ProviderRequirements {
  /** One required provider. */
  record Requirement(
      String localName,
      String source,
      String constraint,
      ProviderFactory factory,
      boolean sourceMatches,
      Range range) {
    /** The source as Terraform prints it: {@code registry.terraform.io/aliyun/alicloud}. */
    String displaySource() {
      return source.chars().filter(c -> c == '/').count() == 1
          ? "registry.terraform.io/" + source
          : source;
    }

    boolean available() {
      return factory != null && sourceMatches;
    }
  }

  private ProviderRequirements() {}

  /** Every provider the module requires, sorted by source address. */
  static List<Requirement> of(Module module, Providers providers) {
    Map<String, Requirement> byName = new LinkedHashMap<>();
    for (TerraformSettings t : module.terraform()) {
      for (TerraformSettings.RequiredProvider rp : t.requiredProviders()) {
        ProviderFactory f = providers.factory(rp.name());
        String source = rp.source() == null ? defaultSource(rp.name(), f) : rp.source();
        boolean matches = f != null && sameSource(source, f.source());
        byName.putIfAbsent(
            rp.name(),
            new Requirement(rp.name(), source, normalise(rp.version()), f, matches, rp.range()));
      }
    }
    for (ProviderConfig pc : module.providers()) {
      implied(byName, pc.name(), pc.declRange(), providers);
    }
    for (Resource r : module.resources().values()) {
      implied(byName, r.providerAddress().localName(), r.typeRange(), providers);
    }
    TreeMap<String, Requirement> sorted = new TreeMap<>();
    byName.values().forEach(r -> sorted.put(r.displaySource() + "\0" + r.localName(), r));
    return new ArrayList<>(sorted.values());
  }

  private static void implied(
      Map<String, Requirement> byName, String name, Range range, Providers providers) {
    if (byName.containsKey(name)) {
      return;
    }
    ProviderFactory f = providers.factory(name);
    byName.put(name, new Requirement(name, defaultSource(name, f), null, f, f != null, range));
  }

  private static String defaultSource(String name, ProviderFactory f) {
    return f != null ? f.source() : "hashicorp/" + name;
  }

  private static boolean sameSource(String a, String b) {
    return strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String s) {
    return s.startsWith("registry.terraform.io/")
        ? s.substring("registry.terraform.io/".length())
        : s;
  }

  /** A version constraint as Terraform prints it: each version with three parts. */
  static String normalise(String constraint) {
    if (constraint == null || constraint.isBlank()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String c : constraint.split(",")) {
      String s = c.trim();
      int i = 0;
      while (i < s.length() && "<>=!~ ".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String op = s.substring(0, i).replace(" ", "");
      String v = s.substring(i).trim();
      String[] nums = v.split("\\.", -1);
      if (!v.isEmpty() && nums.length < 3 && v.matches("[0-9.]+")) {
        StringBuilder b = new StringBuilder(v);
        for (int n = nums.length; n < 3; n++) {
          b.append(".0");
        }
        v = b.toString();
      }
      parts.add(op.isEmpty() ? v : op + " " + v);
    }
    return String.join(", ", parts);
  }

  /** The sources Forma has, for an error that names them. */
  static String available(Providers providers) {
    List<String> out = new ArrayList<>();
    for (String n : providers.names()) {
      out.add(providers.factory(n).source() + " v" + providers.factory(n).version());
    }
    return String.join(", ", out);
  }
}
