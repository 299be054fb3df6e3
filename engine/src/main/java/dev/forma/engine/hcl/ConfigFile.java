package dev.forma.engine.hcl;

/** One parsed configuration file: its name, its source text and its root body. */
public record ConfigFile(String filename, String source, Body body) {}
