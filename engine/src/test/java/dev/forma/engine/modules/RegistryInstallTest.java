package dev.forma.engine.modules;

import static dev.forma.engine.modules.ModuleInstallerTest.install;
import static dev.forma.engine.modules.ModuleInstallerTest.manifest;
import static dev.forma.engine.modules.ModuleInstallerTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.forma.engine.modules.ModuleInstallerTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry modules from a module registry served by a real HTTP server in the test, speaking
 * Terraform's protocol: service discovery, the versions list, the download answer (an {@code
 * X-Terraform-Get} header, or a JSON location), then the package (a .tar.gz, a .zip, a Git
 * repository). Lines and manifest bytes are Terraform 1.11.4's for the same registry answers.
 */
class RegistryInstallTest {
  @TempDir Path tmp;

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private Map<String, String> env;
  private byte[] tarGz;
  private byte[] zip;
  private String gitLocation;

  @BeforeEach
  void start() throws Exception {
    Path pkg = tmp.resolve("pkg");
    write(pkg.resolve("main.tf"), "output \"r\" {\n  value = 1\n}\n");
    write(pkg.resolve("sub/main.tf"), "output \"q\" {\n  value = 2\n}\n");
    Process tar =
        new ProcessBuilder(
                "tar", "czf", tmp.resolve("m.tar.gz").toString(), "-C", pkg.toString(), ".")
            .redirectErrorStream(true)
            .start();
    assertEquals(0, tar.waitFor());
    tarGz = Files.readAllBytes(tmp.resolve("m.tar.gz"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (String name : List.of("main.tf", "sub/main.tf")) {
        z.putNextEntry(new ZipEntry(name));
        z.write(Files.readAllBytes(pkg.resolve(name)));
        z.closeEntry();
      }
    }
    zip = bytes.toByteArray();

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    env =
        Map.of(
            RegistryClient.HOSTS_VARIABLE, "example.com=" + base, "TF_TOKEN_example_com", "s3cret");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    requests.add(path);
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (!path.startsWith("/archives/")) {
      authorizations.add(String.valueOf(auth));
    }
    if (path.equals("/.well-known/terraform.json")) {
      send(x, 200, "{\"modules.v1\":\"/v1/modules/\"}");
    } else if (path.contains("/missing/")) {
      send(x, 404, "{\"errors\":[\"Not Found\"]}");
    } else if (path.endsWith("/versions")) {
      send(
          x,
          200,
          "{\"modules\":[{\"versions\":[{\"version\":\"1.0.0\"},{\"version\":\"1.2.0\"},"
              + "{\"version\":\"2.0.0\"},{\"version\":\"1.3.0-beta\"}]}]}");
    } else if (path.startsWith("/v1/modules/ns/zipper/") && path.endsWith("/download")) {
      send(x, 200, "{\"location\":\"../../../../../../archives/m.zip\"}");
    } else if (path.startsWith("/v1/modules/ns/gitted/") && path.endsWith("/download")) {
      x.getResponseHeaders().add("X-Terraform-Get", gitLocation);
      send(x, 204, "");
    } else if (path.endsWith("/download")) {
      x.getResponseHeaders().add("X-Terraform-Get", "/archives/m.tar.gz");
      send(x, 204, "");
    } else if (path.equals("/archives/m.tar.gz")) {
      send(x, 200, tarGz);
    } else if (path.equals("/archives/m.zip")) {
      send(x, 200, zip);
    } else {
      send(x, 404, "");
    }
  }

  private static void send(HttpExchange x, int code, String body) throws IOException {
    send(x, code, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int code, byte[] body) throws IOException {
    x.sendResponseHeaders(code, code == 204 ? -1 : body.length);
    if (code != 204) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
    x.close();
  }

  private Path config(String text) throws IOException {
    Path wd = tmp.resolve("wd");
    write(wd.resolve("main.tf"), text);
    return wd;
  }

  @Test
  void installsTheNewestAllowedVersionsThroughTheRegistryProtocol() throws IOException {
    Path wd =
        config(
            "module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n  version = \"~> 1.0\"\n}\n"
                + "module \"z\" {\n  source  = \"example.com/ns/zipper/prov//sub\"\n"
                + "  version = \">= 1.0, < 1.2\"\n}\n");

    Run run = install(wd, false, env);

    assertEquals("", run.errors());
    assertEquals(
        List.of(
            "Downloading example.com/ns/name/prov 1.2.0 for m...",
            "- m in .terraform/modules/m",
            "Downloading example.com/ns/zipper/prov 1.0.0 for z...",
            "- z in .terraform/modules/z/sub"),
        run.lines());
    assertEquals(
        "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},"
            + "{\"Key\":\"m\",\"Source\":\"example.com/ns/name/prov\",\"Version\":\"1.2.0\","
            + "\"Dir\":\".terraform/modules/m\"},"
            + "{\"Key\":\"z\",\"Source\":\"example.com/ns/zipper/prov//sub\",\"Version\":\"1.0.0\","
            + "\"Dir\":\".terraform/modules/z/sub\"}]}",
        manifest(wd));
    assertEquals(
        List.of(
            "/.well-known/terraform.json",
            "/v1/modules/ns/name/prov/versions",
            "/v1/modules/ns/name/prov/1.2.0/download",
            "/archives/m.tar.gz",
            "/v1/modules/ns/zipper/prov/versions",
            "/v1/modules/ns/zipper/prov/1.0.0/download",
            "/archives/m.zip"),
        requests);
    assertTrue(Files.readString(wd.resolve(".terraform/modules/m/sub/main.tf")).contains("\"q\""));
    assertTrue(Files.exists(wd.resolve(".terraform/modules/z/main.tf")));
    assertEquals(List.of("Bearer s3cret"), authorizations.stream().distinct().toList());
  }

  @Test
  void keepsAnInstalledVersionTheConstraintAllowsUnlessUpgrade() throws IOException {
    Path wd =
        config(
            "module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n  version = \"1.0.0\"\n}\n");
    install(wd, false, env);
    requests.clear();
    write(
        wd.resolve("main.tf"),
        "module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n  version = \">= 1.0.0\"\n}\n");

    assertEquals(List.of(), install(wd, false, env).lines());
    assertEquals(List.of(), requests);
    assertTrue(manifest(wd).contains("\"Version\":\"1.0.0\""));

    Run upgraded = install(wd, true, env);
    assertEquals(
        List.of(
            "Downloading example.com/ns/name/prov 2.0.0 for m...", "- m in .terraform/modules/m"),
        upgraded.lines());
    assertTrue(manifest(wd).contains("\"Version\":\"2.0.0\""));
  }

  @Test
  void theManifestGivesARegistryModuleOnlyWhileItsConstraintAllowsTheVersion() throws IOException {
    Path wd =
        config(
            "module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n  version = \"~> 1.0\"\n}\n");
    install(wd, false, env);

    ModuleDirectories dirs = ModuleManifest.read(wd).value().directories();
    assertEquals(
        java.util.Optional.of(wd.resolve(".terraform/modules/m")),
        dirs.directory("m", "example.com/ns/name/prov", "~> 1.0", wd));
    // the same module written another way is the same source
    assertTrue(dirs.directory("m", "EXAMPLE.com/ns/name/prov", ">= 1.2", wd).isPresent());
    assertTrue(dirs.directory("m", "example.com/ns/name/prov", "~> 2.0", wd).isEmpty());
    assertTrue(dirs.directory("m", "example.com/ns/other/prov", "~> 1.0", wd).isEmpty());
  }

  @Test
  void fetchesTheGitRepositoryTheRegistryPointsAt() throws Exception {
    Path src = tmp.resolve("src");
    write(src.resolve("modules/a/main.tf"), "output \"a\" {\n  value = 1\n}\n");
    ModuleInstallerTest.git(src, "init", "-q", "-b", "main");
    ModuleInstallerTest.git(src, "add", ".");
    ModuleInstallerTest.git(src, "commit", "-qm", "one");
    ModuleInstallerTest.git(src, "tag", "v2.0.0");
    gitLocation = "git::file://" + src + "//modules?ref=v2.0.0";
    Path wd = config("module \"g\" {\n  source  = \"example.com/ns/gitted/prov//a\"\n}\n");

    Run run = install(wd, false, env);

    assertEquals("", run.errors());
    assertEquals(
        List.of(
            "Downloading example.com/ns/gitted/prov 2.0.0 for g...",
            "- g in .terraform/modules/g/modules/a"),
        run.lines());
  }

  @Test
  void anArchiveEntryOutsideThePackageIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("../../evil.tf"));
      z.write("x".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    zip = bytes.toByteArray();
    Path wd = config("module \"z\" {\n  source  = \"example.com/ns/zipper/prov\"\n}\n");

    Run run = install(wd, false, env);

    String out = run.errors().replace("\n", " ");
    assertTrue(out.contains("Error: Failed to download module"), out);
    assertTrue(out.contains("the archive has an entry outside its root: ../../evil.tf"), out);
    assertTrue(Files.notExists(wd.resolve(".terraform/evil.tf")));
    assertTrue(Files.notExists(wd.resolve("evil.tf")));
  }

  @Test
  void noMatchingVersionIsTerraformsError() throws IOException {
    Path wd =
        config(
            "module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n  version = \"> 5.0\"\n}\n");

    assertEquals(
        """

        Error: Unresolvable module version constraint

          on main.tf line 1:
           1: module "m" {

        There is no available version of module "example.com/ns/name/prov"
        (main.tf:1) which matches the given version constraint. The newest available
        version is 2.0.0.
        """,
        install(wd, false, env).errors());
  }

  @Test
  void aModuleTheRegistryDoesNotKnowIsTerraformsError() throws IOException {
    Path wd = config("module \"m\" {\n  source  = \"example.com/ns/missing/prov\"\n}\n");

    assertEquals(
        """

        Error: Module not found

          on main.tf line 1:
           1: module "m" {

        Module "m" (from main.tf:1) cannot be found in the module registry at
        example.com.
        """,
        install(wd, false, env).errors());
  }

  @Test
  void aRegistryThatDoesNotAnswerIsAnError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path wd = config("module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n}\n");

    Run run =
        install(
            wd,
            false,
            Map.of(RegistryClient.HOSTS_VARIABLE, "example.com=http://127.0.0.1:" + port));

    String out = run.errors().replace("\n", " ");
    assertTrue(run.errors().startsWith("\nError: Error accessing remote module registry\n"), out);
    assertTrue(
        out.contains(
            "Failed to retrieve available versions for module \"m\" (main.tf:1) from"
                + " example.com: failed to request discovery document: Get"
                + " \"http://127.0.0.1:"
                + port
                + "/.well-known/terraform.json\""),
        out);
  }

  @Test
  void aHostWithoutAModuleRegistryIsAnError() throws IOException {
    Path wd = config("module \"m\" {\n  source  = \"example.com/ns/name/prov\"\n}\n");
    server.removeContext("/");
    server.createContext(
        "/",
        x -> {
          if (x.getRequestURI().getPath().equals("/.well-known/terraform.json")) {
            send(x, 200, "{\"providers.v1\":\"/v1/providers/\"}");
          } else {
            send(x, 404, "");
          }
        });

    String out = install(wd, false, env).errors().replace("\n", " ");

    assertTrue(
        out.contains("example.com: host example.com does not provide a module registry."), out);
  }
}
