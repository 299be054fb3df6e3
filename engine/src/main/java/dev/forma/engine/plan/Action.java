package dev.forma.engine.plan;

/** What a plan does to one object, as Terraform's plan actions. */
public enum Action {
  NO_OP,
  CREATE,
  READ,
  UPDATE,
  /** Replace: destroy the old object, then create the new one. */
  DELETE_THEN_CREATE,
  /** Replace under {@code create_before_destroy}: create first, the old one is deposed. */
  CREATE_THEN_DELETE,
  DELETE,
  /** Drop from state without destroying ({@code removed} with {@code destroy = false}). */
  FORGET;

  public boolean isReplace() {
    return this == DELETE_THEN_CREATE || this == CREATE_THEN_DELETE;
  }
}
