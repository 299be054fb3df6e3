package dev.forma.state.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forma and a real Terraform on the same state directory (skipped without {@code terraform}). */
class TerraformInteropTest {
  @TempDir Path dir;

  private static boolean terraformInstalled() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, "terraform"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aLockHeldByTerraformIsReportedWithTerraformsLockInfo() throws Exception {
    assumeTrue(terraformInstalled(), "terraform is not installed");
    Files.writeString(dir.resolve("main.tf"), "terraform {}\n");
    Process console =
        new ProcessBuilder("terraform", "console")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      Path lockFile = dir.resolve(".terraform.tfstate.lock.info");
      for (int i = 0; i < 200 && !Files.exists(lockFile); i++) {
        Thread.sleep(50);
      }
      assumeTrue(Files.exists(lockFile), "terraform console did not lock the state");
      LocalStateStore backend = LocalStateStore.inDirectory(dir, "0.1.0");
      StateLockException e =
          assertThrows(
              StateLockException.class, () -> backend.lock(LockInfo.PLAN, "", Duration.ZERO));
      assertEquals("OperationTypeInvalid", e.holder().operation());
      assertTrue(e.holder().version().matches("\\d+\\.\\d+\\.\\d+.*"), e.holder().version());
      // Terraform's lock info file is left as Terraform wrote it.
      assertTrue(Files.readString(lockFile).contains(e.holder().id()));
    } finally {
      console.getOutputStream().close();
      if (!console.waitFor(30, TimeUnit.SECONDS)) {
        console.destroyForcibly();
      }
    }
  }
}
