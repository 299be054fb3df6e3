package dev.forma.state;

import java.util.Objects;

/**
 * The address of a resource inside the state: the module instance it lives in (as the state file
 * writes it, e.g. {@code module.net["a"]}, empty for the root module), its mode, type and name.
 * Sorts as Terraform sorts resources in a state file: by module, mode, type, then name.
 */
public record ResourceAddress(String module, ResourceMode mode, String type, String name)
    implements Comparable<ResourceAddress> {
  public ResourceAddress {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }

  /** A managed resource in the root module. */
  public static ResourceAddress managed(String type, String name) {
    return new ResourceAddress("", ResourceMode.MANAGED, type, name);
  }

  /** A data resource in the root module. */
  public static ResourceAddress data(String type, String name) {
    return new ResourceAddress("", ResourceMode.DATA, type, name);
  }

  /** The instance of this resource with the given key. */
  public InstanceAddress instance(IndexKey key) {
    return new InstanceAddress(this, key);
  }

  /** This resource's only instance (no {@code count} or {@code for_each}). */
  public InstanceAddress instance() {
    return new InstanceAddress(this, IndexKey.NONE);
  }

  @Override
  public int compareTo(ResourceAddress other) {
    int c = CodePointOrder.compare(module, other.module);
    if (c == 0) {
      c = CodePointOrder.compare(mode.jsonName(), other.mode.jsonName());
    }
    if (c == 0) {
      c = CodePointOrder.compare(type, other.type);
    }
    return c != 0 ? c : CodePointOrder.compare(name, other.name);
  }

  /** Terraform's syntax: {@code module.m.data.type.name}. */
  @Override
  public String toString() {
    String local = (mode == ResourceMode.DATA ? "data." : "") + type + "." + name;
    return module.isEmpty() ? local : module + "." + local;
  }
}
