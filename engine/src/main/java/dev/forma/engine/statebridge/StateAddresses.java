package dev.forma.engine.statebridge;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;

/**
 * Addresses between the engine ({@link ResourceAddress}, {@link ResourceInstanceAddress}, {@link
 * InstanceKey}) and the state module ({@link dev.forma.state.ResourceAddress}, {@link
 * InstanceAddress}, {@link IndexKey}). Forma has root modules only: a state address inside a
 * module has no engine form.
 */
public final class StateAddresses {
  private StateAddresses() {}

  public static dev.forma.state.ResourceAddress toState(ResourceAddress a) {
    return new dev.forma.state.ResourceAddress(
        "",
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
   * @throws IllegalArgumentException for a resource inside a module (check {@link #isRoot})
   */
  public static ResourceAddress fromState(dev.forma.state.ResourceAddress a) {
    if (!isRoot(a)) {
      throw new IllegalArgumentException("not in the root module: " + a);
    }
    return new ResourceAddress(
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

  /** Whether the resource is in the root module (the only kind Forma configurations have). */
  public static boolean isRoot(dev.forma.state.ResourceAddress a) {
    return a.module().isEmpty();
  }
}
