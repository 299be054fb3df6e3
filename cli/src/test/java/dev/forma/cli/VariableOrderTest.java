package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forma.engine.config.VariableArg;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command that takes {@code -var} and {@code -var-file} applies them in command-line order,
 * as Terraform does: the last one to set a variable wins. (check, import and query applied every
 * {@code -var} before every file, so a file given after {@code -var} lost to it.)
 */
class VariableOrderTest {
  @Test
  void everyCommandWithVariablesKeepsTheirOrder() {
    List<String> commands = new ArrayList<>();
    CommandLine root = Main.commandLine(terminal());
    for (Map.Entry<String, CommandLine> c : root.getSubcommands().entrySet()) {
      if (c.getValue().getCommandSpec().findOption("-var") == null) {
        continue;
      }
      commands.add(c.getKey());
      CommandLine cl = Main.commandLine(terminal());
      List<String> args =
          new ArrayList<>(
              List.of(
                  c.getKey(),
                  "-var-file=a.tfvars",
                  "-var",
                  "x=2",
                  "-var-file",
                  "b.tfvars",
                  "--var=y=3"));
      if (c.getKey().equals("import")) {
        args.addAll(List.of("terraform_data.a", "id"));
      }
      CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
      CommandSpec spec = parsed.subcommand().commandSpec();
      VariableOptions options = find(spec);
      assertEquals(
          List.of(
              new VariableArg.VarFile("a.tfvars"),
              new VariableArg.Var("x=2"),
              new VariableArg.VarFile("b.tfvars"),
              new VariableArg.Var("y=3")),
          options.args(spec),
          c.getKey());
    }
    assertFalse(commands.size() < 8, "commands with -var: " + commands);
  }

  private static VariableOptions find(CommandSpec spec) {
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof VariableOptions v) {
        return v;
      }
      VariableOptions nested = find(mixin);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  private static Terminal terminal() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return new Terminal(
        sink, sink, new ByteArrayInputStream(new byte[0]), Map.of(), Path.of("."), false);
  }
}
