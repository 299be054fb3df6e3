package dev.forma.cli;

import dev.forma.provider.api.ProviderFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/**
 * A provider plugin jar for the CLI's tests: a factory of provider {@code name} ({@code
 * acme/<name>}) at {@code version}, compiled against the provider API; {@code extra} goes into a
 * resource of the jar (so two jars of one version can differ).
 */
final class PluginJar {
  private PluginJar() {}

  static Path build(Path tmp, Path jar, String name, String version, String extra)
      throws IOException, URISyntaxException {
    Path src = Files.createTempDirectory(tmp, "src").resolve("p/Factory.java");
    Path out = Files.createTempDirectory(tmp, "classes");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        "package p;\n"
            + "public class Factory implements dev.forma.provider.api.ProviderFactory {\n"
            + "  public String name() { return \""
            + name
            + "\"; }\n"
            + "  public String source() { return \"acme/"
            + name
            + "\"; }\n"
            + "  public String version() { return \""
            + version
            + "\"; }\n"
            + "  public int apiVersion() { return dev.forma.provider.api.ProviderApi.VERSION; }\n"
            + "  public dev.forma.provider.api.Provider create() { return null; }\n"
            + "}\n");
    String api =
        Path.of(ProviderFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                List.of("-d", out.toString(), "-classpath", api, "-proc:none", src.toString())
                    .toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException("the test plugin did not compile");
    }
    Files.createDirectories(jar.getParent());
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
      j.putNextEntry(new JarEntry("p/Factory.class"));
      j.write(Files.readAllBytes(out.resolve("p/Factory.class")));
      j.putNextEntry(new JarEntry("META-INF/services/" + ProviderFactory.class.getName()));
      j.write("p.Factory\n".getBytes(StandardCharsets.UTF_8));
      j.putNextEntry(new JarEntry("extra.txt"));
      j.write(extra.getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }
}
