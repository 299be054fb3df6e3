package dev.forma.provider.alicloud.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What checking one model endpoint found: it answered, or why not, as a sentence that says what to
 * fix. {@code code} is the service's error code (seed 004's) when it gave one, else a Forma code:
 * {@code HTTP_<status>}, {@code ERROR_IN_BODY}, {@code STREAM_BROKEN}, {@code NO_ANSWER}, {@code
 * TIMEOUT}, {@code CONNECT_FAILED}, {@code NOT_CONFIGURED}.
 */
public record CheckResult(
    String address, Outcome outcome, String code, String message, String url) {

  /** Answering or not. */
  public enum Outcome {
    ANSWERING,
    FAILED
  }

  public boolean answering() {
    return outcome == Outcome.ANSWERING;
  }

  /** The result as a JSON object for {@code forma check -json}: address, ok, code, message, url. */
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
    return o;
  }
}
