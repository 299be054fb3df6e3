package dev.forma.emulator.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.forma.emulator.api.EasApi;
import dev.forma.emulator.fault.LostResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code POST <base>/chat/completions} (also at DashScope's path, {@code
 * /compatible-mode/v1/chat/completions}, and at {@code /api/predict/<service>/v1/chat/completions},
 * the EAS endpoints the local cloud hands out): OpenAI's request and answer shapes, with {@code
 * stream: true} answered as Server-Sent Events ({@code data: {...}} chunks, then {@code data:
 * [DONE]}). The answer follows the first rule that applies: the bearer key's, the model's, a model
 * named {@code local:error:CODE}, {@code local:error-in-200:CODE}, {@code local:broken-stream} or
 * {@code local:slow}, else the default rule.
 *
 * <p>An EAS endpoint answers as the service it belongs to: 404 when there is no such service, 401
 * unless the request carries the service's token ({@code Authorization: <token>} or {@code Bearer
 * <token>}, the token DescribeService gives as AccessToken), 503 while the service is not Running
 * (its status and message in the error).
 */
public final class ChatApi {
  /** The HTTP status each of seed 004's error codes comes with (inferred: the seed gives none). */
  public static final Map<String, Integer> ERROR_STATUS =
      Map.of(
          "AI_MODEL_CONFIG_MISSING", 400,
          "AI_MODEL_PARAM_INVALID", 400,
          "AI_MODEL_DISABLED", 403,
          "AI_MODEL_NOT_SUPPORTED", 400,
          "AI_MODEL_PARAM_REQUIRED", 400,
          "AI_MODEL_NOT_FOUND", 404,
          "EXCEED_CONCURRENT_REQUEST_LIMIT", 429,
          "EXCEED_TOKEN_QUOTA_LIMIT", 429);

  private static final Map<String, String> ERROR_MESSAGES =
      Map.of(
          "AI_MODEL_CONFIG_MISSING", "Missing configuration (such as the API key) for the model.",
          "AI_MODEL_PARAM_INVALID", "Invalid parameters were provided when calling the model.",
          "AI_MODEL_DISABLED", "The model has been disabled.",
          "AI_MODEL_NOT_SUPPORTED", "The model is not supported.",
          "AI_MODEL_PARAM_REQUIRED", "The required model parameter is missing from the request.",
          "AI_MODEL_NOT_FOUND", "The specified model group was not found.",
          "EXCEED_CONCURRENT_REQUEST_LIMIT", "The concurrent request limit has been exceeded.",
          "EXCEED_TOKEN_QUOTA_LIMIT", "The model's token usage has exceeded the quota.");

  /** The answer's text, one SSE chunk per word. */
  public static final String REPLY = "Hello from the Forma local cloud.";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long BREAK_PAUSE_MILLIS = 300;

  private final String basePath;
  private final AtomicReference<ChatConfig> config;
  private final CountDownLatch closing;
  private final Function<String, EasApi.PredictTarget> services;

  /** The DashScope-compatible path the local cloud also answers, as DashScope's host would. */
  public static final String DASHSCOPE_PATH = "/compatible-mode/v1/chat/completions";

  /**
   * @param basePath where the endpoint lives ({@code /v1} serves {@code /v1/chat/completions})
   * @param closing counted down when the server closes, ending slow answers
   */
  public ChatApi(String basePath, AtomicReference<ChatConfig> config, CountDownLatch closing) {
    this(basePath, config, closing, name -> null);
  }

  /**
   * @param services the EAS service of a name (null when there is none), for the {@code
   *     /api/predict/<service>} endpoints
   */
  public ChatApi(
      String basePath,
      AtomicReference<ChatConfig> config,
      CountDownLatch closing,
      Function<String, EasApi.PredictTarget> services) {
    this.basePath =
        basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    this.config = config;
    this.closing = closing;
    this.services = services;
  }

  /** The service name of an EAS endpoint path, or null when {@code path} is not one. */
  private static String easService(String path) {
    String[] s = path.split("/");
    return s.length == 7
            && s[0].isEmpty()
            && s[1].equals("api")
            && s[2].equals("predict")
            && s[4].equals("v1")
            && s[5].equals("chat")
            && s[6].equals("completions")
        ? s[3]
        : null;
  }

  /** Whether this endpoint answers {@code path}. */
  public boolean serves(String path) {
    return path.equals(basePath + "/chat/completions")
        || path.equals(DASHSCOPE_PATH)
        || easService(path) != null;
  }

  /** Answers one chat request. */
  public void handle(HttpExchange ex, byte[] body, String requestId) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      error(ex, 405, "METHOD_NOT_ALLOWED", "Use POST.", requestId, false);
      return;
    }
    ChatConfig c = config.get();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String key =
        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
            ? auth.substring(7).trim()
            : "";
    String service = easService(ex.getRequestURI().getPath());
    if (service != null) {
      if (!serviceAnswers(ex, service, auth, requestId)) {
        return;
      }
    } else if (key.isEmpty()) {
      error(
          ex,
          401,
          "UNAUTHENTICATED",
          "Send the API key as Authorization: Bearer <key>.",
          requestId,
          false);
      return;
    }
    if (service == null && !c.apiKeys().isEmpty() && !c.apiKeys().contains(key)) {
      error(ex, 401, "INVALID_API_KEY", "The API key is not valid.", requestId, false);
      return;
    }
    JsonNode req;
    try {
      req = MAPPER.readTree(body);
    } catch (IOException e) {
      req = null;
    }
    if (!(req instanceof ObjectNode o)) {
      error(
          ex,
          400,
          "AI_MODEL_PARAM_INVALID",
          "The request body must be a JSON object.",
          requestId,
          false);
      return;
    }
    boolean stream = o.path("stream").asBoolean(false);
    String model = o.path("model").asText("");
    if (model.isEmpty()) {
      error(
          ex,
          400,
          "AI_MODEL_PARAM_REQUIRED",
          ERROR_MESSAGES.get("AI_MODEL_PARAM_REQUIRED"),
          requestId,
          false);
      return;
    }
    if (!o.path("messages").isArray() || o.path("messages").isEmpty()) {
      error(
          ex,
          400,
          "AI_MODEL_PARAM_INVALID",
          "messages must be a non-empty list.",
          requestId,
          false);
      return;
    }
    ChatRule rule = rule(c, key, model);
    switch (rule.mode()) {
      case OK -> answer(ex, o, model, stream, requestId, -1, 0);
      case ERROR -> {
        String code = code(rule);
        error(ex, ERROR_STATUS.getOrDefault(code, 400), code, message(code), requestId, false);
      }
      case ERROR_IN_200 -> {
        String code = code(rule);
        error(ex, 200, code, message(code), requestId, stream);
      }
      case BROKEN_STREAM -> answer(ex, o, model, stream, requestId, 2, 0);
      case SLOW -> answer(ex, o, model, stream, requestId, -1, rule.delay());
    }
  }

  /**
   * Whether the EAS service {@code name} takes the call; when not, the error is sent: no such
   * service, a missing or wrong token, a service that is not Running.
   */
  private boolean serviceAnswers(HttpExchange ex, String name, String auth, String requestId)
      throws IOException {
    EasApi.PredictTarget s = services.apply(name);
    if (s == null) {
      error(
          ex,
          404,
          "SERVICE_NOT_FOUND",
          "There is no EAS service named " + name + ".",
          requestId,
          false);
      return false;
    }
    String token = auth == null ? "" : auth.trim();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).trim();
    }
    if (!token.equals(s.token())) {
      error(
          ex,
          401,
          "UNAUTHORIZED",
          "Send the service's token (AccessToken) as Authorization.",
          requestId,
          false);
      return false;
    }
    if (!s.status().equals("Running")) {
      error(
          ex,
          503,
          "SERVICE_NOT_RUNNING",
          "The service " + name + " is " + s.status() + ": " + s.message(),
          requestId,
          false);
      return false;
    }
    return true;
  }

  private static String code(ChatRule r) {
    return r.code() == null || r.code().isEmpty() ? "AI_MODEL_NOT_SUPPORTED" : r.code();
  }

  private static String message(String code) {
    return ERROR_MESSAGES.getOrDefault(code, "The model call failed.");
  }

  private static ChatRule rule(ChatConfig c, String key, String model) {
    ChatRule r = c.keys().get(key);
    if (r != null) {
      return r;
    }
    r = c.models().get(model);
    if (r != null) {
      return r;
    }
    if (model.startsWith("local:")) {
      String[] p = model.split(":", 3);
      String code = p.length > 2 ? p[2] : null;
      switch (p[1]) {
        case "error":
          return ChatRule.error(code);
        case "error-in-200":
          return ChatRule.errorIn200(code);
        case "broken-stream":
          return new ChatRule(ChatMode.BROKEN_STREAM, null, null);
        case "slow":
          return new ChatRule(ChatMode.SLOW, null, code == null ? null : Long.valueOf(code));
        default:
          break;
      }
    }
    return c.defaultRule();
  }

  private static void error(
      HttpExchange ex, int status, String code, String message, String requestId, boolean sse)
      throws IOException {
    ObjectNode b = MAPPER.createObjectNode();
    b.put("code", code);
    b.put("message", message);
    b.put("requestId", requestId);
    ObjectNode e = b.putObject("error");
    e.put("code", code);
    e.put("message", message);
    e.put("type", status >= 500 ? "server_error" : "invalid_request_error");
    if (sse) {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.sendResponseHeaders(status, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(
            ("data: " + MAPPER.writeValueAsString(b) + "\n\ndata: [DONE]\n\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    byte[] bytes = MAPPER.writeValueAsBytes(b);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * A normal answer, broken off after {@code breakAfter} chunks when that is not negative, or
   * stalled for {@code stallMillis} after the first chunk.
   */
  private void answer(
      HttpExchange ex,
      ObjectNode req,
      String model,
      boolean stream,
      String requestId,
      int breakAfter,
      long stallMillis)
      throws IOException {
    String id = "chatcmpl-" + requestId.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    long created = System.currentTimeMillis() / 1000;
    List<String> words = List.of(REPLY.split(" "));
    int promptTokens = 0;
    for (JsonNode m : req.path("messages")) {
      promptTokens += m.path("content").asText("").split("\\s+").length;
    }
    if (!stream) {
      ObjectNode b = MAPPER.createObjectNode();
      b.put("id", id);
      b.put("object", "chat.completion");
      b.put("created", created);
      b.put("model", model);
      ObjectNode choice = b.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode msg = choice.putObject("message");
      msg.put("role", "assistant");
      msg.put("content", REPLY);
      choice.put("finish_reason", "stop");
      usage(b, promptTokens, words.size());
      byte[] bytes = MAPPER.writeValueAsBytes(b);
      if (stallMillis > 0) {
        stall(stallMillis);
      }
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      ex.sendResponseHeaders(200, bytes.length);
      OutputStream out = ex.getResponseBody();
      if (breakAfter >= 0) {
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        throw new LostResponse();
      }
      out.write(bytes);
      out.close();
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    ObjectNode first = chunk(id, created, model);
    ObjectNode delta = (ObjectNode) first.path("choices").get(0).path("delta");
    delta.put("role", "assistant");
    delta.put("content", "");
    send(out, first);
    if (stallMillis > 0) {
      stall(stallMillis);
    }
    for (int i = 0; i < words.size(); i++) {
      if (breakAfter >= 0 && i >= breakAfter - 1) {
        // let the caller take the chunks sent so far before the connection goes
        pause(BREAK_PAUSE_MILLIS);
        throw new LostResponse();
      }
      ObjectNode c = chunk(id, created, model);
      ((ObjectNode) c.path("choices").get(0).path("delta"))
          .put("content", (i == 0 ? "" : " ") + words.get(i));
      send(out, c);
    }
    ObjectNode last = chunk(id, created, model);
    ((ObjectNode) last.path("choices").get(0)).put("finish_reason", "stop");
    usage(last, promptTokens, words.size());
    send(out, last);
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.close();
  }

  private void pause(long millis) {
    try {
      closing.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stall(long millis) {
    try {
      if (closing.await(millis, TimeUnit.MILLISECONDS)) {
        throw new LostResponse();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LostResponse();
    }
  }

  private static ObjectNode chunk(String id, long created, String model) {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("id", id);
    c.put("object", "chat.completion.chunk");
    c.put("created", created);
    c.put("model", model);
    ArrayNode choices = c.putArray("choices");
    ObjectNode ch = choices.addObject();
    ch.put("index", 0);
    ch.putObject("delta");
    ch.putNull("finish_reason");
    return c;
  }

  private static void usage(ObjectNode b, int prompt, int completion) {
    ObjectNode u = b.putObject("usage");
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
  }

  private static void send(OutputStream out, ObjectNode chunk) throws IOException {
    out.write(
        ("data: " + MAPPER.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
