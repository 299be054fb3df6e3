package dev.forma.state.backend.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * HTTP basic authentication: the configured {@code username} and {@code password} when a user name
 * is set, else the user and password of the address itself ({@code https://user:pass@host/...}), as
 * Go's HTTP client sends them for Terraform. Never logged.
 */
final class BasicAuthInterceptor implements Interceptor {
  private final String username;
  private final String password;

  BasicAuthInterceptor(String username, String password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null) {
      return chain.proceed(request);
    }
    String user = username;
    String pass = password;
    if (user.isEmpty()) {
      user = request.url().username();
      pass = request.url().password();
    }
    if (user.isEmpty()) {
      return chain.proceed(request);
    }
    return chain.proceed(
        request
            .newBuilder()
            .header("Authorization", Credentials.basic(user, pass, StandardCharsets.UTF_8))
            .build());
  }
}
