package dev.forma.engine.addrs;

import dev.forma.provider.api.diag.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An instance of a module in the module tree, as Terraform's absolute module instance address: the
 * empty path for the root module, {@code module.a["x"]}, {@code module.a["x"].module.b[0]}. Each
 * step is a module call's name and the instance key its {@code count} or {@code for_each} gave
 * ({@link InstanceKey#NONE} for a call without either). Prints in that syntax and {@link #parse
 * parses} back; sorts as Terraform sorts module instances (a shorter path first, then step by step
 * by name and key).
 */
public record ModuleInstance(List<Step> steps) implements Comparable<ModuleInstance> {

  /** The root module. */
  public static final ModuleInstance ROOT = new ModuleInstance(List.of());

  /** One step: the instance {@code key} of the module call {@code name}. */
  public record Step(String name, InstanceKey key) {
    public Step {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
      return "module." + name + key.suffix();
    }
  }

  public ModuleInstance {
    steps = List.copyOf(steps);
  }

  /** Parses {@code module.a}, {@code module.a["x"].module.b[0]}; the empty text is the root. */
  public static Result<ModuleInstance> parse(String text) {
    return AddressParser.parseModuleInstance(text);
  }

  public boolean isRoot() {
    return steps.isEmpty();
  }

  /** The instance {@code key} of the call {@code name} inside this module instance. */
  public ModuleInstance child(String name, InstanceKey key) {
    List<Step> s = new ArrayList<>(steps);
    s.add(new Step(name, key));
    return new ModuleInstance(s);
  }

  /** The module instance that calls this one; the root has none. */
  public ModuleInstance parent() {
    if (isRoot()) {
      throw new IllegalStateException("the root module has no parent");
    }
    return new ModuleInstance(steps.subList(0, steps.size() - 1));
  }

  /** The last step (the call that made this instance); the root has none. */
  public Step last() {
    if (isRoot()) {
      throw new IllegalStateException("the root module was not called");
    }
    return steps.getLast();
  }

  /** The module in the configuration this is an instance of: the call names, without keys. */
  public ModulePath module() {
    return new ModulePath(steps.stream().map(Step::name).toList());
  }

  /** Whether {@code other} is this instance or inside it (a descendant). */
  public boolean contains(ModuleInstance other) {
    return other.steps.size() >= steps.size() && other.steps.subList(0, steps.size()).equals(steps);
  }

  @Override
  public int compareTo(ModuleInstance o) {
    int c = Integer.compare(steps.size(), o.steps.size());
    for (int i = 0; c == 0 && i < steps.size(); i++) {
      Step a = steps.get(i);
      Step b = o.steps.get(i);
      c = a.name().compareTo(b.name());
      if (c == 0) {
        c = a.key().compareTo(b.key());
      }
    }
    return c;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Step s : steps) {
      if (!b.isEmpty()) {
        b.append('.');
      }
      b.append(s);
    }
    return b.toString();
  }
}
