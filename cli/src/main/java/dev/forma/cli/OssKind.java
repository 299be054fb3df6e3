package dev.forma.cli;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.oss.OssBackend;
import dev.forma.state.backend.oss.OssSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Terraform's {@code oss} backend: states in an Alibaba Cloud OSS bucket, with Terraform's
 * arguments and environment variables (see {@link OssSettings}); {@code ~/.aliyun/config.json} is
 * read from {@code HOME}.
 */
final class OssKind implements Backends.Kind {
  @Override
  public String type() {
    return "oss";
  }

  @Override
  public Set<String> arguments() {
    return OssSettings.ARGUMENTS;
  }

  @Override
  public Diagnostics check(Map<String, String> arguments, Range range) {
    Diagnostics d = new Diagnostics();
    for (StateProblem p : OssSettings.validate(arguments)) {
      d.add(Diagnostic.error(p.summary(), p.detail(), range));
    }
    for (StateProblem p : OssSettings.warnings(arguments)) {
      d.add(Diagnostic.warning(p.summary(), p.detail(), range));
    }
    return d;
  }

  @Override
  public Result<StateBackend> open(Map<String, String> arguments, Backends.Context context) {
    String home = context.env().get("HOME");
    Path homeDir = Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home);
    try {
      OssSettings settings = OssSettings.resolve(arguments, context.env(), homeDir);
      return new Result<>(
          new OssBackend(settings, Main.VERSION, context.encryption()), new Diagnostics());
    } catch (StateException e) {
      return new Result<>(null, StateAccess.diagnostics(e));
    }
  }
}
