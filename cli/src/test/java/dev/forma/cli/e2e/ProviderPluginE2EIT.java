package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example provider plugin ({@code examples/provider-plugin}), built to its jar by the reactor,
 * used by the built CLI as a user uses it: the jar copied into the working directory's {@code
 * .forma/plugins}, then init, plan, apply and a plan with no changes.
 */
class ProviderPluginE2EIT {
  @TempDir Path tmp;

  static final Path PLUGIN =
      Path.of(
              System.getProperty(
                  "forma.example.plugin", "../examples/provider-plugin/target/hello-provider.jar"))
          .toAbsolutePath();

  static final Path ALICLOUD_PLUGIN =
      Path.of(
              System.getProperty(
                  "forma.alicloud.plugin",
                  "../providers/alicloud/target/forma-provider-alicloud-plugin.jar"))
          .toAbsolutePath();

  /**
   * The alicloud provider built as a plugin jar like any third party's: put into the quickstart's
   * plugin directory it replaces the bundled one (init says so and locks its hash), and the
   * quickstart applies through it against the embedded local cloud, whose address the plugin's own
   * instance is given.
   */
  @Test
  void theAlicloudProviderRunsAsAPluginJar() throws Exception {
    assertTrue(
        Files.isRegularFile(ALICLOUD_PLUGIN), "build providers/alicloud first: " + ALICLOUD_PLUGIN);
    Path wd = E2E.copyExample("quickstart", Files.createDirectories(tmp.resolve("quickstart")));
    Files.createDirectories(wd.resolve(".forma/plugins"));
    Files.copy(ALICLOUD_PLUGIN, wd.resolve(".forma/plugins/alicloud.jar"));
    Map<String, String> env =
        Map.of("HOME", tmp.resolve("home").toString(), "TF_IN_AUTOMATION", "1", "NO_COLOR", "1");

    E2E.Run init = E2E.exec(tmp, wd, env, E2E.forma("init", "-no-color"));
    assertEquals(0, init.exit(), init.all());
    assertTrue(init.out().contains("(unauthenticated, .forma/plugins/alicloud.jar)"), init.all());
    assertTrue(init.all().contains("Provider plugin replaces a bundled provider"), init.all());
    assertTrue(
        Files.readString(wd.resolve(".forma.lock.hcl"))
            .contains("provider \"registry.terraform.io/aliyun/alicloud\""));

    E2E.Run apply = E2E.exec(tmp, wd, env, E2E.forma("apply", "-auto-approve", "-no-color"));
    assertEquals(0, apply.exit(), apply.all());
    assertTrue(
        apply.out().contains("Apply complete! Resources: 5 added, 0 changed, 0 destroyed."),
        apply.all());

    E2E.Run again = E2E.exec(tmp, wd, env, E2E.forma("plan", "-detailed-exitcode", "-no-color"));
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("No changes."), again.out());
  }

  @Test
  void theExamplePluginRunsFromThePluginDirectory() throws Exception {
    assertTrue(Files.isRegularFile(PLUGIN), "build examples/provider-plugin first: " + PLUGIN);
    Path wd = E2E.copyExample("provider-plugin", Files.createDirectories(tmp.resolve("wd")));
    Files.deleteIfExists(wd.resolve(".forma.lock.hcl")); // left by a run of the example by hand
    Files.createDirectories(wd.resolve(".forma/plugins"));
    Files.copy(PLUGIN, wd.resolve(".forma/plugins/hello-provider.jar"));
    Map<String, String> env =
        Map.of("HOME", tmp.resolve("home").toString(), "TF_IN_AUTOMATION", "1");

    E2E.Run init = E2E.exec(tmp, wd, env, E2E.forma("init", "-no-color"));
    assertEquals(0, init.exit(), init.all());
    assertTrue(
        init.out()
            .contains(
                "Initializing provider plugins...\n"
                    + "- Finding example/hello versions matching \"~> 0.1\"...\n"
                    + "- Installing example/hello v0.1.0...\n"
                    + "- Installed example/hello v0.1.0 (unauthenticated,"
                    + " .forma/plugins/hello-provider.jar)\n"
                    + "Forma has created a lock file .forma.lock.hcl"),
        init.out());
    String lock = Files.readString(wd.resolve(".forma.lock.hcl"));
    Matcher m =
        Pattern.compile(
                "provider \"registry.terraform.io/example/hello\" \\{\n"
                    + "  version     = \"0.1.0\"\n"
                    + "  constraints = \"~> 0.1\"\n"
                    + "  hashes = \\[\n"
                    + "    \"h1:[A-Za-z0-9+/]{43}=\",\n"
                    + "  ]\n"
                    + "}\n")
            .matcher(lock);
    assertTrue(m.find(), lock);

    E2E.Run plan = E2E.exec(tmp, wd, env, E2E.forma("plan", "-no-color"));
    assertEquals(0, plan.exit(), plan.all());
    assertTrue(plan.out().contains("# hello_greeting.world will be created"), plan.out());
    assertTrue(plan.out().contains("+ greeting = \"Hello, world!\""), plan.out());
    assertTrue(plan.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), plan.out());

    E2E.Run apply = E2E.exec(tmp, wd, env, E2E.forma("apply", "-auto-approve", "-no-color"));
    assertEquals(0, apply.exit(), apply.all());
    assertTrue(
        apply.out().contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed."),
        apply.out());
    assertTrue(apply.out().contains("greeting = \"Hello, world!\""), apply.out());

    E2E.Run again = E2E.exec(tmp, wd, env, E2E.forma("plan", "-no-color"));
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("No changes."), again.out());
    assertEquals(lock, Files.readString(wd.resolve(".forma.lock.hcl")), "plan leaves the lock");
  }
}
