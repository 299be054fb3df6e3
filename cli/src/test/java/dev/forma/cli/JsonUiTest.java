package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.apply.Operation;
import dev.forma.provider.api.diag.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The -json messages the scenario suite cannot provoke with terraform_data (a failed or slow
 * provider step, an interrupt, an object in a module), each compared with the line Terraform 1.11.4
 * writes for the same event.
 */
class JsonUiTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final JsonUi ui =
      new JsonUi(
          new PrintStream(bytes, true, StandardCharsets.UTF_8),
          Clock.fixed(Instant.parse("2026-12-07T08:37:25.951927Z"), ZoneOffset.UTC));

  private static final ResourceInstanceAddress A =
      ResourceAddress.managed("terraform_data", "a").instance(InstanceKey.NONE);

  private static final String RESOURCE_A =
      "{\"addr\":\"terraform_data.a\",\"module\":\"\",\"resource\":\"terraform_data.a\","
          + "\"implied_provider\":\"terraform\",\"resource_type\":\"terraform_data\","
          + "\"resource_name\":\"a\",\"resource_key\":null}";

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void failedStepIsApplyErroredAtLevelInfoWithTheNounTerraformUses() {
    ui.postApply(ObjectTarget.current(A), Operation.CREATE, false, null, Duration.ZERO);
    // Terraform's line for a create whose provisioner failed
    assertEquals(
        "{\"@level\":\"info\",\"@message\":\"terraform_data.a: Creation errored after 0s\","
            + "\"@module\":\"terraform.ui\",\"@timestamp\":\"2026-12-07T08:37:25.951927Z\","
            + "\"hook\":{\"resource\":"
            + RESOURCE_A
            + ",\"action\":\"create\",\"elapsed_seconds\":0},\"type\":\"apply_errored\"}\n",
        printed());
  }

  @Test
  void heartbeatIsApplyProgressWithTheElapsedTime() {
    ui.stillApplying(ObjectTarget.current(A), Operation.DELETE, Duration.ofSeconds(70), "busy");
    assertEquals(
        "{\"@level\":\"info\",\"@message\":\"terraform_data.a: Still destroying... [1m10s"
            + " elapsed]\",\"@module\":\"terraform.ui\",\"@timestamp\":"
            + "\"2026-12-07T08:37:25.951927Z\",\"hook\":{\"resource\":"
            + RESOURCE_A
            + ",\"action\":\"delete\",\"elapsed_seconds\":70},\"type\":\"apply_progress\"}\n",
        printed());
  }

  @Test
  void failedObjectDiagnosticNamesTheObjectAfterTheDetail() {
    ui.diagnostic(Diagnostic.error("Creation failed", "The API said no."), A, null);
    assertEquals(
        "{\"@level\":\"error\",\"@message\":\"Error: Creation failed\",\"@module\":"
            + "\"terraform.ui\",\"@timestamp\":\"2026-12-07T08:37:25.951927Z\",\"diagnostic\":"
            + "{\"severity\":\"error\",\"summary\":\"Creation failed\",\"detail\":\"The API said"
            + " no.\",\"address\":\"terraform_data.a\"},\"type\":\"diagnostic\"}\n",
        printed());
  }

  @Test
  void dataSourceReadIsAnApplyStepOfActionReadWordedAsTerraformWordsIt() {
    ResourceInstanceAddress data =
        ResourceAddress.data("terraform_remote_state", "o").instance(InstanceKey.NONE);
    String resource =
        "{\"addr\":\"data.terraform_remote_state.o\",\"module\":\"\",\"resource\":"
            + "\"data.terraform_remote_state.o\",\"implied_provider\":\"terraform\","
            + "\"resource_type\":\"terraform_remote_state\",\"resource_name\":\"o\","
            + "\"resource_key\":null}";
    ui.preRead(data);
    ui.postRead(data, true, null, Duration.ofMillis(300));
    // Terraform's lines for a terraform_remote_state read while planning
    assertEquals(
        "{\"@level\":\"info\",\"@message\":\"data.terraform_remote_state.o: Refreshing...\","
            + "\"@module\":\"terraform.ui\",\"@timestamp\":\"2026-12-07T08:37:25.951927Z\","
            + "\"hook\":{\"resource\":"
            + resource
            + ",\"action\":\"read\"},\"type\":\"apply_start\"}\n"
            + "{\"@level\":\"info\",\"@message\":\"data.terraform_remote_state.o: Refresh"
            + " complete after 0s\",\"@module\":\"terraform.ui\",\"@timestamp\":"
            + "\"2026-12-07T08:37:25.951927Z\",\"hook\":{\"resource\":"
            + resource
            + ",\"action\":\"read\",\"elapsed_seconds\":0},\"type\":\"apply_complete\"}\n",
        printed());
  }

  @Test
  void interruptIsALogMessage() {
    ui.log("Stopping operation...");
    assertEquals(
        "{\"@level\":\"info\",\"@message\":\"Stopping operation...\",\"@module\":"
            + "\"terraform.ui\",\"@timestamp\":\"2026-12-07T08:37:25.951927Z\",\"type\":\"log\"}\n",
        printed());
  }

  @Test
  void objectInAModuleInstanceHasItsModuleAndLocalAddressApart() {
    ResourceInstanceAddress inModule =
        ResourceAddress.managed("terraform_data", "a")
            .in(ModuleInstance.ROOT.child("m", InstanceKey.of(0)))
            .instance(InstanceKey.of("k"));
    ui.preRefresh(ObjectTarget.current(inModule), "abc");
    assertEquals(
        "{\"@level\":\"info\",\"@message\":\"module.m[0].terraform_data.a[\\\"k\\\"]: Refreshing"
            + " state... [id=abc]\",\"@module\":\"terraform.ui\",\"@timestamp\":"
            + "\"2026-12-07T08:37:25.951927Z\",\"hook\":{\"resource\":{\"addr\":"
            + "\"module.m[0].terraform_data.a[\\\"k\\\"]\",\"module\":\"module.m[0]\","
            + "\"resource\":\"terraform_data.a[\\\"k\\\"]\",\"implied_provider\":\"terraform\","
            + "\"resource_type\":\"terraform_data\",\"resource_name\":\"a\",\"resource_key\":"
            + "\"k\"},\"id_key\":\"id\",\"id_value\":\"abc\"},\"type\":\"refresh_start\"}\n",
        printed());
  }

  @Test
  void failedRefreshHasNoCompleteMessage() {
    ui.postRefresh(ObjectTarget.current(A), false, null);
    ui.postRefresh(ObjectTarget.current(A), true, null);
    assertEquals(
        "{\"@level\":\"info\",\"@message\":\"terraform_data.a: Refresh complete\",\"@module\":"
            + "\"terraform.ui\",\"@timestamp\":\"2026-12-07T08:37:25.951927Z\",\"hook\":"
            + "{\"resource\":"
            + RESOURCE_A
            + "},\"type\":\"refresh_complete\"}\n",
        printed());
  }
}
