package dev.forma.state.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.JsonTrees;
import dev.forma.state.codec.GoJson;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a state lock: Terraform's lock-info record, as written to {@code
 * .terraform.tfstate.lock.info} and shown when a lock cannot be acquired.
 *
 * @param id a random UUID naming this lock; {@code unlock} and {@code force-unlock} need it
 * @param operation what the holder is doing, e.g. {@code OperationTypeApply}
 * @param info free text from the holder
 * @param who {@code user@host} of the holder
 * @param version the holder's program version
 * @param created when the lock was taken, with the offset it was written with
 * @param path the state file the lock protects, as the holder named it
 */
public record LockInfo(
    String id,
    String operation,
    String info,
    String who,
    String version,
    OffsetDateTime created,
    String path) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /** Terraform's operation names, as {@code Operation} holds them. */
  public static final String APPLY = "OperationTypeApply";

  /** {@code terraform plan}'s operation name. */
  public static final String PLAN = "OperationTypePlan";

  /** {@code terraform refresh}'s operation name. */
  public static final String REFRESH = "OperationTypeRefresh";

  /**
   * The operation name of commands that are not plan, apply or refresh (state, import, console).
   */
  public static final String OTHER = "OperationTypeInvalid";

  public LockInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(path, "path");
  }

  /**
   * The info of a lock being taken now by this process ({@link #currentWho()}), with a new random
   * ID.
   *
   * @param version this program's version
   * @param path the state the lock protects, as named to the user
   */
  public static LockInfo create(String operation, String info, String version, String path) {
    return new LockInfo(
        UUID.randomUUID().toString(),
        operation,
        info,
        currentWho(),
        version,
        OffsetDateTime.now(ZoneOffset.UTC),
        path);
  }

  /** {@code user@host} of this process, as Terraform's lock info names the holder. */
  public static String currentWho() {
    return System.getProperty("user.name", "unknown") + "@" + hostname();
  }

  private static String hostname() {
    try {
      String name =
          Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException notLinux) {
      // fall through
    }
    for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
      String name = System.getenv(variable);
      if (name != null && !name.isBlank()) {
        return name;
      }
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The lock-info file's content: compact JSON, Terraform's member names and order. */
  public byte[] toJson() {
    ObjectNode node = JsonTrees.nodes().objectNode();
    node.put("ID", id);
    node.put("Operation", operation);
    node.put("Info", info);
    node.put("Who", who);
    node.put("Version", version);
    node.put("Created", rfc3339(created));
    node.put("Path", path);
    return GoJson.compact(node).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a lock-info file's content; null if it is not a lock-info record. */
  public static LockInfo fromJson(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        return null;
      }
      OffsetDateTime created;
      try {
        created = OffsetDateTime.parse(text(node, "Created"));
      } catch (DateTimeParseException e) {
        created = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
      }
      return new LockInfo(
          text(node, "ID"),
          text(node, "Operation"),
          text(node, "Info"),
          text(node, "Who"),
          text(node, "Version"),
          created,
          text(node, "Path"));
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? "" : value.asText();
  }

  /**
   * The lock info as Terraform prints it in "Error acquiring the state lock": a {@code Lock Info:}
   * line and one indented, aligned line per member, each ending with a newline.
   */
  public String table() {
    return "Lock Info:\n"
        + "  ID:        "
        + id
        + "\n  Path:      "
        + path
        + "\n  Operation: "
        + operation
        + "\n  Who:       "
        + who
        + "\n  Version:   "
        + version
        + "\n  Created:   "
        + goTimeString(created)
        + "\n  Info:      "
        + info
        + "\n";
  }

  /** RFC 3339 with as many fraction digits as needed, as Go's {@code time.RFC3339Nano}. */
  static String rfc3339(OffsetDateTime time) {
    String base = time.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
    return base + fraction(time.getNano()) + offset(time.getOffset(), true);
  }

  /** Go's {@code time.Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
  static String goTimeString(OffsetDateTime time) {
    ZoneOffset offset = time.getOffset();
    String zone = offset.getTotalSeconds() == 0 ? "UTC" : offset(offset, false);
    return time.format(DATE_TIME)
        + fraction(time.getNano())
        + " "
        + offset(offset, false)
        + " "
        + zone;
  }

  private static String fraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    String digits = String.format("%09d", nanos);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return "." + digits.substring(0, end);
  }

  private static String offset(ZoneOffset offset, boolean rfc3339) {
    int seconds = offset.getTotalSeconds();
    if (rfc3339 && seconds == 0) {
      return "Z";
    }
    int minutes = Math.abs(seconds) / 60;
    String sign = seconds < 0 ? "-" : "+";
    return rfc3339
        ? String.format("%s%02d:%02d", sign, minutes / 60, minutes % 60)
        : String.format("%s%02d%02d", sign, minutes / 60, minutes % 60);
  }
}
