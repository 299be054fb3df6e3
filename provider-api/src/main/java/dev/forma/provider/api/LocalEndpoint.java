package dev.forma.provider.api;

import java.util.Map;

/**
 * An optional capability of a {@link ProviderFactory}: the provider can work against a local
 * stand-in for its cloud (Forma's local cloud) that the CLI runs embedded. The CLI starts the local
 * cloud when a {@code provider} block asks for it ({@link #localRegion}), unless {@link
 * #externalUrl} already names a running one, tells the provider its URL with {@link #useLocalCloud}
 * before the providers are configured, and forgets it when the command ends. The CLI finds the
 * capability with {@code instanceof} and never names the provider's classes.
 */
public interface LocalEndpoint {
  /**
   * Whether a {@code provider} block with these arguments asks for the local cloud, and for which
   * region: null when it does not; the region it names, or "" when it names none. {@code
   * literalArguments} holds the block's arguments whose values are constant strings (an argument
   * that refers to a variable is absent).
   */
  String localRegion(Map<String, String> literalArguments);

  /**
   * The URL of a local cloud that already runs, named by the environment (a variable such as {@code
   * FORMA_ALICLOUD_LOCAL_URL}, or a system property); null when none is named.
   */
  String externalUrl(Map<String, String> environment);

  /**
   * Where the embedded local cloud listens from now on (its base URL); null when it stopped. The
   * provider's instances configured for the local cloud afterwards send their requests there.
   */
  void useLocalCloud(String url);

  /** The URL given to {@link #useLocalCloud}, or null when none is in use. */
  String localCloudUrl();
}
