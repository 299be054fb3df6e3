package dev.forma.engine.providers;

import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.ConstantFolding;
import dev.forma.engine.hcl.Parser;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The dependency lock file, {@code .forma.lock.hcl}: Terraform's {@code .terraform.lock.hcl}
 * format, one {@code provider} block per provider plugin selected by {@code forma init}, with the
 * version selected, the configuration's version constraints and the plugin jar's hashes. Later
 * commands check the plugins against it. Providers bundled with Forma are not recorded (as
 * Terraform does not record its builtin provider): they come with Forma's own version.
 *
 * @param providers the entries by source address ({@code registry.terraform.io/acme/hello})
 */
public record LockFile(Map<String, Entry> providers) {
  /** The file's name in the working directory. */
  public static final String NAME = ".forma.lock.hcl";

  /**
   * One provider.
   *
   * @param source its source address, as the block's label
   * @param version the version selected
   * @param constraints the version constraints the configuration had (null when none)
   * @param hashes the hashes of the plugin jar accepted ({@code h1:...})
   */
  public record Entry(String source, String version, String constraints, List<String> hashes) {
    public Entry {
      hashes = List.copyOf(hashes);
    }
  }

  public LockFile {
    providers = Map.copyOf(providers);
  }

  /** An empty lock file. */
  public static LockFile empty() {
    return new LockFile(Map.of());
  }

  /** The entry of {@code source}, or null. */
  public Entry entry(String source) {
    return providers.get(source);
  }

  /** The lock file of {@code directory}: empty when there is none, errors when it is invalid. */
  public static Result<LockFile> read(Path directory) {
    String text;
    try {
      text = Files.readString(directory.resolve(NAME));
    } catch (NoSuchFileException e) {
      return Result.ok(empty());
    } catch (IOException e) {
      return new Result<>(
          empty(),
          Diagnostics.of(
              Diagnostic.error(
                  "Failed to read dependency lock file",
                  "Forma could not read " + NAME + ": " + e.getMessage())));
    }
    return parse(text);
  }

  /** The lock file {@code text} spells. */
  public static Result<LockFile> parse(String text) {
    Result<ConfigFile> parsed = Parser.parseFile(NAME, text);
    Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());
    if (parsed.value() == null || parsed.hasErrors()) {
      return new Result<>(empty(), diags);
    }
    Map<String, Entry> out = new TreeMap<>();
    for (Block b : parsed.value().body().blocks()) {
      if (!b.type().equals("provider") || b.labels().size() != 1) {
        diags.add(
            Diagnostic.error(
                "Invalid dependency lock file",
                "The lock file holds only provider blocks with one label, the provider's source"
                    + " address. Run \"forma init\" to write it again.",
                b.defRange()));
        continue;
      }
      String source = b.labels().get(0);
      String version = string(b.body().attribute("version"), diags);
      String constraints = string(b.body().attribute("constraints"), diags);
      List<String> hashes = new ArrayList<>();
      Attribute h = b.body().attribute("hashes");
      if (h != null) {
        Value v = ConstantFolding.fold(h.expr());
        List<Value> items =
            v == null
                ? null
                : v.unmark() instanceof TupleValue t
                    ? t.elements()
                    : v.unmark() instanceof ListValue l ? l.elements() : null;
        if (items == null) {
          diags.add(invalid("hashes", h));
        } else {
          for (Value i : items) {
            if (i.unmark() instanceof StringValue s) {
              hashes.add(s.value());
            } else {
              diags.add(invalid("hashes", h));
            }
          }
        }
      }
      if (version == null) {
        if (b.body().attribute("version") != null) {
          continue; // reported above
        }
        diags.add(
            Diagnostic.error(
                "Invalid dependency lock file",
                "The provider block for "
                    + source
                    + " has no version. Run \"forma init\" to write it again.",
                b.defRange()));
        continue;
      }
      out.put(source, new Entry(source, version, constraints, hashes));
    }
    return new Result<>(new LockFile(out), diags);
  }

  private static String string(Attribute a, Diagnostics diags) {
    if (a == null) {
      return null;
    }
    Value v = ConstantFolding.fold(a.expr());
    if (v != null && v.unmark() instanceof StringValue s) {
      return s.value();
    }
    diags.add(invalid(a.name(), a));
    return null;
  }

  private static Diagnostic invalid(String name, Attribute a) {
    return Diagnostic.error(
        "Invalid dependency lock file",
        "The \""
            + name
            + "\" argument must be a literal string"
            + (name.equals("hashes") ? "s in brackets" : "")
            + ". Run \"forma init\" to write the lock file again.",
        a.expr().range());
  }

  /** The file as {@code forma init} writes it, in Terraform's layout. */
  public String render() {
    StringBuilder b =
        new StringBuilder(
            "# This file is maintained automatically by \"forma init\".\n"
                + "# Manual edits may be lost in future updates.\n");
    for (Entry e : new TreeMap<>(providers).values()) {
      b.append("\nprovider ").append(quote(e.source())).append(" {\n");
      if (e.constraints() != null) {
        b.append("  version     = ").append(quote(e.version())).append('\n');
        b.append("  constraints = ").append(quote(e.constraints())).append('\n');
      } else {
        b.append("  version = ").append(quote(e.version())).append('\n');
      }
      b.append("  hashes = [\n");
      for (String h : e.hashes()) {
        b.append("    ").append(quote(h)).append(",\n");
      }
      b.append("  ]\n}\n");
    }
    return b.toString();
  }

  /** Writes the file into {@code directory} (whole, then renamed into place). */
  public void write(Path directory) throws IOException {
    Path target = directory.resolve(NAME);
    Path tmp = directory.resolve(NAME + ".tmp");
    Files.writeString(tmp, render(), StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * The {@code h1:} hash of a plugin jar: the scheme Terraform uses for a provider package (Go's
   * module hash, version 1) applied to the files the jar holds. For each file (directories aside),
   * sorted by name, a line of its SHA-256 in hex, two spaces and its name; the hash is the base64
   * SHA-256 of those lines. It depends on what the jar holds, not on how it was zipped.
   *
   * @throws IOException when the file cannot be read or is not a zip file
   */
  public static String hash(Path jar) throws IOException {
    TreeMap<String, String> files = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : zip.stream().toList()) {
        if (e.isDirectory()) {
          continue;
        }
        if (e.getName().contains("\n")) {
          throw new IOException("an entry's name holds a new line");
        }
        MessageDigest d = sha256();
        try (InputStream in = zip.getInputStream(e)) {
          byte[] buf = new byte[8192];
          for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
          }
        }
        files.put(e.getName(), HexFormat.of().formatHex(d.digest()));
      }
    }
    MessageDigest summary = sha256();
    for (Map.Entry<String, String> f : files.entrySet()) {
      summary.update((f.getValue() + "  " + f.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
