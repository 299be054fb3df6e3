package dev.forma.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.forma.emulator.api.ApiException;
import dev.forma.emulator.api.ApiRequest;
import dev.forma.emulator.api.CloudContext;
import dev.forma.emulator.api.Json;
import dev.forma.emulator.api.ModelRouterApi;
import dev.forma.emulator.api.Product;
import dev.forma.emulator.api.Route;
import dev.forma.emulator.chat.ChatApi;
import dev.forma.emulator.fault.FaultInjector;
import dev.forma.emulator.fault.LostResponse;
import dev.forma.emulator.oss.OssSignatures;
import dev.forma.emulator.oss.OssStore;
import dev.forma.emulator.signature.Acs3Signature;
import dev.forma.emulator.signature.ReceivedRequest;
import dev.forma.emulator.signature.SignatureException;
import dev.forma.emulator.signature.SignatureVerifier;
import dev.forma.emulator.store.CloudStore;
import dev.forma.emulator.store.CloudStore.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The local cloud's single HTTP handler: admin, chat, OSS (see {@link OssGateway}), and the gateway
 * steps of every other API call.
 */
public final class CloudHandler implements HttpHandler {
  static final String JSON = "application/json;charset=utf-8";

  /** Query, header and body names that carry an idempotency token. */
  public static final String CLIENT_TOKEN = "ClientToken";

  public static final String CLIENT_TOKEN_HEADER = "x-acs-client-token";

  private final List<Route> routes;
  private final SignatureVerifier verifier;
  private final FaultInjector faults;
  private final ChatApi chat;
  private final AdminApi admin;
  private final OssGateway oss;
  private final CloudContext cx;
  private final CountDownLatch closing;
  final Stats stats = new Stats();

  public CloudHandler(
      List<Route> routes,
      SignatureVerifier verifier,
      FaultInjector faults,
      ChatApi chat,
      AdminControls controls,
      CloudContext cx,
      CountDownLatch closing,
      OssStore ossStore,
      OssSignatures ossSignatures) {
    this.routes = List.copyOf(routes);
    this.verifier = verifier;
    this.faults = faults;
    this.chat = chat;
    this.cx = cx;
    this.closing = closing;
    this.admin = new AdminApi(controls, cx, faults, stats, ossStore);
    this.oss = new OssGateway(ossStore, ossSignatures, faults, stats, closing);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    byte[] body = ex.getRequestBody().readAllBytes();
    List<String> segments = Exchanges.segments(ex.getRequestURI().getRawPath());
    String path = "/" + String.join("/", segments);
    if (!segments.isEmpty() && segments.get(0).equals("_emulator")) {
      admin.handle(ex, segments, Exchanges.query(ex.getRequestURI().getRawQuery()), body);
      return;
    }
    if (chat.serves(path)) {
      chat.handle(ex, body, requestId);
      return;
    }
    if (oss.serves(ex.getRequestURI().getRawPath(), Exchanges.headers(ex))) {
      oss.handle(ex, body, requestId);
      return;
    }
    Answer a = call(ex, segments, body, requestId);
    if (a.retryAfterSeconds() > 0) {
      ex.getResponseHeaders().set("Retry-After", Long.toString(a.retryAfterSeconds()));
    }
    Exchanges.send(ex, a.status(), JSON, Json.MAPPER.writeValueAsBytes(a.body()), requestId);
  }

  /** A status and a JSON body, and the Retry-After to send with it (0: none). */
  private record Answer(int status, JsonNode body, long retryAfterSeconds) {
    Answer(int status, JsonNode body) {
      this(status, body, 0);
    }

    Answer retryAfter(long seconds) {
      return new Answer(status, body, seconds);
    }
  }

  private static Answer unavailable(String requestId, String host) {
    return acsError(
        503,
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.",
        requestId,
        host);
  }

  private Answer call(HttpExchange ex, List<String> segments, byte[] body, String requestId) {
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    Map<String, String> headers = Exchanges.headers(ex);
    Map<String, List<String>> query = Exchanges.query(ex.getRequestURI().getRawQuery());
    String host = headers.getOrDefault("host", "127.0.0.1");
    Route route = null;
    List<String> params = null;
    for (Route r : routes) {
      List<String> p = r.match(segments);
      if (p != null && r.method().equals(method)) {
        route = r;
        params = p;
        break;
      }
    }
    if (route == null) {
      return acsError(
          404,
          "InvalidAction.NotFound",
          "Specified api is not found, please check your url and method: "
              + method
              + " /"
              + String.join("/", segments),
          requestId,
          host);
    }
    String keyId;
    try {
      keyId = verifier.verify(new ReceivedRequest(method, segments, query, headers, body));
    } catch (SignatureException e) {
      return acsError(e.status(), e.code(), e.getMessage(), requestId, host);
    }
    String action = headers.get("x-acs-action");
    if (action == null || action.isBlank()) {
      return acsError(
          400, "MissingParameter", "The x-acs-action header is required.", requestId, host);
    }
    if (!action.equals(route.action())) {
      return acsError(
          404,
          "InvalidAction.NotFound",
          "The action "
              + action
              + " does not match "
              + method
              + " /"
              + String.join("/", segments)
              + " (which is "
              + route.action()
              + ").",
          requestId,
          host);
    }
    String version = headers.get("x-acs-version");
    if (!route.product().version().equals(version)) {
      return acsError(
          400,
          "InvalidVersion",
          "Specified parameter Version is not valid: "
              + route.action()
              + " needs x-acs-version "
              + route.product().version()
              + ", got "
              + version
              + ".",
          requestId,
          host);
    }
    stats.received(route.action());
    FaultInjector.Decision d = faults.decide(route.action());
    if (d.latencyMillis() > 0) {
      try {
        if (closing.await(d.latencyMillis(), TimeUnit.MILLISECONDS)) {
          throw new LostResponse();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LostResponse();
      }
    }
    long retryAfter = faults.config().retryAfterSeconds();
    switch (d.outcome()) {
      case THROTTLE -> {
        return acsError(
                400,
                "Throttling.User",
                "Request was denied due to user flow control.",
                requestId,
                host)
            .retryAfter(retryAfter);
      }
      case UNAVAILABLE -> {
        return unavailable(requestId, host).retryAfter(retryAfter);
      }
      case PASS, LOSE, UNAVAILABLE_AFTER -> {}
    }
    ApiRequest req = new ApiRequest(method, segments, query, headers, body, requestId, keyId);
    Route r = route;
    List<String> ps = params;
    Answer answer = cx.store().transaction(() -> execute(r, ps, req, host));
    try {
      cx.store().flush(); // the change is on disk before the answer, shared with concurrent ones
    } catch (IOException e) {
      answer =
          acsError(
              500,
              "InternalError",
              "The local cloud could not write its data file: " + e.getMessage(),
              requestId,
              host);
    }
    stats.executed(route.action());
    if (d.outcome() == FaultInjector.Outcome.LOSE) {
      verifier.forgetNonce(headers.get("x-acs-signature-nonce"));
      throw new LostResponse();
    }
    if (d.outcome() == FaultInjector.Outcome.UNAVAILABLE_AFTER) {
      // the action ran; the caller only hears that the service was unavailable
      return unavailable(requestId, host).retryAfter(retryAfter);
    }
    return answer;
  }

  /** Runs the action, replaying or recording it when it carries an idempotency token. */
  private Answer execute(Route route, List<String> params, ApiRequest req, String host) {
    try {
      String token = route.mutating() ? clientToken(req) : null;
      String key = null;
      String fingerprint = null;
      if (token != null) {
        key = route.action() + ":" + req.accessKeyId() + ":" + token;
        fingerprint = fingerprint(req);
        JsonNode prior = cx.store().table(Table.IDEMPOTENCY).get(key);
        if (prior != null) {
          if (!prior.path("fingerprint").asText().equals(fingerprint)) {
            throw new ApiException(
                400,
                "IdempotentParameterMismatch",
                "The request uses the same client token as a previous, but non-identical request.");
          }
          ObjectNode replay = ((ObjectNode) prior.get("body")).deepCopy();
          if (replay.has("RequestId")) {
            replay.put("RequestId", req.requestId());
          }
          if (replay.has("requestId")) {
            replay.put("requestId", req.requestId());
          }
          return new Answer(200, replay);
        }
      }
      ObjectNode body = route.handler().handle(req, params);
      if (token != null) {
        ObjectNode rec = Json.MAPPER.createObjectNode();
        rec.put("action", route.action());
        rec.put("fingerprint", fingerprint);
        rec.set("body", body.deepCopy());
        cx.store().table(Table.IDEMPOTENCY).set(key, rec);
        cx.store().changed();
      }
      return new Answer(200, body);
    } catch (ApiException e) {
      if (route.product() == Product.AICONTENT) {
        return new Answer(
            e.status(),
            ModelRouterApi.errorEnvelope(req.requestId(), e.status(), e.code(), e.getMessage()));
      }
      return acsError(e.status(), e.code(), e.getMessage(), req.requestId(), host);
    }
  }

  private static String clientToken(ApiRequest req) {
    String t = req.query(CLIENT_TOKEN);
    if (t == null) {
      t = req.headers().get(CLIENT_TOKEN_HEADER);
    }
    if (t == null && req.body().length > 0) {
      try {
        JsonNode b = Json.MAPPER.readTree(req.body());
        if (b != null && b.hasNonNull(CLIENT_TOKEN)) {
          t = b.get(CLIENT_TOKEN).asText();
        } else if (b != null && b.hasNonNull("clientToken")) {
          t = b.get("clientToken").asText();
        }
      } catch (IOException e) {
        return null;
      }
    }
    return t == null || t.isBlank() ? null : t;
  }

  private static String fingerprint(ApiRequest req) {
    TreeMap<String, List<String>> q = new TreeMap<>(req.query());
    String s =
        req.method()
            + "\n"
            + String.join("/", req.path())
            + "\n"
            + Acs3Signature.canonicalQuery(q)
            + "\n"
            + Acs3Signature.sha256Hex(req.body());
    return Acs3Signature.sha256Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The gateway's error body: RequestId, HostId, Code, Message, Recommend. */
  private static Answer acsError(
      int status, String code, String message, String requestId, String host) {
    ObjectNode b = Json.MAPPER.createObjectNode();
    b.put("RequestId", requestId);
    b.put("HostId", host);
    b.put("Code", code);
    b.put("Message", message);
    b.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code);
    return new Answer(status, b);
  }

  /** The store, for the admin endpoints. */
  CloudStore store() {
    return cx.store();
  }
}
