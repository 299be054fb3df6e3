package dev.forma.cli;

import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.engine.modules.ModuleManifest;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the commands find child modules: in the directories {@code forma init} installed them to,
 * as the working directory's manifest ({@code .terraform/modules/modules.json}) records them; a Git
 * or registry module not recorded there (or whose source or version changed since) is "not
 * installed" and the error says to run {@code forma init}. A local path is read where it is, also
 * before any init: Terraform asks for an init there too, though there is nothing to fetch.
 */
final class InstalledModules {
  private InstalledModules() {}

  static Result<ModuleDirectories> of(Path workingDirectory) {
    Result<ModuleManifest> manifest =
        ModuleManifest.read(workingDirectory, AutomationEnvironment.dataDir());
    ModuleDirectories installed = manifest.value().directories();
    ModuleDirectories directories =
        (key, source, version, parent) -> {
          Optional<Path> dir = installed.directory(key, source, version, parent);
          return dir.isPresent()
              ? dir
              : ModuleDirectories.LOCAL_ONLY.directory(key, source, version, parent);
        };
    return new Result<>(directories, manifest.diagnostics());
  }
}
