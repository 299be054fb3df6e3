package dev.forma.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One real object recorded for a resource instance: its attributes as the provider returned them,
 * which attribute paths are sensitive, the provider's private data, the resources it depends on,
 * and whether it is tainted.
 *
 * <p>The attribute tree is copied on construction (canonically, see {@link JsonTrees}); treat the
 * tree {@link #attributes()} returns as read-only. Dependencies are kept sorted and without
 * duplicates, as Terraform writes them.
 *
 * @param schemaVersion the provider schema version the attributes were written with
 * @param attributes the attribute values, Terraform's JSON encoding of the object
 * @param sensitiveAttributes paths of the attributes to hide, in the order given
 * @param privateData the provider's opaque private data, base64 as in the state file; null if none
 * @param dependencies addresses of the resources this object depended on when it was written
 * @param createBeforeDestroy whether the object is replaced by creating its successor first
 * @param status ready, or tainted
 */
public record InstanceObject(
    long schemaVersion,
    JsonNode attributes,
    List<AttributePath> sensitiveAttributes,
    String privateData,
    List<String> dependencies,
    boolean createBeforeDestroy,
    ObjectStatus status) {
  public InstanceObject {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(status, "status");
    attributes = JsonTrees.canonical(attributes);
    sensitiveAttributes = List.copyOf(sensitiveAttributes);
    TreeSet<String> sorted = new TreeSet<>(CodePointOrder.COMPARATOR);
    sorted.addAll(dependencies);
    dependencies = List.copyOf(sorted);
  }

  /** A ready object with the given attributes and nothing else. */
  public static InstanceObject of(JsonNode attributes) {
    return new InstanceObject(0, attributes, List.of(), null, List.of(), false, ObjectStatus.READY);
  }

  /** This object with another status. */
  public InstanceObject withStatus(ObjectStatus newStatus) {
    return new InstanceObject(
        schemaVersion,
        attributes,
        sensitiveAttributes,
        privateData,
        dependencies,
        createBeforeDestroy,
        newStatus);
  }
}
