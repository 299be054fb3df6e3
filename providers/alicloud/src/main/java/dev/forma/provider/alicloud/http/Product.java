package dev.forma.provider.alicloud.http;

import java.util.Locale;

/**
 * The Alibaba Cloud products the provider calls: the API version each speaks (sent as {@code
 * x-acs-version}), the key of its {@code endpoints} block argument, and its public host per region.
 */
public enum Product {
  AIWORKSPACE("AIWorkSpace", "2021-02-04", "aiworkspace"),
  EAS("PAI-EAS", "2021-07-01", "eas"),
  AICONTENT("AiContent", "20240611", "aicontent");

  private final String displayName;
  private final String version;
  private final String endpointKey;

  Product(String displayName, String version, String endpointKey) {
    this.displayName = displayName;
    this.version = version;
    this.endpointKey = endpointKey;
  }

  /** The product's name as its documentation writes it, for messages. */
  public String displayName() {
    return displayName;
  }

  /** The API version, the value of {@code x-acs-version}. */
  public String version() {
    return version;
  }

  /** The argument of the provider's {@code endpoints} block that overrides this product's host. */
  public String endpointKey() {
    return endpointKey;
  }

  /**
   * The environment variables that override the endpoint, first found wins: {@code
   * ALIBABA_CLOUD_ENDPOINT_AIWORKSPACE}, {@code ALIBABA_CLOUD_ENDPOINT_EAS} (also {@code
   * ALIBABA_CLOUD_ENDPOINT_PAI_EAS}), {@code ALIBABA_CLOUD_ENDPOINT_AICONTENT}.
   */
  public java.util.List<String> endpointEnvironmentVariables() {
    String base = "ALIBABA_CLOUD_ENDPOINT_" + endpointKey.toUpperCase(Locale.ROOT);
    return this == EAS
        ? java.util.List.of(base, "ALIBABA_CLOUD_ENDPOINT_PAI_EAS")
        : java.util.List.of(base);
  }

  /** The public HTTPS host of this product in {@code region}. */
  public String defaultHost(String region) {
    return switch (this) {
      case AIWORKSPACE -> "aiworkspace." + region + ".aliyuncs.com";
      case EAS -> "pai-eas." + region + ".aliyuncs.com";
      case AICONTENT ->
          region.equals("cn-shanghai")
              ? "aicontent.aliyuncs.com"
              : "aicontent." + region + ".aliyuncs.com";
    };
  }
}
