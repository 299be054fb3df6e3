package dev.forma.engine.modules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Where a module call's code comes from, parsed from its {@code source} argument as Terraform
 * parses it: a local path ({@code ./x}, {@code ../x}), a module registry address ({@code
 * [HOST/]NAMESPACE/NAME/PROVIDER[//SUBDIR]}, tried before anything else that is not a local path),
 * or a remote package: a Git repository ({@code git::URL} with {@code ?ref=}, {@code
 * github.com/ORG/REPO}, {@code git@HOST:PATH}) or an archive over HTTP(S) ({@code .zip}, {@code
 * .tar.gz}, {@code .tgz}, or {@code ?archive=zip|tar.gz}), each with an optional {@code //SUBDIR}.
 */
public sealed interface ModuleSource {
  /** The registry host of addresses with three parts. */
  String DEFAULT_REGISTRY_HOST = "registry.terraform.io";

  /** The address as Terraform records it in the manifest. */
  String display();

  /** A path relative to the calling module's directory, kept as written but cleaned. */
  record Local(String path) implements ModuleSource {
    @Override
    public String display() {
      return path;
    }
  }

  /** How a remote package is fetched. */
  enum Kind {
    GIT,
    ARCHIVE
  }

  /**
   * A remote package and the directory in it that holds the module.
   *
   * @param kind how it is fetched
   * @param url the package address as Terraform prints it ({@code git::https://...?ref=v1}),
   *     without the sub-directory
   * @param subdir the directory in the package (no leading slash), empty for its root
   */
  record Remote(Kind kind, String url, String subdir) implements ModuleSource {
    @Override
    public String display() {
      return withSubdir(url, subdir);
    }
  }

  /**
   * A module in a module registry.
   *
   * @param host the registry host, lower case ({@code registry.terraform.io} when not written)
   * @param subdir the directory in the module's package, empty for its root
   */
  record Registry(String host, String namespace, String name, String provider, String subdir)
      implements ModuleSource {
    /** {@code HOST/NAMESPACE/NAME/PROVIDER}, as Terraform prints it when downloading. */
    public String packageAddress() {
      return host + "/" + namespace + "/" + name + "/" + provider;
    }

    @Override
    public String display() {
      return subdir.isEmpty() ? packageAddress() : packageAddress() + "//" + subdir;
    }
  }

  /**
   * What {@link #parse} and {@link #parseRegistry} return: the source, or why the text is not one
   * (a sentence for a diagnostic's detail).
   */
  record Parsed(ModuleSource source, String error) {
    static Parsed ok(ModuleSource s) {
      return new Parsed(s, null);
    }

    static Parsed error(String why) {
      return new Parsed(null, why);
    }
  }

  /** Parses a {@code source} argument written without {@code version}. */
  static Parsed parse(String raw) {
    if (isLocal(raw)) {
      return Parsed.ok(new Local(cleanLocal(raw)));
    }
    Parsed registry = parseRegistry(raw);
    if (registry.source() != null) {
      return registry;
    }
    return parseRemote(raw);
  }

  /**
   * Parses a {@code source} argument written with {@code version}, which only a registry address
   * may have.
   */
  static Parsed parseRegistry(String raw) {
    if (isLocal(raw)) {
      return Parsed.error("can't use local directory \"" + raw + "\" as a module registry address");
    }
    String addr = raw;
    String subdir = "";
    int sep = raw.indexOf("//");
    if (sep >= 0) {
      addr = raw.substring(0, sep);
      subdir = cleanSubdir(raw.substring(sep + 2));
      if (subdir == null) {
        return Parsed.error(
            "a module registry source address may not have a sub-directory outside its package");
      }
    }
    String[] parts = addr.split("/", -1);
    if (parts.length != 3 && parts.length != 4) {
      return Parsed.error(
          "a module registry source address must have either three or four slash-separated"
              + " components");
    }
    String host = DEFAULT_REGISTRY_HOST;
    int i = 0;
    if (parts.length == 4) {
      host = parts[0].toLowerCase(Locale.ROOT);
      if (!SourceSyntax.HOST.matcher(host).matches()) {
        return Parsed.error("invalid module registry hostname \"" + parts[0] + "\"");
      }
      if (host.equals("github.com") || host.equals("bitbucket.org")) {
        return Parsed.error(
            "can't use \""
                + host
                + "\" as a module registry host, because it's reserved for installing directly"
                + " from version control repositories");
      }
      i = 1;
    }
    String namespace = parts[i];
    String name = parts[i + 1];
    String provider = parts[i + 2];
    String part =
        "must be between one and 64 characters, including ASCII letters, digits, dashes, and"
            + " underscores, where dashes and underscores may not be the prefix or suffix";
    if (!SourceSyntax.NAME_PART.matcher(namespace).matches()) {
      return Parsed.error("invalid namespace \"" + namespace + "\": " + part);
    }
    if (!SourceSyntax.NAME_PART.matcher(name).matches()) {
      return Parsed.error("invalid module name \"" + name + "\": " + part);
    }
    if (!SourceSyntax.PROVIDER_PART.matcher(provider).matches()) {
      return Parsed.error(
          "invalid target system \""
              + provider
              + "\": must be between one and 64 ASCII letters or digits");
    }
    return Parsed.ok(
        new Registry(host, namespace, name, provider.toLowerCase(Locale.ROOT), subdir));
  }

  private static Parsed parseRemote(String raw) {
    String forced = null;
    String rest = raw;
    var m = SourceSyntax.FORCED.matcher(raw);
    if (m.matches()) {
      forced = m.group(1);
      rest = m.group(2);
    }
    if (forced != null && !forced.equals("git")) {
      return Parsed.error(
          "Forma cannot install module packages with \""
              + forced
              + "::\". It installs local paths, Git repositories (\"git::\"), archives over"
              + " HTTP(S) and module registry addresses.");
    }
    if (forced == null) {
      if (rest.startsWith("github.com/")) {
        // github.com/ORG/REPO[/SUBDIR...][?query]: a Git repository over HTTPS
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
          query = rest.substring(q);
          rest = rest.substring(0, q);
        }
        String[] parts = rest.split("/");
        if (parts.length < 3) {
          return Parsed.error(
              "GitHub shorthand addresses must start with github.com/ORGANIZATION/REPOSITORY");
        }
        String repo = parts[2].endsWith(".git") ? parts[2] : parts[2] + ".git";
        String url = "git::https://github.com/" + parts[1] + "/" + repo;
        String sub = "";
        if (parts.length > 3) {
          sub = String.join("/", List.of(parts).subList(3, parts.length));
        }
        return remote(Kind.GIT, url + (sub.isEmpty() ? "" : "//" + sub) + query);
      }
      if (SourceSyntax.SCP.matcher(rest).matches()) {
        return remote(Kind.GIT, "git::" + rest);
      }
      if (rest.startsWith("https://") || rest.startsWith("http://")) {
        return remote(Kind.ARCHIVE, rest);
      }
      if (rest.startsWith("/") || rest.matches("[A-Za-z]:[\\\\/].*")) {
        return Parsed.error(
            "The module source \""
                + raw
                + "\" is an absolute path. Use a path relative to the calling module, starting"
                + " with \"./\" or \"../\", or a \"git::file://\" address for a Git repository.");
      }
      if (rest.startsWith("bitbucket.org/") || rest.contains("amazonaws.com/")) {
        return Parsed.error(
            "Forma cannot install module packages from \""
                + raw
                + "\". It installs local paths, Git repositories (\"git::\"), archives over"
                + " HTTP(S) and module registry addresses.");
      }
      return Parsed.error(
          "Terraform failed to determine your intended installation method for remote module"
              + " package \""
              + raw
              + "\".\n\nIf you intended this as a path relative to the current module, use \"./"
              + raw
              + "\" instead. The \"./\" prefix indicates that the address is a relative"
              + " filesystem path.");
    }
    if (!(rest.contains("://") || SourceSyntax.SCP.matcher(rest).matches())) {
      return Parsed.error(
          "A \"git::\" source needs a URL with a scheme (\"git::https://...\","
              + " \"git::ssh://...\", \"git::file:///...\") or \"git::USER@HOST:PATH\"; got \""
              + raw
              + "\".");
    }
    return remote(Kind.GIT, "git::" + rest);
  }

  /** Splits {@code //SUBDIR} off a package address (the query stays with the package). */
  private static Parsed remote(Kind kind, String address) {
    String query = "";
    String base = address;
    int q = address.indexOf('?');
    if (q >= 0) {
      query = address.substring(q);
      base = address.substring(0, q);
    }
    int scheme = base.indexOf("://");
    int from = scheme >= 0 ? scheme + 3 : 0;
    int sep = base.indexOf("//", from);
    String subdir = "";
    if (sep >= 0) {
      subdir = cleanSubdir(base.substring(sep + 2));
      if (subdir == null) {
        return Parsed.error(
            "The sub-directory in \"" + address + "\" leads outside the module package.");
      }
      base = base.substring(0, sep);
    }
    if (kind == Kind.ARCHIVE && archiveFormat(base + query) == null) {
      return Parsed.error(
          "Forma installs modules over HTTP(S) only from archives: the address \""
              + address
              + "\" must end in .zip, .tar.gz or .tgz, or say ?archive=zip or ?archive=tar.gz."
              + " For a Git repository over HTTPS, write \"git::"
              + address
              + "\".");
    }
    return Parsed.ok(new Remote(kind, base + query, subdir));
  }

  /** The archive format an HTTP(S) package address names: "zip", "tar.gz", or null. */
  static String archiveFormat(String url) {
    String path = url;
    int q = url.indexOf('?');
    if (q >= 0) {
      for (String p : url.substring(q + 1).split("&")) {
        if (p.equals("archive=zip")) {
          return "zip";
        }
        if (p.equals("archive=tar.gz") || p.equals("archive=tgz")) {
          return "tar.gz";
        }
      }
      path = url.substring(0, q);
    }
    if (path.endsWith(".zip")) {
      return "zip";
    }
    if (path.endsWith(".tar.gz") || path.endsWith(".tgz")) {
      return "tar.gz";
    }
    return null;
  }

  /** {@code url} with {@code //subdir} put before its query. */
  static String withSubdir(String url, String subdir) {
    if (subdir.isEmpty()) {
      return url;
    }
    int q = url.indexOf('?');
    return q < 0 ? url + "//" + subdir : url.substring(0, q) + "//" + subdir + url.substring(q);
  }

  private static boolean isLocal(String raw) {
    return raw.startsWith("./")
        || raw.startsWith("../")
        || raw.startsWith(".\\")
        || raw.startsWith("..\\");
  }

  /** A local path with {@code .} and {@code ..} resolved where they can be, keeping {@code ./}. */
  private static String cleanLocal(String raw) {
    String cleaned = clean(raw.replace('\\', '/'));
    if (cleaned.equals(".") || cleaned.equals("..") || cleaned.startsWith("../")) {
      return cleaned;
    }
    return "./" + cleaned;
  }

  /** A sub-directory cleaned, or null when it leads outside its package. */
  private static String cleanSubdir(String raw) {
    String cleaned = clean(raw);
    if (cleaned.equals("..") || cleaned.startsWith("../")) {
      return null;
    }
    return cleaned.equals(".") ? "" : cleaned;
  }

  /** Go's path.Clean for relative slash paths. */
  private static String clean(String path) {
    Deque<String> out = new ArrayDeque<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
        out.removeLast();
      } else {
        out.addLast(seg);
      }
    }
    return out.isEmpty() ? "." : String.join("/", out);
  }
}
