package dev.forma.provider.alicloud.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What checking one model endpoint found: it answered, or why not, as a sentence that says what to
 * fix. {@code code} is the service's error code (seed 004's) when it gave one, else a Forma code:
 * {@code HTTP_<status>}, {@code ERROR_IN_BODY}, {@code STREAM_BROKEN}, {@code NO_ANSWER}, {@code
 * TIMEOUT}, {@code CONNECT_FAILED}, {@code NOT_CONFIGURED}; for an EAS service also {@code
 * SERVICE_NOT_FOUND} and {@code SERVICE_NOT_RUNNING}, with the service's {@code status} (null for
 * other objects).
 */
public record CheckResult(
    String address, Outcome outcome, String code, String message, String url, String status) {

  public CheckResult(String address, Outcome outcome, String code, String message, String url) {
    this(address, outcome, code, message, url, null);
  }

  /** This result with the EAS service's status. */
  public CheckResult withStatus(String status) {
    return new CheckResult(address, outcome, code, message, url, status);
  }

  /** This result with another message. */
  public CheckResult withMessage(String message) {
    return new CheckResult(address, outcome, code, message, url, status);
  }

  /** Answering or not. */
  public enum Outcome {
    ANSWERING,
    FAILED
  }

  public boolean answering() {
    return outcome == Outcome.ANSWERING;
  }

  /**
   * The result as a JSON object for {@code forma check -json}: address, ok, code, message, url,
   * status (each present, null when it does not apply).
   */
  public ObjectNode toJson() {
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("address", address);
    o.put("ok", answering());
    if (code == null) {
      o.putNull("code");
    } else {
      o.put("code", code);
    }
    o.put("message", message);
    if (url == null) {
      o.putNull("url");
    } else {
      o.put("url", url);
    }
    if (status == null) {
      o.putNull("status");
    } else {
      o.put("status", status);
    }
    return o;
  }
}
