package dev.forma.cli;

import dev.forma.emulator.LocalCloud;

/** Configuration text for tests that run the CLI against a standalone local cloud. */
final class LocalClouds {
  private LocalClouds() {}

  /** A provider block that sends every product's calls to {@code cloud}, with its default key. */
  static String providerBlock(LocalCloud cloud) {
    String url = cloud.url();
    return "provider \"alicloud\" {\n"
        + "  region     = \"cn-hangzhou\"\n"
        + "  access_key = \""
        + LocalCloud.DEFAULT_ACCESS_KEY_ID
        + "\"\n"
        + "  secret_key = \""
        + LocalCloud.DEFAULT_ACCESS_KEY_SECRET
        + "\"\n"
        + "  endpoints {\n"
        + "    aiworkspace = \""
        + url
        + "\"\n"
        + "    eas         = \""
        + url
        + "\"\n"
        + "    aicontent   = \""
        + url
        + "\"\n"
        + "  }\n"
        + "}\n";
  }
}
