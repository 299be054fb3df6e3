package dev.forma.state.backend.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownServiceException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries as Terraform's http backend does (go-retryablehttp's policy), for every request, the
 * state's update included (it replaces the whole state, so sending it twice is harmless): an I/O
 * error (but not a refused certificate), HTTP 429, and HTTP 5xx other than 501 are retried up to
 * {@code retry_max} times, waiting {@code retry_wait_min} doubled for each retry, at most {@code
 * retry_wait_max}; a 429 or 503 with {@code Retry-After} in seconds waits that long instead. When
 * the tries are used up, or an I/O error is not worth retrying, the call fails with a {@link
 * GaveUpException} that names the method, the address and the number of attempts.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

  private final int retryMax;
  private final Duration waitMin;
  private final Duration waitMax;

  RetryInterceptor(int retryMax, Duration waitMin, Duration waitMax) {
    this.retryMax = Math.max(0, retryMax);
    this.waitMin = waitMin;
    this.waitMax = waitMax;
  }

  /** The requests' tries are used up, or one failed in a way not worth retrying. */
  static final class GaveUpException extends IOException {
    GaveUpException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    for (int attempt = 0; ; attempt++) {
      Response response = null;
      IOException failure = null;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        failure = e;
      }
      boolean retry = failure != null ? retryable(failure) : retryable(response.code());
      if (!retry || attempt >= retryMax) {
        if (failure != null) {
          throw new GaveUpException(
              givingUp(request, attempt + 1) + ": " + describe(failure), failure);
        }
        if (!retry) {
          return response;
        }
        int code = response.code();
        response.close();
        throw new GaveUpException(
            givingUp(request, attempt + 1) + ": the last answer was HTTP " + code, null);
      }
      Duration wait = backoff(waitMin, waitMax, attempt, response);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} {}{}: retrying in {} ms ({} left)",
            request.method(),
            HttpBackendConfig.redact(request.url()),
            failure != null ? " (" + describe(failure) + ")" : " (status: " + response.code() + ")",
            wait.toMillis(),
            retryMax - attempt);
      }
      if (response != null) {
        response.close();
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry");
      }
    }
  }

  private static String givingUp(Request request, int attempts) {
    return request.method()
        + " "
        + HttpBackendConfig.redact(request.url())
        + " giving up after "
        + attempts
        + " attempt(s)";
  }

  /** Whether an answer with this status is worth another try. */
  static boolean retryable(int status) {
    return status == 429 || (status >= 500 && status != 501);
  }

  /** Whether a request that failed so is worth another try: not a refused certificate. */
  static boolean retryable(IOException e) {
    if (e instanceof SSLHandshakeException
        || e instanceof SSLPeerUnverifiedException
        || e instanceof UnknownServiceException
        || e instanceof ProtocolException) {
      return false;
    }
    return !(e instanceof InterruptedIOException) || e instanceof SocketTimeoutException;
  }

  /**
   * The wait before retry {@code attempt + 1} (attempts count from 0): {@code min} doubled {@code
   * attempt} times, at most {@code max}; or the {@code Retry-After} seconds of a 429 or 503.
   */
  static Duration backoff(Duration min, Duration max, int attempt, Response response) {
    if (response != null && (response.code() == 429 || response.code() == 503)) {
      String after = response.header("Retry-After");
      if (after != null) {
        try {
          long seconds = Long.parseLong(after.strip());
          if (seconds >= 0) {
            return Duration.ofSeconds(seconds);
          }
        } catch (NumberFormatException notSeconds) {
          // an HTTP date or nothing usable: the usual backoff
        }
      }
    }
    Duration wait = min.multipliedBy(1L << Math.min(attempt, 30));
    return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
  }

  /** What went wrong, in a few words. */
  static String describe(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof SSLHandshakeException && message.contains("PKIX")) {
      return "the server's certificate is not signed by a trusted authority (set"
          + " client_ca_certificate_pem to the certificate of the authority that signed it)";
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return "the server's certificate is not valid for its name: " + message;
    }
    return message;
  }
}
