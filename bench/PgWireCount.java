import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counting relay for PostgreSQL's wire protocol, for bench/pg.sh: {@code java PgWireCount.java
 * LISTEN_PORT SERVER_PORT STATS_FILE} listens on 127.0.0.1:LISTEN_PORT, relays every connection to
 * 127.0.0.1:SERVER_PORT, and counts what clients send: bytes, and statements (simple-query {@code
 * Q} and extended-protocol {@code E} messages: each runs one statement). After each connection
 * closes it writes the totals so far to STATS_FILE as {@code statements bytes connections}. Plain
 * connections only (sslmode=disable).
 */
public final class PgWireCount {
  private static final AtomicLong STATEMENTS = new AtomicLong();
  private static final AtomicLong BYTES = new AtomicLong();
  private static final AtomicLong CONNECTIONS = new AtomicLong();

  public static void main(String[] args) throws IOException {
    int listen = Integer.parseInt(args[0]);
    int server = Integer.parseInt(args[1]);
    Path stats = Path.of(args[2]);
    write(stats);
    try (ServerSocket socket = new ServerSocket(listen, 50, InetAddress.getLoopbackAddress())) {
      System.out.println("listening");
      System.out.flush();
      while (true) {
        Socket client = socket.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), server);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        CONNECTIONS.incrementAndGet();
        Thread back =
            new Thread(() -> copy(upstream, client), "server-to-client");
        back.setDaemon(true);
        back.start();
        Thread forth =
            new Thread(
                () -> {
                  try {
                    relayFromClient(client.getInputStream(), upstream.getOutputStream());
                  } catch (IOException e) {
                    // the connection ended
                  } finally {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    synchronized (PgWireCount.class) {
                      write(stats);
                    }
                  }
                },
                "client-to-server");
        forth.setDaemon(true);
        forth.start();
      }
    }
  }

  /** Relays the client's messages, counting them: a startup packet, then typed messages. */
  private static void relayFromClient(InputStream from, OutputStream to) throws IOException {
    DataInputStream in = new DataInputStream(from);
    boolean started = false;
    try {
      while (true) {
        byte type = 0;
        int length;
        if (started) {
          type = in.readByte();
        }
        length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        int total = (started ? 1 : 0) + length;
        BYTES.addAndGet(total);
        byte[] out = new byte[total];
        int at = 0;
        if (started) {
          out[at++] = type;
        }
        out[at++] = (byte) (length >>> 24);
        out[at++] = (byte) (length >>> 16);
        out[at++] = (byte) (length >>> 8);
        out[at++] = (byte) length;
        System.arraycopy(body, 0, out, at, body.length);
        to.write(out);
        to.flush();
        if (!started) {
          int code =
              ((body[0] & 0xff) << 24)
                  | ((body[1] & 0xff) << 16)
                  | ((body[2] & 0xff) << 8)
                  | (body[3] & 0xff);
          // SSLRequest and GSSENCRequest come before the startup packet; sslmode=disable sends none
          started = code != 80877103 && code != 80877104;
        } else if (type == 'Q' || type == 'E') {
          STATEMENTS.incrementAndGet();
        }
      }
    } catch (EOFException end) {
      // the client closed the connection
    }
  }

  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[65536];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the connection ended
    } finally {
      closeQuietly(to);
    }
  }

  private static void write(Path stats) {
    try {
      Files.writeString(
          stats,
          STATEMENTS.get() + " " + BYTES.get() + " " + CONNECTIONS.get() + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("cannot write " + stats + ": " + e.getMessage());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing
    }
  }
}
