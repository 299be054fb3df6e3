package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.OutputValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code forma output} in all its forms, against what {@code terraform output} printed. */
class OutputRendererTest {
  private static Map<String, OutputValue> outputs() throws Exception {
    return StateJsonGoldenTest.state("outputs").outputs();
  }

  private static String golden(String file) {
    return TerraformPlans.read("outputs", file);
  }

  @Test
  void listsEveryOutputWithSensitiveOnesHidden() throws Exception {
    Result<String> r = OutputRenderer.all(outputs());
    assertEquals(golden("all.txt"), r.value());
    assertTrue(r.diagnostics().isEmpty());
  }

  @Test
  void printsOneOutputInConsoleSyntax() throws Exception {
    assertEquals(golden("obj.txt"), OutputRenderer.one(outputs(), "obj").value());
    assertEquals(golden("s.txt"), OutputRenderer.one(outputs(), "s").value());
    assertEquals("\"pw1\"\n", OutputRenderer.one(outputs(), "pw").value());
  }

  @Test
  void printsRawStringsNumbersAndBoolsWithoutNewline() throws Exception {
    assertEquals(golden("s.raw"), OutputRenderer.raw(outputs(), "s").value());
    assertEquals("1234567", OutputRenderer.raw(outputs(), "big").value());
    assertEquals("pw1", OutputRenderer.raw(outputs(), "pw").value());
  }

  @Test
  void refusesRawOutputOfAComplexValue() throws Exception {
    Result<String> r = OutputRenderer.raw(outputs(), "l");
    assertNull(r.value());
    Diagnostic d = r.diagnostics().iterator().next();
    assertEquals("Unsupported value for raw output", d.summary());
    assertEquals(
        "The -raw option only supports strings, numbers, and boolean values, but output value"
            + " \"l\" is tuple.\n\nUse the -json option for machine-readable representations of"
            + " output values that have complex types.",
        d.detail());
  }

  @Test
  void printsJsonOfAllOutputsAndOfOne() throws Exception {
    assertEquals(golden("all.json"), OutputRenderer.json(outputs()));
    assertEquals(golden("obj.json"), OutputRenderer.json(outputs(), "obj").value());
  }

  @Test
  void reportsAnUnknownOutputName() throws Exception {
    Diagnostic d = OutputRenderer.one(outputs(), "nope").diagnostics().iterator().next();
    assertEquals("Output \"nope\" not found", d.summary());
    assertTrue(d.detail().contains("be sure to run `forma apply`"));
  }

  @Test
  void warnsWhenThereAreNoOutputs() {
    Result<String> r = OutputRenderer.all(Map.of());
    assertEquals("", r.value());
    assertEquals("No outputs found", r.diagnostics().iterator().next().summary());
  }
}
