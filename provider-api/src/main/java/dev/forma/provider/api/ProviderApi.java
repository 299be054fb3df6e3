package dev.forma.provider.api;

/**
 * The version of this provider API, and which versions a Forma build can load.
 *
 * <p>A provider states the version it was built against from {@link ProviderFactory#apiVersion()}
 * by returning {@link #VERSION}: the compiler copies the constant into the provider's class, so the
 * answer is the version of the API jar the provider was compiled with, not the one it runs with.
 * The version grows when a change would break providers built before it (a method they must
 * implement, a record they build changing shape); additions with defaults keep it.
 */
public final class ProviderApi {
  /** The API version of this build. */
  public static final int VERSION = 1;

  /** The oldest API version whose providers this build still loads. */
  public static final int OLDEST_SUPPORTED = 1;

  private ProviderApi() {}

  /** Whether a provider built against {@code version} can be loaded by this build. */
  public static boolean isSupported(int version) {
    return version >= OLDEST_SUPPORTED && version <= VERSION;
  }

  /**
   * Why a provider built against {@code version} cannot be loaded, for an error message; the caller
   * names the provider and where it came from.
   */
  public static String unsupportedReason(int version) {
    return version > VERSION
        ? "it was built against provider API version "
            + version
            + ", newer than this Forma's ("
            + VERSION
            + "): upgrade Forma or use an older release of the provider"
        : "it was built against provider API version "
            + version
            + ", older than this Forma supports ("
            + OLDEST_SUPPORTED
            + " to "
            + VERSION
            + "): use a release of the provider built for this Forma";
  }

  /**
   * The error text for a provider this build refuses, or null when it can be loaded: the one rule
   * and message every loader uses (the class path's and the plugin directories'). {@code origin}
   * says where it was found (a jar's path, "the class path").
   */
  public static String refusal(ProviderFactory factory, String origin) {
    int version = factory.apiVersion();
    if (isSupported(version)) {
      return null;
    }
    return "The provider \""
        + factory.name()
        + "\" ("
        + factory.source()
        + " v"
        + factory.version()
        + ", from "
        + origin
        + ") cannot be used: "
        + unsupportedReason(version)
        + ".";
  }
}
