package dev.forma.engine.render;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.provider.api.value.PathStep;
import java.util.List;

/**
 * An attribute of a resource instance that the configuration refers to, so a change made to it
 * outside Forma matters to the plan: Terraform's {@code relevant_attributes}. Only drift in such
 * attributes is shown in a normal plan; a refresh-only plan shows all drift.
 */
public record RelevantAttribute(ResourceInstanceAddress resource, List<PathStep> path) {
  public RelevantAttribute {
    path = List.copyOf(path);
  }
}
