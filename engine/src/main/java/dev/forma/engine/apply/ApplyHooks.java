package dev.forma.engine.apply;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import java.time.Duration;

/**
 * Progress events of an apply (and of the refresh before a plan), for a printer or a JSON stream.
 * Called from the walk's threads, possibly several at once: implementations are thread-safe and
 * quick. Ids are the object's {@code id} attribute when known, else null.
 *
 * <p>{@link #stillApplying} is called every {@link Applier#STILL_RUNNING_INTERVAL} while a step
 * runs, with the time elapsed since it started and the provider's last status, if any.
 */
public interface ApplyHooks {
  /** Hooks that do nothing. */
  ApplyHooks NONE = new ApplyHooks() {};

  /** A provider step is about to start on {@code target}; {@code priorId} is the old object's. */
  default void preApply(ObjectTarget target, Operation operation, String priorId) {}

  /** A provider step is still running. {@code status} is the provider's last word, or null. */
  default void stillApplying(
      ObjectTarget target, Operation operation, Duration elapsed, String status) {}

  /**
   * A provider step ended: {@code succeeded} false when it failed (its diagnostics are reported
   * separately). {@code newId} is the new object's (null after a delete).
   */
  default void postApply(
      ObjectTarget target,
      Operation operation,
      boolean succeeded,
      String newId,
      Duration elapsed) {}

  /** Planning reads the object an {@code import} block imports into {@code address}. */
  default void preparingImport(ResourceInstanceAddress address, String id) {}

  /** The provider imported the object of {@code type} that {@link #preparingImport} announced. */
  default void importPrepared(ResourceInstanceAddress address, String type) {}

  /** A planned import is being recorded. */
  default void preImport(ResourceInstanceAddress address, String id) {}

  default void postImport(ResourceInstanceAddress address, String id) {}

  /**
   * An object in state is being read again (the refresh before a plan, and the read of an object an
   * import block imports). With {@code -target}, only the objects the targets need.
   */
  default void preRefresh(ObjectTarget target, String priorId) {}

  /**
   * The read {@link #preRefresh} announced ended: {@code succeeded} false when the provider failed
   * (its diagnostics are reported with the plan's); {@code newId} null also when the object was
   * found gone.
   */
  default void postRefresh(ObjectTarget target, boolean succeeded, String newId) {}

  /** A data source is being read. */
  default void preRead(ResourceInstanceAddress address) {}

  default void postRead(
      ResourceInstanceAddress address, boolean succeeded, String id, Duration elapsed) {}

  /** Every step ended; called once, also when some failed or the apply was stopped. */
  default void applyFinished(ApplySummary summary) {}
}
