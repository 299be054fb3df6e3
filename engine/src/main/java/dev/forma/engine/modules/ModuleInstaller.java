package dev.forma.engine.modules;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticRenderer;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * Installs the modules a configuration calls, as {@code terraform init} does: the root module's
 * {@code module} blocks and, recursively, those of every module installed, each under its key
 * ({@code a.b}). Local paths are not copied (the manifest records their directory); Git packages
 * are cloned and archives unpacked into {@code .terraform/modules/<key>}; registry modules are
 * resolved (newest version the constraint allows) and their package fetched the same way. Without
 * {@code upgrade}, a module already installed whose source (and, for a registry module, allowed
 * version) has not changed is kept as it is. The manifest is written at the end, with what was
 * installed.
 *
 * <p>Progress lines, Terraform's ({@code - a in modules/a}, {@code Downloading git::... for a...})
 * go to the listener; user errors come back as diagnostics naming the call. A module that calls
 * itself, directly or through others, is an error (Terraform loops).
 */
public final class ModuleInstaller {
  /** What an installation did. */
  public record Installation(ModuleManifest manifest, boolean hasCalls) {}

  private final Path workingDirectory;
  private final Consumer<String> progress;
  private final GitFetcher git;
  private final ArchiveFetcher archives;
  private final RegistryClient registry;
  private final DiagnosticRenderer.SourceMap sources = new DiagnosticRenderer.SourceMap();

  private final String dataDir;
  private ModuleManifest previous;
  private boolean upgrade;
  private final Map<String, ModuleManifest.Entry> installed = new LinkedHashMap<>();
  private final Diagnostics diags = new Diagnostics();

  /**
   * @param workingDirectory the root module's directory, where {@code .terraform} is
   * @param env the environment (registry tokens and host overrides, see {@link RegistryClient})
   * @param progress receives each progress line
   */
  public ModuleInstaller(
      Path workingDirectory, Map<String, String> env, Consumer<String> progress) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.dataDir = DataDirectory.of(env);
    this.progress = progress;
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60))
            .build();
    this.git = new GitFetcher("git");
    this.archives = new ArchiveFetcher(http);
    this.registry = new RegistryClient(http, env);
  }

  /** The texts of the files read, for rendering the diagnostics. */
  public DiagnosticRenderer.Sources sources() {
    return sources;
  }

  /** Installs every module the configuration calls; {@code upgrade} fetches them all again. */
  public Result<Installation> install(boolean upgrade) {
    this.upgrade = upgrade;
    Result<ModuleManifest> old = ModuleManifest.read(workingDirectory, dataDir);
    previous = old.value();
    if (old.hasErrors() && !upgrade) {
      diags.addAll(old.diagnostics());
      return new Result<>(new Installation(previous, false), diags);
    }
    Result<List<ModuleCall>> root = ModuleCalls.read(workingDirectory, workingDirectory, sources);
    diags.addAll(root.diagnostics());
    installed.put("", new ModuleManifest.Entry("", "", null, "."));
    List<String> chain = new ArrayList<>();
    chain.add(identity(new Place(workingDirectory, ".", null, null)));
    walk(root.value(), "", new Place(workingDirectory, ".", null, null), chain, new ArrayList<>());
    ModuleManifest manifest = new ModuleManifest(workingDirectory, dataDir, installed);
    boolean hasCalls = !root.value().isEmpty();
    if (hasCalls || Files.exists(workingDirectory.resolve(ModuleManifest.file(dataDir)))) {
      try {
        manifest.write();
      } catch (IOException e) {
        diags.add(
            Diagnostic.error(
                "Failed to update module manifest",
                "Unable to write the module manifest file "
                    + ModuleManifest.file(dataDir)
                    + ": "
                    + e));
      }
    }
    return new Result<>(new Installation(manifest, hasCalls), diags);
  }

  /**
   * Where a module is: its absolute directory, that directory relative to the working directory (as
   * the manifest writes it), and, when it came in a fetched package, the package's address and root
   * (local calls inside it must stay inside it).
   */
  private record Place(Path dir, String relative, String packageAddress, Path packageRoot) {}

  private void walk(
      List<ModuleCall> calls, String prefix, Place parent, List<String> chain, List<String> keys) {
    for (ModuleCall call : calls) {
      String key = prefix.isEmpty() ? call.name() : prefix + "." + call.name();
      Place place = install(call, key, parent, chain, keys);
      if (place == null) {
        continue;
      }
      Result<List<ModuleCall>> children = ModuleCalls.read(place.dir(), workingDirectory, sources);
      diags.addAll(children.diagnostics());
      List<String> deeper = new ArrayList<>(chain);
      deeper.add(identity(place));
      List<String> deeperKeys = new ArrayList<>(keys);
      deeperKeys.add(key);
      walk(children.value(), key, place, deeper, deeperKeys);
    }
  }

  /** Installs one call; its place, or null after reporting why it has none. */
  private Place install(
      ModuleCall call, String key, Place parent, List<String> chain, List<String> keys) {
    ModuleSource.Parsed parsed =
        call.version() == null
            ? ModuleSource.parse(call.source())
            : ModuleSource.parseRegistry(call.source());
    if (parsed.source() == null) {
      diags.add(invalidSource(call, parsed.error()));
      return null;
    }
    VersionConstraints constraint = null;
    if (call.version() != null) {
      Optional<VersionConstraints> c = VersionConstraints.parse(call.version());
      if (c.isEmpty()) {
        diags.add(
            Diagnostic.error(
                "Invalid version constraint",
                "This string does not use correct version constraint syntax.",
                call.versionRange()));
        return null;
      }
      constraint = c.get();
    }
    return switch (parsed.source()) {
      case ModuleSource.Local l -> local(call, key, l, parent, chain, keys);
      case ModuleSource.Remote r -> remote(call, key, r, chain, keys);
      case ModuleSource.Registry r -> registry(call, key, r, constraint, chain, keys);
    };
  }

  private Diagnostic invalidSource(ModuleCall call, String why) {
    if (call.version() != null) {
      return Diagnostic.error(
          "Invalid registry module source address",
          "Failed to parse module registry address: "
              + why
              + ".\n\nTerraform assumed that you intended a module registry source address because"
              + " you also set the argument \"version\", which applies only to registry modules.",
          call.sourceRange());
    }
    return Diagnostic.error("Invalid module source address", why, call.sourceRange());
  }

  private Place local(
      ModuleCall call,
      String key,
      ModuleSource.Local source,
      Place parent,
      List<String> chain,
      List<String> keys) {
    Path dir = parent.dir().resolve(source.path()).normalize();
    if (parent.packageRoot() != null && !dir.startsWith(parent.packageRoot())) {
      diags.add(
          Diagnostic.error(
              "Local module path escapes module package",
              "The local source address \""
                  + source.path()
                  + "\" of module \""
                  + key
                  + "\" ("
                  + call.where()
                  + ") leads outside the package \""
                  + parent.packageAddress()
                  + "\" that the calling module came from. A local path in a fetched module"
                  + " must stay inside its package; call the other module by its own source"
                  + " address instead.",
              call.sourceRange()));
      return null;
    }
    String relative = relative(dir);
    if (!Files.isDirectory(dir)) {
      diags.add(
          Diagnostic.error(
              "Unreadable module directory",
              "The module \""
                  + key
                  + "\" ("
                  + call.where()
                  + ") has the source \""
                  + call.source()
                  + "\", but there is no directory "
                  + relative
                  + ". A local source is a path relative to the directory of the calling module:"
                  + " check the path, or create the module there.",
              call.sourceRange()));
      return null;
    }
    Place place = new Place(dir, relative, parent.packageAddress(), parent.packageRoot());
    if (cycle(call, key, place, chain, keys)) {
      return null;
    }
    Optional<ModuleManifest.Entry> before = previous.entry(key);
    boolean same =
        before.isPresent()
            && before.get().dir().equals(relative)
            && before.get().source().equals(source.display());
    if (upgrade || !same) {
      progress.accept("- " + key + " in " + relative);
    }
    installed.put(key, new ModuleManifest.Entry(key, source.display(), null, relative));
    return place;
  }

  private Place remote(
      ModuleCall call,
      String key,
      ModuleSource.Remote source,
      List<String> chain,
      List<String> keys) {
    Path root = packageDirectory(key);
    Place place = placeIn(root, source.subdir(), source.url());
    if (cycle(call, key, place, chain, keys)) {
      return null;
    }
    Optional<ModuleManifest.Entry> before = previous.entry(key);
    if (!upgrade
        && before.isPresent()
        && ModuleManifest.sameSource(before.get().source(), call.source())
        && before.get().dir().equals(place.relative())
        && Files.isDirectory(place.dir())) {
      installed.put(key, new ModuleManifest.Entry(key, source.display(), null, place.relative()));
      return place;
    }
    progress.accept("Downloading " + source.url() + " for " + key + "...");
    try {
      fetch(source, root);
    } catch (FetchException e) {
      diags.add(
          Diagnostic.error(
              "Failed to download module",
              "Could not download module \""
                  + call.name()
                  + "\" ("
                  + call.where()
                  + ") source code from \""
                  + call.source()
                  + "\": "
                  + e.getMessage(),
              call.declRange()));
      return null;
    }
    if (!subdirExists(call, key, place, source.subdir())) {
      return null;
    }
    progress.accept("- " + key + " in " + place.relative());
    installed.put(key, new ModuleManifest.Entry(key, source.display(), null, place.relative()));
    return place;
  }

  private Place registry(
      ModuleCall call,
      String key,
      ModuleSource.Registry source,
      VersionConstraints constraint,
      List<String> chain,
      List<String> keys) {
    Path root = packageDirectory(key);
    Optional<ModuleManifest.Entry> before = previous.entry(key);
    if (!upgrade && before.isPresent() && before.get().version() != null) {
      Version v = Version.parse(before.get().version());
      Place kept =
          new Place(
              workingDirectory.resolve(before.get().dir()).normalize(),
              before.get().dir(),
              source.display() + " " + before.get().version(),
              root);
      if (ModuleManifest.sameSource(before.get().source(), call.source())
          && v != null
          && (constraint == null ? !v.isPrerelease() : constraint.allows(v))
          && Files.isDirectory(kept.dir())) {
        if (cycle(call, key, kept, chain, keys)) {
          return null;
        }
        installed.put(
            key,
            new ModuleManifest.Entry(
                key, source.display(), before.get().version(), before.get().dir()));
        return kept;
      }
    }
    List<String> listed;
    try {
      listed = registry.versions(source);
    } catch (RegistryClient.NotFound e) {
      diags.add(
          Diagnostic.error(
              "Module not found",
              "Module \""
                  + call.name()
                  + "\" (from "
                  + call.where()
                  + ") cannot be found in the module registry at "
                  + source.host()
                  + ".",
              call.declRange()));
      return null;
    } catch (FetchException e) {
      diags.add(
          Diagnostic.error(
              "Error accessing remote module registry",
              "Failed to retrieve available versions for module \""
                  + call.name()
                  + "\" ("
                  + call.where()
                  + ") from "
                  + source.host()
                  + ": "
                  + e.getMessage()
                  + ".",
              call.declRange()));
      return null;
    }
    Map<Version, String> versions = new LinkedHashMap<>();
    for (String s : listed) {
      Version v = Version.parse(s);
      if (v != null) {
        versions.put(v, s);
      }
    }
    Optional<Version> chosen =
        constraint == null
            ? versions.keySet().stream()
                .filter(v -> !v.isPrerelease())
                .max(Comparator.naturalOrder())
            : constraint.newest(versions.keySet());
    if (chosen.isEmpty()) {
      Optional<Version> newest =
          versions.keySet().stream().filter(v -> !v.isPrerelease()).max(Comparator.naturalOrder());
      diags.add(
          Diagnostic.error(
              "Unresolvable module version constraint",
              "There is no available version of module \""
                  + source.packageAddress()
                  + "\" ("
                  + call.where()
                  + ") which matches the given version constraint."
                  + newest
                      .map(v -> " The newest available version is " + versions.get(v) + ".")
                      .orElse(" The registry lists no versions of it."),
              call.declRange()));
      return null;
    }
    String version = versions.get(chosen.get());
    progress.accept(
        "Downloading " + source.packageAddress() + " " + version + " for " + key + "...");
    String location;
    try {
      location = registry.location(source, version);
    } catch (FetchException e) {
      diags.add(
          Diagnostic.error(
              "Error accessing remote module registry",
              "Failed to retrieve a download URL for "
                  + source.packageAddress()
                  + " "
                  + version
                  + ": "
                  + e.getMessage()
                  + ".",
              call.declRange()));
      return null;
    }
    ModuleSource.Parsed real = ModuleSource.parse(location);
    if (!(real.source() instanceof ModuleSource.Remote package_)) {
      diags.add(
          Diagnostic.error(
              "Invalid response from remote module registry",
              "The registry at "
                  + source.host()
                  + " gave \""
                  + location
                  + "\" as the package of "
                  + source.packageAddress()
                  + " "
                  + version
                  + ", which Forma cannot fetch"
                  + (real.error() == null ? "" : ": " + real.error()),
              call.declRange()));
      return null;
    }
    String subdir = join(package_.subdir(), source.subdir());
    Place place = placeIn(root, subdir, source.display() + " " + version);
    if (cycle(call, key, place, chain, keys)) {
      return null;
    }
    try {
      fetch(package_, root);
    } catch (FetchException e) {
      diags.add(
          Diagnostic.error(
              "Failed to download module",
              "Could not download module \""
                  + call.name()
                  + "\" ("
                  + call.where()
                  + ") source code from \""
                  + location
                  + "\": "
                  + e.getMessage(),
              call.declRange()));
      return null;
    }
    if (!subdirExists(call, key, place, subdir)) {
      return null;
    }
    progress.accept("- " + key + " in " + place.relative());
    installed.put(key, new ModuleManifest.Entry(key, source.display(), version, place.relative()));
    return place;
  }

  private void fetch(ModuleSource.Remote source, Path root) throws FetchException {
    try {
      deleteTree(root);
      Files.createDirectories(root.getParent());
    } catch (IOException e) {
      throw new FetchException("cannot clear " + relative(root) + ": " + e.getMessage(), e);
    }
    switch (source.kind()) {
      case GIT -> git.fetch(source.url(), workingDirectory, root);
      case ARCHIVE -> archives.fetch(source.url(), root);
    }
  }

  private boolean subdirExists(ModuleCall call, String key, Place place, String subdir) {
    if (Files.isDirectory(place.dir())) {
      return true;
    }
    diags.add(
        Diagnostic.error(
            "Failed to download module",
            "Could not download module \""
                + call.name()
                + "\" ("
                + call.where()
                + ") source code from \""
                + call.source()
                + "\": the package has no sub-directory \""
                + subdir
                + "\".",
            call.sourceRange()));
    return false;
  }

  /** A module is called again inside itself: an error naming the calls on the way. */
  private boolean cycle(
      ModuleCall call, String key, Place place, List<String> chain, List<String> keys) {
    String id = identity(place);
    int at = chain.indexOf(id);
    if (at < 0) {
      return false;
    }
    List<String> path = new ArrayList<>();
    if (at == 0) {
      path.add("the root module");
    }
    for (int i = Math.max(at - 1, 0); i < keys.size(); i++) {
      path.add("module." + keys.get(i).replace(".", ".module."));
    }
    path.add("module." + key.replace(".", ".module."));
    diags.add(
        Diagnostic.error(
            "Module call cycle",
            "Module \""
                + call.name()
                + "\" ("
                + call.where()
                + ") calls \""
                + call.source()
                + "\", a module that is already calling it: "
                + String.join(" -> ", path)
                + ". A module cannot call itself, directly or through other modules.",
            call.sourceRange()));
    return true;
  }

  /** What makes two places the same module: its directory, or its package and path in it. */
  private static String identity(Place place) {
    if (place.packageRoot() == null) {
      try {
        return "dir:" + place.dir().toRealPath();
      } catch (IOException e) {
        return "dir:" + place.dir();
      }
    }
    String inside = place.packageRoot().relativize(place.dir()).toString().replace('\\', '/');
    return "package:" + place.packageAddress() + "//" + inside;
  }

  private Path packageDirectory(String key) {
    return workingDirectory.resolve(dataDir).resolve("modules").resolve(key);
  }

  private Place placeIn(Path root, String subdir, String packageAddress) {
    Path dir = subdir.isEmpty() ? root : root.resolve(subdir).normalize();
    return new Place(dir, relative(dir), packageAddress, root);
  }

  private String relative(Path dir) {
    String r = workingDirectory.relativize(dir.toAbsolutePath().normalize()).toString();
    return r.isEmpty() ? "." : r.replace('\\', '/');
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : a + "/" + b;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }
}
