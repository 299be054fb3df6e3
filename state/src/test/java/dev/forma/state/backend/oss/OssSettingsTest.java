package dev.forma.state.backend.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oss backend's settings as Terraform's oss backend reads them: the block, then the environment
 * variables, then the Alibaba Cloud CLI profile; Terraform's defaults and layout; errors that say
 * what to set and never show a secret.
 */
class OssSettingsTest {
  @TempDir Path home;

  private static Map<String, String> args(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private OssSettings resolve(Map<String, String> args, Map<String, String> env)
      throws StateException {
    return OssSettings.resolve(args, env, home);
  }

  private String error(Map<String, String> args, Map<String, String> env) {
    StateException e = assertThrows(StateException.class, () -> resolve(args, env));
    return e.getMessage();
  }

  @Test
  void terraformsDefaultsAndLayout() throws Exception {
    OssSettings s =
        resolve(
            args("bucket", "b", "region", "cn-hangzhou", "access_key", "AK", "secret_key", "SK"),
            Map.of());
    assertEquals("env:", s.prefix());
    assertEquals("terraform.tfstate", s.key());
    assertEquals("https://b.oss-cn-hangzhou.aliyuncs.com/", "https://b." + s.host() + "/");
    assertFalse(s.pathStyle());
    assertEquals("env:/terraform.tfstate", s.stateKey("default"));
    assertEquals("env:/dev/terraform.tfstate", s.stateKey("dev"));
    assertEquals("env:/", s.workspacesPrefix());
    assertFalse(s.encrypt());
    assertNull(s.acl());
    assertEquals("bucket \"b\" at endpoint https://oss-cn-hangzhou.aliyuncs.com", s.where());
  }

  @Test
  void prefixAndKeyAreTrimmedAndJoinedAsTerraformJoinsThem() throws Exception {
    Map<String, String> base =
        args("bucket", "b", "region", "cn-hangzhou", "access_key", "AK", "secret_key", "SK");
    base.put("prefix", "states/team/");
    base.put("key", "app/terraform.tfstate");
    OssSettings s = resolve(base, Map.of());
    assertEquals("states/team/app/terraform.tfstate", s.stateKey("default"));
    assertEquals("states/team/prod/app/terraform.tfstate", s.stateKey("prod"));
    base.put("prefix", "");
    OssSettings none = resolve(base, Map.of());
    assertEquals("app/terraform.tfstate", none.stateKey("default"));
    assertEquals("prod/app/terraform.tfstate", none.stateKey("prod"));
    assertEquals("", none.workspacesPrefix());
  }

  @Test
  void anIpEndpointIsAddressedPathStyleAndItsRegionMustBeGiven() throws Exception {
    OssSettings s =
        resolve(
            args(
                "bucket",
                "b",
                "endpoint",
                "http://127.0.0.1:9000",
                "region",
                "cn-beijing",
                "access_key",
                "AK",
                "secret_key",
                "SK"),
            Map.of());
    assertTrue(s.pathStyle());
    assertEquals("http://127.0.0.1:9000", s.endpointText());
    String e =
        error(
            args(
                "bucket",
                "b",
                "endpoint",
                "127.0.0.1:9000",
                "access_key",
                "AK",
                "secret_key",
                "SK"),
            Map.of());
    assertTrue(e.contains("No region for the oss backend"), e);
    OssSettings fromHost =
        resolve(
            args(
                "bucket",
                "b",
                "endpoint",
                "oss-cn-shanghai-internal.aliyuncs.com",
                "access_key",
                "AK",
                "secret_key",
                "SK"),
            Map.of());
    assertEquals("cn-shanghai", fromHost.region());
    assertEquals("https", fromHost.endpoint().scheme());
  }

  @Test
  void theEnvironmentFillsWhatTheBlockLeavesOut() throws Exception {
    OssSettings s =
        resolve(
            args("bucket", "b"),
            Map.of(
                "ALICLOUD_ACCESS_KEY", "AK",
                "ALICLOUD_SECRET_KEY", "SK",
                "ALICLOUD_SECURITY_TOKEN", "TOKEN",
                "ALICLOUD_REGION", "cn-beijing",
                "ALICLOUD_OSS_ENDPOINT", "http://127.0.0.1:1"));
    assertEquals("AK", s.credentials().accessKeyId());
    assertEquals("TOKEN", s.credentials().securityToken());
    assertEquals("the environment (ALICLOUD_ACCESS_KEY)", s.credentials().source());
    assertEquals("cn-beijing", s.region());
    assertEquals("http://127.0.0.1:1", s.endpointText());
    OssSettings newer =
        resolve(
            args("bucket", "b", "region", "cn-hangzhou"),
            Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "AK2", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "SK2"));
    assertEquals("AK2", newer.credentials().accessKeyId());
    OssSettings block =
        resolve(
            args("bucket", "b", "region", "cn-hangzhou", "access_key", "BLOCK", "secret_key", "S"),
            Map.of("ALICLOUD_ACCESS_KEY", "ENV", "ALICLOUD_SECRET_KEY", "ENVS"));
    assertEquals("BLOCK", block.credentials().accessKeyId());
    assertEquals("S", block.credentials().accessKeySecret());
  }

  @Test
  void theProfileFileGivesKeysTokenAndRegion() throws Exception {
    Files.createDirectories(home.resolve(".aliyun"));
    Files.writeString(
        home.resolve(".aliyun/config.json"),
        """
        {"current": "main", "profiles": [
          {"name": "main", "mode": "AK", "access_key_id": "PAK", "access_key_secret": "PSK",
           "region_id": "cn-shenzhen"},
          {"name": "sts", "mode": "StsToken", "access_key_id": "TAK", "access_key_secret": "TSK",
           "sts_token": "T", "region_id": "cn-beijing"},
          {"name": "role", "mode": "RamRoleArn", "access_key_id": "RAK",
           "access_key_secret": "RSK", "ram_role_arn": "acs:ram::1:role/x"}
        ]}
        """);
    OssSettings current = resolve(args("bucket", "b"), Map.of());
    assertEquals("PAK", current.credentials().accessKeyId());
    assertEquals("cn-shenzhen", current.region());
    assertTrue(current.credentials().source().startsWith("profile \"main\" in "));
    OssSettings sts = resolve(args("bucket", "b", "profile", "sts"), Map.of());
    assertEquals("T", sts.credentials().securityToken());
    OssSettings byEnv = resolve(args("bucket", "b"), Map.of("ALICLOUD_PROFILE", "sts"));
    assertEquals("TAK", byEnv.credentials().accessKeyId());
    String missing = error(args("bucket", "b", "profile", "nope"), Map.of());
    assertTrue(missing.contains("There is no profile named \"nope\""), missing);
    String role = error(args("bucket", "b", "profile", "role"), Map.of());
    assertTrue(role.contains("Assuming a RAM role is not supported"), role);
    assertTrue(role.contains("mode RamRoleArn"), role);
  }

  @Test
  void withoutCredentialsTheErrorListsWhereFormaLooked() {
    String e = error(args("bucket", "b", "region", "cn-hangzhou"), Map.of());
    assertTrue(e.contains("No credentials for the oss backend"), e);
    assertTrue(e.contains("access_key and secret_key are not set"), e);
    assertTrue(e.contains("ALICLOUD_ACCESS_KEY"), e);
    assertTrue(e.contains(".aliyun/config.json: it does not exist"), e);
  }

  @Test
  void assumingARoleOrAnEcsRoleIsRefusedByName() {
    String role =
        error(
            args(
                "bucket",
                "b",
                "region",
                "cn-hangzhou",
                "access_key",
                "AK",
                "secret_key",
                "SECRET-VALUE",
                "assume_role_role_arn",
                "acs:ram::1:role/deployer"),
            Map.of());
    assertTrue(role.contains("acs:ram::1:role/deployer (assume_role_role_arn)"), role);
    assertFalse(role.contains("SECRET-VALUE"), role);
    String ecs =
        error(args("bucket", "b", "region", "cn-hangzhou", "ecs_role_name", "worker"), Map.of());
    assertTrue(ecs.contains("ECS RAM roles are not supported"), ecs);
  }

  @Test
  void invalidArgumentsAreRefusedAsTerraformRefusesThem() {
    List<StateProblem> p =
        OssSettings.validate(
            args(
                "prefix",
                "/x",
                "key",
                "k/",
                "encrypt",
                "maybe",
                "acl",
                "bogus",
                "assume_role_session_expiration",
                "10",
                "endpoint",
                "http://h/path"));
    List<String> summaries = p.stream().map(StateProblem::summary).toList();
    assertEquals(
        List.of(
            "Missing required argument",
            "Invalid value for \"prefix\"",
            "Invalid value for \"key\"",
            "Incorrect attribute value type",
            "Invalid value for \"acl\"",
            "Invalid value for \"assume_role_session_expiration\"",
            "Invalid OSS endpoint"),
        summaries);
    assertTrue(
        OssSettings.validate(args("bucket", "b", "acl", "private", "encrypt", "true")).isEmpty());
  }

  @Test
  void tablestoreSettingsGetAWarningThatFormaDoesNotNeedThem() {
    assertTrue(OssSettings.warnings(args("bucket", "b")).isEmpty());
    List<StateProblem> w =
        OssSettings.warnings(
            args("bucket", "b", "tablestore_table", "locks", "tablestore_endpoint", "https://x"));
    assertEquals(1, w.size());
    assertTrue(w.getFirst().detail().contains("tablestore_endpoint and tablestore_table"));
    assertTrue(w.getFirst().detail().contains("lock object"));
  }

  @Test
  void credentialsNeverPrintTheirSecret() throws Exception {
    OssSettings s =
        resolve(
            args(
                "bucket",
                "b",
                "region",
                "cn-hangzhou",
                "access_key",
                "AK",
                "secret_key",
                "SECRET-VALUE",
                "security_token",
                "TOKEN-VALUE"),
            Map.of());
    assertFalse(s.toString().contains("SECRET-VALUE"), s.toString());
    assertFalse(s.toString().contains("TOKEN-VALUE"), s.toString());
  }
}
