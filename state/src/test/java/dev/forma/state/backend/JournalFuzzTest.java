package dev.forma.state.backend;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forma.state.StateException;
import dev.forma.state.codec.StateCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the state journal decoder and its replay as every command reads state after an interrupted
 * apply: a local backend over a fixed state file and the fuzzed {@code terraform.tfstate.journal}.
 * The outcome is a recovered state or a {@link StateException}; anything else is a crash. A
 * recovered state must write as a state file that reads back. Inputs: {@code
 * JournalFuzzTestInputs/journal} (journals of interrupted applies on {@code
 * journal-fuzz-base.tfstate.json}).
 */
class JournalFuzzTest {
  private static final int MAX_INPUT = 64 * 1024;
  private static final Path DIR = workingDirectory();

  private static Path workingDirectory() {
    try (InputStream base =
        JournalFuzzTest.class.getResourceAsStream("journal-fuzz-base.tfstate.json")) {
      Path dir = Files.createTempDirectory("forma-fuzz-journal");
      dir.toFile().deleteOnExit();
      Files.write(dir.resolve("terraform.tfstate"), base.readAllBytes());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(10)
  void journal(byte[] input) throws IOException, StateException {
    if (input.length > MAX_INPUT) {
      return;
    }
    Files.write(DIR.resolve("terraform.tfstate.journal"), input);
    LocalStateStore backend = LocalStateStore.inDirectory(DIR, "0.1.0");
    LoadedState loaded;
    try {
      loaded = backend.read();
    } catch (StateException e) {
      e.problems().forEach(Object::toString);
      return;
    }
    StateCodec codec = new StateCodec("0.1.0");
    codec.read(codec.write(loaded.state()), "terraform.tfstate");
    loaded.recovery().ifPresent(Object::toString);
  }
}
