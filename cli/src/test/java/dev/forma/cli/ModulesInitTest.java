package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma init} installing modules: Terraform 1.11.4's module section and errors. */
class ModulesInitTest {
  @TempDir Path dir;

  private static void git(Path cwd, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  /** A Git repository made by the test, with tag v1.0.0. */
  private Path repository() throws Exception {
    Path src = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(src.resolve("main.tf"), "resource \"terraform_data\" \"g\" {}\n");
    git(src, "init", "-q", "-b", "main");
    git(src, "add", ".");
    git(src, "commit", "-qm", "one");
    git(src, "tag", "v1.0.0");
    return src;
  }

  @Test
  void aBadGitRefStopsInitWithGitsMessage() throws Exception {
    Path repo = repository();
    CliRun cli =
        new CliRun(dir.resolve("wd"))
            .write(
                "main.tf", "module \"g\" {\n  source = \"git::file://" + repo + "?ref=nope\"\n}\n");

    assertEquals(1, cli.run("", "init", "-no-color"));

    // (after "Initializing the backend..." when the rest of the configuration loads, as Terraform)
    assertTrue(
        cli.out()
            .endsWith(
                "Initializing modules...\nDownloading git::file://"
                    + repo
                    + "?ref=nope for g...\n"),
        cli.out());
    String err = cli.err();
    assertTrue(err.startsWith("\nError: Failed to download module\n\n  on main.tf line 1:\n"), err);
    assertTrue(err.replace("\n", " ").contains("pathspec 'nope' did not match"), err);
  }

  @Test
  void aMissingLocalModuleDirectoryIsAnErrorAtItsSource() throws Exception {
    CliRun cli =
        new CliRun(dir).write("main.tf", "module \"net\" {\n  source = \"./modules/net\"\n}\n");

    assertEquals(1, cli.run("", "init", "-no-color"));

    assertTrue(cli.out().endsWith("Initializing modules...\n"), cli.out());
    assertTrue(
        cli.err()
            .startsWith(
                """

                Error: Unreadable module directory

                  on main.tf line 2, in module "net":
                   2:   source = "./modules/net"

                The module "net" (main.tf:1) has the source "./modules/net", but there is no
                directory modules/net."""),
        cli.err());
  }

  @Test
  void aRegistryThatDoesNotAnswerStopsInitAndUpgradeSaysUpgrading() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                "module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n  version = \"~> 1.0\"\n}\n");
    // a registry host mapped to a local port nobody listens on
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    cli.env.put("FORMA_REGISTRY_HOSTS", "example.com=http://127.0.0.1:" + port);

    assertEquals(1, cli.run("", "init", "-upgrade", "-no-color"));

    assertTrue(cli.out().endsWith("Upgrading modules...\n"), cli.out());
    assertTrue(
        cli.err()
            .replace("\n", " ")
            .contains(
                "Failed to retrieve available versions for module \"m\" (main.tf:1) from"
                    + " example.com: failed to request discovery document: Get"
                    + " \"http://127.0.0.1:"
                    + port
                    + "/.well-known/terraform.json\""),
        cli.err());
  }

  @Test
  void getFalseInstallsNothing() throws Exception {
    Path repo = repository();
    CliRun cli =
        new CliRun(dir.resolve("wd"))
            .write("main.tf", "module \"g\" {\n  source = \"git::file://" + repo + "\"\n}\n");

    cli.run("", "init", "-get=false", "-no-color");

    assertFalse(cli.err().contains("Failed to parse command-line flags"), cli.err());
    assertFalse(cli.out().contains("modules..."), cli.out());
    assertFalse(Files.exists(dir.resolve("wd/.terraform/modules")));
  }

  @Test
  void initInstallsModulesWithTerraformsText() throws Exception {
    Path repo = repository();
    CliRun cli =
        new CliRun(dir.resolve("wd"))
            .write(
                "main.tf",
                "module \"x\" {\n  source = \"./modules/x\"\n}\n"
                    + "module \"g\" {\n  source = \"git::file://"
                    + repo
                    + "?ref=v1.0.0\"\n}\n")
            .write("modules/x/main.tf", "resource \"terraform_data\" \"x\" {}\n");
    // before init: the Git module is not there to read (the local one is read where it is)
    assertEquals(1, cli.run("", "validate", "-no-color"));
    assertTrue(cli.err().contains("Error: Module not installed"), cli.err());
    assertTrue(cli.err().contains("module \"g\" {"), cli.err());
    assertFalse(cli.err().contains("module \"x\" {"), cli.err());

    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());

    assertTrue(
        cli.out()
            .startsWith(
                "Initializing the backend...\n"
                    + "Initializing modules...\n"
                    + "Downloading git::file://"
                    + repo
                    + "?ref=v1.0.0 for g...\n"
                    + "- g in .terraform/modules/g\n"
                    + "- x in modules/x\n"
                    + "Initializing provider plugins...\n"),
        cli.out());
    assertEquals(
        "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},"
            + "{\"Key\":\"g\",\"Source\":\"git::file://"
            + repo
            + "?ref=v1.0.0\",\"Dir\":\".terraform/modules/g\"},"
            + "{\"Key\":\"x\",\"Source\":\"./modules/x\",\"Dir\":\"modules/x\"}]}",
        Files.readString(dir.resolve("wd/.terraform/modules/modules.json")));
    // the commands read the installed copy, as the manifest records it
    assertEquals(0, cli.run("", "validate", "-no-color"), cli.err());
    assertTrue(cli.out().contains("Success! The configuration is valid."), cli.out());
    // a second init keeps what is installed and prints no module lines
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .startsWith(
                "Initializing the backend...\nInitializing modules...\nInitializing provider plugins...\n"),
        cli.out());
  }
}
