package dev.forma.engine.providers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars for the tests: Java sources compiled against the provider API, jarred. */
final class PluginJars {
  private PluginJars() {}

  /**
   * A factory's source: provider {@code name} ({@code acme/<name>}), the version a static method of
   * {@code lib.Greeting} returns (a library class each jar carries its own copy of), built against
   * API {@code api}.
   */
  static String factory(String name, String api) {
    return "package p;\n"
        + "public class Factory implements dev.forma.provider.api.ProviderFactory {\n"
        + "  public String name() { return \""
        + name
        + "\"; }\n"
        + "  public String source() { return \"acme/"
        + name
        + "\"; }\n"
        + "  public String version() { return lib.Greeting.version(); }\n"
        + "  public int apiVersion() { return "
        + api
        + "; }\n"
        + "  public dev.forma.provider.api.Provider create() { return null; }\n"
        + "}\n";
  }

  static String library(String version) {
    return "package lib;\n"
        + "public class Greeting {\n"
        + "  public static String version() { return \""
        + version
        + "\"; }\n"
        + "}\n";
  }

  /** A plugin jar of provider {@code name} whose library says {@code version}. */
  static Path plugin(Path tmp, Path jar, String name, String version, String api)
      throws IOException {
    return jar(
        tmp,
        jar,
        Map.of("p/Factory.java", factory(name, api), "lib/Greeting.java", library(version)),
        true);
  }

  /** Compiles {@code sources} (path to text) and jars the classes, with the service entry. */
  static Path jar(Path tmp, Path jar, Map<String, String> sources, boolean serviceEntry)
      throws IOException {
    Path src = Files.createTempDirectory(tmp, "src");
    Path out = Files.createTempDirectory(tmp, "classes");
    List<String> args =
        new ArrayList<>(List.of("-d", out.toString(), "-classpath", apiClassPath(), "-proc:none"));
    for (Map.Entry<String, String> s : sources.entrySet()) {
      Path f = src.resolve(s.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, s.getValue());
      args.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("the test plugin did not compile");
    }
    Files.createDirectories(jar.getParent());
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        j.putNextEntry(new JarEntry(out.relativize(f).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
      if (serviceEntry) {
        j.putNextEntry(new JarEntry("META-INF/services/dev.forma.provider.api.ProviderFactory"));
        j.write("p.Factory\n".getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar;
  }

  /** Where the provider API's classes are (a directory or jar), for javac. */
  private static String apiClassPath() {
    try {
      return Path.of(
              dev.forma.provider.api.ProviderFactory.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A jar of the given files, as they are. */
  static Path raw(Path jar, Map<String, String> files) throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream o = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(o)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        j.putNextEntry(new JarEntry(f.getKey()));
        j.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar;
  }
}
