package dev.forma.cli.reconcile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The controller's HTTP endpoint (the JDK's server, one thread): {@code GET /status} (JSON), {@code
 * GET /metrics} (Prometheus text format 0.0.4), {@code GET /healthz} ({@code ok}). Read-only:
 * nothing it serves can change what the controller does.
 */
final class StatusServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private StatusServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static StatusServer start(InetSocketAddress address, ControllerStatus status) throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    server.createContext(
        "/status", ex -> answer(ex, "application/json; charset=utf-8", status::json));
    server.createContext(
        "/metrics", ex -> answer(ex, "text/plain; version=0.0.4; charset=utf-8", status::metrics));
    server.createContext("/healthz", ex -> answer(ex, "text/plain; charset=utf-8", () -> "ok\n"));
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "forma-reconcile-status");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new StatusServer(server, executor);
  }

  /** The address it listens on (the port chosen when 0 was asked). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  private static void answer(HttpExchange ex, String type, Supplier<String> body)
      throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      boolean exact = path.equals(ex.getHttpContext().getPath());
      if (!exact
          || !(ex.getRequestMethod().equals("GET") || ex.getRequestMethod().equals("HEAD"))) {
        byte[] b = "not found\n".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(exact ? 405 : 404, b.length);
        ex.getResponseBody().write(b);
        return;
      }
      byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
