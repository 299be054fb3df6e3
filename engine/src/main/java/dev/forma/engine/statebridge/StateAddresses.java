package dev.forma.engine.statebridge;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;

/**
 * Addresses between the engine ({@link ResourceAddress}, {@link ResourceInstanceAddress}, {@link
 * InstanceKey}) and the state module ({@link dev.forma.state.ResourceAddress}, {@link
 * InstanceAddress}, {@link IndexKey}). The state writes a resource's module instance as text
 * ({@code module.a["x"]}); it is read back with the address parser, and a state whose module text
 * does not parse is refused, never skipped.
 */
public final class StateAddresses {
  private StateAddresses() {}

  public static dev.forma.state.ResourceAddress toState(ResourceAddress a) {
    return new dev.forma.state.ResourceAddress(
        a.module().toString(),
        a.mode() == ResourceMode.MANAGED
            ? dev.forma.state.ResourceMode.MANAGED
            : dev.forma.state.ResourceMode.DATA,
        a.type(),
        a.name());
  }

  public static InstanceAddress toState(ResourceInstanceAddress a) {
    return new InstanceAddress(toState(a.resource()), toState(a.key()));
  }

  public static IndexKey toState(InstanceKey k) {
    return switch (k) {
      case InstanceKey.NoKey n -> IndexKey.NONE;
      case InstanceKey.IntKey i -> IndexKey.of(i.value());
      case InstanceKey.StringKey s -> IndexKey.of(s.value());
    };
  }

  /**
   * The engine form of a state resource address.
   *
   * @throws IllegalArgumentException when its module is not a module instance address
   */
  public static ResourceAddress fromState(dev.forma.state.ResourceAddress a) {
    return new ResourceAddress(
        module(a.module()),
        a.mode() == dev.forma.state.ResourceMode.MANAGED ? ResourceMode.MANAGED : ResourceMode.DATA,
        a.type(),
        a.name());
  }

  public static ResourceInstanceAddress fromState(InstanceAddress a) {
    return new ResourceInstanceAddress(fromState(a.resource()), fromState(a.key()));
  }

  public static InstanceKey fromState(IndexKey k) {
    return switch (k) {
      case IndexKey.NoKey n -> InstanceKey.NONE;
      case IndexKey.IntKey i -> InstanceKey.of(Math.toIntExact(i.value()));
      case IndexKey.StringKey s -> InstanceKey.of(s.value());
    };
  }

  /**
   * The module instance a state's {@code module} text names.
   *
   * @throws IllegalArgumentException when it is not a module instance address
   */
  public static ModuleInstance module(String text) {
    var parsed = ModuleInstance.parse(text);
    if (parsed.value() == null) {
      throw new IllegalArgumentException(
          "The state names a resource in \""
              + text
              + "\", which is not a module instance address: "
              + parsed.diagnostics().asList().getFirst().detail());
    }
    return parsed.value();
  }

  /**
   * A state object's {@code dependencies} entry ({@code module.a.type.name}) as a typed address.
   *
   * @throws IllegalArgumentException when it is not a resource address
   */
  public static ResourceAddress dependency(String text) {
    var parsed = ResourceAddress.parse(text);
    if (parsed.value() == null) {
      throw new IllegalArgumentException(
          "The state records a dependency on \""
              + text
              + "\", which is not a resource address: "
              + parsed.diagnostics().asList().getFirst().detail());
    }
    return parsed.value();
  }

  /** Whether the resource is in the root module. */
  public static boolean isRoot(dev.forma.state.ResourceAddress a) {
    return a.module().isEmpty();
  }
}
