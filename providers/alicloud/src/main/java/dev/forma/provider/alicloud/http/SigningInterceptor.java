package dev.forma.provider.alicloud.http;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Signs every request with ACS3-HMAC-SHA256: sets {@code host}, {@code x-acs-action}, {@code
 * x-acs-version}, {@code x-acs-date}, a fresh {@code x-acs-signature-nonce}, {@code
 * x-acs-content-sha256}, {@code content-type} (with a body), {@code x-acs-security-token} (with STS
 * credentials) and {@code Authorization}. The action and version come from the request's {@link
 * ApiRequest} tag. It runs inside the SDK's {@link dev.forma.provider.sdk.http.RetryInterceptor},
 * so each attempt gets its own date and nonce.
 */
public final class SigningInterceptor implements Interceptor {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Credentials credentials;
  private final Clock clock;
  private final Supplier<String> nonces;

  public SigningInterceptor(Credentials credentials, Clock clock, Supplier<String> nonces) {
    this.credentials = credentials;
    this.clock = clock;
    this.nonces = nonces;
  }

  /** Signs with the system clock and random UUID nonces. */
  public SigningInterceptor(Credentials credentials) {
    this(credentials, Clock.systemUTC(), () -> UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    ApiRequest api = request.tag(ApiRequest.class);
    if (api == null) {
      throw new IllegalStateException("request without an ApiRequest tag: " + request.url());
    }
    RequestBody body = request.body();
    byte[] bytes = new byte[0];
    MediaType contentType = null;
    if (body != null) {
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      bytes = buffer.readByteArray();
      contentType = body.contentType();
    }
    HttpUrl url = request.url();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", hostHeader(url));
    headers.put("x-acs-action", api.action());
    headers.put("x-acs-version", api.product().version());
    headers.put("x-acs-date", DATE.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    headers.put("x-acs-signature-nonce", nonces.get());
    headers.put("x-acs-content-sha256", AcsSigner.sha256Hex(bytes));
    if (contentType != null) {
      headers.put("content-type", contentType.toString());
    }
    if (credentials.securityToken() != null) {
      headers.put("x-acs-security-token", credentials.securityToken());
    }
    List<Map.Entry<String, String>> query = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      String v = url.queryParameterValue(i);
      query.add(
          new AbstractMap.SimpleImmutableEntry<>(url.queryParameterName(i), v == null ? "" : v));
    }
    List<String> segments = url.pathSegments();
    if (segments.size() == 1 && segments.get(0).isEmpty()) {
      segments = List.of();
    }
    AcsSigner.Signature sig =
        AcsSigner.sign(
            request.method(),
            segments,
            query,
            headers,
            headers.get("x-acs-content-sha256"),
            credentials.accessKeyId(),
            credentials.accessKeySecret());
    Request.Builder signed = request.newBuilder();
    headers.forEach(signed::header);
    signed.header("Authorization", sig.authorization());
    return chain.proceed(signed.build());
  }

  /** The Host header OkHttp would send: the host, with the port when it is not the default. */
  static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }
}
