package dev.forma.engine.addrs;

import java.util.ArrayList;
import java.util.List;

/**
 * A module in the configuration tree, without instance keys: the empty path for the root module,
 * {@code module.a.module.b} for module {@code b} called inside module {@code a}. What a module's
 * configuration is written once for, however many instances {@code count} or {@code for_each} make
 * of it. Sorts as Terraform sorts module paths (shorter first, then name by name).
 */
public record ModulePath(List<String> names) implements Comparable<ModulePath> {

  /** The root module. */
  public static final ModulePath ROOT = new ModulePath(List.of());

  public ModulePath {
    names = List.copyOf(names);
  }

  public boolean isRoot() {
    return names.isEmpty();
  }

  /** The module the call {@code name} inside this one loads. */
  public ModulePath child(String name) {
    List<String> n = new ArrayList<>(names);
    n.add(name);
    return new ModulePath(n);
  }

  /** The calling module; the root has none. */
  public ModulePath parent() {
    if (isRoot()) {
      throw new IllegalStateException("the root module has no parent");
    }
    return new ModulePath(names.subList(0, names.size() - 1));
  }

  /**
   * The key Terraform's module manifest ({@code .terraform/modules/modules.json}) files this module
   * under: the call names joined by dots ({@code a.b}); empty for the root.
   */
  public String manifestKey() {
    return String.join(".", names);
  }

  /** The module instance with this path and no instance keys. */
  public ModuleInstance unkeyed() {
    ModuleInstance m = ModuleInstance.ROOT;
    for (String n : names) {
      m = m.child(n, InstanceKey.NONE);
    }
    return m;
  }

  @Override
  public int compareTo(ModulePath o) {
    int c = Integer.compare(names.size(), o.names.size());
    for (int i = 0; c == 0 && i < names.size(); i++) {
      c = names.get(i).compareTo(o.names.get(i));
    }
    return c;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      if (!b.isEmpty()) {
        b.append('.');
      }
      b.append("module.").append(n);
    }
    return b.toString();
  }
}
