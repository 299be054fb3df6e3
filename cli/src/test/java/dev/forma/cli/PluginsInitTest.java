package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.providers.LockFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init} with provider plugins, the dependency lock file it writes, and the lock file checks
 * of later commands, with Terraform 1.11.4's texts where Terraform has them.
 */
class PluginsInitTest {
  @TempDir Path dir;
  @TempDir Path tmp;

  private CliRun cli;
  private Path jar;

  private static String config(String constraint) {
    return "terraform {\n"
        + "  required_providers {\n"
        + "    hello = {\n"
        + "      source  = \"acme/hello\"\n"
        + "      version = \""
        + constraint
        + "\"\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  /** The text with each run of spaces and line breaks one space (diagnostics are wrapped). */
  private static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  @BeforeEach
  void plugin() throws Exception {
    cli = new CliRun(dir).write("main.tf", config(">= 0.1"));
    cli.env.put("HOME", tmp.resolve("home").toString());
    jar = PluginJar.build(tmp, dir.resolve(".forma/plugins/hello.jar"), "hello", "0.1.0", "a");
  }

  @Test
  void initSelectsThePluginAndWritesTheLockFile() throws Exception {
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .startsWith(
                "Initializing the backend...\n"
                    + "Initializing provider plugins...\n"
                    + "- Finding acme/hello versions matching \">= 0.1.0\"...\n"
                    + "- Installing acme/hello v0.1.0...\n"
                    + "- Installed acme/hello v0.1.0 (unauthenticated, .forma/plugins/hello.jar)\n"
                    + "Forma has created a lock file .forma.lock.hcl to record the provider\n"
                    + "selections it made above. Include this file in your version control"
                    + " repository\n"
                    + "so that Forma can guarantee to make the same selections by default when\n"
                    + "you run \"forma init\" in the future.\n"
                    + "\n"
                    + "Forma has been successfully initialized!\n"),
        cli.out());
    assertEquals(
        "# This file is maintained automatically by \"forma init\".\n"
            + "# Manual edits may be lost in future updates.\n"
            + "\n"
            + "provider \"registry.terraform.io/acme/hello\" {\n"
            + "  version     = \"0.1.0\"\n"
            + "  constraints = \">= 0.1.0\"\n"
            + "  hashes = [\n"
            + "    \""
            + LockFile.hash(jar)
            + "\",\n"
            + "  ]\n"
            + "}\n",
        Files.readString(dir.resolve(".forma.lock.hcl")));

    // again: the lock file's selection is reused and the file left as it is
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .startsWith(
                "Initializing the backend...\n"
                    + "Initializing provider plugins...\n"
                    + "- Reusing previous version of acme/hello from the dependency lock file\n"
                    + "- Using previously-installed acme/hello v0.1.0\n"
                    + "\n"
                    + "Forma has been successfully initialized!\n"),
        cli.out());
    assertEquals(0, cli.run("", "validate", "-no-color"), cli.err());

    // version names the providers the lock file selects, as Terraform's
    assertEquals(0, cli.run("", "version"), cli.err());
    assertTrue(
        cli.out().endsWith("\n+ provider registry.terraform.io/acme/hello v0.1.0\n"), cli.out());
    assertEquals(0, cli.run("", "version", "-json"), cli.err());
    assertTrue(
        cli.out()
            .contains(
                "\"provider_selections\": {\n"
                    + "    \"registry.terraform.io/acme/hello\": \"0.1.0\"\n"
                    + "  }"),
        cli.out());
  }

  @Test
  void aPluginWhoseJarChangedIsRefusedUntilInitUpgrade() throws Exception {
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    PluginJar.build(tmp, jar, "hello", "0.1.0", "changed");

    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertEquals(
        "\n"
            + "Error: Required plugins are not installed\n"
            + "\n"
            + "The installed provider plugins are not consistent with the packages selected\n"
            + "in the dependency lock file:\n"
            + "  - registry.terraform.io/acme/hello: the plugin "
            + jar
            + " does not match any of the checksums recorded in the dependency lock file\n"
            + "\n"
            + "If you replaced the plugin on purpose, record it in the lock file with:\n"
            + "  forma init -upgrade\n"
            + "Otherwise put back the plugin jar the lock file records.\n",
        cli.err());
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(cli.err().contains("Error: Required plugins are not installed"), cli.err());

    assertEquals(1, cli.run("", "init", "-no-color"));
    assertTrue(cli.err().contains("Error: Failed to install provider"), cli.err());
    assertTrue(flat(cli.err()).contains("run \"forma init -upgrade\" to record it"), cli.err());

    assertEquals(0, cli.run("", "init", "-no-color", "-upgrade"), cli.err());
    assertTrue(
        cli.out()
            .contains(
                "- Installed acme/hello v0.1.0 (unauthenticated, .forma/plugins/hello.jar)\n"
                    + "Forma has made some changes to the provider dependency selections"
                    + " recorded\n"),
        cli.out());
    assertTrue(Files.readString(dir.resolve(".forma.lock.hcl")).contains(LockFile.hash(jar)));
    assertEquals(0, cli.run("", "validate", "-no-color"), cli.err());
  }

  @Test
  void changedConstraintsAndAMissingSelectionAreInconsistentAsInTerraform() throws Exception {
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    cli.write("main.tf", config(">= 0.2"));

    // as Terraform's validate, which leaves the constraints to plan and init
    assertEquals(0, cli.run("", "validate", "-no-color"), cli.err());
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertEquals(
        "\n"
            + "Error: Inconsistent dependency lock file\n"
            + "\n"
            + "The following dependency selections recorded in the lock file are\n"
            + "inconsistent with the current configuration:\n"
            + "  - provider registry.terraform.io/acme/hello: locked version selection 0.1.0"
            + " doesn't match the updated version constraints \">= 0.2.0\"\n"
            + "\n"
            + "To update the locked dependency selections to match a changed configuration,\n"
            + "run:\n"
            + "  forma init -upgrade\n",
        cli.err());
    assertEquals(1, cli.run("", "init", "-no-color"));
    assertTrue(
        flat(cli.err())
            .contains(
                "locked provider acme/hello 0.1.0 does not match configured version constraint"),
        cli.err());
    // -upgrade selects again: the plugin found is 0.1.0, which >= 0.2.0 does not allow
    assertEquals(1, cli.run("", "init", "-no-color", "-upgrade"));
    assertTrue(
        flat(cli.err()).contains("no available releases match the given constraints >= 0.2.0"),
        cli.err());

    cli.write("main.tf", config(">= 0.1"));
    Files.delete(dir.resolve(".forma.lock.hcl"));
    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertEquals(
        "\n"
            + "Error: Missing required provider\n"
            + "\n"
            + "This configuration requires provider registry.terraform.io/acme/hello, but\n"
            + "that provider isn't available. You may be able to install it automatically by\n"
            + "running:\n"
            + "  forma init\n",
        cli.err());
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertEquals(
        "\n"
            + "Error: Inconsistent dependency lock file\n"
            + "\n"
            + "The following dependency selections recorded in the lock file are\n"
            + "inconsistent with the current configuration:\n"
            + "  - provider registry.terraform.io/acme/hello: required by this configuration"
            + " but no version is selected\n"
            + "\n"
            + "To make the initial dependency selections that will initialize the dependency\n"
            + "lock file, run:\n"
            + "  forma init\n",
        cli.err());
  }

  @Test
  void aPluginWhoseFactoryMakesNoProviderIsAnErrorNotACrash() throws Exception {
    // the test plugin's factory returns null from create(), as a broken third-party plugin may
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    cli.write("resource.tf", "resource \"hello_greeting\" \"x\" {}\n");
    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(cli.err().contains("Error: Failed to start provider"), cli.err());
    assertTrue(
        flat(cli.err())
            .contains(
                "The provider \"hello\" (the plugin "
                    + jar
                    + ") could not be started: its factory made no provider."),
        cli.err());
    assertFalse(cli.err().contains("internal error"), cli.err());
  }

  @Test
  void anUnknownProviderSaysWhereFormaLooked() throws Exception {
    cli.write(
        "main.tf",
        "terraform {\n  required_providers {\n    nope = {\n      source = \"acme/nope\"\n"
            + "    }\n  }\n}\n");
    cli.env.put("FORMA_PLUGIN_PATH", tmp.resolve("more").toString());
    assertEquals(1, cli.run("", "init", "-no-color"));
    String err = flat(cli.err());
    assertTrue(
        err.contains(
            "Forma looked for provider plugins (jar files) in: - "
                + dir.resolve(".forma/plugins")
                + " - "
                + tmp.resolve("home/.forma/plugins")
                + " - "
                + tmp.resolve("more")),
        cli.err());

    // validate and plan of a resource of that provider say it too (not init's business only)
    cli.write("main.tf", "resource \"nope_thing\" \"x\" {}\n");
    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertTrue(
        cli.err()
            .contains(
                "Forma looked for provider plugins in:\n  "
                    + dir.resolve(".forma/plugins")
                    + "\n  "
                    + tmp.resolve("home/.forma/plugins")
                    + "\n  "
                    + tmp.resolve("more")
                    + "\nPut the provider's plugin jar into one of them and run \"forma init\"."),
        cli.err());
  }

  @Test
  void aFileInAPluginDirectoryThatIsNotAJarStopsInit() throws Exception {
    Files.writeString(dir.resolve(".forma/plugins/broken.jar"), "not a jar");
    assertEquals(1, cli.run("", "init", "-no-color"));
    assertTrue(cli.err().contains("Error: Invalid provider plugin"), cli.err());
    assertTrue(flat(cli.err()).contains("broken.jar is not a jar file"), cli.err());
    assertTrue(!Files.exists(dir.resolve(".forma.lock.hcl")));
  }

  @Test
  void pessimisticConstraintsKeepTheNumbersWrittenAsTerraformPrintsThem() {
    // Terraform 1.11.4 writes "~> 0.1" to the lock file as it is: "~> 0.1.0" would not allow 0.2.0
    assertEquals("~> 0.1, >= 0.1.0", ProviderRequirements.normalise("~> 0.1,>= 0.1"));
    assertTrue(ProviderRequirements.allows("~> 0.1", "0.2.0"));
    assertTrue(!ProviderRequirements.allows("~> 0.1.0", "0.2.0"));
  }

  @Test
  void aPluginReplacingABundledProviderIsUsedWithAWarning() throws Exception {
    Files.delete(jar);
    Path alicloud =
        PluginJar.build(tmp, dir.resolve(".forma/plugins/ali.jar"), "alicloud", "9.0.0", "x");
    cli.write(
        "main.tf",
        "terraform {\n  required_providers {\n    alicloud = {\n"
            + "      source = \"acme/alicloud\"\n    }\n  }\n}\n");
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .contains("- Installed acme/alicloud v9.0.0 (unauthenticated, .forma/plugins/ali.jar)"),
        cli.out());
    assertTrue(
        flat(cli.out())
            .contains(
                "Warning: Provider plugin replaces a bundled provider on main.tf line 3, in"
                    + " terraform: 3: alicloud = { 4: source = \"acme/alicloud\" 5: } The plugin"
                    + " .forma/plugins/ali.jar (acme/alicloud v9.0.0) replaces the provider"
                    + " \"alicloud\" bundled with Forma (aliyun/alicloud v0.1.0). Remove the"
                    + " plugin to use the bundled provider again."),
        cli.out());
    assertTrue(Files.readString(dir.resolve(".forma.lock.hcl")).contains(LockFile.hash(alicloud)));
  }

  @Test
  void aPluginOfAnotherVersionThanTheLockedOneIsRefused() throws Exception {
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    PluginJar.build(tmp, jar, "hello", "0.1.1", "a");

    assertEquals(1, cli.run("", "plan", "-no-color"));
    assertTrue(
        flat(cli.err())
            .contains(
                "Error: Required plugins are not installed The installed provider plugins are not"
                    + " consistent with the packages selected in the dependency lock file: -"
                    + " registry.terraform.io/acme/hello: the plugin "
                    + jar
                    + " is version 0.1.1, but the dependency lock file selected 0.1.0"),
        cli.err());
    assertEquals(1, cli.run("", "init", "-no-color"));
    assertTrue(
        flat(cli.err())
            .contains(
                "Error while installing acme/hello v0.1.0: the plugin .forma/plugins/hello.jar is"
                    + " version 0.1.1, not the one the dependency lock file selected."),
        cli.err());
    assertEquals(0, cli.run("", "init", "-no-color", "-upgrade"), cli.err());
    assertTrue(
        Files.readString(dir.resolve(".forma.lock.hcl")).contains("version     = \"0.1.1\""));
  }
}
