package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configurations that once made the loader throw (found by the fuzz tests in {@code
 * dev.forma.engine.fuzz}, whose inputs folders keep the original files): each loads into
 * diagnostics with a source range instead.
 */
class MalformedConfigurationTest {

  private static List<Diagnostic> load(String file, String text) {
    Result<Module> r = ConfigLoader.loadSources(Path.of("."), Map.of(file, text));
    return r.diagnostics().asList();
  }

  @Test
  void anUnterminatedCallInATypeConstraintIsASyntaxErrorNotANullPointer() {
    // Once: NullPointerException in TypeConstraints (the call has no closing parenthesis).
    List<Diagnostic> ds = load("main.tf", "variable \"v\" {\n  type = object({a = optional(string");
    assertTrue(
        ds.stream().anyMatch(d -> d.summary().equals("Unterminated function call")), ds::toString);
  }

  @Test
  void anUnterminatedTypeKeywordCallIsASyntaxErrorNotANullPointer() {
    List<Diagnostic> ds = load("main.tf", "variable \"v\" {\n  type = string(");
    assertTrue(ds.stream().anyMatch(d -> d.summary().equals("Unterminated function call")));
  }

  @Test
  void aJsonNumberWithAnExponentTooLargeIsInvalidNotANumberFormatException() {
    // Once: NumberFormatException from BigDecimal in JsonSyntax.
    List<Diagnostic> ds = load("main.tf.json", "{\"locals\": {\"x\": 1e99999999999999999999}}");
    assertEquals(1, ds.size(), ds::toString);
    Diagnostic d = ds.getFirst();
    assertEquals("Invalid JSON number", d.summary());
    assertEquals("There is a syntax error in the given JSON number.", d.detail());
    assertEquals("main.tf.json:1,18-40", d.subject().toString());
  }
}
