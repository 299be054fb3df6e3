package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma local-cloud serve}: prints where it listens and what to sign with, and stops. */
class LocalCloudCommandTest {
  @TempDir Path dir;

  @Test
  void servesUntilShutdownPrintingUrlAndCredentials() throws Exception {
    CliRun run = new CliRun(dir);
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () -> run.run("", "local-cloud", "serve", "-port=0", "-data=cloud/data.json"));
    Pattern url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    Matcher m = url.matcher("");
    for (int i = 0; i < 500 && !m.find(); i++) {
      Thread.sleep(20);
      m = url.matcher(run.out());
    }
    String out = run.out();
    assertTrue(m.find(0), out + run.err());
    assertTrue(out.contains("access key secret: forma-local-secret"), out);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> objects =
        http.send(
            HttpRequest.newBuilder(URI.create(m.group(1) + "/_emulator/objects")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, objects.statusCode());
    http.send(
        HttpRequest.newBuilder(URI.create(m.group(1) + "/_emulator/shutdown"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(0, code.get());
    assertTrue(out.contains(dir.resolve("cloud/data.json").toString()), out);
  }

  @Test
  void refusesABadKeyPair() {
    CliRun run = new CliRun(dir);
    assertEquals(1, run.run("", "local-cloud", "serve", "-access-key=nosecret"));
    assertTrue(run.err().contains("-access-key must be ID:SECRET"), run.err());
    assertTrue(!Files.exists(dir.resolve(".forma")));
  }
}
