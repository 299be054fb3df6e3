package dev.forma.provider.sdk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each request and response as sent and received (a network interceptor: it sees the final
 * headers), at slf4j debug level ({@code FORMA_LOG=debug}), to the logger a provider names. Never
 * prints a secret: the {@code Authorization}, cookie and token headers (any header whose name says
 * token, secret, password, API key or credential, such as {@code x-acs-security-token}), secret
 * query parameters, and every JSON value under a key that names a secret ({@code Secrets}, {@code
 * apiKey}, {@code password}, tokens, signatures) are replaced by {@value #REDACTED}.
 */
public final class RedactingLogInterceptor implements Interceptor {
  /** What a redacted value prints as. */
  public static final String REDACTED = "(redacted)";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");
  private static final Pattern SECRET_HEADER =
      Pattern.compile("(?i).*(token|secret|password|api-?key|credential).*");
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(secret|password|passwd|api_?key|token|authorization|credential|signature).*");
  private static final int MAX_BODY = 64 * 1024;

  private final Consumer<String> sink;
  private final boolean enabled;

  /** Logs to the slf4j logger {@code loggerName} at debug level, when that level is enabled. */
  public RedactingLogInterceptor(String loggerName) {
    this(LoggerFactory.getLogger(loggerName));
  }

  private RedactingLogInterceptor(Logger log) {
    this(log::debug, log.isDebugEnabled());
  }

  /** Logs each line to {@code sink} (tests). */
  public RedactingLogInterceptor(Consumer<String> sink, boolean enabled) {
    this.sink = sink;
    this.enabled = enabled;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!enabled) {
      return chain.proceed(request);
    }
    StringBuilder out = new StringBuilder();
    out.append("--> ").append(request.method()).append(' ').append(redactUrl(request.url()));
    appendHeaders(out, request.headers());
    if (request.body() != null) {
      Buffer buffer = new Buffer();
      request.body().writeTo(buffer);
      out.append('\n').append(redactBody(buffer.readString(StandardCharsets.UTF_8)));
    }
    sink.accept(out.toString());
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      sink.accept("<-- failed: " + e);
      throw e;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    StringBuilder in = new StringBuilder();
    in.append("<-- ")
        .append(response.code())
        .append(' ')
        .append(redactUrl(request.url()))
        .append(" (")
        .append(ms)
        .append(" ms)");
    appendHeaders(in, response.headers());
    String body = response.peekBody(MAX_BODY).string();
    if (!body.isEmpty()) {
      in.append('\n').append(redactBody(body));
    }
    sink.accept(in.toString());
    return response;
  }

  private static void appendHeaders(StringBuilder out, Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String value = headers.value(i);
      String lower = name.toLowerCase(Locale.ROOT);
      out.append('\n').append(name).append(": ");
      boolean secret = SECRET_HEADERS.contains(lower) || SECRET_HEADER.matcher(lower).matches();
      out.append(secret ? REDACTED : value);
    }
  }

  /** The URL with the values of secret-looking query parameters redacted. */
  static String redactUrl(HttpUrl url) {
    HttpUrl.Builder b = url.newBuilder();
    for (String name : url.queryParameterNames()) {
      if (SECRET_KEY.matcher(name).matches()) {
        b.setQueryParameter(name, REDACTED);
      }
    }
    return b.build().toString();
  }

  /** A JSON body with secret values redacted; any other body as its length only. */
  public static String redactBody(String body) {
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree == null || !tree.isContainerNode()) {
        return "(" + body.length() + " characters)";
      }
      return JSON.writeValueAsString(redact(tree, false));
    } catch (IOException e) {
      return "(" + body.length() + " characters, not JSON)";
    }
  }

  private static JsonNode redact(JsonNode node, boolean underSecret) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = JSON.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        boolean secret = underSecret || SECRET_KEY.matcher(e.getKey()).matches();
        copy.set(e.getKey(), redact(e.getValue(), secret));
      }
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = JSON.createArrayNode();
      a.forEach(x -> copy.add(redact(x, underSecret)));
      return copy;
    }
    return underSecret && !node.isNull() ? TextNode.valueOf(REDACTED) : node;
  }
}
