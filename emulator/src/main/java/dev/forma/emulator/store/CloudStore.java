package dev.forma.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * The local cloud's objects, kept in memory as one JSON tree and written to {@code file} after each
 * change. Callers hold the store's lock for a whole action ({@link #transaction}), so reads, checks
 * and writes of one request are atomic with respect to other requests. An action marks the document
 * {@link #changed} under that lock, and its request is answered only after {@link #flush} has
 * written it durably: outside the lock, so that the actions of concurrent requests share one write
 * (group commit) instead of each writing the whole document in turn.
 */
public final class CloudStore {
  /** Tables the store holds. */
  public enum Table {
    WORKSPACES("workspaces"),
    CONNECTIONS("connections"),
    SERVICES("services"),
    MODELS("models"),
    IDEMPOTENCY("idempotency");

    final String key;

    Table(String key) {
      this.key = key;
    }
  }

  private static final int FORMAT_VERSION = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private ObjectNode root;

  private CloudStore(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  /** Opens the store in {@code file}, empty when the file does not exist yet. */
  public static CloudStore open(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    ObjectNode root;
    if (Files.exists(abs) && Files.size(abs) > 0) {
      JsonNode n;
      try {
        n = MAPPER.readTree(abs.toFile());
      } catch (IOException e) {
        throw new IOException(
            "The local cloud's data file " + abs + " is not valid JSON: " + e.getMessage(), e);
      }
      if (!(n instanceof ObjectNode o) || o.path("version").asInt(-1) != FORMAT_VERSION) {
        throw new IOException(
            "The local cloud's data file "
                + abs
                + " is not a version "
                + FORMAT_VERSION
                + " local cloud file.");
      }
      root = o;
    } else {
      root = empty();
    }
    return new CloudStore(abs, root);
  }

  private static ObjectNode empty() {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("version", FORMAT_VERSION);
    r.putObject("counters");
    for (Table t : Table.values()) {
      r.putObject(t.key);
    }
    return r;
  }

  /** Changes marked (under this store's lock) and changes written (under {@link #writer}). */
  private long changes;

  private volatile long written;
  private long writes;
  private final Object writer = new Object();

  public Path file() {
    return file;
  }

  /** Runs {@code body} holding the store's lock. */
  public synchronized <T> T transaction(Supplier<T> body) {
    return body.get();
  }

  /** A table: object key to object. Only under {@link #transaction}. */
  public synchronized ObjectNode table(Table t) {
    JsonNode n = root.get(t.key);
    if (!(n instanceof ObjectNode o)) {
      return root.putObject(t.key);
    }
    return o;
  }

  /** The next value of a counter, starting at {@code first}. */
  public synchronized long nextId(String counter, long first) {
    ObjectNode c = (ObjectNode) root.get("counters");
    long next = Math.max(c.path(counter).asLong(first), first);
    c.put(counter, next + 1);
    return next;
  }

  /** Removes every object (counters keep counting, so ids are never reused). */
  public void clear() throws IOException {
    synchronized (this) {
      for (Table t : Table.values()) {
        root.putObject(t.key);
      }
      changes++;
    }
    flush();
  }

  /** A deep copy of the whole document. */
  public synchronized ObjectNode snapshot() {
    return root.deepCopy();
  }

  /** How many times the document was written since the store was opened. */
  public long writes() {
    synchronized (writer) {
      return writes;
    }
  }

  /** Marks the document changed, for the next {@link #flush}. Only under {@link #transaction}. */
  public synchronized void changed() {
    changes++;
  }

  /** Marks the document changed and writes it (not under {@link #transaction}). */
  public void save() throws IOException {
    changed();
    flush();
  }

  /**
   * Writes every change marked so far, durably, before it returns; never under {@link
   * #transaction}. Callers that come while a write is going on share the next one.
   */
  public void flush() throws IOException {
    long wanted;
    synchronized (this) {
      wanted = changes;
    }
    if (written >= wanted) {
      return; // nothing of ours to write: a read does not wait for someone else's write
    }
    synchronized (writer) {
      if (written >= wanted) {
        return;
      }
      long at;
      byte[] bytes;
      synchronized (this) {
        at = changes;
        bytes = MAPPER.writeValueAsBytes(root);
      }
      write(bytes);
      written = at;
      writes++;
    }
  }

  /**
   * Writes {@code bytes} as the document: temp file in the same folder, fsync, atomic rename, fsync
   * of the folder.
   */
  private void write(byte[] bytes) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot open or sync a folder; the rename is still atomic there
    }
  }
}
