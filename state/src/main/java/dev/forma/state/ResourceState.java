package dev.forma.state;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A resource in the state: its address, the provider configuration that manages it (Terraform's
 * string, e.g. {@code provider["registry.terraform.io/hashicorp/alicloud"]}) and its instances by
 * index key.
 */
public record ResourceState(
    ResourceAddress address, String provider, SortedMap<IndexKey, ResourceInstance> instances) {
  public ResourceState {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(provider, "provider");
    instances = Collections.unmodifiableSortedMap(new TreeMap<>(instances));
  }
}
