package dev.forma.state.backend.oss;

import java.util.Objects;

/**
 * The access key the oss backend signs with, and where it came from (named in errors; the secret
 * never is).
 *
 * @param accessKeyId the AccessKey ID
 * @param accessKeySecret the AccessKey secret
 * @param securityToken the STS token of temporary credentials, or null
 * @param source where they were found, e.g. {@code the environment (ALICLOUD_ACCESS_KEY)}
 */
public record OssCredentials(
    String accessKeyId, String accessKeySecret, String securityToken, String source) {
  public OssCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return "OssCredentials[accessKeyId="
        + accessKeyId
        + ", accessKeySecret=<hidden>, securityToken="
        + (securityToken == null ? "none" : "<hidden>")
        + ", source="
        + source
        + "]";
  }
}
