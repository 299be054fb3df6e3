package dev.forma.engine.addrs;

import java.util.Comparator;
import java.util.Objects;

/**
 * An output value of a module instance: {@code output.name} in the root module, {@code
 * module.a["x"].output.name} in a child (Terraform's absolute output value address). Only root
 * outputs are kept in state and shown by {@code output}; a child's outputs are what its caller
 * reads as {@code module.a.name}.
 */
public record OutputAddress(ModuleInstance module, String name)
    implements Comparable<OutputAddress> {

  private static final Comparator<OutputAddress> ORDER =
      Comparator.comparing(OutputAddress::module).thenComparing(OutputAddress::name);

  public OutputAddress {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(name, "name");
  }

  /** An output of the root module. */
  public static OutputAddress root(String name) {
    return new OutputAddress(ModuleInstance.ROOT, name);
  }

  @Override
  public int compareTo(OutputAddress o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return (module.isRoot() ? "" : module + ".") + "output." + name;
  }
}
