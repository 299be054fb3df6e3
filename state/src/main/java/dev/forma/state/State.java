package dev.forma.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A snapshot of everything Forma knows about the objects it manages: Terraform's state, apart from
 * its file format. Immutable; build a changed copy with {@link #toBuilder()}, or record changes one
 * at a time, from several threads, with {@link SyncState}.
 *
 * @param serial increases by one each time a changed state is persisted
 * @param lineage identifies this state's history; set when the state is first created
 * @param terraformVersion the version of the program that wrote the state (read from the file; the
 *     codec writes its own program's version)
 * @param outputs root module outputs by name, sorted by code point
 * @param resources resources by address, in Terraform's order
 * @param checkResults the results of the configuration's checks as of the last apply, sorted by
 *     configuration address (each one's objects by address); empty for none
 */
public record State(
    long serial,
    String lineage,
    String terraformVersion,
    SortedMap<String, OutputValue> outputs,
    SortedMap<ResourceAddress, ResourceState> resources,
    List<CheckResult> checkResults) {
  public State {
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(terraformVersion, "terraformVersion");
    TreeMap<String, OutputValue> outputsCopy = new TreeMap<>(CodePointOrder.COMPARATOR);
    outputsCopy.putAll(outputs);
    outputs = Collections.unmodifiableSortedMap(outputsCopy);
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    checkResults = sorted(checkResults == null ? List.of() : checkResults);
  }

  /** A state without check results. */
  public State(
      long serial,
      String lineage,
      String terraformVersion,
      SortedMap<String, OutputValue> outputs,
      SortedMap<ResourceAddress, ResourceState> resources) {
    this(serial, lineage, terraformVersion, outputs, resources, List.of());
  }

  /** {@code results} by configuration address, each one's objects by object address. */
  private static List<CheckResult> sorted(List<CheckResult> results) {
    List<CheckResult> out = new ArrayList<>();
    for (CheckResult r : results) {
      List<CheckResult.CheckObject> objects = null;
      if (r.objects() != null) {
        objects = new ArrayList<>(r.objects());
        objects.sort(
            Comparator.comparing(CheckResult.CheckObject::objectAddr, CodePointOrder.COMPARATOR));
      }
      out.add(new CheckResult(r.objectKind(), r.configAddr(), r.status(), objects));
    }
    out.sort(Comparator.comparing(CheckResult::configAddr, CodePointOrder.COMPARATOR));
    return List.copyOf(out);
  }

  /** A new empty state with a fresh lineage and serial 0 (persisting it makes it serial 1). */
  public static State empty() {
    return empty(newLineage());
  }

  /** A new empty state with the given lineage. */
  public static State empty(String lineage) {
    return new State(0, lineage, "", new TreeMap<>(), new TreeMap<>());
  }

  /** A fresh random lineage, a UUID as Terraform makes them. */
  public static String newLineage() {
    return UUID.randomUUID().toString();
  }

  /** The resource at {@code address}, if the state has it. */
  public Optional<ResourceState> resource(ResourceAddress address) {
    return Optional.ofNullable(resources.get(address));
  }

  /** The instance at {@code address}, if the state has it. */
  public Optional<ResourceInstance> instance(InstanceAddress address) {
    ResourceState resource = resources.get(address.resource());
    return resource == null
        ? Optional.empty()
        : Optional.ofNullable(resource.instances().get(address.key()));
  }

  /** The current object of the instance at {@code address}, if there is one. */
  public Optional<InstanceObject> currentObject(InstanceAddress address) {
    return instance(address).flatMap(ResourceInstance::currentObject);
  }

  /** This state with another serial. */
  public State withSerial(long newSerial) {
    return new State(newSerial, lineage, terraformVersion, outputs, resources, checkResults);
  }

  /** This state with another serial and program version (as a store writes it). */
  public State withSerialAndVersion(long newSerial, String version) {
    return new State(newSerial, lineage, version, outputs, resources, checkResults);
  }

  /**
   * Whether the two states record the same outputs, resources and check results (serial and version
   * aside).
   */
  public boolean sameContent(State other) {
    return lineage.equals(other.lineage)
        && outputs.equals(other.outputs)
        && resources.equals(other.resources)
        && checkResults.equals(other.checkResults);
  }

  /** Whether there are no resources and no outputs. */
  public boolean isEmpty() {
    return outputs.isEmpty() && resources.isEmpty();
  }

  /** A builder that starts from this state. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A mutable copy of a state that changes are applied to one at a time. Not thread-safe: {@link
   * SyncState} guards one.
   */
  public static final class Builder {
    private long serial;
    private final String lineage;
    private final String terraformVersion;
    private final TreeMap<String, OutputValue> outputs = new TreeMap<>(CodePointOrder.COMPARATOR);
    private final TreeMap<ResourceAddress, MutableResource> resources = new TreeMap<>();
    private List<CheckResult> checkResults;

    private static final class MutableResource {
      String provider;
      final TreeMap<IndexKey, ResourceInstance> instances = new TreeMap<>();

      MutableResource(String provider) {
        this.provider = provider;
      }
    }

    private Builder(State base) {
      this.serial = base.serial;
      this.lineage = base.lineage;
      this.terraformVersion = base.terraformVersion;
      this.checkResults = base.checkResults;
      outputs.putAll(base.outputs);
      for (ResourceState resource : base.resources.values()) {
        MutableResource copy = new MutableResource(resource.provider());
        copy.instances.putAll(resource.instances());
        resources.put(resource.address(), copy);
      }
    }

    /** Sets the serial the built state will have. */
    public Builder serial(long newSerial) {
      this.serial = newSerial;
      return this;
    }

    /** Applies one change. */
    public Builder apply(StateChange change) {
      switch (change) {
        case StateChange.Intent intent -> {}
        case StateChange.ForgetIntent forget -> {}
        case StateChange.SetCurrent set -> {
          MutableResource resource = resourceFor(set.address().resource(), set.provider());
          ResourceInstance old = resource.instances.get(set.address().key());
          resource.instances.put(
              set.address().key(),
              new ResourceInstance(
                  set.address().key(), set.object(), old == null ? emptyDeposed() : old.deposed()));
        }
        case StateChange.SetDeposed set -> {
          MutableResource resource = resourceFor(set.address().resource(), set.provider());
          ResourceInstance old = resource.instances.get(set.address().key());
          TreeMap<String, InstanceObject> deposed = emptyDeposed();
          if (old != null) {
            deposed.putAll(old.deposed());
          }
          deposed.put(set.deposedKey(), set.object());
          resource.instances.put(
              set.address().key(),
              new ResourceInstance(
                  set.address().key(), old == null ? null : old.current(), deposed));
        }
        case StateChange.RemoveCurrent remove ->
            replaceInstance(
                remove.address(), old -> new ResourceInstance(old.key(), null, old.deposed()));
        case StateChange.RemoveDeposed remove ->
            replaceInstance(
                remove.address(),
                old -> {
                  TreeMap<String, InstanceObject> deposed = emptyDeposed();
                  deposed.putAll(old.deposed());
                  deposed.remove(remove.deposedKey());
                  return new ResourceInstance(old.key(), old.current(), deposed);
                });
        case StateChange.Depose depose ->
            replaceInstance(
                depose.address(),
                old -> {
                  if (old.current() == null) {
                    return old;
                  }
                  TreeMap<String, InstanceObject> deposed = emptyDeposed();
                  deposed.putAll(old.deposed());
                  deposed.put(depose.deposedKey(), old.current());
                  return new ResourceInstance(old.key(), null, deposed);
                });
        case StateChange.Undepose undepose ->
            replaceInstance(
                undepose.address(),
                old -> {
                  InstanceObject object = old.deposed().get(undepose.deposedKey());
                  if (old.current() != null || object == null) {
                    return old;
                  }
                  TreeMap<String, InstanceObject> deposed = emptyDeposed();
                  deposed.putAll(old.deposed());
                  deposed.remove(undepose.deposedKey());
                  return new ResourceInstance(old.key(), object, deposed);
                });
        case StateChange.SetOutput set -> outputs.put(set.name(), set.value());
        case StateChange.RemoveOutput remove -> outputs.remove(remove.name());
        case StateChange.Move move -> move(move.from(), move.to());
        case StateChange.SetCheckResults set -> checkResults = set.results();
      }
      return this;
    }

    /** Sets the current object of an instance. */
    public Builder setCurrent(InstanceAddress address, String provider, InstanceObject object) {
      return apply(new StateChange.SetCurrent(address, provider, object));
    }

    /** Removes the current object of an instance (and the resource, once it has no instance). */
    public Builder removeCurrent(InstanceAddress address) {
      return apply(new StateChange.RemoveCurrent(address));
    }

    /** Sets a root module output. */
    public Builder setOutput(String name, OutputValue value) {
      return apply(new StateChange.SetOutput(name, value));
    }

    /**
     * Adds a resource as read from a file, including one without instances (Terraform keeps those).
     * Replaces any resource at the same address.
     */
    public Builder putResource(ResourceState resource) {
      MutableResource copy = new MutableResource(resource.provider());
      copy.instances.putAll(resource.instances());
      resources.put(resource.address(), copy);
      return this;
    }

    /** The current object at {@code address}, if there is one. */
    public Optional<InstanceObject> currentObject(InstanceAddress address) {
      MutableResource resource = resources.get(address.resource());
      ResourceInstance instance = resource == null ? null : resource.instances.get(address.key());
      return instance == null ? Optional.empty() : instance.currentObject();
    }

    /** The immutable state. */
    public State build() {
      TreeMap<ResourceAddress, ResourceState> built = new TreeMap<>();
      for (Map.Entry<ResourceAddress, MutableResource> e : resources.entrySet()) {
        built.put(
            e.getKey(),
            new ResourceState(e.getKey(), e.getValue().provider, e.getValue().instances));
      }
      return new State(serial, lineage, terraformVersion, outputs, built, checkResults);
    }

    private static TreeMap<String, InstanceObject> emptyDeposed() {
      return new TreeMap<>(CodePointOrder.COMPARATOR);
    }

    private MutableResource resourceFor(ResourceAddress address, String provider) {
      MutableResource resource = resources.get(address);
      if (resource == null) {
        resource = new MutableResource(provider);
        resources.put(address, resource);
      } else {
        resource.provider = provider;
      }
      return resource;
    }

    private void move(InstanceAddress from, InstanceAddress to) {
      MutableResource source = resources.get(from.resource());
      ResourceInstance moving = source == null ? null : source.instances.get(from.key());
      MutableResource target = resources.get(to.resource());
      if (moving == null || (target != null && target.instances.containsKey(to.key()))) {
        return;
      }
      source.instances.remove(from.key());
      if (source.instances.isEmpty()) {
        resources.remove(from.resource());
      }
      resourceFor(to.resource(), source.provider)
          .instances
          .put(to.key(), new ResourceInstance(to.key(), moving.current(), moving.deposed()));
    }

    private void replaceInstance(
        InstanceAddress address, java.util.function.UnaryOperator<ResourceInstance> change) {
      MutableResource resource = resources.get(address.resource());
      if (resource == null) {
        return;
      }
      ResourceInstance old = resource.instances.get(address.key());
      if (old == null) {
        return;
      }
      ResourceInstance updated = change.apply(old);
      if (updated.isEmpty()) {
        resource.instances.remove(address.key());
        if (resource.instances.isEmpty()) {
          resources.remove(address.resource());
        }
      } else {
        resource.instances.put(address.key(), updated);
      }
    }
  }
}
