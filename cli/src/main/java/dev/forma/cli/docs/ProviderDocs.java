package dev.forma.cli.docs;

import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.schema.ResourceSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the user documentation of every resource type of the bundled providers, one Markdown page
 * per type in the form of Terraform's registry pages ({@code docs/providers/<provider>/<type>.md}),
 * from the provider's schema: its descriptions, Required/Optional/Computed, ForceNew, Sensitive and
 * write-only flags, nested blocks, the {@code timeouts} block. The example of each type and the
 * example ID of its import come from files the provider keeps beside its classes: {@code
 * forma/docs/resources/<type>/example.tf} and {@code forma/docs/resources/<type>/import-id.txt}.
 *
 * <p>Run from the repository's root (after building the CLI) with {@link #COMMAND}; {@code
 * ProviderDocsTest} fails when a checked-in page differs from what this writes.
 */
public final class ProviderDocs {
  /** How to regenerate the pages, from the repository's root. */
  public static final String COMMAND =
      "./mvnw -B -q -pl cli -am package -DskipTests && (. bin/find-jdk.sh && \"$JAVA_HOME/bin/java\""
          + " -cp cli/target/forma.jar dev.forma.cli.docs.ProviderDocs docs/providers)";

  /** Where a provider keeps the example and import ID of each resource type (class path). */
  static final String SOURCES = "forma/docs/resources/";

  private ProviderDocs() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "docs/providers");
    Map<String, String> pages = pages(Providers.discover());
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Path file = root.resolve(page.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
    }
    for (String stale : stale(root, pages)) {
      Files.delete(root.resolve(stale));
      System.out.println("removed " + root.resolve(stale) + " (no such resource type any more)");
    }
    System.out.println("wrote " + pages.size() + " pages under " + root);
  }

  /**
   * The pages of every provider in {@code providers} but the builtin {@code terraform} one, by path
   * under {@code docs/providers} ({@code alicloud/alicloud_x.md}, {@code alicloud/README.md}).
   */
  public static Map<String, String> pages(Providers providers) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String name : providers.names()) {
      if (name.equals("terraform")) {
        continue; // builtin: documented by Terraform
      }
      ProviderFactory factory = providers.factory(name);
      ClassLoader loader = factory.getClass().getClassLoader();
      Map<String, ResourceSchema> resources = factory.create().schema().resources();
      StringBuilder index = new StringBuilder();
      index
          .append("# Provider `")
          .append(name)
          .append("`\n\n")
          .append("Source `")
          .append(factory.source())
          .append("`, version ")
          .append(factory.version())
          .append(". Resource types:\n\n");
      for (ResourceSchema schema : new TreeMap<>(resources).values()) {
        String type = schema.typeName();
        String example = source(loader, type, "example.tf");
        if (example == null) {
          throw new IOException(
              "no example for "
                  + type
                  + ": the provider must keep one in its resources at "
                  + SOURCES
                  + type
                  + "/example.tf");
        }
        String importId = source(loader, type, "import-id.txt");
        out.put(
            name + "/" + type + ".md",
            page(schema, example, importId == null ? null : importId.strip()));
        index
            .append("- [`")
            .append(type)
            .append("`](")
            .append(type)
            .append(".md): ")
            .append(firstSentence(schema.block().description()))
            .append('\n');
      }
      index.append('\n').append(generatedNote());
      out.put(name + "/README.md", index.toString());
    }
    return out;
  }

  /** The Markdown files under {@code root} that {@code pages} does not have. */
  public static List<String> stale(Path root, Map<String, String> pages) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!pages.containsKey(rel)) {
          out.add(rel);
        }
      }
    }
    return out;
  }

  /** A file the provider keeps for {@code type}, or null when it has none. */
  static String source(ClassLoader loader, String type, String file) throws IOException {
    try (InputStream in = loader.getResourceAsStream(SOURCES + type + "/" + file)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The page of one resource type: its description, the example ({@code example}, configuration),
   * the arguments, the attributes only the provider sets, the timeouts, and the import by {@code
   * importId} (an example ID; null: no import section).
   */
  public static String page(ResourceSchema schema, String example, String importId) {
    String type = schema.typeName();
    BlockSchema block = schema.block();
    StringBuilder b = new StringBuilder();
    b.append("# ").append(type).append("\n\n");
    if (!block.description().isBlank()) {
      b.append(block.description().strip()).append("\n\n");
    }
    b.append("## Example Usage\n\n```terraform\n").append(example.strip()).append("\n```\n\n");

    b.append("## Argument Reference\n\nThe following arguments are supported:\n\n");
    List<NestedBlockSchema> nested = new ArrayList<>();
    arguments(b, block, nested);
    if (hasWriteOnly(block)) {
      b.append(
          "\nWrite-only arguments are sent to the cloud but never read back, and never kept in"
              + " state in plain text: state keeps a salted fingerprint, so that a change is still"
              + " planned.\n");
    }
    for (int i = 0; i < nested.size(); i++) {
      NestedBlockSchema n = nested.get(i);
      b.append("\n### `").append(n.typeName()).append("`\n\n");
      b.append("The `").append(n.typeName()).append("` block supports:\n\n");
      arguments(b, n.block(), nested);
      List<AttributeSchema> readOnly = readOnly(n.block());
      if (!readOnly.isEmpty()) {
        b.append("\nAnd the provider sets:\n\n");
        readOnly.forEach(a -> b.append(item(a, "")));
      }
    }

    b.append("\n## Attribute Reference\n\n");
    b.append("In addition to all arguments above, the following attributes are exported:\n\n");
    List<AttributeSchema> readOnly = readOnly(block);
    AttributeSchema id = block.attributes().get("id");
    if (id != null) {
      b.append(item(id, ""));
    }
    readOnly.stream().filter(a -> a != id).forEach(a -> b.append(item(a, "")));

    NestedBlockSchema timeouts = block.blocks().get("timeouts");
    if (timeouts != null) {
      b.append("\n## Timeouts\n\n");
      b.append(
          "The `timeouts` block sets how long Forma waits for an operation to finish, as a"
              + " duration such as `\"30s\"`, `\"10m\"` or `\"1h30m\"`:\n\n");
      for (AttributeSchema a : timeouts.block().attributes().values()) {
        b.append("* `").append(a.name()).append("` - ").append(sentence(a.description()));
        b.append('\n');
      }
    }

    if (importId != null) {
      b.append("\n## Import\n\n");
      b.append("An existing `").append(type).append("` is imported by its ID");
      if (id != null && !id.description().isBlank()) {
        b.append(": ").append(lowerFirst(sentence(id.description())));
      } else {
        b.append('.');
      }
      b.append(" With an `import` block:\n\n```terraform\nimport {\n  to = ")
          .append(type)
          .append(".example\n  id = \"")
          .append(importId)
          .append("\"\n}\n```\n\nor with the command:\n\n```shell\nforma import ")
          .append(type)
          .append(".example ")
          .append(importId)
          .append("\n```\n");
    }
    b.append('\n').append(generatedNote());
    return b.toString();
  }

  private static String generatedNote() {
    return "<!-- Generated from the provider's schema by dev.forma.cli.docs.ProviderDocs: do not"
        + " edit; see \"Resource documentation\" in the README. -->\n";
  }

  /** The arguments of {@code block}: required ones first, then optional ones, each by name. */
  private static void arguments(
      StringBuilder b, BlockSchema block, List<NestedBlockSchema> nested) {
    Map<String, String> required = new TreeMap<>();
    Map<String, String> optional = new TreeMap<>();
    for (AttributeSchema a : block.attributes().values()) {
      if (a.required() || a.optional()) {
        (a.required() ? required : optional).put(a.name(), item(a, flags(a)));
      }
    }
    for (NestedBlockSchema n : block.blocks().values()) {
      if (n.typeName().equals("timeouts")) {
        optional.put(n.typeName(), "* `timeouts` - (Optional) See [Timeouts](#timeouts) below.\n");
        continue;
      }
      nested.add(n);
      (n.minItems() > 0 ? required : optional).put(n.typeName(), blockItem(n));
    }
    required.values().forEach(b::append);
    optional.values().forEach(b::append);
  }

  private static List<AttributeSchema> readOnly(BlockSchema block) {
    return block.attributes().values().stream()
        .filter(a -> !a.required() && !a.optional())
        .sorted(java.util.Comparator.comparing(AttributeSchema::name))
        .toList();
  }

  private static boolean hasWriteOnly(BlockSchema block) {
    return block.attributes().values().stream().anyMatch(AttributeSchema::writeOnly)
        || block.blocks().values().stream().anyMatch(n -> hasWriteOnly(n.block()));
  }

  /** An argument's flags as the registry writes them: (Required, String, ForceNew). */
  private static String flags(AttributeSchema a) {
    List<String> f = new ArrayList<>();
    f.add(a.required() ? "Required" : "Optional");
    f.add(upperFirst(a.type().friendlyName()));
    if (a.optional() && a.computed()) {
      f.add("Computed");
    }
    if (a.forceNew()) {
      f.add("ForceNew");
    }
    if (a.sensitive()) {
      f.add("Sensitive");
    }
    if (a.writeOnly()) {
      f.add("Write-only");
    }
    return "(" + String.join(", ", f) + ") ";
  }

  private static String item(AttributeSchema a, String flags) {
    String text = a.description().isBlank() ? "" : sentence(a.description());
    if (flags.isEmpty()) {
      flags = "(" + upperFirst(a.type().friendlyName()) + ") ";
    }
    String extra =
        a.blockFormAccepted()
            ? " It may also be written as a block (`"
                + a.name()
                + " { key = \"value\" }`), with a warning."
            : "";
    return ("* `" + a.name() + "` - " + flags + text + extra).stripTrailing() + "\n";
  }

  private static String blockItem(NestedBlockSchema n) {
    List<String> f = new ArrayList<>();
    f.add(n.minItems() > 0 ? "Required" : "Optional");
    String count =
        n.nesting() == Nesting.SINGLE || n.maxItems() == 1
            ? "Block, at most one"
            : n.maxItems() > 0 ? "Blocks, at most " + n.maxItems() : "Blocks";
    f.add(count);
    if (n.forceNew()) {
      f.add("ForceNew");
    }
    String desc = n.block().description().isBlank() ? "" : sentence(n.block().description()) + " ";
    return "* `"
        + n.typeName()
        + "` - ("
        + String.join(", ", f)
        + ") "
        + desc
        + "See [`"
        + n.typeName()
        + "`](#"
        + n.typeName()
        + ") below.\n";
  }

  static String sentence(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return t;
    }
    return upperFirst(t.endsWith(".") ? t : t + ".");
  }

  static String firstSentence(String s) {
    String t = s.strip();
    int end = t.indexOf(". ");
    return end < 0 ? sentence(t) : t.substring(0, end + 1);
  }

  private static String upperFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String lowerFirst(String s) {
    // "The WorkspaceId." reads "the WorkspaceId."; an identifier such as "PUBLIC" stays
    if (s.length() > 1
        && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))) {
      return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
    return s;
  }
}
