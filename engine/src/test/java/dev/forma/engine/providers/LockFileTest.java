package dev.forma.engine.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  @TempDir Path tmp;

  @Test
  void theHashIsTerraformsH1OfThePackagesFiles() throws Exception {
    // Terraform 1.11.4 locked a provider package holding this one file with this hash
    Path jar =
        PluginJars.raw(
            tmp.resolve("p.jar"), Map.of("terraform-provider-hello_v0.1.0", "#!/bin/sh\nexit 1\n"));
    assertEquals("h1:Me/x2GxLlWxLQhgjLnIZwJuphmMaebB6WyviC609/Ow=", LockFile.hash(jar));
    Path other =
        PluginJars.raw(
            tmp.resolve("q.jar"), Map.of("terraform-provider-hello_v0.1.0", "#!/bin/sh\nexit 2\n"));
    assertNotEquals(LockFile.hash(jar), LockFile.hash(other));
  }

  @Test
  void writtenInTerraformsLayoutAndReadBack() throws Exception {
    LockFile lock =
        new LockFile(
            Map.of(
                "registry.terraform.io/acme/hello",
                new LockFile.Entry(
                    "registry.terraform.io/acme/hello", "0.1.0", ">= 0.1.0", List.of("h1:abc=")),
                "example.com/acme/bare",
                new LockFile.Entry("example.com/acme/bare", "1.2.3", null, List.of("h1:x="))));
    String expected =
        """
        # This file is maintained automatically by "forma init".
        # Manual edits may be lost in future updates.

        provider "example.com/acme/bare" {
          version = "1.2.3"
          hashes = [
            "h1:x=",
          ]
        }

        provider "registry.terraform.io/acme/hello" {
          version     = "0.1.0"
          constraints = ">= 0.1.0"
          hashes = [
            "h1:abc=",
          ]
        }
        """;
    assertEquals(expected, lock.render());
    lock.write(tmp);
    Result<LockFile> read = LockFile.read(tmp);
    assertTrue(read.diagnostics().asList().isEmpty(), read.diagnostics().toString());
    assertEquals(lock, read.value());
    assertEquals(LockFile.empty(), LockFile.read(tmp.resolve("none")).value());
  }

  @Test
  void anInvalidLockFileIsAnErrorWithWhere() {
    Result<LockFile> r = LockFile.parse("provider \"a/b\" {\n  version = 3\n}\n");
    assertEquals(1, r.diagnostics().asList().size());
    var d = r.diagnostics().asList().get(0);
    assertEquals("Invalid dependency lock file", d.summary());
    assertEquals(2, d.subject().start().line());
  }
}
