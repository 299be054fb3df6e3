package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.provider.api.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** References to a dynamic block's iterator are the iterator's, not a resource's. */
class DynamicIteratorReferenceTest {

  private static List<String> errors(String source) {
    Module m = ConfigLoader.loadSources(Path.of("."), Map.of("main.tf", source)).value();
    return ModuleEvaluator.validate(m).asList().stream().map(Diagnostic::detail).toList();
  }

  @Test
  void theIteratorIsKnownInTheContentByLabelOrByName() {
    assertEquals(
        List.of(),
        errors(
            """
            variable "models" {
              default = ["a"]
            }
            resource "terraform_data" "this" {
              dynamic "models" {
                for_each = var.models
                content {
                  model = models.value
                }
              }
              dynamic "other" {
                for_each = var.models
                iterator = m
                content {
                  model = "${m.key}-${m.value}"
                }
              }
            }
            """));
  }

  @Test
  void outsideItsContentTheIteratorNameIsAResourceTypeAgain() {
    assertEquals(
        List.of(
            "A managed resource \"models\" \"value\" has not been declared in the root module.",
            "A managed resource \"terraform_data\" \"nope\" has not been declared in the root"
                + " module."),
        errors(
            """
            resource "terraform_data" "this" {
              input = models.value
              dynamic "models" {
                for_each = ["a"]
                content {
                  model = terraform_data.nope.id
                }
              }
            }
            """));
  }
}
