package dev.forma.engine.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing local and Git modules: the lines printed, the manifest written (compared with what
 * Terraform 1.11.4 writes for the same layout) and the errors, rendered as the user sees them.
 */
class ModuleInstallerTest {
  @TempDir Path tmp;

  /** One run of the installer: its lines, its result and its rendered diagnostics. */
  record Run(List<String> lines, Result<ModuleInstaller.Installation> result, String errors) {}

  static Run install(Path wd, boolean upgrade, Map<String, String> env) {
    List<String> lines = new ArrayList<>();
    ModuleInstaller installer = new ModuleInstaller(wd, env, lines::add);
    Result<ModuleInstaller.Installation> r = installer.install(upgrade);
    String errors =
        new DiagnosticRenderer(installer.sources(), false).render(r.diagnostics().asList());
    return new Run(lines, r, errors);
  }

  static Run install(Path wd) {
    return install(wd, false, Map.of());
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  static String manifest(Path wd) throws IOException {
    return Files.readString(wd.resolve(".terraform/modules/modules.json"), StandardCharsets.UTF_8);
  }

  @Test
  void recordsLocalModulesWithoutCopyingThemAsTerraformDoes() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"x\" {\n  source = \"./modules/x\"\n}\n");
    write(
        wd.resolve("modules/x/main.tf"),
        "module \"y\" {\n  source = \"../y\"\n}\nresource \"terraform_data\" \"a\" {}\n");
    write(wd.resolve("modules/y/main.tf"), "resource \"terraform_data\" \"b\" {}\n");

    Run run = install(wd);

    assertEquals("", run.errors());
    assertEquals(List.of("- x in modules/x", "- x.y in modules/y"), run.lines());
    // byte for byte what terraform init 1.11.4 wrote for this layout
    assertEquals(
        "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},"
            + "{\"Key\":\"x\",\"Source\":\"./modules/x\",\"Dir\":\"modules/x\"},"
            + "{\"Key\":\"x.y\",\"Source\":\"../y\",\"Dir\":\"modules/y\"}]}",
        manifest(wd));
    assertFalse(Files.exists(wd.resolve(".terraform/modules/x")));
    assertTrue(run.result().value().hasCalls());
  }

  @Test
  void printsNothingForLocalModulesAlreadyRecordedAndReplacesStaleEntries() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"x\" {\n  source = \"./modules/x\"\n}\n");
    write(wd.resolve("modules/x/main.tf"), "module \"y\" {\n  source = \"../y\"\n}\n");
    write(wd.resolve("modules/y/main.tf"), "");
    install(wd);

    assertEquals(List.of(), install(wd).lines());

    write(wd.resolve("main.tf"), "module \"x\" {\n  source = \"./modules/y\"\n}\n");
    Run changed = install(wd);
    assertEquals(List.of("- x in modules/y"), changed.lines());
    assertEquals(
        "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},"
            + "{\"Key\":\"x\",\"Source\":\"./modules/y\",\"Dir\":\"modules/y\"}]}",
        manifest(wd));
  }

  @Test
  void writesNoManifestWithoutModuleCalls() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "resource \"terraform_data\" \"a\" {}\n");
    Run run = install(wd);
    assertFalse(run.result().value().hasCalls());
    assertFalse(Files.exists(wd.resolve(".terraform")));
  }

  @Test
  void readsCallsFromJsonFilesAndOverrideFiles() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"x\" {\n  source = \"./a\"\n}\n");
    write(wd.resolve("x_override.tf"), "module \"x\" {\n  source = \"./b\"\n}\n");
    write(wd.resolve("more.tf.json"), "{\"module\": {\"j\": {\"source\": \"./a\"}}}\n");
    write(wd.resolve("a/main.tf"), "");
    write(wd.resolve("b/main.tf"), "");

    Run run = install(wd);

    assertEquals("", run.errors());
    assertEquals(List.of("- j in a", "- x in b"), run.lines());
  }

  @Test
  void aMissingLocalDirectoryIsAnErrorAtTheSource() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"g\" {\n  source = \"./missing\"\n}\n");

    Run run = install(wd);

    assertTrue(run.result().hasErrors());
    assertEquals(
        """

        Error: Unreadable module directory

          on main.tf line 2, in module "g":
           2:   source = "./missing"

        The module "g" (main.tf:1) has the source "./missing", but there is no
        directory missing. A local source is a path relative to the directory of the
        calling module: check the path, or create the module there.
        """,
        run.errors());
  }

  @Test
  void aVersionOnANonRegistrySourceIsTerraformsError() throws IOException {
    Path wd = tmp.resolve("wd");
    write(
        wd.resolve("main.tf"),
        "module \"g\" {\n  source  = \"./missing\"\n  version = \"1.0.0\"\n}\n");

    Run run = install(wd);

    assertEquals(
        """

        Error: Invalid registry module source address

          on main.tf line 2, in module "g":
           2:   source  = "./missing"

        Failed to parse module registry address: can't use local directory
        "./missing" as a module registry address.

        Terraform assumed that you intended a module registry source address because
        you also set the argument "version", which applies only to registry modules.
        """,
        run.errors());
  }

  @Test
  void aMalformedSourceOrConstraintNamesItsPlace() throws IOException {
    Path wd = tmp.resolve("wd");
    write(
        wd.resolve("main.tf"),
        "variable \"s\" {}\n"
            + "module \"a\" {\n  source = \"foo/bar\"\n}\n"
            + "module \"b\" {\n  source  = \"hashicorp/consul/aws\"\n  version = \"~> x\"\n}\n"
            + "module \"c\" {\n  source = var.s\n}\n");

    Run run = install(wd);

    String out = run.errors();
    assertTrue(
        out.contains(
            """
            Error: Invalid module source address

              on main.tf line 3, in module "a":
               3:   source = "foo/bar"

            Terraform failed to determine your intended installation method for remote
            module package "foo/bar".
            """),
        out);
    assertTrue(
        out.contains(
            """
            Error: Invalid version constraint

              on main.tf line 7, in module "b":
               7:   version = "~> x"

            This string does not use correct version constraint syntax.
            """),
        out);
    assertTrue(
        out.contains(
            """
            Error: Variables not allowed

              on main.tf line 10, in module "c":
              10:   source = var.s
            """),
        out);
    // the positions carry the column too
    assertEquals(
        12, run.result().diagnostics().asList().getFirst().subject().start().column(), out);
  }

  @Test
  void aCycleBetweenModulesIsAnError() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"a\" {\n  source = \"./a\"\n}\n");
    write(wd.resolve("a/main.tf"), "module \"b\" {\n  source = \"../b\"\n}\n");
    write(wd.resolve("b/main.tf"), "module \"a\" {\n  source = \"../a\"\n}\n");

    Run run = install(wd);

    assertEquals(List.of("- a in a", "- a.b in b"), run.lines());
    assertTrue(
        run.errors()
            .contains(
                """
                Error: Module call cycle

                  on b/main.tf line 2, in module "a":
                   2:   source = "../a"

                Module "a" (b/main.tf:1) calls "../a", a module that is already calling it:
                module.a -> module.a.module.b -> module.a.module.b.module.a. A module cannot
                call itself, directly or through other modules.
                """),
        run.errors());
  }

  @Test
  void aModuleCallingTheRootIsACycle() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"a\" {\n  source = \"./a\"\n}\n");
    write(wd.resolve("a/main.tf"), "module \"root\" {\n  source = \"../\"\n}\n");
    Run run = install(wd);
    assertTrue(run.errors().contains("Error: Module call cycle"), run.errors());
  }

  // ------------------------------------------------------------------ git

  static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  /** A bare repository with tag v1.0.0 (main.tf, sub/ calling ../inner) and v2 on main. */
  Path bareRepository() throws Exception {
    Path src = tmp.resolve("src");
    write(src.resolve("main.tf"), "output \"o\" {\n  value = 1\n}\n");
    write(src.resolve("sub/main.tf"), "module \"inner\" {\n  source = \"../inner\"\n}\n");
    write(src.resolve("inner/main.tf"), "output \"i\" {\n  value = 3\n}\n");
    git(src, "init", "-q", "-b", "main");
    git(src, "add", ".");
    git(src, "commit", "-qm", "v1");
    git(src, "tag", "v1.0.0");
    write(src.resolve("main.tf"), "output \"o\" {\n  value = 2\n}\n");
    git(src, "commit", "-qam", "v2");
    git(tmp, "clone", "-q", "--bare", src.toString(), "bare.git");
    return tmp.resolve("bare.git");
  }

  @Test
  void clonesGitModulesAtTheirRefAsTerraformDoes() throws Exception {
    Path bare = bareRepository();
    String url = "git::file://" + bare;
    Path wd = tmp.resolve("wd");
    write(
        wd.resolve("main.tf"),
        "module \"g\" {\n  source = \""
            + url
            + "?ref=v1.0.0\"\n}\n"
            + "module \"s\" {\n  source = \""
            + url
            + "//sub?ref=v1.0.0\"\n}\n");

    Run run = install(wd);

    assertEquals("", run.errors());
    assertEquals(
        List.of(
            "Downloading " + url + "?ref=v1.0.0 for g...",
            "- g in .terraform/modules/g",
            "Downloading " + url + "?ref=v1.0.0 for s...",
            "- s in .terraform/modules/s/sub",
            "- s.inner in .terraform/modules/s/inner"),
        run.lines());
    assertEquals(
        "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},"
            + "{\"Key\":\"g\",\"Source\":\""
            + url
            + "?ref=v1.0.0\",\"Dir\":\".terraform/modules/g\"},"
            + "{\"Key\":\"s\",\"Source\":\""
            + url
            + "//sub?ref=v1.0.0\",\"Dir\":\".terraform/modules/s/sub\"},"
            + "{\"Key\":\"s.inner\",\"Source\":\"../inner\",\"Dir\":\".terraform/modules/s/inner\"}]}",
        manifest(wd));
    // the tag's content, not main's
    assertTrue(Files.readString(wd.resolve(".terraform/modules/g/main.tf")).contains("value = 1"));
  }

  @Test
  void keepsAnInstalledGitModuleUnlessUpgradeOrItsSourceChanged() throws Exception {
    Path bare = bareRepository();
    String url = "git::file://" + bare;
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"g\" {\n  source = \"" + url + "?ref=v1.0.0\"\n}\n");
    install(wd);
    Path marker = wd.resolve(".terraform/modules/g/marker");
    Files.writeString(marker, "kept");

    assertEquals(List.of(), install(wd).lines());
    assertTrue(Files.exists(marker));

    Run upgraded = install(wd, true, Map.of());
    assertEquals(
        List.of("Downloading " + url + "?ref=v1.0.0 for g...", "- g in .terraform/modules/g"),
        upgraded.lines());
    assertFalse(Files.exists(marker));

    write(wd.resolve("main.tf"), "module \"g\" {\n  source = \"" + url + "\"\n}\n");
    Run changed = install(wd);
    assertEquals(
        List.of("Downloading " + url + " for g...", "- g in .terraform/modules/g"),
        changed.lines());
    assertTrue(Files.readString(wd.resolve(".terraform/modules/g/main.tf")).contains("value = 2"));
  }

  @Test
  void aBadRefIsAnErrorWithGitsMessage() throws Exception {
    Path bare = bareRepository();
    String url = "git::file://" + bare + "?ref=nope";
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"g\" {\n  source = \"" + url + "\"\n}\n");

    Run run = install(wd);

    assertTrue(run.result().hasErrors());
    String out = run.errors().replace("\n", " ");
    assertTrue(run.errors().contains("Error: Failed to download module"), run.errors());
    assertTrue(run.errors().contains("on main.tf line 1:\n   1: module \"g\" {"), run.errors());
    assertTrue(out.contains("Could not download module \"g\" (main.tf:1) source code"), out);
    assertTrue(out.contains("git exited with 1"), out);
    assertTrue(out.contains("pathspec 'nope' did not match"), out);
  }

  @Test
  void aRepositoryThatDoesNotExistIsAnErrorWithGitsMessage() throws Exception {
    String url = "git::file://" + tmp.resolve("none.git");
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"g\" {\n  source = \"" + url + "\"\n}\n");

    Run run = install(wd);

    String out = run.errors().replace("\n", " ");
    assertTrue(out.contains("Error: Failed to download module"), out);
    assertTrue(out.contains("git exited with 128"), out);
    assertTrue(out.contains("does not appear to be a git repository"), out);
    // the manifest keeps the root only: nothing half-installed is recorded
    assertEquals("{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"}]}", manifest(wd));
  }

  @Test
  void aLocalPathMayNotLeaveItsPackage() throws Exception {
    Path src = tmp.resolve("src");
    write(src.resolve("main.tf"), "module \"up\" {\n  source = \"../../outside\"\n}\n");
    git(src, "init", "-q", "-b", "main");
    git(src, "add", ".");
    git(src, "commit", "-qm", "one");
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"g\" {\n  source = \"git::file://" + src + "\"\n}\n");

    Run run = install(wd);

    assertTrue(
        run.errors().contains("Error: Local module path escapes module package"), run.errors());
    assertTrue(run.errors().contains("on .terraform/modules/g/main.tf line 2"), run.errors());
  }

  // ------------------------------------------------------------------ manifest

  @Test
  void theManifestGivesTheDirectoriesOfInstalledModulesOnly() throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), "module \"x\" {\n  source = \"./modules/x\"\n}\n");
    write(wd.resolve("modules/x/main.tf"), "");
    install(wd);

    ModuleDirectories dirs = ModuleManifest.read(wd).value().directories();
    assertEquals(
        Optional.of(wd.resolve("modules/x").normalize()),
        dirs.directory("x", "./modules/x", null, wd));
    assertEquals(Optional.empty(), dirs.directory("x", "./modules/other", null, wd));
    assertEquals(Optional.empty(), dirs.directory("z", "./modules/x", null, wd));
  }
}
