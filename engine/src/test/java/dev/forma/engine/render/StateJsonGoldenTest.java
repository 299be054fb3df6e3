package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.state.State;
import dev.forma.state.codec.StateCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code show -json} of states Terraform 1.11.4 wrote: Forma prints the same bytes. */
class StateJsonGoldenTest {

  static State state(String name) throws Exception {
    return new StateCodec("0.1.0")
        .read(
            TerraformPlans.read(name, "terraform.tfstate").getBytes(StandardCharsets.UTF_8),
            "terraform.tfstate");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"values", "outputs", "modules"})
  void printsTheStateAsTerraformDoes(String name) throws Exception {
    String expected = TerraformPlans.read(name, "state.show.json").strip();
    assertEquals(expected, StateJson.render(state(name), TerraformPlans.SCHEMAS, "0.1.0"));
  }

  @Test
  void anEmptyStateHasOnlyItsFormatVersion() {
    assertEquals(
        "{\"format_version\":\"1.0\"}",
        StateJson.render(State.empty(), TerraformPlans.SCHEMAS, "0.1.0"));
  }
}
