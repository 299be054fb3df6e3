package dev.forma.state.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import org.junit.jupiter.api.Test;

/**
 * State and journal bytes that once escaped the decoders as exceptions (found by the fuzz tests
 * {@code StateFileFuzzTest} and {@code JournalFuzzTest}): each is a problem naming the file, never
 * a crash.
 */
class DecoderRobustnessTest {

  /** Zero bytes, then text: what Jackson's encoding detection takes for UTF-32. */
  private static byte[] zerosThen(String text) {
    byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[120 + t.length];
    System.arraycopy(t, 0, out, 120, t.length);
    return out;
  }

  @Test
  void aStateFileOfNulBytesIsNotUtf8TextNotAnUncheckedException() {
    // Jackson's encoding detection took the zeros for UTF-32 and threw CharConversionException.
    byte[] bytes = zerosThen("  {\"version\": 4}");
    StateException e =
        assertThrows(
            StateException.class, () -> new StateCodec("0.1.0").read(bytes, "terraform.tfstate"));
    StateProblem problem = e.problems().get(0);
    assertEquals(
        "The state file terraform.tfstate could not be parsed as JSON: the file is not UTF-8 text"
            + " at line 1, column 1.",
        problem.detail());
  }

  @Test
  void aJournalLineOfNulBytesIsAProblemOfThatLine() {
    StateException e =
        assertThrows(
            StateException.class,
            () ->
                JournalCodec.decode(
                    zerosThen("{\"op\":\"commit\"}"), "terraform.tfstate.journal", 3));
    assertEquals(
        "The state journal terraform.tfstate.journal could not be parsed as JSON: the file is not"
            + " UTF-8 text at line 3, column 1.",
        e.problems().get(0).detail());
  }

  @Test
  void aLoneEscapedSurrogateReadsAsTheReplacementCharacterAndRoundTrips() throws Exception {
    // Once: the first write escaped the lone surrogate as \ufffd, the second wrote U+FFFD
    // itself, so a state did not write back the same. Go reads such an escape as U+FFFD.
    String text =
        "{\"version\": 4, \"terraform_version\": \"1.11.4\", \"serial\": 1, \"lineage\": \"l\","
            + " \"outputs\": {\"o\": {\"value\": \"a\\udfffb\\ud800\", \"type\": \"string\"}},"
            + " \"resources\": [], \"check_results\": null}";
    StateCodec codec = new StateCodec("1.11.4");
    State state = codec.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "t");
    assertEquals("a\uFFFDb\uFFFD", state.outputs().get("o").value().textValue());
    byte[] written = codec.write(state);
    assertEquals(
        new String(written, java.nio.charset.StandardCharsets.UTF_8),
        new String(codec.write(codec.read(written, "t")), java.nio.charset.StandardCharsets.UTF_8));
  }
}
