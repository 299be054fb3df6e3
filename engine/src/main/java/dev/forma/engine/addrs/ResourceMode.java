package dev.forma.engine.addrs;

/** Whether a resource is managed ({@code resource} block) or read-only ({@code data} block). */
public enum ResourceMode {
  MANAGED,
  DATA
}
