package dev.forma.provider.api.diag;

/** How bad a diagnostic is. An error stops the operation; a warning does not. */
public enum Severity {
  ERROR,
  WARNING
}
