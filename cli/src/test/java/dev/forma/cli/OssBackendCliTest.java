package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.backend.StateStore;
import dev.forma.state.backend.oss.OssBackend;
import dev.forma.state.backend.oss.OssSettings;
import dev.forma.state.encryption.StateEncryption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backend "oss"} through the CLI against the local cloud's OSS: init, plan, apply and plan
 * again with "No changes.", the state in the bucket and none on disk, a held lock refused with its
 * holder and freed by force-unlock, Terraform's Tablestore settings warned about, and wrong
 * settings or credentials reported by name without the secret.
 */
class OssBackendCliTest {
  @TempDir Path dir;
  private LocalCloud cloud;

  @BeforeEach
  void start() throws Exception {
    cloud = LocalCloud.start(LocalCloudOptions.of(dir.resolve("cloud/cloud.json"), 0));
    cloud.createBucket("forma-state");
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private String config(String extra) {
    return "terraform {\n"
        + "  backend \"oss\" {\n"
        + "    bucket   = \"forma-state\"\n"
        + "    prefix   = \"teams/app\"\n"
        + "    endpoint = \""
        + cloud.url()
        + "\"\n"
        + "    region   = \"cn-hangzhou\"\n"
        + extra
        + "  }\n"
        + "}\n\n"
        + "resource \"terraform_data\" \"a\" {\n"
        + "  input = \"hello\"\n"
        + "}\n";
  }

  private CliRun cli(String extra) throws Exception {
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    CliRun cli = new CliRun(work).write("main.tf", config(extra));
    cli.env.put("ALICLOUD_ACCESS_KEY", LocalCloud.DEFAULT_ACCESS_KEY_ID);
    cli.env.put("ALICLOUD_SECRET_KEY", LocalCloud.DEFAULT_ACCESS_KEY_SECRET);
    cli.env.put("HOME", dir.resolve("home").toString());
    return cli;
  }

  private StateStore store() throws Exception {
    OssSettings settings =
        OssSettings.resolve(
            Map.of(
                "bucket",
                "forma-state",
                "prefix",
                "teams/app",
                "endpoint",
                cloud.url(),
                "region",
                "cn-hangzhou",
                "access_key",
                LocalCloud.DEFAULT_ACCESS_KEY_ID,
                "secret_key",
                LocalCloud.DEFAULT_ACCESS_KEY_SECRET),
            Map.of(),
            dir);
    return new OssBackend(settings, "0.1.0", StateEncryption.NONE).store("default");
  }

  @Test
  void planApplyPlanKeepsTheStateInTheBucket() throws Exception {
    CliRun cli = cli("");
    assertEquals(0, cli.run("", "init"), cli.err());
    assertEquals(0, cli.run("", "plan"), cli.err());
    assertTrue(cli.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), cli.out());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(cli.out().contains("Apply complete! Resources: 1 added"), cli.out());
    assertEquals(0, cli.run("", "plan", "-detailed-exitcode"), cli.err());
    assertTrue(cli.out().contains("No changes."), cli.out());
    assertEquals(0, cli.run("", "state", "list"), cli.err());
    assertEquals("terraform_data.a\n", cli.out());
    assertFalse(Files.exists(cli.dir.resolve("terraform.tfstate")));
    assertTrue(Files.exists(LocalCloud.ossFolder(cloud.dataFile()).resolve("forma-state")));
    assertTrue(
        store()
            .read()
            .state()
            .currentObject(
                dev.forma.state.ResourceAddress.managed("terraform_data", "a")
                    .instance(dev.forma.state.IndexKey.NONE))
            .isPresent());
    assertEquals(0, cli.run("", "state", "pull"), cli.err());
    assertTrue(cli.out().contains("\"type\": \"terraform_data\""), cli.out());
  }

  @Test
  void aHeldLockIsReportedWithItsHolderAndForceUnlockFreesIt() throws Exception {
    CliRun cli = cli("");
    assertEquals(0, cli.run("", "init"), cli.err());
    StateStore other = store();
    LockInfo lock = other.lock(LockInfo.APPLY, "deploying from CI", Duration.ZERO);
    assertEquals(1, cli.run("", "plan"));
    assertTrue(cli.err().contains("Error: Error acquiring the state lock"), cli.err());
    assertTrue(cli.err().contains("ID:        " + lock.id()), cli.err());
    assertTrue(cli.err().contains("Info:      deploying from CI"), cli.err());
    assertTrue(
        cli.err().contains("oss://forma-state/teams/app/terraform.tfstate.tflock"), cli.err());
    assertEquals(0, cli.run("", "force-unlock", "-force", lock.id()), cli.err());
    assertTrue(cli.out().contains("successfully unlocked"), cli.out());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
  }

  @Test
  void tablestoreSettingsAreAcceptedWithAWarning() throws Exception {
    CliRun cli =
        cli(
            "    tablestore_endpoint = \"https://x.cn-hangzhou.ots.aliyuncs.com\"\n"
                + "    tablestore_table    = \"terraform_locks\"\n");
    assertEquals(0, cli.run("", "init"), cli.err());
    assertTrue(
        cli.out().contains("Warning: Forma does not use a Tablestore table for the oss backend"),
        cli.out());
    assertEquals(0, cli.run("", "apply", "-auto-approve"), cli.err());
    assertTrue(cli.out().contains("1 added"), cli.out());
  }

  @Test
  void invalidArgumentsAreErrorsAtTheBlock() throws Exception {
    CliRun cli = cli("    acl = \"everyone\"\n");
    assertEquals(1, cli.run("", "init"));
    assertTrue(cli.err().contains("Error: Invalid value for \"acl\""), cli.err());
    assertTrue(cli.err().contains("on main.tf line 2, in terraform:"), cli.err());
    assertEquals(1, cli.run("", "plan"));
    assertTrue(cli.err().contains("Error: Invalid value for \"acl\""), cli.err());
  }

  @Test
  void wrongCredentialsNameBucketAndEndpointButNotTheSecret() throws Exception {
    cloud.close();
    cloud =
        LocalCloud.start(
            LocalCloudOptions.of(dir.resolve("cloud/keyed.json"), 0)
                .withKeyPairs(Map.of("AKID", "right-secret")));
    cloud.createBucket("forma-state");
    CliRun cli = cli("");
    cli.env.put("ALICLOUD_ACCESS_KEY", "AKID");
    cli.env.put("ALICLOUD_SECRET_KEY", "right-secret");
    assertEquals(0, cli.run("", "init", "-input=false"), cli.err());
    cli.env.put("ALICLOUD_SECRET_KEY", "not-the-right-secret");
    assertEquals(1, cli.run("", "plan"));
    String err = cli.err().replace('\n', ' ');
    assertTrue(err.contains("Error: Error acquiring the state lock"), err);
    assertTrue(err.contains("bucket \"forma-state\" at endpoint " + cloud.url()), err);
    assertTrue(err.contains("SignatureDoesNotMatch"), err);
    assertTrue(err.contains("the environment (ALICLOUD_ACCESS_KEY)"), err);
    assertFalse(err.contains("not-the-right-secret"), err);
    assertFalse(err.contains("Exception"), err);
    cli.env.remove("ALICLOUD_ACCESS_KEY");
    cli.env.remove("ALICLOUD_SECRET_KEY");
    assertEquals(1, cli.run("", "plan"));
    assertTrue(cli.err().contains("Error: No credentials for the oss backend"), cli.err());
  }
}
