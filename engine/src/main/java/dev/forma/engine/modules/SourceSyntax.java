package dev.forma.engine.modules;

import java.util.regex.Pattern;

/**
 * The lexical rules of module source addresses (registry hosts and names, getters, scp-style Git).
 */
final class SourceSyntax {
  private SourceSyntax() {}

  static final Pattern HOST =
      Pattern.compile(
          "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]+)?");
  static final Pattern NAME_PART =
      Pattern.compile("[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?");
  static final Pattern PROVIDER_PART = Pattern.compile("[0-9A-Za-z]{1,64}");
  static final Pattern FORCED = Pattern.compile("([A-Za-z0-9]+)::(.*)", Pattern.DOTALL);
  static final Pattern SCP = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/].*");
}
