package dev.forma.emulator.oss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OSS error answer: the HTTP status, the error code and message of OSS's {@code <Error>} body,
 * and any further elements it carries (such as {@code StringToSign}, {@code BucketName}).
 */
public final class OssError extends Exception {
  private final int status;
  private final String code;
  private final Map<String, String> details = new LinkedHashMap<>();

  public OssError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** This error with one more element in its body. */
  public OssError with(String element, String value) {
    details.put(element, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> details() {
    return details;
  }

  public static OssError noSuchBucket(String bucket) {
    return new OssError(404, "NoSuchBucket", "The specified bucket does not exist.")
        .with("BucketName", bucket);
  }

  public static OssError noSuchKey(String key) {
    return new OssError(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
  }
}
