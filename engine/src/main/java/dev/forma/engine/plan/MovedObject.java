package dev.forma.engine.plan;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import java.util.Objects;

/**
 * An object that a {@code moved} block (or a move Terraform implies when {@code count} is added or
 * removed) carried from {@code from}, its address in the prior state, to {@code to}, where the plan
 * has it. A chain of moves is one moved object from the first address to the last. Applying the
 * plan records it in the state as one change.
 */
public record MovedObject(ResourceInstanceAddress from, ResourceInstanceAddress to) {
  public MovedObject {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
