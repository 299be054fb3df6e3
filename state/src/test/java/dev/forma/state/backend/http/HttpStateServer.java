package dev.forma.state.backend.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A state server speaking Terraform's http backend protocol with GitLab's conventions, for tests
 * and for the interop script (it uses the JDK only, so {@code java HttpStateServer.java} runs it).
 *
 * <p>{@code /state/NAME} holds one state: {@code GET} (404 when there is none), {@code POST} or
 * {@code PUT} to replace it (a {@code Content-MD5} that does not match the body is refused with
 * 400; while the state is locked the update must carry the lock's {@code ?ID=}, or it is refused
 * with 409 and the holder's lock info), {@code DELETE}. Locking, with the lock info as the body:
 * {@code LOCK}/{@code UNLOCK} on the same address (Terraform's default methods), or {@code
 * POST}/{@code DELETE} on {@code /state/NAME/lock} (GitLab's). A taken lock is answered with 423
 * (or 409, see {@link #conflictStatus}) and the holder's lock info; an unlock whose ID does not
 * match is answered 409 with the holder's lock info; an unlock without an ID removes any lock.
 * {@code GET /state/NAME/lock} shows the lock info of the lock held (404: none), for scripts.
 *
 * <p>With a user name set, requests need HTTP basic authentication: none is answered 401, a wrong
 * one 403. Faults: {@link #failNext} answers the next requests with an error status, {@link
 * #failUpdates} every update. Every request is recorded ({@link #requests()}).
 */
public final class HttpStateServer implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("\"ID\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A request as the server received it, and when ({@link System#nanoTime()}). */
  public record Recorded(
      String method,
      String path,
      String query,
      Map<String, String> headers,
      byte[] body,
      long nanos) {
    /** A header's value (names are case-insensitive), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final String scheme;
  private final Map<String, byte[]> states = new HashMap<>();
  private final Map<String, byte[]> locks = new HashMap<>();
  private final List<Recorded> requests = new ArrayList<>();
  private final Deque<Integer> faults = new ArrayDeque<>();
  private String username;
  private String password;
  private int conflictStatus = 423;
  private int updateFailure;
  private boolean log;

  private HttpStateServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A plain HTTP server on a free port of the loopback address. */
  public static HttpStateServer start() throws IOException {
    return start(0);
  }

  /** A plain HTTP server on {@code port} of the loopback address (0: a free one). */
  public static HttpStateServer start(int port) throws IOException {
    return new HttpStateServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0),
        "http");
  }

  /**
   * An HTTPS server on a free port of the loopback address with {@code tls}'s certificate; when
   * {@code needClientCertificate}, a client without a certificate the context trusts is refused
   * during the handshake.
   */
  public static HttpStateServer startTls(SSLContext tls, boolean needClientCertificate)
      throws IOException {
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            javax.net.ssl.SSLParameters ssl = tls.getDefaultSSLParameters();
            ssl.setNeedClientAuth(needClientCertificate);
            params.setSSLParameters(ssl);
          }
        });
    return new HttpStateServer(https, "https");
  }

  /** The server's root: {@code http://127.0.0.1:PORT}. */
  public String base() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The address of state {@code name}. */
  public String address(String name) {
    return base() + "/state/" + name;
  }

  /** GitLab's lock address of state {@code name}. */
  public String lockAddress(String name) {
    return address(name) + "/lock";
  }

  /** Requires HTTP basic authentication with these credentials. */
  public synchronized HttpStateServer requireBasicAuth(String user, String pass) {
    this.username = user;
    this.password = pass;
    return this;
  }

  /** The status a taken lock is answered with: 423 (the default) or 409, as GitLab. */
  public synchronized HttpStateServer conflictStatus(int status) {
    this.conflictStatus = status;
    return this;
  }

  /** Answers the next {@code count} requests, whatever they are, with {@code status}. */
  public synchronized HttpStateServer failNext(int count, int status) {
    for (int i = 0; i < count; i++) {
      faults.add(status);
    }
    return this;
  }

  /** Answers every update ({@code POST}/{@code PUT} of a state) with {@code status}; 0: none. */
  public synchronized HttpStateServer failUpdates(int status) {
    this.updateFailure = status;
    return this;
  }

  /** The stored state {@code name}, or null. */
  public synchronized byte[] state(String name) {
    return states.get(name);
  }

  /** Stores {@code bytes} as state {@code name}. */
  public synchronized void putState(String name, byte[] bytes) {
    states.put(name, bytes.clone());
  }

  /** The lock info of the lock on state {@code name}, or null when it is not locked. */
  public synchronized String lock(String name) {
    byte[] held = locks.get(name);
    return held == null ? null : new String(held, StandardCharsets.UTF_8);
  }

  /** Every request received so far, in order. */
  public synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** Forgets the recorded requests. */
  public synchronized void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      Recorded request =
          new Recorded(method, path, query, Map.copyOf(headers), body, System.nanoTime());
      Answer answer;
      synchronized (this) {
        requests.add(request);
        answer = answer(request);
        if (log) {
          System.out.println(
              method
                  + " "
                  + path
                  + (query == null ? "" : "?" + query)
                  + (body.length == 0 || !(method.contains("LOCK") || path.endsWith("/lock"))
                      ? ""
                      : " " + request.text())
                  + " -> "
                  + answer.status());
        }
      }
      if (answer.lockInfo() != null) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      }
      if (answer.status() == 401) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"state\"");
      }
      byte[] out = answer.body();
      if (out != null && answer.status() == 200 && method.equals("GET")) {
        exchange.getResponseHeaders().set("Content-MD5", md5(out));
      }
      if (out == null || out.length == 0) {
        exchange.sendResponseHeaders(answer.status(), -1);
      } else {
        exchange.sendResponseHeaders(answer.status(), out.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(out);
        }
      }
    }
  }

  private record Answer(int status, byte[] body, byte[] lockInfo) {
    static Answer of(int status) {
      return new Answer(status, null, null);
    }

    static Answer holder(int status, byte[] lockInfo) {
      return new Answer(status, lockInfo, lockInfo);
    }
  }

  private Answer answer(Recorded r) {
    if (!faults.isEmpty()) {
      return Answer.of(faults.poll());
    }
    if (username != null) {
      String auth = r.header("Authorization");
      if (auth == null) {
        return Answer.of(401);
      }
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!auth.equals(expected)) {
        return Answer.of(403);
      }
    }
    String path = r.path();
    if (!path.startsWith("/state/") || path.length() == "/state/".length()) {
      return Answer.of(404);
    }
    String rest = path.substring("/state/".length());
    if (rest.endsWith("/lock")) {
      String name = rest.substring(0, rest.length() - "/lock".length());
      return switch (r.method()) {
        case "POST", "LOCK" -> lock(name, r.body());
        case "DELETE", "UNLOCK" -> unlock(name, r.body());
        case "GET" -> {
          byte[] held = locks.get(name);
          yield held == null ? Answer.of(404) : Answer.holder(200, held);
        }
        default -> Answer.of(405);
      };
    }
    String name = rest;
    return switch (r.method()) {
      case "GET" -> {
        byte[] s = states.get(name);
        yield s == null ? Answer.of(404) : new Answer(200, s, null);
      }
      case "POST", "PUT" -> update(name, r);
      case "DELETE" -> {
        states.remove(name);
        yield Answer.of(200);
      }
      case "LOCK" -> lock(name, r.body());
      case "UNLOCK" -> unlock(name, r.body());
      default -> Answer.of(405);
    };
  }

  private Answer update(String name, Recorded r) {
    if (updateFailure != 0) {
      return Answer.of(updateFailure);
    }
    String md5 = r.header("Content-MD5");
    if (md5 != null && !md5.equals(md5(r.body()))) {
      return Answer.of(400);
    }
    byte[] held = locks.get(name);
    if (held != null) {
      String given = queryParameter(r.query(), "ID");
      if (given == null || !given.equals(id(held))) {
        return Answer.holder(409, held);
      }
    }
    states.put(name, r.body());
    return Answer.of(200);
  }

  private Answer lock(String name, byte[] info) {
    if (id(info) == null) {
      return Answer.of(400);
    }
    byte[] held = locks.get(name);
    if (held != null) {
      return Answer.holder(conflictStatus, held);
    }
    locks.put(name, info);
    return Answer.of(200);
  }

  private Answer unlock(String name, byte[] info) {
    byte[] held = locks.get(name);
    if (held == null) {
      return Answer.of(200);
    }
    String id = id(info);
    if (id != null && !id.isEmpty() && !id.equals(id(held))) {
      return Answer.holder(409, held);
    }
    locks.remove(name);
    return Answer.of(200);
  }

  private static String id(byte[] lockInfo) {
    Matcher m = ID.matcher(new String(lockInfo, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }

  private static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0
            ? ""
            : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }

  /**
   * Runs a server until killed: {@code java HttpStateServer.java [--port N] [--port-file FILE]
   * [--conflict 409|423] [--user NAME --password SECRET] [--log] [--fail-updates STATUS]}. Prints
   * its root address (and, with {@code --log}, each request and its answer); writes its port to the
   * port file when one is given.
   */
  public static void main(String[] args) throws Exception {
    int port = 0;
    Path portFile = null;
    int conflict = 423;
    String user = null;
    String pass = null;
    boolean logRequests = false;
    int failUpdates = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--port-file" -> portFile = Path.of(args[++i]);
        case "--conflict" -> conflict = Integer.parseInt(args[++i]);
        case "--user" -> user = args[++i];
        case "--password" -> pass = args[++i];
        case "--log" -> logRequests = true;
        case "--fail-updates" -> failUpdates = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    HttpStateServer s = start(port).conflictStatus(conflict);
    s.log = logRequests;
    s.failUpdates(failUpdates);
    if (user != null) {
      s.requireBasicAuth(user, pass == null ? "" : pass);
    }
    if (portFile != null) {
      Files.writeString(portFile, Integer.toString(s.server.getAddress().getPort()));
    }
    System.out.println("state server listening on " + s.base());
    Thread.currentThread().join();
  }
}
