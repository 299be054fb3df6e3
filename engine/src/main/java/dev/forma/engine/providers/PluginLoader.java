package dev.forma.engine.providers;

import dev.forma.engine.builtin.TerraformProviderFactory;
import dev.forma.engine.modules.Version;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Loads provider plugins: every {@code *.jar} file of the {@link PluginDirectories}, each in its
 * own class loader. A plugin is one jar holding the provider and the libraries it needs (shaded
 * in), with a {@code META-INF/services/dev.forma.provider.api.ProviderFactory} entry naming its
 * factory.
 *
 * <p>The parent of each plugin's class loader exposes only the JDK and the provider API: the
 * classes of {@code dev.forma.provider.api} and of Jackson ({@code com.fasterxml.jackson}, which
 * the API's types expose), and the SLF4J logging API ({@code org.slf4j}, so that a plugin's logs go
 * where Forma's go, with its redaction and levels). Every other class a plugin uses comes from its
 * own jar, so two plugins may carry different versions of one library, and none sees Forma's own
 * classes or the other providers'.
 *
 * <p>Errors (each names the jar): a file that is not a jar, a jar with no provider factory, a
 * factory that cannot be loaded, one built against a provider API version this Forma does not
 * support, a version that is not a version number, a plugin named {@code terraform} (the builtin
 * provider cannot be replaced), and two plugins of one name.
 */
public final class PluginLoader {
  private static final String SERVICE = "META-INF/services/" + ProviderFactory.class.getName();

  private PluginLoader() {}

  /** The plugins found in {@code directories}, with the errors about the jars that are not. */
  public static Result<List<Plugin>> load(PluginDirectories directories) {
    Diagnostics diags = new Diagnostics();
    Map<String, Plugin> byName = new LinkedHashMap<>();
    for (Path dir : directories.directories()) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> jars;
      try (Stream<Path> files = Files.list(dir)) {
        jars =
            files
                .filter(p -> p.getFileName().toString().endsWith(".jar"))
                .filter(p -> !Files.isDirectory(p))
                .sorted()
                .toList();
      } catch (IOException e) {
        diags.add(
            Diagnostic.error(
                "Failed to read plugin directory",
                "Forma could not list the provider plugins in " + dir + ": " + e.getMessage()));
        continue;
      }
      for (Path jar : jars) {
        for (Plugin p : loadJar(jar, diags)) {
          Plugin other = byName.get(p.factory().name());
          if (other != null) {
            diags.add(
                Diagnostic.error(
                    "Duplicate provider plugin",
                    "Two plugins provide the provider \""
                        + p.factory().name()
                        + "\":\n  - "
                        + other.jar()
                        + " ("
                        + other.factory().source()
                        + " v"
                        + other.factory().version()
                        + ")\n  - "
                        + p.jar()
                        + " ("
                        + p.factory().source()
                        + " v"
                        + p.factory().version()
                        + ")\n\nForma loads one plugin of a name: remove the one you do not want"
                        + " from its plugin directory."));
            continue;
          }
          byName.put(p.factory().name(), p);
        }
      }
    }
    return new Result<>(List.copyOf(byName.values()), diags);
  }

  /** The providers of one jar; none after adding why to {@code diags}. */
  static List<Plugin> loadJar(Path jar, Diagnostics diags) {
    String hash;
    try {
      hash = LockFile.hash(jar);
    } catch (IOException e) {
      diags.add(
          Diagnostic.error(
              "Invalid provider plugin",
              "The file "
                  + jar
                  + " is not a jar file ("
                  + e.getMessage()
                  + "). A provider plugin is a jar built against the Forma provider API: move"
                  + " other files out of the plugin directory."));
      return List.of();
    }
    URL url;
    try {
      url = jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    URLClassLoader loader =
        new URLClassLoader(
            "plugin " + jar.getFileName(),
            new URL[] {url},
            new ApiOnlyClassLoader(PluginLoader.class.getClassLoader()));
    if (loader.findResource(SERVICE) == null) {
      diags.add(notAPlugin(jar));
      close(loader);
      return List.of();
    }
    List<Plugin> out = new ArrayList<>();
    int before = diags.asList().size();
    try {
      for (ServiceLoader.Provider<ProviderFactory> p :
          ServiceLoader.load(ProviderFactory.class, loader).stream().toList()) {
        if (p.type().getClassLoader() != loader) {
          continue; // a class of the API or the JDK: not this plugin's
        }
        Plugin plugin = check(jar, p.get(), hash, diags);
        if (plugin != null) {
          out.add(plugin);
        }
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      diags.add(
          Diagnostic.error(
              "Invalid provider plugin",
              "The provider plugin "
                  + jar
                  + " could not be loaded: "
                  + rootMessage(e)
                  + ". Check that it was built against the Forma provider API and holds the"
                  + " libraries it needs."));
      return List.of();
    }
    if (out.isEmpty() && diags.asList().size() == before) {
      diags.add(notAPlugin(jar));
    }
    return out;
  }

  /** The plugin of {@code factory} if it can be used; null after adding why to {@code diags}. */
  private static Plugin check(Path jar, ProviderFactory factory, String hash, Diagnostics diags) {
    String name;
    int api;
    String version;
    try {
      api = factory.apiVersion();
      name = factory.name();
      version = factory.version();
    } catch (RuntimeException | LinkageError e) {
      diags.add(
          Diagnostic.error(
              "Incompatible provider plugin",
              "The provider plugin "
                  + jar
                  + " cannot be used: its factory "
                  + factory.getClass().getName()
                  + " failed ("
                  + rootMessage(e)
                  + "). It was probably built against another provider API than this Forma's"
                  + " (version "
                  + ProviderApi.VERSION
                  + ")."));
      return null;
    }
    if (!ProviderApi.isSupported(api)) {
      diags.add(
          Diagnostic.error(
              "Incompatible provider plugin",
              "The provider plugin \""
                  + name
                  + "\" in "
                  + jar
                  + " cannot be used: "
                  + ProviderApi.unsupportedReason(api)
                  + "."));
      return null;
    }
    if (TerraformProviderFactory.NAME.equals(name)) {
      diags.add(
          Diagnostic.error(
              "Invalid provider plugin",
              "The provider plugin "
                  + jar
                  + " is named \"terraform\", the name of Forma's builtin provider, which cannot be"
                  + " replaced. Give the plugin another name."));
      return null;
    }
    if (version == null || Version.parse(version) == null) {
      diags.add(
          Diagnostic.error(
              "Invalid provider plugin",
              "The provider plugin \""
                  + name
                  + "\" in "
                  + jar
                  + " gives its version as \""
                  + version
                  + "\", which is not a version number (such as 1.2.0): Forma cannot check the"
                  + " configuration's version constraints against it."));
      return null;
    }
    return new Plugin(factory, jar, hash);
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing was loaded from it: an error closing the jar changes nothing
    }
  }

  private static Diagnostic notAPlugin(Path jar) {
    return Diagnostic.error(
        "Invalid provider plugin",
        "The jar "
            + jar
            + " is not a provider plugin: it has no "
            + SERVICE
            + " entry naming a provider factory. Move it out of the plugin directory, or add the"
            + " entry to the plugin's jar.");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.toString();
  }

  /**
   * The parent of every plugin's class loader: the JDK (the platform class loader) and, from
   * Forma's own class loader, the provider API and Jackson; nothing else, and no resources of
   * Forma's class path (so a plugin's service entries are its own).
   */
  static final class ApiOnlyClassLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final ClassLoader forma;

    ApiOnlyClassLoader(ClassLoader forma) {
      super("forma-provider-api", ClassLoader.getPlatformClassLoader());
      this.forma = forma;
    }

    /** Whether a plugin sees the class of that name from Forma. */
    static boolean exposed(String className) {
      return className.startsWith("dev.forma.provider.api.")
          || className.startsWith("com.fasterxml.jackson.")
          || className.startsWith("org.slf4j.");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (exposed(name)) {
        return forma.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
