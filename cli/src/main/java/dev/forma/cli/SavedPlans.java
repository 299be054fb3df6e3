package dev.forma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.planfile.PlanFile;
import dev.forma.engine.render.PlanJson;
import dev.forma.engine.render.PlanRenderer;
import dev.forma.engine.render.ProviderNames;
import dev.forma.engine.render.RenderOptions;
import dev.forma.engine.render.SchemaSource;
import dev.forma.engine.statebridge.StateProvider;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code show PLANFILE}: a saved plan in human form (the plan text {@code plan} printed), as
 * Terraform's plan JSON (format "1.2"), with the configuration snapshot the plan file holds, or as
 * Markdown for a pull request ({@code -markdown}).
 */
final class SavedPlans {
  private SavedPlans() {}

  /** True when the bytes are a Forma saved plan (JSON whose {@code format} says so). */
  static boolean isPlanFile(byte[] bytes) {
    try {
      JsonNode n = new ObjectMapper().readTree(bytes);
      return n != null && PlanFile.FORMAT.equals(n.path("format").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Shows the file when it is a saved plan and returns the exit code; null when it is not one. An
   * encrypted file is read with {@code planEncryption}.
   */
  static Integer show(
      Terminal terminal,
      Path file,
      byte[] bytes,
      boolean json,
      boolean markdown,
      SchemaSource schemas,
      StateEncryption planEncryption) {
    if (!isPlanFile(bytes) && !StateEncryption.isEncrypted(bytes)) {
      return null;
    }
    Result<PlanFile> read = PlanFile.read(file, Main.VERSION, planEncryption);
    if (read.hasErrors() || read.value() == null) {
      terminal.printDiagnostics(read.diagnostics(), null);
      return ExitCodes.ERROR;
    }
    PlanFile pf = read.value();
    if (markdown) {
      terminal.out().print(MarkdownPlans.of(pf.plan(), schemas));
      return ExitCodes.OK;
    }
    if (!json) {
      terminal
          .out()
          .print(PlanRenderer.render(pf.plan(), schemas, new RenderOptions(terminal.color(), 78)));
      return ExitCodes.OK;
    }
    Result<Module> config = ConfigLoader.loadSources(file.getParent(), pf.configuration());
    Module module = config.hasErrors() ? null : config.value();
    ProviderNames names =
        module == null
            ? ProviderNames.DEFAULT
            : local -> StateProvider.of(ProviderConfigAddress.of(local), module).source();
    // Terraform leaves prior_state out when the plan was made from an empty state.
    var prior =
        pf.priorState() == null
                || (pf.priorState().resources().isEmpty() && pf.priorState().outputs().isEmpty())
            ? null
            : pf.priorState();
    terminal
        .out()
        .println(
            PlanJson.render(
                pf.plan(),
                new PlanJson.Context(Main.VERSION, prior, module, schemas, names, List.of())));
    return ExitCodes.OK;
  }
}
