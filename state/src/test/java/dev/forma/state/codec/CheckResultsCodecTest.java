package dev.forma.state.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.state.CheckResult;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code check_results} as Terraform 1.11.4 writes them (member order, {@code objects} null for no
 * known instance, {@code failure_messages} only when a rule failed) read and written back byte for
 * byte, and carried through the journal.
 */
class CheckResultsCodecTest {
  private static final String STATE =
      """
      {
        "version": 4,
        "terraform_version": "1.11.4",
        "serial": 3,
        "lineage": "f0c74767-6aa6-ac56-1e00-f457992d486a",
        "outputs": {},
        "resources": [],
        "check_results": [
          {
            "object_kind": "var",
            "config_addr": "module.b.var.env",
            "status": "fail",
            "objects": [
              {
                "object_addr": "module.b[\\"k1\\"].var.env",
                "status": "pass"
              },
              {
                "object_addr": "module.b[\\"k2\\"].var.env",
                "status": "fail",
                "failure_messages": [
                  "env must be dev or prod."
                ]
              }
            ]
          },
          {
            "object_kind": "var",
            "config_addr": "module.zero.var.env",
            "status": "pass",
            "objects": null
          },
          {
            "object_kind": "var",
            "config_addr": "var.root",
            "status": "unknown",
            "objects": null
          }
        ]
      }
      """;

  @Test
  void checkResultsRoundTripByteForByte() throws Exception {
    StateCodec codec = new StateCodec("1.11.4");
    State s = codec.read(STATE.getBytes(StandardCharsets.UTF_8), "terraform.tfstate");
    assertEquals(3, s.checkResults().size());
    assertEquals(
        List.of("env must be dev or prod."),
        s.checkResults().getFirst().objects().get(1).failureMessages());
    assertEquals(STATE, new String(codec.write(s), StandardCharsets.UTF_8));
  }

  @Test
  void checkResultsAreWrittenSortedWhateverOrderTheyCameIn() throws Exception {
    State s =
        State.empty("l").toBuilder()
            .apply(
                new StateChange.SetCheckResults(
                    List.of(
                        new CheckResult("var", "var.root", "pass", null),
                        new CheckResult(
                            "var",
                            "module.b.var.env",
                            "pass",
                            List.of(
                                new CheckResult.CheckObject("module.b[1].var.env", "pass", null),
                                new CheckResult.CheckObject(
                                    "module.b[0].var.env", "pass", null))))))
            .build();
    assertEquals("module.b.var.env", s.checkResults().get(0).configAddr());
    assertEquals("module.b[0].var.env", s.checkResults().get(0).objects().get(0).objectAddr());
  }

  @Test
  void aStateWithoutCheckResultsWritesNull() {
    String out = new String(new StateCodec("x").write(State.empty("l")), StandardCharsets.UTF_8);
    assertEquals(true, out.contains("\"check_results\": null"), out);
  }

  @Test
  void theJournalCarriesCheckResults() throws Exception {
    StateChange change =
        new StateChange.SetCheckResults(
            List.of(
                new CheckResult(
                    "var",
                    "var.env",
                    "pass",
                    List.of(new CheckResult.CheckObject("var.env", "pass", null)))));
    byte[] line = JournalCodec.encode(new JournalRecord.Change(change));
    String text = new String(line, StandardCharsets.UTF_8).strip();
    JournalRecord back =
        JournalCodec.decode(text.getBytes(StandardCharsets.UTF_8), "terraform.tfstate.journal", 1);
    assertEquals(new JournalRecord.Change(change), back);
  }
}
