package dev.forma.emulator.oss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The local cloud's OSS buckets and objects. Each bucket is a folder under {@code root}; each
 * object one file in it, named by the SHA-256 of its key (keys may be longer than a file name),
 * holding one line of JSON metadata (the key, content type, ACL, encryption, ETag, CRC-64, time)
 * and then the object's bytes. An index of every object is kept in memory, so listing is a range of
 * a sorted map. Every method holds the store's lock: a conditional write ({@code
 * x-oss-forbid-overwrite}) checks and writes atomically with respect to other requests.
 */
public final class OssStore {
  /** What a stored object is, besides its bytes. */
  public record ObjectMeta(
      String key,
      long size,
      String etag,
      long crc64,
      String contentType,
      String acl,
      String serverSideEncryption,
      Instant lastModified) {}

  /** A write refused because the object exists and overwriting was forbidden. */
  public static final class AlreadyExists extends Exception {
    AlreadyExists() {
      super(null, null, false, false);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = ".obj";

  private final Path root;
  private final Clock clock;
  private final Map<String, NavigableMap<String, ObjectMeta>> buckets = new TreeMap<>();

  private OssStore(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** Opens the store in the folder {@code root} (created on the first write), reading its index. */
  public static OssStore open(Path root, Clock clock) throws IOException {
    OssStore store = new OssStore(root.toAbsolutePath(), clock);
    if (!Files.isDirectory(store.root)) {
      return store;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(store.root)) {
      for (Path dir : dirs) {
        if (!Files.isDirectory(dir)) {
          continue;
        }
        NavigableMap<String, ObjectMeta> objects = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
          for (Path f : files) {
            ObjectMeta meta = readMeta(f);
            if (meta != null) {
              objects.put(meta.key(), meta);
            }
          }
        }
        store.buckets.put(dir.getFileName().toString(), objects);
      }
    }
    return store;
  }

  /** The folder the buckets are in. */
  public Path root() {
    return root;
  }

  /**
   * Why {@code name} cannot be a bucket name, or null when it can: 3 to 63 lower-case letters,
   * digits and hyphens, starting and ending with a letter or digit.
   */
  public static String invalidBucketName(String name) {
    boolean ok = name.length() >= 3 && name.length() <= 63;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      boolean edge = i == 0 || i == name.length() - 1;
      ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && !edge);
    }
    return ok
        ? null
        : "The bucket name \""
            + name
            + "\" is not valid: use 3 to 63 lower-case letters, digits and hyphens, starting and"
            + " ending with a letter or a digit.";
  }

  public synchronized boolean bucketExists(String bucket) {
    return buckets.containsKey(bucket);
  }

  /** Creates an empty bucket; false when it exists already. */
  public synchronized boolean createBucket(String bucket) throws IOException {
    if (invalidBucketName(bucket) != null) {
      throw new IllegalArgumentException(invalidBucketName(bucket));
    }
    if (buckets.containsKey(bucket)) {
      return false;
    }
    Files.createDirectories(root.resolve(bucket));
    buckets.put(bucket, new TreeMap<>());
    return true;
  }

  /** The bucket names, sorted. */
  public synchronized List<String> bucketNames() {
    return List.copyOf(buckets.keySet());
  }

  /** The object's metadata, or null when the bucket has no such object. */
  public synchronized ObjectMeta head(String bucket, String key) {
    NavigableMap<String, ObjectMeta> objects = buckets.get(bucket);
    return objects == null ? null : objects.get(key);
  }

  /** The object's bytes, or null when there is no such object. */
  public synchronized byte[] read(String bucket, String key) throws IOException {
    if (head(bucket, key) == null) {
      return null;
    }
    try (InputStream in = Files.newInputStream(file(bucket, key))) {
      while (true) {
        int c = in.read();
        if (c < 0 || c == '\n') {
          break;
        }
      }
      return in.readAllBytes();
    }
  }

  /**
   * Stores an object (the bucket must exist), replacing any unless {@code forbidOverwrite}.
   *
   * @throws AlreadyExists when it exists and {@code forbidOverwrite}
   */
  public synchronized ObjectMeta put(
      String bucket,
      String key,
      byte[] bytes,
      String contentType,
      String acl,
      String serverSideEncryption,
      boolean forbidOverwrite)
      throws IOException, AlreadyExists {
    NavigableMap<String, ObjectMeta> objects = buckets.get(bucket);
    if (objects == null) {
      throw new IllegalStateException("no bucket " + bucket);
    }
    if (forbidOverwrite && objects.containsKey(key)) {
      throw new AlreadyExists();
    }
    ObjectMeta meta =
        new ObjectMeta(
            key,
            bytes.length,
            HexFormat.of().withUpperCase().formatHex(md5(bytes)),
            Crc64.of(bytes),
            contentType,
            acl,
            serverSideEncryption,
            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    ObjectNode line = JSON.createObjectNode();
    line.put("key", key);
    line.put("etag", meta.etag());
    line.put("crc64", Long.toUnsignedString(meta.crc64()));
    line.put("contentType", contentType);
    line.put("acl", acl);
    line.put("serverSideEncryption", serverSideEncryption);
    line.put("lastModified", meta.lastModified().toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
    out.write(JSON.writeValueAsBytes(line));
    out.write('\n');
    out.write(bytes);
    Path target = file(bucket, key);
    Path tmp = Files.createTempFile(target.getParent(), "put", ".tmp");
    try {
      Files.write(tmp, out.toByteArray());
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    objects.put(key, meta);
    return meta;
  }

  /** Deletes an object; false when there was none. */
  public synchronized boolean delete(String bucket, String key) throws IOException {
    NavigableMap<String, ObjectMeta> objects = buckets.get(bucket);
    if (objects == null || objects.remove(key) == null) {
      return false;
    }
    Files.deleteIfExists(file(bucket, key));
    return true;
  }

  /**
   * Up to {@code max} objects whose keys start with {@code prefix} and sort after {@code after}.
   */
  public synchronized List<ObjectMeta> list(String bucket, String prefix, String after, int max) {
    NavigableMap<String, ObjectMeta> objects = buckets.get(bucket);
    List<ObjectMeta> out = new ArrayList<>();
    if (objects == null) {
      return out;
    }
    NavigableMap<String, ObjectMeta> tail =
        after == null || after.compareTo(prefix) < 0
            ? objects.tailMap(prefix, true)
            : objects.tailMap(after, false);
    for (ObjectMeta m : tail.values()) {
      if (!m.key().startsWith(prefix) || out.size() >= max) {
        break;
      }
      out.add(m);
    }
    return out;
  }

  /** Deletes every bucket and object. */
  public synchronized void clear() throws IOException {
    buckets.clear();
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    }
  }

  private Path file(String bucket, String key) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    return root.resolve(bucket).resolve(HexFormat.of().formatHex(digest) + SUFFIX);
  }

  private static ObjectMeta readMeta(Path f) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long size;
    try (InputStream in = Files.newInputStream(f)) {
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        line.write(c);
      }
      size = Files.size(f) - line.size() - 1;
    }
    JsonNode n;
    try {
      n = JSON.readTree(line.toByteArray());
    } catch (IOException e) {
      return null;
    }
    if (n == null || !n.hasNonNull("key")) {
      return null;
    }
    return new ObjectMeta(
        n.get("key").asText(),
        Math.max(0, size),
        n.path("etag").asText(),
        Long.parseUnsignedLong(n.path("crc64").asText("0")),
        n.path("contentType").isNull() ? null : n.path("contentType").asText(null),
        n.path("acl").isNull() ? null : n.path("acl").asText(null),
        n.path("serverSideEncryption").isNull()
            ? null
            : n.path("serverSideEncryption").asText(null),
        Instant.parse(n.path("lastModified").asText(Instant.EPOCH.toString())));
  }

  static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }
}
