package dev.forma.cli;

import dev.forma.engine.config.VariableArg;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code -var} and {@code -var-file}, as every command that evaluates the configuration takes them
 * (a picocli mixin). They apply in command-line order, as Terraform's: of {@code -var-file=a.tfvars
 * -var x=2}, the {@code -var} wins; of {@code -var x=2 -var-file=a.tfvars}, the file.
 */
public final class VariableOptions {
  @Option(
      names = "-var",
      paramLabel = "'foo=bar'",
      description =
          "Set a value for one of the input variables in the root module. Use this"
              + " option more than once to set more than one variable.")
  List<String> vars = new ArrayList<>();

  @Option(
      names = "-var-file",
      paramLabel = "filename",
      description =
          "Load variable values from the given file. Use this option more than once to"
              + " include more than one variables file.")
  List<String> varFiles = new ArrayList<>();

  /**
   * The values in command-line order: picocli keeps each list in order, and the original arguments
   * of {@code spec}'s command line tell how they interleave. {@code --var} counts as {@code -var}.
   */
  public List<VariableArg> args(CommandSpec spec) {
    List<VariableArg> out = new ArrayList<>();
    int v = 0;
    int f = 0;
    for (String given : spec.commandLine().getParseResult().originalArgs()) {
      String arg = given.startsWith("--") ? given.substring(1) : given;
      if ((arg.equals("-var") || arg.startsWith("-var=")) && v < vars.size()) {
        out.add(new VariableArg.Var(vars.get(v++)));
      } else if ((arg.equals("-var-file") || arg.startsWith("-var-file=")) && f < varFiles.size()) {
        out.add(new VariableArg.VarFile(varFiles.get(f++)));
      }
    }
    return out;
  }
}
