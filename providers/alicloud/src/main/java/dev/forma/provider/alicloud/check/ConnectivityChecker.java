package dev.forma.provider.alicloud.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.provider.alicloud.check.CheckResult.Outcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * Checks that model endpoints really answer (seed 004): for each {@link CheckTarget}, one minimal
 * streaming chat request, OpenAI-compatible ({@code POST <base_url>/chat/completions}, {@code
 * stream: true}, {@code max_tokens: 1}) with the bearer key, read as Server-Sent Events. An
 * endpoint answers when the stream carries at least one chunk with {@code choices} and ends cleanly
 * ({@code [DONE]} or the server closing it). Anything else becomes a {@link CheckResult} whose
 * message says what to fix: seed 004's error codes, an error inside an HTTP 200 body, a stream that
 * breaks off, a timeout.
 *
 * <p>Used by the CLI's {@code forma check} and {@code plan -check-connectivity}.
 */
public final class ConnectivityChecker {
  /** What seed 004's error codes mean for the user, as what to fix. */
  static final Map<String, String> CODE_SENTENCES =
      Map.of(
          "AI_MODEL_CONFIG_MISSING",
          "the model service lacks configuration it needs to call the model, such as its API key:"
              + " set the key (secrets.api_key on a connection, api_key on a model) and make sure"
              + " the model is configured in the console",
          "AI_MODEL_PARAM_INVALID",
          "the model service refused the request's parameters: check that the model name is a"
              + " chat model this endpoint serves",
          "AI_MODEL_DISABLED",
          "the model is disabled: enable it in the console, or try again in two minutes",
          "AI_MODEL_NOT_SUPPORTED",
          "the endpoint does not support this model: check the model name (models[].model on a"
              + " connection, model_id on a model) and that the model is enabled in the console",
          "AI_MODEL_PARAM_REQUIRED",
          "the request carried no model: set models[].model on the connection (or model_id on"
              + " the model)",
          "AI_MODEL_NOT_FOUND",
          "the model group was not found: check that base_url points at an existing model group",
          "EXCEED_CONCURRENT_REQUEST_LIMIT",
          "the concurrent request limit is exceeded: retry later, or ask for a higher limit",
          "EXCEED_TOKEN_QUOTA_LIMIT",
          "the token quota is used up: buy a resource pack or adjust the model group's quota,"
              + " then retry");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final Duration timeout;

  /** Checks with its own HTTP client; each check gives up after {@code timeout}. */
  public ConnectivityChecker(Duration timeout) {
    this(new OkHttpClient(), timeout);
  }

  public ConnectivityChecker(OkHttpClient base, Duration timeout) {
    this.timeout = timeout;
    this.http =
        base.newBuilder()
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .retryOnConnectionFailure(false)
            .build();
  }

  /** Checks each target in turn. */
  public List<CheckResult> checkAll(List<CheckTarget> targets) {
    List<CheckResult> out = new ArrayList<>();
    for (CheckTarget t : targets) {
      out.add(check(t));
    }
    return out;
  }

  /** True when every result answered: the exit status of {@code forma check} is 0 then, else 1. */
  public static boolean allAnswering(List<CheckResult> results) {
    return results.stream().allMatch(CheckResult::answering);
  }

  /** The chat completions URL of a base URL; null when it is not a URL. */
  public static HttpUrl chatUrl(String baseUrl) {
    String s = baseUrl.trim();
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.endsWith("/chat/completions")) {
      s = s + "/chat/completions";
    }
    return HttpUrl.parse(s);
  }

  /** Checks one endpoint. */
  public CheckResult check(CheckTarget t) {
    if (t.baseUrl() == null || t.baseUrl().isBlank()) {
      return failed(
          t,
          "NOT_CONFIGURED",
          "there is no base_url to call: set it (configs.base_url on a connection, base_url on a"
              + " model)",
          null);
    }
    HttpUrl url = chatUrl(t.baseUrl());
    if (url == null) {
      return failed(
          t,
          "NOT_CONFIGURED",
          "base_url \""
              + t.baseUrl()
              + "\" is not a URL: write it like https://dashscope.aliyuncs.com/compatible-mode/v1",
          null);
    }
    if (t.apiKey() == null || t.apiKey().isBlank()) {
      return failed(
          t,
          "NOT_CONFIGURED",
          "there is no API key to send: set secrets.api_key on the connection (api_key on a model)",
          url);
    }
    if (t.model() == null || t.model().isBlank()) {
      return failed(
          t,
          "NOT_CONFIGURED",
          "there is no model to ask: add a models block with model = \"...\" to the connection"
              + " (model_id on a model)",
          url);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("model", t.model());
    body.putArray("messages").addObject().put("role", "user").put("content", "Reply with OK.");
    body.put("stream", true);
    body.put("max_tokens", 1);
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + t.apiKey())
            .header("Accept", "text/event-stream")
            .post(RequestBody.create(body.toString(), JSON_TYPE))
            .build();
    CompletableFuture<CheckResult> result = new CompletableFuture<>();
    Listener listener = new Listener(t, url, result);
    EventSource source = EventSources.createFactory(http).newEventSource(request, listener);
    try {
      return result.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      source.cancel();
      return timedOut(t, url);
    } catch (InterruptedException e) {
      source.cancel();
      Thread.currentThread().interrupt();
      return failed(t, "TIMEOUT", "the check was interrupted", url);
    } catch (ExecutionException e) {
      source.cancel();
      return failed(t, "CONNECT_FAILED", "the check failed: " + e.getCause(), url);
    }
  }

  private CheckResult timedOut(CheckTarget t, HttpUrl url) {
    return failed(
        t,
        "TIMEOUT",
        "no answer within "
            + timeout.toSeconds()
            + "s: check that "
            + url.host()
            + " is reachable from here (network, proxy, firewall) and that the model is not"
            + " overloaded",
        url);
  }

  private static CheckResult failed(CheckTarget t, String code, String sentence, HttpUrl url) {
    return new CheckResult(
        t.address(),
        Outcome.FAILED,
        code,
        capitalise(sentence) + ".",
        url == null ? null : url.toString());
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The error an answer body or SSE data carries: {code, message}; null when none. */
  static String[] errorIn(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
    if (n == null || !n.isObject()) {
      return null;
    }
    JsonNode err = n.get("error");
    if (err != null && err.isObject()) {
      String code =
          err.hasNonNull("code") ? err.get("code").asText() : err.path("type").asText(null);
      return new String[] {code, err.path("message").asText("")};
    }
    if (err != null && err.isTextual()) {
      return new String[] {n.path("code").asText(null), err.asText()};
    }
    for (String f : new String[] {"code", "errCode", "Code"}) {
      JsonNode c = n.get(f);
      if (c != null
          && !c.isNull()
          && !c.asText().isEmpty()
          && !c.asText().equals("0")
          && !c.asText().equalsIgnoreCase("success")) {
        String msg =
            n.path("message").asText(n.path("errMessage").asText(n.path("Message").asText("")));
        return new String[] {c.asText(), msg};
      }
    }
    JsonNode ok = n.get("success");
    if (ok != null && ok.isBoolean() && !ok.asBoolean()) {
      return new String[] {null, n.path("message").asText("")};
    }
    return null;
  }

  private CheckResult fromError(CheckTarget t, HttpUrl url, int status, String[] err) {
    String code = err[0];
    String sentence = code == null ? null : CODE_SENTENCES.get(code);
    String where =
        status == 200
            ? "the endpoint answered HTTP 200 with an error in the body"
            : "the endpoint answered HTTP " + status;
    if (sentence != null) {
      return failed(
          t,
          code,
          sentence + " (" + where + ", " + code + (err[1].isEmpty() ? "" : ": " + err[1]) + ")",
          url);
    }
    if (status == 401 || status == 403) {
      return failed(
          t,
          code == null ? "HTTP_" + status : code,
          "the endpoint refused the key (HTTP "
              + status
              + (err[1].isEmpty() ? "" : ": " + err[1])
              + "): check api_key",
          url);
    }
    return failed(
        t,
        code == null ? (status == 200 ? "ERROR_IN_BODY" : "HTTP_" + status) : code,
        where
            + (code == null ? "" : ", " + code)
            + (err[1].isEmpty() ? "" : ": " + err[1])
            + ": check the model's configuration",
        url);
  }

  private CheckResult fromStatus(CheckTarget t, HttpUrl url, int status, String body) {
    String[] err = body == null ? null : errorIn(body);
    if (err != null) {
      return fromError(t, url, status, err);
    }
    return switch (status) {
      case 401, 403 ->
          failed(
              t,
              "HTTP_" + status,
              "the endpoint refused the key (HTTP " + status + "): check api_key",
              url);
      case 404 ->
          failed(
              t,
              "HTTP_404",
              "nothing answers at "
                  + url
                  + " (HTTP 404): check base_url; it is the OpenAI-compatible base, the part before"
                  + " /chat/completions",
              url);
      case 429 ->
          failed(t, "HTTP_429", "the endpoint is rate limiting (HTTP 429): retry later", url);
      default ->
          failed(
              t,
              "HTTP_" + status,
              "the endpoint answered HTTP "
                  + status
                  + " instead of a stream: check base_url and that the service is up",
              url);
    };
  }

  private final class Listener extends EventSourceListener {
    private final CheckTarget target;
    private final HttpUrl url;
    private final CompletableFuture<CheckResult> result;
    private int events;
    private boolean answered;

    Listener(CheckTarget target, HttpUrl url, CompletableFuture<CheckResult> result) {
      this.target = target;
      this.url = url;
      this.result = result;
    }

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
      events++;
      if (data.trim().equals("[DONE]")) {
        finish(source);
        return;
      }
      String[] err = errorIn(data);
      if (err != null) {
        result.complete(fromError(target, url, 200, err));
        source.cancel();
        return;
      }
      try {
        JsonNode n = JSON.readTree(data);
        if (n != null && n.has("choices")) {
          answered = true;
        }
      } catch (IOException e) {
        // a data line that is not JSON is not an answer; keep reading
      }
    }

    private void finish(EventSource source) {
      if (answered) {
        result.complete(
            new CheckResult(
                target.address(), Outcome.ANSWERING, null, "Answering.", url.toString()));
      } else {
        result.complete(
            failed(
                target,
                "NO_ANSWER",
                "the stream ended without an answer ("
                    + events
                    + " events, none with choices): check that the endpoint speaks the"
                    + " OpenAI-compatible chat API",
                url));
      }
      source.cancel();
    }

    @Override
    public void onClosed(EventSource source) {
      finish(source);
    }

    @Override
    public void onFailure(EventSource source, Throwable t, Response response) {
      if (result.isDone()) {
        return;
      }
      if (response != null && (!response.isSuccessful() || t instanceof IllegalStateException)) {
        String body = null;
        try {
          ResponseBody rb = response.body();
          body = rb == null ? null : rb.string();
        } catch (IOException | IllegalStateException e) {
          body = null;
        }
        result.complete(fromStatus(target, url, response.code(), body));
        return;
      }
      if (t instanceof InterruptedIOException
          && !(t instanceof java.net.SocketTimeoutException)
          && events == 0) {
        result.complete(timedOut(target, url));
        return;
      }
      if (t instanceof java.net.SocketTimeoutException) {
        result.complete(
            events == 0
                ? timedOut(target, url)
                : failed(
                    target,
                    "STREAM_BROKEN",
                    "the answer stream stalled after "
                        + events
                        + " events and timed out: the model stopped answering mid-stream; retry,"
                        + " and check the service's health",
                    url));
        return;
      }
      if (events > 0 || response != null) {
        result.complete(
            failed(
                target,
                "STREAM_BROKEN",
                "the answer stream broke off after "
                    + events
                    + " event"
                    + (events == 1 ? "" : "s")
                    + " ("
                    + t
                    + "): the endpoint or a proxy closed it early; retry, and check for a proxy"
                    + " that cuts Server-Sent Events",
                url));
        return;
      }
      if (t instanceof UnknownHostException) {
        result.complete(
            failed(
                target,
                "CONNECT_FAILED",
                "the host " + url.host() + " is unknown: check base_url",
                url));
      } else if (t instanceof ConnectException) {
        result.complete(
            failed(
                target,
                "CONNECT_FAILED",
                "cannot connect to "
                    + url.host()
                    + ":"
                    + url.port()
                    + " ("
                    + t.getMessage()
                    + "): check base_url and that the service is up",
                url));
      } else {
        result.complete(
            failed(
                target,
                "CONNECT_FAILED",
                "the request failed before any answer (" + t + "): check base_url",
                url));
      }
    }
  }
}
