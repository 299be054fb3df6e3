package dev.forma.emulator.chat;

/** How the chat endpoint answers. */
public enum ChatMode {
  /** A normal answer (SSE chunks and {@code [DONE]} when streaming). */
  OK,
  /** An error: the rule's code with its HTTP status. */
  ERROR,
  /** An error inside an HTTP 200 answer (as some vendors send). */
  ERROR_IN_200,
  /** A stream that breaks off: a few chunks, then the connection closes without {@code [DONE]}. */
  BROKEN_STREAM,
  /** The first chunk, then nothing for the rule's delay (the caller's timeout fires first). */
  SLOW
}
