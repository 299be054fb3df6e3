package dev.forma.engine.addrs;

import dev.forma.provider.api.diag.Result;
import java.util.Objects;

/**
 * A resource in a module instance: {@code type.name}, or {@code data.type.name} for a data
 * resource, after the module instance path when not in the root module ({@code
 * module.a["x"].type.name}), as Terraform's absolute resource address. Prints in that syntax and
 * {@link #parse parses} back. Within one module's configuration (its {@code resources} map, a
 * reference in its expressions) resources are written relative to the module: {@code module} is
 * then {@link ModuleInstance#ROOT}; {@link #in} places such an address in a module instance and
 * {@link #local} takes it back out. A state {@code dependencies} entry is a resource whose module
 * instance has no keys (Terraform's configuration resource address).
 */
public record ResourceAddress(ModuleInstance module, ResourceMode mode, String type, String name)
    implements Comparable<ResourceAddress> {

  public ResourceAddress {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }

  /** A resource in the root module. */
  public ResourceAddress(ResourceMode mode, String type, String name) {
    this(ModuleInstance.ROOT, mode, type, name);
  }

  public static ResourceAddress managed(String type, String name) {
    return new ResourceAddress(ResourceMode.MANAGED, type, name);
  }

  public static ResourceAddress data(String type, String name) {
    return new ResourceAddress(ResourceMode.DATA, type, name);
  }

  /** This resource (written relative to its module) in the module instance {@code m}. */
  public ResourceAddress in(ModuleInstance m) {
    return m.equals(module) ? this : new ResourceAddress(m, mode, type, name);
  }

  /** This resource relative to its module: as its module's configuration declares it. */
  public ResourceAddress local() {
    return module.isRoot() ? this : new ResourceAddress(ModuleInstance.ROOT, mode, type, name);
  }

  /**
   * This resource as its configuration declares it, in its module without instance keys: the form
   * Terraform records in a state object's {@code dependencies}.
   */
  public ResourceAddress config() {
    return in(module.module().unkeyed());
  }

  /** The instance of this resource with that key. */
  public ResourceInstanceAddress instance(InstanceKey key) {
    return new ResourceInstanceAddress(this, key);
  }

  /** The single instance of a resource without {@code count} or {@code for_each}. */
  public ResourceInstanceAddress instance() {
    return new ResourceInstanceAddress(this, InstanceKey.NONE);
  }

  /**
   * The provider local name this resource's type implies: the prefix before the first underscore
   * ({@code alicloud} for {@code alicloud_pai_workspace}), or the whole type.
   */
  public String impliedProvider() {
    int i = type.indexOf('_');
    return i < 0 ? type : type.substring(0, i);
  }

  /**
   * Parses {@code type.name} or {@code data.type.name}, after an optional module instance path; an
   * instance key on the resource is an error.
   */
  public static Result<ResourceAddress> parse(String text) {
    return AddressParser.parseResource(text);
  }

  @Override
  public int compareTo(ResourceAddress o) {
    // by module, mode, type, name; written out, as graphs and plans of many thousands sort by it
    int c =
        module == o.module || module.isRoot() && o.module.isRoot() ? 0 : module.compareTo(o.module);
    if (c == 0) {
      c = mode.compareTo(o.mode);
    }
    if (c == 0) {
      c = type.compareTo(o.type);
    }
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    String local = (mode == ResourceMode.DATA ? "data." : "") + type + "." + name;
    return module.isRoot() ? local : module + "." + local;
  }
}
