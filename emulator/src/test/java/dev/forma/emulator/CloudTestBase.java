package dev.forma.emulator;

import dev.forma.emulator.api.CloudSettings;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a local cloud on a free port over a temporary data file for each test. Status delays are
 * an hour, so a test sees the transitional status until it advances the cloud's clock.
 */
abstract class CloudTestBase {
  static final long HOUR = 3_600_000;

  @TempDir Path dir;
  LocalCloud cloud;
  CloudClient client;

  LocalCloudOptions options() {
    return LocalCloudOptions.of(dir.resolve("cloud.json"), 0)
        .withSettings(new CloudSettings(HOUR, HOUR, Set.of("baichuan_13b_fp16"), Set.of()));
  }

  @BeforeEach
  void startCloud() throws Exception {
    cloud = LocalCloud.start(options());
    client = new CloudClient(cloud);
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }
}
