package dev.forma.provider.api;

/**
 * Lets a long-running create, update or delete say where it is (e.g. "waiting for Running"). The
 * engine prints Terraform's "Still creating... [10s elapsed]" lines on its own schedule; a status
 * given here is shown beside them. Implementations are thread-safe.
 */
public interface Progress {
  Progress NONE = status -> {};

  void status(String status);
}
