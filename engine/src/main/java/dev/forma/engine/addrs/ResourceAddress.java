package dev.forma.engine.addrs;

import dev.forma.engine.diag.Result;
import java.util.Objects;

/**
 * A resource in the root module: {@code type.name}, or {@code data.type.name} for a data resource.
 * Prints in that syntax and {@link #parse parses} back.
 */
public record ResourceAddress(ResourceMode mode, String type, String name)
    implements Comparable<ResourceAddress> {

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
    // by mode, type, name; written out, as graphs and plans of many thousands sort by it
    int c = mode.compareTo(o.mode);
    if (c == 0) {
      c = type.compareTo(o.type);
    }
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return (mode == ResourceMode.DATA ? "data." : "") + type + "." + name;
  }
}
