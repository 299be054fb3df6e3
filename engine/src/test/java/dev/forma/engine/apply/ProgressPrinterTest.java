package dev.forma.engine.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.plan.Plan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lines compared with what Terraform 1.11.4 prints for terraform_data, byte for byte. */
class ProgressPrinterTest {
  private static final String E = "\u001b";
  private static final ResourceInstanceAddress A =
      ResourceAddress.managed("terraform_data", "a").instance();
  private static final String ID = "c410e3db-36cf-0b27-df73-c82d5ef4868c";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private ProgressPrinter printer(boolean color) {
    return new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), color);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void createLinesWithoutColour() {
    ProgressPrinter p = printer(false);
    p.preApply(ObjectTarget.current(A), Operation.CREATE, null);
    p.stillApplying(ObjectTarget.current(A), Operation.CREATE, Duration.ofMillis(10_400), null);
    p.postApply(ObjectTarget.current(A), Operation.CREATE, true, ID, Duration.ofSeconds(11));
    p.applyFinished(new ApplySummary(Plan.Mode.NORMAL, 0, 1, 0, 0, true));
    assertEquals(
        "terraform_data.a: Creating...\n"
            + "terraform_data.a: Still creating... [10s elapsed]\n"
            + "terraform_data.a: Creation complete after 11s [id="
            + ID
            + "]\n"
            + "\n"
            + "Apply complete! Resources: 1 added, 0 changed, 0 destroyed.\n",
        printed());
  }

  @Test
  void createLinesWithTerraformsEscapeCodes() {
    ProgressPrinter p = printer(true);
    p.preApply(ObjectTarget.current(A), Operation.CREATE, null);
    p.stillApplying(ObjectTarget.current(A), Operation.CREATE, Duration.ofSeconds(10), null);
    p.postApply(ObjectTarget.current(A), Operation.CREATE, true, ID, Duration.ZERO);
    p.applyFinished(new ApplySummary(Plan.Mode.NORMAL, 0, 4, 0, 0, true));
    assertEquals(
        E
            + "[0m"
            + E
            + "[1mterraform_data.a: Creating..."
            + E
            + "[0m"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1mterraform_data.a: Still creating... [10s elapsed]"
            + E
            + "[0m"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1mterraform_data.a: Creation complete after 0s [id="
            + ID
            + "]"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1m"
            + E
            + "[32m\n"
            + "Apply complete! Resources: 4 added, 0 changed, 0 destroyed.\n"
            + E
            + "[0m",
        printed());
  }

  @Test
  void updateDeleteAndDeposedLines() {
    ProgressPrinter p = printer(false);
    p.preApply(ObjectTarget.current(A), Operation.UPDATE, ID);
    p.postApply(ObjectTarget.current(A), Operation.UPDATE, true, ID, Duration.ZERO);
    ObjectTarget deposed = new ObjectTarget(A, "7c65ed39");
    p.preApply(deposed, Operation.DELETE, ID);
    p.stillApplying(deposed, Operation.DELETE, Duration.ofSeconds(70), null);
    p.postApply(deposed, Operation.DELETE, true, null, Duration.ofSeconds(75));
    p.applyFinished(new ApplySummary(Plan.Mode.NORMAL, 0, 2, 2, 2, true));
    assertEquals(
        "terraform_data.a: Modifying... [id="
            + ID
            + "]\n"
            + "terraform_data.a: Modifications complete after 0s [id="
            + ID
            + "]\n"
            + "terraform_data.a (deposed object 7c65ed39): Destroying... [id="
            + ID
            + "]\n"
            + "terraform_data.a (deposed object 7c65ed39): Still destroying... [1m10s elapsed]\n"
            + "terraform_data.a: Destruction complete after 1m15s\n"
            + "\n"
            + "Apply complete! Resources: 2 added, 2 changed, 2 destroyed.\n",
        printed());
  }

  @Test
  void importRefreshAndReadLines() {
    ProgressPrinter p = printer(true);
    ResourceInstanceAddress data = ResourceAddress.data("terraform_remote_state", "r").instance();
    p.preImport(A, "x1");
    p.postImport(A, "x1");
    p.preRefresh(ObjectTarget.current(A), ID);
    p.preRead(data);
    p.postRead(data, true, null, Duration.ZERO);
    p.applyFinished(new ApplySummary(Plan.Mode.NORMAL, 1, 0, 1, 0, true));
    assertEquals(
        E
            + "[0m"
            + E
            + "[1mterraform_data.a: Importing... [id=x1]"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1mterraform_data.a: Import complete [id=x1]"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1mterraform_data.a: Refreshing state... [id="
            + ID
            + "]"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1mdata.terraform_remote_state.r: Reading..."
            + E
            + "[0m"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1mdata.terraform_remote_state.r: Read complete after 0s"
            + E
            + "[0m\n"
            + E
            + "[0m"
            + E
            + "[1m"
            + E
            + "[32m\n"
            + "Apply complete! Resources: 1 imported, 0 added, 1 changed, 0 destroyed.\n"
            + E
            + "[0m",
        printed());
  }

  @Test
  void destroyModeSummaryAndNothingForFailures() {
    ProgressPrinter p = printer(false);
    p.preApply(ObjectTarget.current(A), Operation.CREATE, null);
    p.postApply(ObjectTarget.current(A), Operation.CREATE, false, null, Duration.ZERO);
    p.applyFinished(new ApplySummary(Plan.Mode.NORMAL, 0, 0, 0, 0, false));
    p.applyFinished(new ApplySummary(Plan.Mode.DESTROY, 0, 0, 0, 1, true));
    assertEquals(
        "terraform_data.a: Creating...\n\nDestroy complete! Resources: 1 destroyed.\n", printed());
  }

  @Test
  void elapsedInGoDurationFormat() {
    assertEquals("0s", ProgressPrinter.formatElapsed(Duration.ofMillis(999)));
    assertEquals("59s", ProgressPrinter.formatElapsed(Duration.ofSeconds(59)));
    assertEquals("1m0s", ProgressPrinter.formatElapsed(Duration.ofSeconds(60)));
    assertEquals("1h0m5s", ProgressPrinter.formatElapsed(Duration.ofSeconds(3605)));
  }
}
