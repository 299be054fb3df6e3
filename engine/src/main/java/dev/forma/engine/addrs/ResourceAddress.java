package dev.forma.engine.addrs;

import dev.forma.engine.diag.Result;
import java.util.Comparator;
import java.util.Objects;

/**
 * A resource in the root module: {@code type.name}, or {@code data.type.name} for a data resource.
 * Prints in that syntax and {@link #parse parses} back.
 */
public record ResourceAddress(ResourceMode mode, String type, String name)
    implements Comparable<ResourceAddress> {

  private static final Comparator<ResourceAddress> ORDER =
      Comparator.comparing(ResourceAddress::mode)
          .thenComparing(ResourceAddress::type)
          .thenComparing(ResourceAddress::name);

  public ResourceAddress {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }

  public static ResourceAddress managed(String type, String name) {
    return new ResourceAddress(ResourceMode.MANAGED, type, name);
  }

  public static ResourceAddress data(String type, String name) {
    return new ResourceAddress(ResourceMode.DATA, type, name);
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

  /** Parses {@code type.name} or {@code data.type.name}; an instance key is an error. */
  public static Result<ResourceAddress> parse(String text) {
    return AddressParser.parseResource(text);
  }

  @Override
  public int compareTo(ResourceAddress o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return (mode == ResourceMode.DATA ? "data." : "") + type + "." + name;
  }
}
