package dev.forma.provider.alicloud.config;

import java.util.function.Supplier;

/**
 * Where {@code endpoint = "local"} points: the embedded local cloud (module {@code emulator}). The
 * CLI, which owns the emulator, tells the provider its URL in one of three ways, first found wins:
 *
 * <ol>
 *   <li>{@link #register(Supplier)}: a supplier called at configure time (so the CLI can start the
 *       emulator lazily, only when a provider block asks for it);
 *   <li>the system property {@value #URL_PROPERTY} ({@code
 *       -Dforma.alicloud.local.url=http://127.0.0.1:PORT});
 *   <li>the environment variable {@value #URL_VARIABLE}.
 * </ol>
 *
 * All three products are served from that one base URL (their paths do not overlap). Unless the
 * provider block sets {@code access_key}/{@code secret_key}, requests to the local cloud are signed
 * with {@value #ACCESS_KEY_ID} / {@value #ACCESS_KEY_SECRET} (the local cloud's default key):
 * credentials from the environment or a profile, which belong to a real account, are not used. The
 * region is the block's, else {@value #DEFAULT_REGION}.
 */
public final class LocalCloud {
  /** The system property that carries the local cloud's base URL. */
  public static final String URL_PROPERTY = "forma.alicloud.local.url";

  /** The environment variable that carries the local cloud's base URL. */
  public static final String URL_VARIABLE = "FORMA_ALICLOUD_LOCAL_URL";

  /** The AccessKey id used against the local cloud when no credentials are configured. */
  public static final String ACCESS_KEY_ID = "forma-local";

  /** The AccessKey secret used against the local cloud when no credentials are configured. */
  public static final String ACCESS_KEY_SECRET = "forma-local-secret";

  /** The region assumed against the local cloud when none is configured. */
  public static final String DEFAULT_REGION = "cn-hangzhou";

  private static volatile Supplier<String> registered;

  private LocalCloud() {}

  /** Registers how to obtain the local cloud's base URL ({@code null} unregisters). */
  public static void register(Supplier<String> urlSupplier) {
    registered = urlSupplier;
  }

  /** The URL the registered supplier gives (the embedded local cloud's); null when none. */
  public static String registeredUrl() {
    Supplier<String> s = registered;
    String url = s == null ? null : s.get();
    return url == null || url.isEmpty() ? null : url;
  }

  /** The local cloud's base URL, or null when nobody said where it is. */
  static String url(Environment env) {
    Supplier<String> s = registered;
    if (s != null) {
      String url = s.get();
      if (url != null && !url.isEmpty()) {
        return url;
      }
    }
    String p = env.property(URL_PROPERTY);
    return p != null ? p : env.get(URL_VARIABLE);
  }
}
