package dev.forma.emulator.chat;

/**
 * One answer rule: the mode, the error code for {@link ChatMode#ERROR} and {@link
 * ChatMode#ERROR_IN_200} (seed 004's codes, e.g. {@code AI_MODEL_DISABLED}), and the delay for
 * {@link ChatMode#SLOW} (default 60 seconds).
 */
public record ChatRule(ChatMode mode, String code, Long delayMillis) {
  public static final ChatRule OK = new ChatRule(ChatMode.OK, null, null);

  public ChatRule {
    if (mode == null) {
      mode = ChatMode.OK;
    }
  }

  public static ChatRule error(String code) {
    return new ChatRule(ChatMode.ERROR, code, null);
  }

  public static ChatRule errorIn200(String code) {
    return new ChatRule(ChatMode.ERROR_IN_200, code, null);
  }

  long delay() {
    return delayMillis == null ? 60_000 : delayMillis;
  }
}
