package dev.forma.emulator.http;

import dev.forma.emulator.api.CloudSettings;
import dev.forma.emulator.chat.ChatConfig;
import java.time.Duration;

/** What the admin endpoints control beyond the store and the faults: the running cloud does it. */
public interface AdminControls {
  CloudSettings settings();

  void settings(CloudSettings s);

  ChatConfig chat();

  void chat(ChatConfig c);

  void advanceClock(Duration d);

  /** Stops the cloud shortly after the current answer is sent. */
  void shutdownSoon();
}
