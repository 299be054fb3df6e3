package dev.forma.state.backend.http;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Adds {@code Content-MD5} (the base64 MD5 of the body, RFC 1864) to every request with a body, as
 * Terraform's http backend sends it, so that a server can refuse a state damaged on the way.
 */
final class ContentMd5Interceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RequestBody body = request.body();
    if (body == null || request.header("Content-MD5") != null) {
      return chain.proceed(request);
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return chain.proceed(
        request.newBuilder().header("Content-MD5", md5(buffer.readByteArray())).build());
  }

  /** The base64 MD5 of {@code bytes}. */
  static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }
}
