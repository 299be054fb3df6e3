package dev.forma.engine.addrs;

import dev.forma.engine.hcl.Traverser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads addresses, from text (a command-line {@code -target}, an {@code import} argument) or from a
 * static traversal in configuration ({@code to = x.c[0]}), with Terraform's diagnostics. A text
 * address is a traversal: names separated by dots, and keys in brackets, a number or a
 * double-quoted string.
 */
public final class AddressParser {
  private AddressParser() {}

  /** One step of an address: a name, or an instance key. {@code range} may be null. */
  sealed interface Step permits Name, Key {
    Range range();
  }

  record Name(String name, Range range) implements Step {}

  record Key(InstanceKey key, Range range) implements Step {}

  /** {@code s} as a double-quoted string with HCL's escapes. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static Result<ResourceAddress> parseResource(String text) {
    Diagnostics diags = new Diagnostics();
    List<Step> steps = scan(text, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return resource(steps, null, diags);
  }

  static Result<ResourceInstanceAddress> parseResourceInstance(String text) {
    Diagnostics diags = new Diagnostics();
    List<Step> steps = scan(text, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return resourceInstance(steps, null, diags);
  }

  static Result<ProviderConfigAddress> parseProviderConfig(String text) {
    Diagnostics diags = new Diagnostics();
    List<Step> steps = scan(text, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    int[] used = new int[1];
    ModuleInstance m = modulePart(steps, used);
    if (m.steps().stream().anyMatch(s -> s.key() != InstanceKey.NONE)) {
      diags.add(
          Diagnostic.error(
              "Invalid provider configuration address",
              "Provider configurations belong to modules, not to module instances: write the"
                  + " module path without instance keys."));
      return new Result<>(null, diags);
    }
    Result<ProviderConfigAddress> local =
        providerConfig(steps.subList(used[0], steps.size()), null, diags);
    return local.value() == null
        ? local
        : new Result<>(local.value().in(m.module()), local.diagnostics());
  }

  /** A resource instance address from a static traversal such as {@code x.c["k"]}. */
  public static Result<ResourceInstanceAddress> resourceInstance(List<Traverser> traversal) {
    Diagnostics diags = new Diagnostics();
    List<Step> steps = steps(traversal, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return resourceInstance(steps, whole(traversal), diags);
  }

  /** A resource address (no instance key allowed) from a static traversal. */
  public static Result<ResourceAddress> resource(List<Traverser> traversal) {
    Diagnostics diags = new Diagnostics();
    List<Step> steps = steps(traversal, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return resource(steps, whole(traversal), diags);
  }

  /**
   * A provider configuration address from a static traversal ({@code provider = alicloud.west}),
   * with Terraform's "Invalid provider configuration reference" diagnostic.
   */
  public static Result<ProviderConfigAddress> providerConfig(List<Traverser> traversal) {
    Diagnostics diags = new Diagnostics();
    List<Step> steps = steps(traversal, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    return providerConfig(steps, whole(traversal), diags);
  }

  private static Range whole(List<Traverser> traversal) {
    return traversal.getFirst().range().to(traversal.getLast().range());
  }

  private static List<Step> steps(List<Traverser> traversal, Diagnostics diags) {
    List<Step> out = new ArrayList<>();
    for (Traverser t : traversal) {
      switch (t) {
        case Traverser.Root r -> out.add(new Name(r.name(), r.range()));
        case Traverser.Attr a -> out.add(new Name(a.name(), a.range()));
        case Traverser.Index i -> {
          InstanceKey k = key(i.key());
          if (k == null) {
            diags.add(
                Diagnostic.error(
                    "Invalid address",
                    "Index brackets must contain either a literal number or a literal string.",
                    i.range()));
            return out;
          }
          out.add(new Key(k, i.range()));
        }
      }
    }
    return out;
  }

  static InstanceKey key(Value v) {
    return switch (v.unmark()) {
      case StringValue s -> InstanceKey.of(s.value());
      case NumberValue n -> {
        BigDecimal d = n.value();
        try {
          yield d.signum() >= 0 ? InstanceKey.of(d.intValueExact()) : null;
        } catch (ArithmeticException e) {
          yield null;
        }
      }
      default -> null;
    };
  }

  private static Result<ResourceInstanceAddress> resourceInstance(
      List<Step> steps, Range whole, Diagnostics diags) {
    int[] used = new int[1];
    ResourceAddress r = resourcePart(steps, whole, diags, used);
    if (r == null) {
      return new Result<>(null, diags);
    }
    InstanceKey key = InstanceKey.NONE;
    int i = used[0];
    if (i < steps.size() && steps.get(i) instanceof Key k) {
      key = k.key();
      i++;
    }
    if (i < steps.size()) {
      diags.add(extra(steps, i, whole));
      return new Result<>(null, diags);
    }
    return new Result<>(r.instance(key), diags);
  }

  private static Result<ResourceAddress> resource(
      List<Step> steps, Range whole, Diagnostics diags) {
    int[] used = new int[1];
    ResourceAddress r = resourcePart(steps, whole, diags, used);
    if (r == null) {
      return new Result<>(null, diags);
    }
    int i = used[0];
    if (i < steps.size() && steps.get(i) instanceof Key k) {
      diags.add(
          Diagnostic.error(
              "Resource instance keys not allowed",
              "Resource address must be a resource (e.g. \"test_instance.foo\"), not a resource"
                  + " instance (e.g. \"test_instance.foo[1]\").",
              k.range()));
      return new Result<>(null, diags);
    }
    if (i < steps.size()) {
      diags.add(extra(steps, i, whole));
      return new Result<>(null, diags);
    }
    return new Result<>(r, diags);
  }

  private static Diagnostic extra(List<Step> steps, int from, Range whole) {
    Range r = steps.get(from).range();
    if (r != null) {
      r = r.to(steps.getLast().range());
    }
    return Diagnostic.error(
        "Invalid address", "Unexpected extra operators after address.", r == null ? whole : r);
  }

  /**
   * The module instance path at the start of {@code steps} ({@code module.a["x"].module.b}),
   * stopping before anything else; {@code used[0]} is set to the number of steps it took.
   */
  private static ModuleInstance modulePart(List<Step> steps, int[] used) {
    ModuleInstance m = ModuleInstance.ROOT;
    int i = 0;
    while (i + 1 < steps.size()
        && steps.get(i) instanceof Name n
        && n.name().equals("module")
        && steps.get(i + 1) instanceof Name call) {
      i += 2;
      InstanceKey key = InstanceKey.NONE;
      if (i < steps.size() && steps.get(i) instanceof Key k) {
        key = k.key();
        i++;
      }
      m = m.child(call.name(), key);
    }
    used[0] = i;
    return m;
  }

  private static ResourceAddress resourcePart(
      List<Step> steps, Range whole, Diagnostics diags, int[] used) {
    ModuleInstance module = modulePart(steps, used);
    int i = used[0];
    ResourceMode mode = ResourceMode.MANAGED;
    if (i < steps.size() && steps.get(i) instanceof Name n && n.name().equals("data")) {
      mode = ResourceMode.DATA;
      i++;
    }
    if (steps.size() >= i + 2
        && steps.get(i) instanceof Name type
        && steps.get(i + 1) instanceof Name name
        && !(type.name().equals("module") && i == used[0])) {
      used[0] = i + 2;
      return new ResourceAddress(module, mode, type.name(), name.name());
    }
    if (i < steps.size() && steps.get(i) instanceof Name n && n.name().equals("module")) {
      diags.add(
          Diagnostic.error(
              "Invalid address",
              "Prefix \"module.\" must be followed by a module name.",
              rangeFrom(steps, i, whole)));
      return null;
    }
    diags.add(
        Diagnostic.error(
            "Invalid address",
            "Resource specification must include a resource type and name.",
            whole));
    return null;
  }

  private static Range rangeFrom(List<Step> steps, int from, Range whole) {
    Range r = steps.get(from).range();
    return r == null ? whole : r.to(steps.getLast().range());
  }

  /**
   * A module instance address from a static traversal such as {@code module.a["x"]}; an error when
   * anything follows the module path or there is none.
   */
  public static Result<ModuleInstance> moduleInstance(List<Traverser> traversal) {
    Diagnostics diags = new Diagnostics();
    List<Step> steps = steps(traversal, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    int[] used = new int[1];
    ModuleInstance m = modulePart(steps, used);
    if (used[0] == 0 || used[0] < steps.size()) {
      diags.add(
          Diagnostic.error(
              "Invalid module instance address",
              "A module instance address must begin with \"module.\" and name only modules.",
              whole(traversal)));
      return new Result<>(null, diags);
    }
    return new Result<>(m, diags);
  }

  static Result<ModuleInstance> parseModuleInstance(String text) {
    Diagnostics diags = new Diagnostics();
    if (text.isEmpty()) {
      return new Result<>(ModuleInstance.ROOT, diags);
    }
    List<Step> steps = scan(text, diags);
    if (diags.hasErrors()) {
      return new Result<>(null, diags);
    }
    int[] used = new int[1];
    ModuleInstance m = modulePart(steps, used);
    if (used[0] == 0) {
      diags.add(
          Diagnostic.error(
              "Invalid module instance address",
              "A module instance address must begin with \"module.\"."));
      return new Result<>(null, diags);
    }
    if (used[0] < steps.size()) {
      diags.add(extra(steps, used[0], null));
      return new Result<>(null, diags);
    }
    return new Result<>(m, diags);
  }

  private static Result<ProviderConfigAddress> providerConfig(
      List<Step> steps, Range whole, Diagnostics diags) {
    boolean ok =
        (steps.size() == 1 || steps.size() == 2) && steps.stream().allMatch(s -> s instanceof Name);
    if (!ok) {
      diags.add(
          Diagnostic.error(
              "Invalid provider configuration reference",
              "The provider argument requires a provider type name, optionally followed by a"
                  + " period and then a configuration alias.",
              whole));
      return new Result<>(null, diags);
    }
    String local = ((Name) steps.get(0)).name();
    String alias = steps.size() == 2 ? ((Name) steps.get(1)).name() : null;
    return new Result<>(new ProviderConfigAddress(local, alias), diags);
  }

  // ---- text scanning

  private static List<Step> scan(String text, Diagnostics diags) {
    List<Step> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    boolean first = true;
    while (i < n) {
      char c = text.charAt(i);
      if (first || c == '.') {
        if (!first) {
          i++;
        }
        int start = i;
        while (i < n && isNameChar(text.charAt(i), i == start)) {
          i++;
        }
        if (i == start) {
          diags.add(
              Diagnostic.error(
                  "Invalid address",
                  first
                      ? "Resource specification must include a resource type and name."
                      : "Dot must be followed by attribute name."));
          return out;
        }
        out.add(new Name(text.substring(start, i), null));
        first = false;
      } else if (c == '[') {
        int close;
        InstanceKey key;
        if (i + 1 < n && text.charAt(i + 1) == '"') {
          StringBuilder b = new StringBuilder();
          int j = i + 2;
          while (j < n && text.charAt(j) != '"') {
            char d = text.charAt(j);
            if (d == '\\' && j + 1 < n) {
              char e = text.charAt(j + 1);
              switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                  if (j + 5 < n) {
                    b.append((char) Integer.parseInt(text.substring(j + 2, j + 6), 16));
                    j += 4;
                  }
                }
                default -> b.append(e);
              }
              j += 2;
            } else {
              b.append(d);
              j++;
            }
          }
          if (j + 1 >= n || text.charAt(j + 1) != ']') {
            diags.add(badIndex());
            return out;
          }
          key = InstanceKey.of(b.toString());
          close = j + 1;
        } else {
          int j = i + 1;
          while (j < n && Character.isDigit(text.charAt(j))) {
            j++;
          }
          if (j == i + 1 || j >= n || text.charAt(j) != ']') {
            diags.add(badIndex());
            return out;
          }
          try {
            key = InstanceKey.of(Integer.parseInt(text.substring(i + 1, j)));
          } catch (NumberFormatException e) {
            diags.add(badIndex());
            return out;
          }
          close = j;
        }
        out.add(new Key(key, null));
        i = close + 1;
      } else {
        diags.add(Diagnostic.error("Invalid address", "Unexpected extra operators after address."));
        return out;
      }
    }
    return out;
  }

  private static Diagnostic badIndex() {
    return Diagnostic.error(
        "Invalid address",
        "Index brackets must contain either a literal number or a literal string.");
  }

  private static boolean isNameChar(char c, boolean first) {
    if (Character.isLetter(c) || c == '_') {
      return true;
    }
    return !first && (Character.isDigit(c) || c == '-');
  }
}
