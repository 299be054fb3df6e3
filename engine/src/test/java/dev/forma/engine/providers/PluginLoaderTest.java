package dev.forma.engine.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.builtin.TerraformProviderFactory;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
  @TempDir Path tmp;

  private static String api() {
    return "dev.forma.provider.api.ProviderApi.VERSION";
  }

  private static String errors(Result<?> r) {
    return r.diagnostics().asList().stream()
        .map(d -> d.summary() + ": " + d.detail())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void twoPluginsWithDifferentVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
    Path dir = tmp.resolve("plugins");
    PluginJars.plugin(tmp, dir.resolve("one.jar"), "one", "1.0.0", api());
    PluginJars.plugin(tmp, dir.resolve("two.jar"), "two", "2.0.0", api());

    Result<List<Plugin>> r = PluginLoader.load(new PluginDirectories(List.of(dir)));

    assertEquals("", errors(r));
    Map<String, Plugin> byName =
        r.value().stream().collect(Collectors.toMap(p -> p.factory().name(), p -> p));
    // each factory calls lib.Greeting.version(): the class of its own jar answers
    assertEquals("1.0.0", byName.get("one").factory().version());
    assertEquals("2.0.0", byName.get("two").factory().version());
    ClassLoader one = byName.get("one").factory().getClass().getClassLoader();
    ClassLoader two = byName.get("two").factory().getClass().getClassLoader();
    assertNotSame(one, two);
    assertNotSame(one.loadClass("lib.Greeting"), two.loadClass("lib.Greeting"));
    // the API is Forma's own; Forma's other classes are hidden from a plugin
    assertSame(ProviderFactory.class, one.loadClass(ProviderFactory.class.getName()));
    assertThrows(ClassNotFoundException.class, () -> one.loadClass(PluginLoader.class.getName()));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("lib.Greeting"));
    assertEquals(dir.resolve("one.jar"), byName.get("one").jar());
    assertEquals(LockFile.hash(dir.resolve("one.jar")), byName.get("one").hash());
  }

  @Test
  void aPluginReplacesABundledProviderOfItsNameAndTheRegistryKnowsItsJar() throws Exception {
    Path dir = tmp.resolve("plugins");
    PluginJars.plugin(tmp, dir.resolve("hello.jar"), "hello", "0.3.0", api());

    Result<Providers> r = Providers.discover(new PluginDirectories(List.of(dir)));

    assertEquals("", errors(r));
    assertEquals("0.3.0", r.value().factory("hello").version());
    assertEquals(dir.resolve("hello.jar"), r.value().plugin("hello").jar());
    assertNull(r.value().plugin("terraform"));
    assertTrue(r.value().factory("terraform") instanceof TerraformProviderFactory);
  }

  @Test
  void aFileThatIsNotAJarIsAnError() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    Files.writeString(dir.resolve("notes.jar"), "not a zip");
    Files.writeString(dir.resolve("README.md"), "other files are left alone");

    Result<List<Plugin>> r = PluginLoader.load(new PluginDirectories(List.of(dir)));

    assertEquals(List.of(), r.value());
    Diagnostic d = r.diagnostics().asList().get(0);
    assertEquals(1, r.diagnostics().asList().size());
    assertEquals("Invalid provider plugin", d.summary());
    assertTrue(
        d.detail().startsWith("The file " + dir.resolve("notes.jar") + " is not a jar file ("),
        d.detail());
  }

  @Test
  void aJarWithoutAServiceEntryIsNotAPlugin() throws Exception {
    Path dir = tmp.resolve("plugins");
    PluginJars.jar(
        tmp,
        dir.resolve("lib.jar"),
        Map.of("lib/Greeting.java", PluginJars.library("1.0.0")),
        false);

    Result<List<Plugin>> r = PluginLoader.load(new PluginDirectories(List.of(dir)));

    assertEquals(
        "Invalid provider plugin: The jar "
            + dir.resolve("lib.jar")
            + " is not a provider plugin: it has no"
            + " META-INF/services/dev.forma.provider.api.ProviderFactory entry naming a provider"
            + " factory. Move it out of the plugin directory, or add the entry to the plugin's"
            + " jar.",
        errors(r));
  }

  @Test
  void aPluginBuiltAgainstANewerApiIsRefusedWithProviderApisReason() throws Exception {
    Path dir = tmp.resolve("plugins");
    int future = ProviderApi.VERSION + 1;
    PluginJars.plugin(tmp, dir.resolve("new.jar"), "hello", "1.0.0", String.valueOf(future));

    Result<List<Plugin>> r = PluginLoader.load(new PluginDirectories(List.of(dir)));

    assertEquals(List.of(), r.value());
    assertEquals(
        "Incompatible provider plugin: The provider plugin \"hello\" in "
            + dir.resolve("new.jar")
            + " cannot be used: "
            + ProviderApi.unsupportedReason(future)
            + ".",
        errors(r));
  }

  @Test
  void twoPluginsWithOneNameAreAnErrorNamingBothJars() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    PluginJars.plugin(tmp, a.resolve("hello.jar"), "hello", "1.0.0", api());
    PluginJars.plugin(tmp, b.resolve("hello-2.jar"), "hello", "2.0.0", api());

    Result<List<Plugin>> r = PluginLoader.load(new PluginDirectories(List.of(a, b)));

    assertEquals(
        "Duplicate provider plugin: Two plugins provide the provider \"hello\":\n  - "
            + a.resolve("hello.jar")
            + " (acme/hello v1.0.0)\n  - "
            + b.resolve("hello-2.jar")
            + " (acme/hello v2.0.0)\n\nForma loads one plugin of a name: remove the one you do"
            + " not want from its plugin directory.",
        errors(r));
  }

  @Test
  void theBuiltinProviderCannotBeReplacedAndAVersionMustBeAVersion() throws Exception {
    Path dir = tmp.resolve("plugins");
    PluginJars.plugin(tmp, dir.resolve("a.jar"), "terraform", "1.0.0", api());
    PluginJars.plugin(tmp, dir.resolve("b.jar"), "hello", "latest", api());

    Result<List<Plugin>> r = PluginLoader.load(new PluginDirectories(List.of(dir)));

    assertEquals(List.of(), r.value());
    String e = errors(r);
    assertTrue(e.contains("is named \"terraform\", the name of Forma's builtin provider"), e);
    assertTrue(e.contains("gives its version as \"latest\", which is not a version number"), e);
  }

  @Test
  void directoriesAreSearchedInOrderAndMissingOnesSkipped() {
    Path wd = tmp.resolve("wd");
    PluginDirectories d =
        PluginDirectories.of(
            wd,
            Map.of(
                "HOME", "/home/u", PluginDirectories.PATH_VARIABLE, "/opt/p:rel" + ":/home/u/x"));
    assertEquals(
        List.of(
            wd.resolve(".forma/plugins"),
            Path.of("/home/u/.forma/plugins"),
            Path.of("/opt/p"),
            wd.resolve("rel"),
            Path.of("/home/u/x")),
        d.directories());
    assertEquals(
        Path.of("/xdg/forma/plugins"),
        PluginDirectories.of(wd, Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/xdg"))
            .directories()
            .get(1));
    assertEquals(List.of(), PluginLoader.load(d).value());
  }
}
