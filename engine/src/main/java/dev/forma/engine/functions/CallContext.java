package dev.forma.engine.functions;

import dev.forma.engine.value.Value;
import java.nio.file.Path;
import java.time.Instant;

/** What a function may need from the world around the call. */
public interface CallContext {
  /** The module directory: relative paths in {@code file()} and friends resolve against it. */
  Path baseDirectory();

  /** The fixed timestamp of this run, for {@code plantimestamp()}. */
  Instant planTimestamp();

  /**
   * Renders a template file's text with the given variables (an object or map value), for {@code
   * templatefile()}. Throws {@link FunctionException} for a syntax or evaluation error in it.
   */
  Value renderTemplate(String filename, String text, Value variables) throws FunctionException;
}
