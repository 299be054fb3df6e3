package dev.forma.cli;

import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.StateException;
import dev.forma.state.backend.StateBackend;
import dev.forma.state.backend.http.HttpBackend;
import dev.forma.state.backend.http.HttpBackendConfig;
import java.util.Map;
import java.util.Set;

/**
 * Terraform's {@code http} backend (GitLab, Gitea and other servers of its protocol): the block's
 * arguments, with the {@code TF_HTTP_*} environment variables for those it does not set.
 */
final class HttpKind implements Backends.Kind {
  @Override
  public String type() {
    return "http";
  }

  @Override
  public Set<String> arguments() {
    return Set.copyOf(HttpBackendConfig.ARGUMENTS);
  }

  @Override
  public Result<StateBackend> open(Map<String, String> arguments, Backends.Context context) {
    try {
      HttpBackendConfig config = HttpBackendConfig.from(arguments, context.env());
      return new Result<>(
          new HttpBackend(config, context.workingDirectory(), Main.VERSION, context.encryption()),
          new Diagnostics());
    } catch (StateException e) {
      return new Result<>(null, StateAccess.diagnostics(e));
    }
  }
}
