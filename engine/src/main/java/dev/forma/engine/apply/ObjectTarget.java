package dev.forma.engine.apply;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import java.util.Objects;

/**
 * The object an apply step works on: a resource instance's current object ({@code deposedKey} null)
 * or one of its deposed objects. Prints as Terraform's progress lines name it: {@code
 * terraform_data.d} or {@code terraform_data.d (deposed object 7c65ed39)}.
 */
public record ObjectTarget(ResourceInstanceAddress address, String deposedKey) {
  public ObjectTarget {
    Objects.requireNonNull(address, "address");
  }

  /** The current object of {@code address}. */
  public static ObjectTarget current(ResourceInstanceAddress address) {
    return new ObjectTarget(address, null);
  }

  @Override
  public String toString() {
    return deposedKey == null
        ? address.toString()
        : address + " (deposed object " + deposedKey + ")";
  }
}
