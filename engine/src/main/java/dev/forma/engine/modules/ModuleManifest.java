package dev.forma.engine.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The record of installed modules, {@code .terraform/modules/modules.json} in Terraform's format
 * (byte for byte: {@code {"Modules":[{"Key":"","Source":"","Dir":"."},...]}}, sorted by key, no
 * spaces, no final newline): for each call its key ({@code a.b} for module {@code b} called in
 * {@code a}), its source address, the version chosen (registry modules only) and the directory
 * holding it, relative to the working directory.
 */
public final class ModuleManifest {
  /** The manifest's path under the working directory (with the default data directory). */
  public static final String FILE = ".terraform/modules/modules.json";

  /** The manifest's path under the working directory with the data directory {@code dataDir}. */
  public static String file(String dataDir) {
    return dataDir + "/modules/modules.json";
  }

  /** One installed module call (the root module is the entry with key {@code ""}). */
  public record Entry(String key, String source, String version, String dir) {}

  private final Path workingDirectory;
  private final String dataDir;
  private final Map<String, Entry> entries;

  ModuleManifest(Path workingDirectory, Map<String, Entry> entries) {
    this(workingDirectory, DataDirectory.DEFAULT, entries);
  }

  ModuleManifest(Path workingDirectory, String dataDir, Map<String, Entry> entries) {
    this.workingDirectory = workingDirectory;
    this.dataDir = dataDir;
    this.entries = new TreeMap<>(entries);
  }

  /** An empty manifest (nothing installed yet). */
  public static ModuleManifest empty(Path workingDirectory) {
    return new ModuleManifest(workingDirectory, Map.of());
  }

  /** As {@link #read(Path, String)} with the default data directory. */
  public static Result<ModuleManifest> read(Path workingDirectory) {
    return read(workingDirectory, DataDirectory.DEFAULT);
  }

  /**
   * Reads the manifest of {@code workingDirectory}: empty when there is none, an error when it
   * cannot be read.
   */
  public static Result<ModuleManifest> read(Path workingDirectory, String dataDir) {
    String name = file(dataDir);
    Path file = workingDirectory.resolve(name);
    ModuleManifest none = new ModuleManifest(workingDirectory, dataDir, Map.of());
    Map<String, Entry> entries = new TreeMap<>();
    try {
      // read first: most configurations have no manifest, and a JSON mapper is slow to start
      String json = Files.readString(file, StandardCharsets.UTF_8);
      JsonNode root = new ObjectMapper().readTree(json);
      JsonNode modules = root == null ? null : root.get("Modules");
      if (modules == null || !modules.isArray()) {
        throw new IOException("no \"Modules\" array");
      }
      for (JsonNode m : modules) {
        String key = text(m, "Key");
        String dir = text(m, "Dir");
        if (key == null || dir == null) {
          throw new IOException("an entry without \"Key\" or \"Dir\"");
        }
        String source = text(m, "Source");
        String version = text(m, "Version");
        entries.put(
            key,
            new Entry(
                key,
                source == null ? "" : source,
                version == null || version.isEmpty() ? null : version,
                dir));
      }
    } catch (NoSuchFileException e) {
      return Result.ok(none);
    } catch (IOException e) {
      return new Result<>(
          none,
          new Diagnostics()
              .add(
                  Diagnostic.error(
                      "Failed to read module manifest",
                      "The module manifest "
                          + name
                          + " could not be read: "
                          + e.getMessage()
                          + ". Run \"forma init\" to install the modules again.")));
    }
    return Result.ok(new ModuleManifest(workingDirectory, dataDir, entries));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The entry for {@code key}, if the manifest has one. */
  public Optional<Entry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Every entry, sorted by key. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * The directories of the installed modules, as Terraform finds them: a call is installed when the
   * manifest has its key with the same source address and, for a registry module, a version its
   * constraint allows; otherwise (source or version changed since {@code init}, or never installed)
   * it is not, and the caller says to run {@code init}.
   */
  public ModuleDirectories directories() {
    return (key, source, version, parent) -> {
      Entry e = entries.get(key);
      if (e == null || !sameSource(e.source(), source)) {
        return Optional.empty();
      }
      if (version != null) {
        Optional<VersionConstraints> c = VersionConstraints.parse(version);
        Version installed = e.version() == null ? null : Version.parse(e.version());
        if (c.isEmpty() || installed == null || !c.get().allows(installed)) {
          return Optional.empty();
        }
      }
      return Optional.of(workingDirectory.resolve(e.dir()).normalize());
    };
  }

  /** Whether a recorded source is the one written (compared as parsed, so spellings agree). */
  static boolean sameSource(String recorded, String written) {
    if (recorded.equals(written)) {
      return true;
    }
    ModuleSource.Parsed a = ModuleSource.parse(recorded);
    ModuleSource.Parsed b = ModuleSource.parse(written);
    return a.source() != null && b.source() != null && a.source().equals(b.source());
  }

  /** Writes the manifest (atomically: a temporary file renamed over the old one). */
  void write() throws IOException {
    Path file = workingDirectory.resolve(file(dataDir));
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("modules.json.tmp");
    Files.writeString(tmp, json(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The manifest's bytes, as Terraform writes them. */
  String json() {
    StringBuilder b = new StringBuilder("{\"Modules\":[");
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort(Comparator.comparing(Entry::key));
    for (int i = 0; i < sorted.size(); i++) {
      Entry e = sorted.get(i);
      b.append(i == 0 ? "" : ",").append("{\"Key\":");
      string(b, e.key());
      b.append(",\"Source\":");
      string(b, e.source());
      if (e.version() != null) {
        b.append(",\"Version\":");
        string(b, e.version());
      }
      b.append(",\"Dir\":");
      string(b, e.dir());
      b.append('}');
    }
    return b.append("]}").toString();
  }

  /** A JSON string as Go's encoder writes it (HTML characters escaped too). */
  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
