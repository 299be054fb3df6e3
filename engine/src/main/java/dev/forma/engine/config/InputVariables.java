package dev.forma.engine.config;

import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.json.JsonSchema;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The values of a root module's input variables, from every source Terraform reads, in its
 * precedence (later wins): {@code TF_VAR_name} environment variables, {@code terraform.tfvars},
 * {@code terraform.tfvars.json}, {@code *.auto.tfvars[.json]} in name order, then {@code -var} and
 * {@code -var-file} in command-line order; then the default; then, with input enabled, a prompt.
 * Values are converted to the declared type and marked sensitive as declared, with Terraform's
 * diagnostics.
 */
public final class InputVariables {
  private InputVariables() {}

  private static final String NO_VALUE = "No value for required variable";

  /** Where a value came from, and how Terraform names that in its messages. */
  private record Raw(Value value, Range range, String setBy) {}

  /**
   * Resolves every declared variable. {@code dir} is the module directory (where the automatic
   * tfvars files are read), {@code env} the process environment, {@code input} whether a missing
   * value may be prompted for ({@code -input=false} makes it an error).
   */
  public static Result<Map<String, Value>> resolve(
      Module module,
      Path dir,
      List<VariableArg> args,
      Map<String, String> env,
      boolean input,
      Prompter prompter) {
    Diagnostics diags = new Diagnostics();
    Map<String, Raw> raw = new LinkedHashMap<>();
    for (Variable v : module.variables().values()) {
      String text = env.get("TF_VAR_" + v.name());
      if (text != null) {
        Value val = fromText(v, text, "<value for var." + v.name() + ">", diags);
        if (val != null) {
          raw.put(
              v.name(),
              new Raw(val, null, "set using the TF_VAR_" + v.name() + " environment variable"));
        }
      }
    }
    List<Path> auto = new ArrayList<>();
    for (String f : List.of("terraform.tfvars", "terraform.tfvars.json")) {
      if (Files.isRegularFile(dir.resolve(f))) {
        auto.add(dir.resolve(f));
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json");
              })
          .sorted()
          .forEach(auto::add);
    } catch (IOException e) {
      // no directory: no automatic files
    }
    for (Path f : auto) {
      readFile(module, f, raw, diags);
    }
    for (VariableArg arg : args) {
      switch (arg) {
        case VariableArg.Var var -> cliVar(module, var.assignment(), raw, diags);
        case VariableArg.VarFile file -> {
          Path p = Path.of(file.path());
          if (!Files.isRegularFile(p)) {
            diags.add(
                Diagnostic.error(
                    "Failed to read variables file",
                    "Given variables file " + file.path() + " does not exist."));
            continue;
          }
          readFile(module, p, raw, diags);
        }
      }
    }
    Map<String, Value> out = new LinkedHashMap<>();
    for (Variable v : module.variables().values()) {
      Value val = value(v, raw.get(v.name()), input, prompter, diags);
      if (val != null) {
        out.put(v.name(), val.markSensitiveIf(v.sensitive()));
      }
    }
    return new Result<>(out, diags);
  }

  /**
   * Resolves variables as {@code forma console} does, without prompting: a required variable that
   * has no value is an unknown value of its type ({@code (known after apply)}), not an error.
   */
  public static Result<Map<String, Value>> resolveOrUnknown(
      Module module, Path dir, List<VariableArg> args, Map<String, String> env) {
    Result<Map<String, Value>> r = resolve(module, dir, args, env, false, null);
    Diagnostics diags = new Diagnostics();
    for (Diagnostic d : r.diagnostics()) {
      if (!d.summary().equals(NO_VALUE)) {
        diags.add(d);
      }
    }
    Map<String, Value> out = new LinkedHashMap<>(r.value());
    for (Variable v : module.variables().values()) {
      out.computeIfAbsent(v.name(), n -> unknownOf(v));
    }
    return new Result<>(out, diags);
  }

  /** Primitive (or undeclared) types take the text as a string; others parse it as HCL. */
  private static boolean literalMode(Variable v) {
    return v.typeExpr() == null || v.type().isPrimitive();
  }

  private static Value fromText(Variable v, String text, String filename, Diagnostics diags) {
    if (literalMode(v)) {
      return Value.of(text);
    }
    Result<Expr> r = Parser.parseExpression(filename, text);
    diags.addAll(r.diagnostics());
    if (r.hasErrors() || r.value() == null) {
      return null;
    }
    return Constants.value(r.value(), diags);
  }

  private static void cliVar(
      Module module, String assignment, Map<String, Raw> raw, Diagnostics diags) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      diags.add(
          Diagnostic.error(
              "Invalid -var option",
              "The given -var option \""
                  + assignment
                  + "\" is not correctly specified. Must be a variable name and value separated"
                  + " by an equals sign, like -var=\"key=value\"."));
      return;
    }
    String name = assignment.substring(0, eq);
    String text = assignment.substring(eq + 1);
    Variable v = module.variables().get(name);
    if (v == null) {
      diags.add(
          Diagnostic.error(
              "Value for undeclared variable",
              "A variable named \""
                  + name
                  + "\" was assigned on the command line, but the root module does not declare a"
                  + " variable of that name. To use this value, add a \"variable\" block to the"
                  + " configuration."));
      return;
    }
    Value val = fromText(v, text, "<value for var." + name + ">", diags);
    if (val != null) {
      raw.put(name, new Raw(val, null, "set using -var=\"" + name + "=...\""));
    }
  }

  private static void readFile(Module module, Path file, Map<String, Raw> raw, Diagnostics diags) {
    String display = file.normalize().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      diags.add(
          Diagnostic.error(
              "Failed to read variables file", "Error reading " + display + ": " + e.getMessage()));
      return;
    }
    Result<ConfigFile> parsed =
        display.endsWith(".json")
            ? JsonSyntax.parse(display, text, JsonSchema.ATTRIBUTES)
            : Parser.parseFile(display, text);
    diags.addAll(parsed.diagnostics());
    if (parsed.value() == null) {
      return;
    }
    for (BodyItem item : parsed.value().body().items()) {
      switch (item) {
        case Block b ->
            diags.add(
                Diagnostic.error(
                    "Unexpected \"" + b.type() + "\" block",
                    "Blocks are not allowed here.",
                    b.typeRange()));
        case Attribute a -> {
          if (!module.variables().containsKey(a.name())) {
            diags.add(
                Diagnostic.warning(
                    "Value for undeclared variable",
                    "The root module does not declare a variable named \""
                        + a.name()
                        + "\" but a value was found in file \""
                        + display
                        + "\". If you meant to use this value, add a \"variable\" block to the"
                        + " configuration.\n\nTo silence these warnings, use TF_VAR_..."
                        + " environment variables to provide certain \"global\" settings to all"
                        + " configurations in your organization. To reduce the verbosity of these"
                        + " warnings, use the -compact-warnings option.",
                    a.nameRange()));
            continue;
          }
          Value v = Constants.value(a.expr(), diags);
          if (v != null) {
            raw.put(a.name(), new Raw(v, a.expr().range(), null));
          }
        }
      }
    }
  }

  private static Value value(
      Variable v, Raw raw, boolean input, Prompter prompter, Diagnostics diags) {
    if (raw == null && v.defaultExpr() != null) {
      Value def = Constants.value(v.defaultExpr(), diags);
      if (def == null) {
        return null;
      }
      try {
        return nullable(
            v, TypeConstraints.convert(def, v.constraint()), v.defaultExpr().range(), diags);
      } catch (ConversionException e) {
        diags.add(
            Diagnostic.error(
                "Invalid default value for variable",
                "This default value is not compatible with the variable's type constraint: "
                    + e.describe()
                    + ".",
                v.defaultExpr().range()));
        return null;
      }
    }
    if (raw == null && input && prompter != null) {
      String prompt =
          "var."
              + v.name()
              + (v.description() == null ? "" : "\n  " + v.description())
              + "\n\n  Enter a value: ";
      String line = prompter.readLine(prompt);
      if (line != null) {
        Value val = fromText(v, line, "<value for var." + v.name() + ">", diags);
        if (val == null) {
          return null;
        }
        raw = new Raw(val, null, "set using an interactive prompt");
      }
    }
    if (raw == null) {
      diags.add(
          Diagnostic.error(
              NO_VALUE,
              "The root module input variable \""
                  + v.name()
                  + "\" is not set, and has no default value. Use a -var or -var-file command"
                  + " line argument to provide a value for this variable.",
              v.declRange()));
      return null;
    }
    try {
      return nullable(v, TypeConstraints.convert(raw.value(), v.constraint()), raw.range(), diags);
    } catch (ConversionException e) {
      if (raw.setBy() != null) {
        diags.add(
            Diagnostic.error(
                "Invalid value for input variable",
                "Unsuitable value for var."
                    + v.name()
                    + " "
                    + raw.setBy()
                    + ": "
                    + e.describe()
                    + ".",
                v.declRange()));
      } else {
        diags.add(
            Diagnostic.error(
                "Invalid value for input variable",
                "The given value is not suitable for var."
                    + v.name()
                    + " declared at "
                    + v.declRange()
                    + ": "
                    + e.describe()
                    + ".",
                raw.range()));
      }
      return null;
    }
  }

  private static Value nullable(Variable v, Value val, Range range, Diagnostics diags) {
    if (val.isNull() && !v.nullable()) {
      diags.add(
          Diagnostic.error(
              "Required variable not set",
              "Unsuitable value for var."
                  + v.name()
                  + " set from outside of the configuration:"
                  + " required variable may not be set to null.",
              range == null ? v.declRange() : range));
      return null;
    }
    return val;
  }

  /** The value a variable has under {@code validate}: unknown, of its declared type. */
  static Value unknownOf(Variable v) {
    Type t = v.type();
    return Value.unknown(t).markSensitiveIf(v.sensitive());
  }
}
