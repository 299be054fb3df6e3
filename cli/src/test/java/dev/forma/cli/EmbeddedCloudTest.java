package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.provider.api.diag.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded local cloud a command starts for {@code endpoint = "local"}. */
class EmbeddedCloudTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  private Terminal terminal() {
    return new Terminal(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(new byte[0]),
        env,
        dir,
        false);
  }

  private Module module(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
    Result<Module> m = ConfigLoader.load(dir, dir);
    assertFalse(m.hasErrors(), m.diagnostics()::toString);
    return m.value();
  }

  private static int get(String url) throws Exception {
    HttpClient c = HttpClient.newHttpClient();
    return c.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void endpointLocalStartsACloudKeptInDotFormaAndSaysSoInOneLine() throws Exception {
    Module m = module("main.tf", "provider \"alicloud\" {\n  endpoint = \"local\"\n}\n");
    String url;
    try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(m, terminal())) {
      assertTrue(cloud.started());
      url = cloud.url();
      assertEquals(200, get(url + "/_emulator/objects"));
    }
    assertEquals(
        "Using the local cloud (objects in .forma/local-cloud.json); no Alibaba Cloud account is"
            + " used.\n\n",
        out.toString(StandardCharsets.UTF_8));
    String stopped = url;
    assertThrows(IOException.class, () -> get(stopped + "/_emulator/objects"));
  }

  @Test
  void theNextCommandGetsTheSamePortSoEndpointsHandedOutStayTheSame() throws Exception {
    Module m = module("main.tf", "provider \"alicloud\" {\n  endpoint = \"local\"\n}\n");
    String first;
    try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(m, terminal())) {
      first = cloud.url();
    }
    try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(m, terminal())) {
      assertEquals(first, cloud.url());
    }
  }

  @Test
  void anOverrideFileCanTurnTheLocalCloudOnWithoutEditingTheProviderBlock() throws Exception {
    Files.writeString(
        dir.resolve("main.tf"), "provider \"alicloud\" {\n  region = \"cn-hangzhou\"\n}\n");
    Module m = module("local_override.tf", "provider \"alicloud\" {\n  endpoint = \"local\"\n}\n");
    try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(m, terminal())) {
      assertTrue(cloud.started());
    }
  }

  @Test
  void nothingStartsWithoutEndpointLocalOrWhenALocalCloudIsGiven() throws Exception {
    Module real = module("main.tf", "provider \"alicloud\" {\n  region = \"cn-hangzhou\"\n}\n");
    try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(real, terminal())) {
      assertFalse(cloud.started());
    }
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    Module local = module("main.tf", "provider \"alicloud\" {\n  endpoint = \"local\"\n}\n");
    env.put("FORMA_ALICLOUD_LOCAL_URL", "http://127.0.0.1:4567");
    try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(local, terminal())) {
      assertFalse(cloud.started());
    }
    assertEquals(
        "Using the local cloud at http://127.0.0.1:4567; no Alibaba Cloud account is used.\n\n",
        out.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(dir.resolve(EmbeddedCloud.DATA_FILE)));
  }
}
