package dev.forma.engine.graph;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.config.Resource;
import dev.forma.provider.api.diag.Range;
import java.util.List;

/** A node of the resource graph: a resource in configuration, or one left only in state. */
public sealed interface GraphNode permits GraphNode.Configured, GraphNode.Orphan {
  ResourceAddress address();

  /** Where the resource is declared; null for a resource only in state. */
  Range declRange();

  /** A {@code resource} or {@code data} block (its instances may also be in state). */
  record Configured(Resource resource) implements GraphNode {
    @Override
    public ResourceAddress address() {
      return resource.address();
    }

    @Override
    public Range declRange() {
      return resource.declRange();
    }
  }

  /**
   * A resource in state but not in configuration: its objects are to be deleted (or forgotten).
   * {@code dependencies} are what state recorded it depended on.
   */
  record Orphan(ResourceAddress address, List<ResourceAddress> dependencies) implements GraphNode {
    public Orphan {
      dependencies = List.copyOf(dependencies);
    }

    @Override
    public Range declRange() {
      return null;
    }
  }
}
