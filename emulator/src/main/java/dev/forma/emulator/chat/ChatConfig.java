package dev.forma.emulator.chat;

import java.util.Map;
import java.util.Set;

/**
 * How the chat endpoint answers, as JSON the admin endpoint reads and writes: a rule per bearer key
 * ({@code keys}), per model name ({@code models}), and a {@code defaultRule}; the first that
 * applies wins, in that order. {@code apiKeys}, when not empty, are the only bearer keys accepted.
 */
public record ChatConfig(
    ChatRule defaultRule,
    Map<String, ChatRule> models,
    Map<String, ChatRule> keys,
    Set<String> apiKeys) {

  public static final ChatConfig DEFAULT =
      new ChatConfig(ChatRule.OK, Map.of(), Map.of(), Set.of());

  public ChatConfig {
    defaultRule = defaultRule == null ? ChatRule.OK : defaultRule;
    models = models == null ? Map.of() : Map.copyOf(models);
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    apiKeys = apiKeys == null ? Set.of() : Set.copyOf(apiKeys);
  }
}
