package dev.forma.provider.alicloud.http;

/**
 * An AccessKey pair, with an STS security token when the key is temporary, and where it was found
 * (for messages). {@link #toString()} never shows the secret or the token.
 */
public record Credentials(
    String accessKeyId, String accessKeySecret, String securityToken, String source) {
  public Credentials {
    if (accessKeyId == null || accessKeyId.isEmpty()) {
      throw new IllegalArgumentException("accessKeyId is empty");
    }
    if (accessKeySecret == null || accessKeySecret.isEmpty()) {
      throw new IllegalArgumentException("accessKeySecret is empty");
    }
    if (securityToken != null && securityToken.isEmpty()) {
      securityToken = null;
    }
  }

  @Override
  public String toString() {
    return "Credentials[accessKeyId="
        + accessKeyId
        + ", accessKeySecret=(redacted)"
        + (securityToken == null ? "" : ", securityToken=(redacted)")
        + ", source="
        + source
        + "]";
  }
}
