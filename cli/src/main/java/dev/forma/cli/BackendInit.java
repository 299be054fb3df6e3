package dev.forma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.TerraformSettings;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code forma init} recorded about the working directory's backend, and the check every other
 * command makes against it, as Terraform does with {@code .terraform/terraform.tfstate}: a backend
 * block that was not initialized, changed since, or removed stops the command with Terraform's
 * "Backend initialization required" and its reason. The implied local backend (no block, nothing
 * recorded) needs no {@code init}.
 *
 * <p>The record is {@code .terraform/forma-backend.json}: the backend type, a fingerprint of the
 * block's own arguments (what later commands compare the configuration with) and the arguments in
 * full, the block's merged with {@code init -backend-config}, which later commands use. Those may
 * hold secrets, so the file is written readable by its owner only and its values are never printed.
 * It lives in {@code .terraform/} because that directory is already ignored by the version control
 * of every Terraform repository.
 */
final class BackendInit {
  /** The record's file name, in {@code .terraform/}. */
  static final String FILE = "forma-backend.json";

  private static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private BackendInit() {}

  /**
   * What {@code init} recorded: the backend {@code type}, the fingerprint of the block's own
   * arguments ({@link Backends.Selected#fingerprint()} of the block as written), and the arguments
   * the backend is opened with.
   */
  record Saved(String type, String blockFingerprint, Map<String, String> arguments) {
    Saved {
      arguments = java.util.Collections.unmodifiableMap(new TreeMap<>(arguments));
    }

    /** The backend this record selects. */
    Backends.Selected selected() {
      return new Backends.Selected(type, arguments, null);
    }
  }

  /** The record's path in {@code workingDirectory}. */
  static Path file(Path workingDirectory) {
    return workingDirectory.resolve(AutomationEnvironment.dataDir()).resolve(FILE);
  }

  /** The record, or null when {@code init} recorded none; an error when it cannot be read. */
  static Result<Saved> read(Path workingDirectory) {
    Path file = file(workingDirectory);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Result<>(null, new Diagnostics());
    } catch (IOException e) {
      return new Result<>(null, Diagnostics.of(unreadable(e.getMessage())));
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null
          || root.path("version").asInt(-1) != VERSION
          || !root.path("type").isTextual()
          || !root.path("block_fingerprint").isTextual()
          || !root.path("config").isObject()) {
        return new Result<>(null, Diagnostics.of(unreadable("it is not a backend record")));
      }
      Map<String, String> args = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.get("config").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        args.put(e.getKey(), e.getValue().asText());
      }
      return new Result<>(
          new Saved(root.get("type").asText(), root.get("block_fingerprint").asText(), args),
          new Diagnostics());
    } catch (IOException e) {
      return new Result<>(null, Diagnostics.of(unreadable("it is not valid JSON")));
    }
  }

  private static Diagnostic unreadable(String why) {
    return Diagnostic.error(
        "Failed to read the backend configuration",
        "The backend configuration that \"forma init\" recorded in "
            + AutomationEnvironment.dataDir()
            + "/"
            + FILE
            + " cannot be read: "
            + why
            + ". Run \"forma init -reconfigure\" to record it again.");
  }

  /**
   * Writes {@code saved} as the record, atomically, readable and writable by its owner only (where
   * the file system has POSIX permissions).
   */
  static void write(Path workingDirectory, Saved saved) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("type", saved.type());
    root.put("block_fingerprint", saved.blockFingerprint());
    ObjectNode config = root.putObject("config");
    saved.arguments().forEach(config::put);
    byte[] bytes =
        (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    Path file = file(workingDirectory);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes the record (the configuration has no backend block any more). */
  static void delete(Path workingDirectory) throws IOException {
    Files.deleteIfExists(file(workingDirectory));
  }

  /** The backend block of {@code module} (an override file's replaces the one it overrides). */
  static TerraformSettings.Backend block(Module module) {
    TerraformSettings.Backend backend = null;
    for (TerraformSettings t : module.terraform()) {
      if (t.backend() != null) {
        backend = t.backend();
      }
    }
    return backend;
  }

  /**
   * The backend every command but {@code init} uses: the implied local backend when there is no
   * backend block and none was initialized; else the one {@code init} recorded, when the block is
   * still the one it recorded. Otherwise Terraform's errors: "Invalid backend type" (a type Forma
   * does not have), the block's own errors, or "Backend initialization required" with its reason
   * (initial configuration, the block or its type changed, the block was removed).
   */
  static Result<Backends.Selected> select(Module module, Path workingDirectory) {
    TerraformSettings.Backend block = block(module);
    if (block != null && !Backends.KINDS.containsKey(block.type())) {
      return Backends.select(module, false);
    }
    Result<Saved> read = read(workingDirectory);
    if (read.hasErrors()) {
      return new Result<>(null, read.diagnostics());
    }
    Saved saved = read.value();
    if (block == null) {
      if (saved == null) {
        return new Result<>(Backends.Selected.IMPLIED_LOCAL, new Diagnostics());
      }
      return initRequired(false, "Unsetting the previously set backend \"" + saved.type() + "\"");
    }
    // A block whose arguments are wrong says so first: init would refuse it too.
    Result<Backends.Selected> inFile = Backends.select(module, false);
    if (inFile.hasErrors()) {
      return inFile;
    }
    if (saved == null) {
      return initRequired(
          false, "Initial configuration of the requested backend \"" + block.type() + "\"");
    }
    Backends.Selected written = inFile.value();
    if (!written.type().equals(saved.type())) {
      return initRequired(
          true, "Backend type changed from \"" + saved.type() + "\" to \"" + written.type() + "\"");
    }
    if (written.fingerprint().equals(saved.blockFingerprint())) {
      return new Result<>(
          new Backends.Selected(saved.type(), saved.arguments(), written.range()),
          inFile.diagnostics());
    }
    if (written.arguments().equals(saved.arguments())) {
      // The block now says what -backend-config said: the backend is the same, as Terraform
      // sees it; the record takes the block's new fingerprint.
      try {
        write(workingDirectory, new Saved(saved.type(), written.fingerprint(), saved.arguments()));
      } catch (IOException e) {
        // the record is compared again next time: nothing is lost
      }
      return inFile;
    }
    return initRequired(true, "Backend configuration block has changed");
  }

  /**
   * Terraform's "Backend initialization required" with {@code reason}; {@code changed} chooses its
   * summary for a changed configuration, which Terraform words with a colon.
   */
  private static Result<Backends.Selected> initRequired(boolean changed, String reason) {
    return new Result<>(
        null,
        Diagnostics.of(
            Diagnostic.error(
                "Backend initialization required"
                    + (changed ? ": " : ", ")
                    + "please run \"forma init\"",
                "Reason: "
                    + reason
                    + "\n\n"
                    + "The \"backend\" is the interface that Forma uses to store state, perform"
                    + " operations, etc. If this message is showing up, it means that the Forma"
                    + " configuration you're using is using a custom configuration for the Forma"
                    + " backend.\n\n"
                    + "Changes to backend configurations require reinitialization. This allows"
                    + " Forma to set up the new configuration, copy existing state, etc. Please run"
                    + " \"forma init\" with either the \"-reconfigure\" or \"-migrate-state\""
                    + " flags to use the current configuration.\n\n"
                    + "If the change reason above is incorrect, please verify your configuration"
                    + " hasn't changed and try again. At this point, no changes to your existing"
                    + " configuration or state have been made.")));
  }
}
