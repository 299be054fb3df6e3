package dev.forma.emulator;

import dev.forma.emulator.api.CloudSettings;
import dev.forma.emulator.chat.ChatConfig;
import dev.forma.emulator.fault.FaultConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to start a local cloud.
 *
 * @param dataFile the JSON file its objects live in (created when missing)
 * @param port the TCP port on 127.0.0.1; 0 picks a free one
 * @param region the region it pretends to be (EAS services live in it: ClusterId = region)
 * @param keyPairs access key id to secret; empty accepts any access key id with {@link
 *     LocalCloud#DEFAULT_ACCESS_KEY_SECRET}
 * @param settings status delays and services told to fail
 * @param faults faults injected into the cloud APIs
 * @param chat how the chat endpoint answers
 * @param chatBasePath where the chat endpoint lives: {@code <chatBasePath>/chat/completions}
 * @param checkNonce whether a reused {@code x-acs-signature-nonce} is refused (as the cloud does)
 */
public record LocalCloudOptions(
    Path dataFile,
    int port,
    String region,
    Map<String, String> keyPairs,
    CloudSettings settings,
    FaultConfig faults,
    ChatConfig chat,
    String chatBasePath,
    boolean checkNonce) {

  public LocalCloudOptions {
    if (dataFile == null) {
      throw new IllegalArgumentException("dataFile is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    region = region == null || region.isBlank() ? LocalCloud.DEFAULT_REGION : region;
    keyPairs = keyPairs == null ? Map.of() : Map.copyOf(keyPairs);
    settings = settings == null ? CloudSettings.DEFAULT : settings;
    faults = faults == null ? FaultConfig.NONE : faults;
    chat = chat == null ? ChatConfig.DEFAULT : chat;
    chatBasePath = chatBasePath == null || chatBasePath.isBlank() ? "/v1" : chatBasePath;
  }

  /** The defaults for a data file and a port. */
  public static LocalCloudOptions of(Path dataFile, int port) {
    return new LocalCloudOptions(dataFile, port, null, null, null, null, null, null, true);
  }

  public LocalCloudOptions withRegion(String r) {
    return new LocalCloudOptions(
        dataFile, port, r, keyPairs, settings, faults, chat, chatBasePath, checkNonce);
  }

  public LocalCloudOptions withKeyPairs(Map<String, String> k) {
    return new LocalCloudOptions(
        dataFile, port, region, k, settings, faults, chat, chatBasePath, checkNonce);
  }

  public LocalCloudOptions withSettings(CloudSettings s) {
    return new LocalCloudOptions(
        dataFile, port, region, keyPairs, s, faults, chat, chatBasePath, checkNonce);
  }

  public LocalCloudOptions withFaults(FaultConfig f) {
    return new LocalCloudOptions(
        dataFile, port, region, keyPairs, settings, f, chat, chatBasePath, checkNonce);
  }

  public LocalCloudOptions withChat(ChatConfig c) {
    return new LocalCloudOptions(
        dataFile, port, region, keyPairs, settings, faults, c, chatBasePath, checkNonce);
  }

  public LocalCloudOptions withChatBasePath(String p) {
    return new LocalCloudOptions(
        dataFile, port, region, keyPairs, settings, faults, chat, p, checkNonce);
  }

  public LocalCloudOptions withCheckNonce(boolean c) {
    return new LocalCloudOptions(
        dataFile, port, region, keyPairs, settings, faults, chat, chatBasePath, c);
  }
}
