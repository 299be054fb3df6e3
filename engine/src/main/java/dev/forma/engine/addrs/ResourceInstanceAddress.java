package dev.forma.engine.addrs;

import dev.forma.provider.api.diag.Result;
import java.util.Objects;

/**
 * One instance of a resource: {@code x.c}, {@code x.c[0]}, {@code x.c["k"]}, in a module instance
 * when its resource is ({@code module.a[0].x.c["k"]}). Prints in that syntax and {@link #parse
 * parses} back.
 */
public record ResourceInstanceAddress(ResourceAddress resource, InstanceKey key)
    implements Comparable<ResourceInstanceAddress> {

  public ResourceInstanceAddress {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(key, "key");
  }

  /** The module instance the resource is in. */
  public ModuleInstance module() {
    return resource.module();
  }

  /** This instance in the module instance {@code m} (from an address relative to its module). */
  public ResourceInstanceAddress in(ModuleInstance m) {
    return m.equals(resource.module()) ? this : new ResourceInstanceAddress(resource.in(m), key);
  }

  /**
   * Parses {@code type.name}, {@code data.type.name}, with an optional {@code [key]}, after an
   * optional module instance path.
   */
  public static Result<ResourceInstanceAddress> parse(String text) {
    return AddressParser.parseResourceInstance(text);
  }

  @Override
  public int compareTo(ResourceInstanceAddress o) {
    int c = resource.compareTo(o.resource);
    return c != 0 ? c : key.compareTo(o.key);
  }

  @Override
  public String toString() {
    return resource + key.suffix();
  }
}
