package dev.forma.engine.plan;

/** Why a change has the action it has, when that is not obvious from the values. */
public enum ActionReason {
  NONE,
  REPLACE_BECAUSE_TAINTED,
  REPLACE_BY_REQUEST,
  REPLACE_BY_TRIGGERS,
  REPLACE_BECAUSE_CANNOT_UPDATE,
  DELETE_BECAUSE_NO_RESOURCE_CONFIG,
  DELETE_BECAUSE_WRONG_REPETITION,
  DELETE_BECAUSE_COUNT_INDEX,
  DELETE_BECAUSE_EACH_KEY,
  DELETE_BECAUSE_NO_MOVE_TARGET,
  READ_BECAUSE_CONFIG_UNKNOWN,
  READ_BECAUSE_DEPENDENCY_PENDING,
  /** The object was in state but the provider no longer finds it: planned for creation. */
  CREATE_BECAUSE_GONE,
  /**
   * The object is not in the state its configuration asks for (a service that failed to deploy):
   * the change puts it right; {@link ResourceChange#repair()} says what the provider found.
   */
  REPAIR,
  /** A create was in flight when Forma last stopped; the provider found the object. */
  ADOPT_AFTER_INTERRUPTED_CREATE,
  /** The object's module instance is no longer in configuration (its call, a key of it, gone). */
  DELETE_BECAUSE_NO_MODULE
}
