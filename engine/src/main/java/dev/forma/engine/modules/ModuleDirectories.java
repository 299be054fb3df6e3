package dev.forma.engine.modules;

/**
 * Where the module a {@code module} block calls is on disk. The configuration tree asks this for
 * every call; the installer's manifest answers for what {@code init} installed, {@link #LOCAL_ONLY}
 * for local paths alone.
 */
public interface ModuleDirectories {
  /**
   * The directory holding the module a call installs: key is Terraform's manifest key ("a", "a.b"
   * for module "b" called inside module "a"), source and version as written, parent the directory
   * of the calling module. Empty when it is not installed.
   */
  java.util.Optional<java.nio.file.Path> directory(
      String key, String source, String version, java.nio.file.Path parent);

  /** Local paths resolved against the parent directory; anything else not installed. */
  ModuleDirectories LOCAL_ONLY =
      (key, source, version, parent) ->
          source.startsWith("./")
                  || source.startsWith("../")
                  || source.equals(".")
                  || source.equals("..")
                  || source.startsWith(".\\")
                  || source.startsWith("..\\")
              ? java.util.Optional.of(parent.resolve(source).normalize())
              : java.util.Optional.empty();
}
