package dev.forma.state.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forma.state.State;
import dev.forma.state.StateException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the state file decoder as every command reads {@code terraform.tfstate}: an input is
 * either a state or a {@link StateException} naming the problems; anything else is a crash. A state
 * that reads must also write, read back and write to the same bytes (writing sorts, so equal states
 * give identical bytes). Inputs: {@code StateFileFuzzTestInputs/stateFile} (Terraform's and Forma's
 * state files).
 */
class StateFileFuzzTest {
  private static final int MAX_INPUT = 64 * 1024;
  private final StateCodec codec = new StateCodec("0.1.0");

  @FuzzTest
  @Timeout(10)
  void stateFile(byte[] input) throws StateException {
    if (input.length > MAX_INPUT) {
      return;
    }
    State state;
    try {
      state = codec.read(input, "terraform.tfstate");
    } catch (StateException e) {
      e.problems().forEach(Object::toString);
      return;
    }
    byte[] written = codec.write(state);
    State again = codec.read(written, "terraform.tfstate");
    assertArrayEquals(written, codec.write(again), "a state does not write back the same");
  }
}
