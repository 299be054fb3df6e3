package dev.forma.engine.providers;

import dev.forma.provider.api.ProviderFactory;
import java.nio.file.Path;

/**
 * A provider loaded from a plugin jar.
 *
 * @param factory the provider's factory, loaded in the jar's own class loader
 * @param jar where the jar is
 * @param hash the jar's {@code h1:} hash (see {@link LockFile#hash})
 */
public record Plugin(ProviderFactory factory, Path jar, String hash) {}
