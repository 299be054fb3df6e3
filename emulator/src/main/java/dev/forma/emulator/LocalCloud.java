package dev.forma.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.forma.emulator.api.AiWorkspaceApi;
import dev.forma.emulator.api.CloudClock;
import dev.forma.emulator.api.CloudContext;
import dev.forma.emulator.api.CloudSettings;
import dev.forma.emulator.api.EasApi;
import dev.forma.emulator.api.ModelRouterApi;
import dev.forma.emulator.api.Route;
import dev.forma.emulator.chat.ChatApi;
import dev.forma.emulator.chat.ChatConfig;
import dev.forma.emulator.fault.FaultConfig;
import dev.forma.emulator.fault.FaultInjector;
import dev.forma.emulator.http.AdminControls;
import dev.forma.emulator.http.CloudHandler;
import dev.forma.emulator.oss.OssSignatures;
import dev.forma.emulator.oss.OssStore;
import dev.forma.emulator.signature.SignatureVerifier;
import dev.forma.emulator.store.CloudStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running local cloud: an HTTP server on 127.0.0.1 serving the AIWorkSpace, PAI-EAS and
 * ModelRouter APIs of ../shared/API.md (every product on the same address: point each product's
 * endpoint at {@link #url()}), OSS object calls addressed path-style ({@code <url>/BUCKET/KEY}, for
 * state kept in a bucket; objects live in {@link #ossFolder}), an OpenAI-compatible chat endpoint
 * at {@code <url>/v1/chat/completions}, and admin endpoints under {@code <url>/_emulator/}.
 *
 * <p>Credentials: by default any access key id is accepted, signed with the secret {@value
 * #DEFAULT_ACCESS_KEY_SECRET} (use key id {@value #DEFAULT_ACCESS_KEY_ID} for clarity); with {@link
 * LocalCloudOptions#keyPairs} only those pairs are accepted. Requests must carry an
 * ACS3-HMAC-SHA256 signature, an {@code x-acs-date} within 15 minutes, and a fresh signature nonce;
 * OSS calls an OSS4-HMAC-SHA256 (or the older OSS HMAC-SHA1) signature scoped to {@link #region()}.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start(Path.of(".forma/local-cloud.json"), 0)) {
 *   String endpoint = cloud.url(); // e.g. http://127.0.0.1:41234
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {
  /**
   * The access key id to use with the default (any key id) credentials: the one the alicloud
   * provider signs with in local mode ({@code endpoint = "local"}) when none is configured.
   */
  public static final String DEFAULT_ACCESS_KEY_ID = "forma-local";

  /**
   * The secret every access key id shares unless key pairs are configured: the provider's
   * local-mode secret, so that {@code endpoint = "local"} works against this cloud unconfigured.
   */
  public static final String DEFAULT_ACCESS_KEY_SECRET = "forma-local-secret";

  /** The region the local cloud reports unless told otherwise. */
  public static final String DEFAULT_REGION = "cn-hangzhou";

  private final HttpServer server;
  private final ExecutorService executor;
  private final CountDownLatch closing;
  private final LocalCloudOptions options;
  private final FaultInjector faults;
  private final AtomicReference<ChatConfig> chat;
  private final AtomicReference<CloudSettings> settings;
  private final CloudClock clock;
  private final CloudStore store;
  private final OssStore oss;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  private LocalCloud(
      HttpServer server,
      ExecutorService executor,
      CountDownLatch closing,
      LocalCloudOptions options,
      FaultInjector faults,
      AtomicReference<ChatConfig> chat,
      AtomicReference<CloudSettings> settings,
      CloudClock clock,
      CloudStore store,
      OssStore oss) {
    this.server = server;
    this.executor = executor;
    this.closing = closing;
    this.options = options;
    this.faults = faults;
    this.chat = chat;
    this.settings = settings;
    this.clock = clock;
    this.store = store;
    this.oss = oss;
  }

  /** Starts a local cloud with default options keeping its objects in {@code dataFile}. */
  public static LocalCloud start(Path dataFile, int port) throws IOException {
    return start(LocalCloudOptions.of(dataFile, port));
  }

  /** Starts a local cloud. */
  public static LocalCloud start(LocalCloudOptions options) throws IOException {
    CloudStore store = CloudStore.open(options.dataFile());
    OssStore oss = OssStore.open(ossFolder(store.file()), Clock.systemUTC());
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    CountDownLatch closing = new CountDownLatch(1);
    FaultInjector faults = new FaultInjector();
    faults.configure(options.faults());
    AtomicReference<ChatConfig> chat = new AtomicReference<>(options.chat());
    AtomicReference<CloudSettings> settings = new AtomicReference<>(options.settings());
    CloudClock clock = new CloudClock();
    LocalCloud cloud =
        new LocalCloud(
            server, executor, closing, options, faults, chat, settings, clock, store, oss);
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    CloudContext cx = new CloudContext(store, clock, settings, options.region(), () -> url);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new AiWorkspaceApi(cx).routes());
    EasApi eas = new EasApi(cx);
    routes.addAll(eas.routes());
    routes.addAll(new ModelRouterApi(cx).routes());
    SignatureVerifier verifier =
        new SignatureVerifier(
            options.keyPairs(), DEFAULT_ACCESS_KEY_SECRET, Clock.systemUTC(), options.checkNonce());
    ChatApi chatApi = new ChatApi(options.chatBasePath(), chat, closing, eas::predictTarget);
    Map<String, String> keyPairs = options.keyPairs();
    OssSignatures ossSignatures =
        new OssSignatures(
            id -> keyPairs.isEmpty() ? DEFAULT_ACCESS_KEY_SECRET : keyPairs.get(id),
            options.region(),
            Clock.systemUTC());
    server.createContext(
        "/",
        new CloudHandler(
            routes, verifier, faults, chatApi, cloud.controls(), cx, closing, oss, ossSignatures));
    server.setExecutor(executor);
    server.start();
    return cloud;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}: every product's endpoint. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The host and port, e.g. {@code 127.0.0.1:41234}, for endpoint settings without a scheme. */
  public String endpoint() {
    return "127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String region() {
    return options.region();
  }

  public Path dataFile() {
    return store.file();
  }

  /**
   * The folder that holds the OSS buckets and objects: beside the data file, named after it with
   * {@code .oss} added ({@code local-cloud.json.oss}).
   */
  public static Path ossFolder(Path dataFile) {
    Path abs = dataFile.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".oss");
  }

  /**
   * Creates an empty OSS bucket (as PutBucket does); false when it exists already.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid bucket name
   */
  public boolean createBucket(String name) throws IOException {
    return oss.createBucket(name);
  }

  /** The OSS bucket names, sorted. */
  public List<String> buckets() {
    return oss.bucketNames();
  }

  /** The URL of the chat completions endpoint. */
  public String chatUrl() {
    String base = options.chatBasePath();
    return url() + (base.startsWith("/") ? base : "/" + base) + "/chat/completions";
  }

  /** Whether any access key id is accepted (with {@link #DEFAULT_ACCESS_KEY_SECRET}). */
  public boolean acceptsAnyKeyId() {
    return options.keyPairs().isEmpty();
  }

  public FaultConfig faults() {
    return faults.config();
  }

  /** Replaces the injected faults (restarting their random sequence from the seed). */
  public void setFaults(FaultConfig f) {
    faults.configure(f);
  }

  public ChatConfig chat() {
    return chat.get();
  }

  public void setChat(ChatConfig c) {
    chat.set(c);
  }

  public CloudSettings settings() {
    return settings.get();
  }

  public void setSettings(CloudSettings s) {
    settings.set(s);
  }

  /** Moves the cloud's time forward: pending status transitions whose time has come happen. */
  public void advanceClock(Duration d) {
    clock.advance(d);
  }

  /** Blocks until the cloud is closed (by {@link #close} or {@code POST /_emulator/shutdown}). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Stops the server; slow answers in progress end at once. Objects are already on disk. */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
    closed.countDown();
  }

  private AdminControls controls() {
    LocalCloud self = this;
    return new AdminControls() {
      @Override
      public CloudSettings settings() {
        return self.settings();
      }

      @Override
      public void settings(CloudSettings s) {
        self.setSettings(s);
      }

      @Override
      public ChatConfig chat() {
        return self.chat();
      }

      @Override
      public void chat(ChatConfig c) {
        self.setChat(c);
      }

      @Override
      public void advanceClock(Duration d) {
        self.advanceClock(d);
      }

      @Override
      public void shutdownSoon() {
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  self.close();
                });
      }
    };
  }
}
