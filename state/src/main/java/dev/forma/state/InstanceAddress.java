package dev.forma.state;

import java.util.Comparator;
import java.util.Objects;

/** The address of one resource instance: its resource and its index key. */
public record InstanceAddress(ResourceAddress resource, IndexKey key)
    implements Comparable<InstanceAddress> {
  private static final Comparator<InstanceAddress> ORDER =
      Comparator.comparing(InstanceAddress::resource).thenComparing(InstanceAddress::key);

  public InstanceAddress {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public int compareTo(InstanceAddress other) {
    return ORDER.compare(this, other);
  }

  /** Terraform's syntax: {@code module.m.type.name["k"]}. */
  @Override
  public String toString() {
    return resource + key.toString();
  }
}
