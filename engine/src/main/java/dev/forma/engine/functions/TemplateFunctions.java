package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.DYNAMIC;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * templatestring, and the rendering it shares with templatefile: the variables a template sees, and
 * the functions it may not call (itself and templatefile, and for templatestring the functions that
 * read files).
 *
 * <p>{@code templatestring}'s first argument must be a direct reference to a string defined
 * elsewhere, never a literal or template written in the call: that rule looks at the argument's
 * expression, so the evaluator checks it before the call (see {@code Evaluator}).
 */
final class TemplateFunctions {
  /** The functions that render templates: a template may call neither. */
  static final Set<String> TEMPLATE_FUNCTIONS = Set.of("templatefile", "templatestring");

  /** The functions that read files: a template of templatestring may call none. */
  static final Set<String> FILESYSTEM_FUNCTIONS =
      Set.of(
          "file",
          "fileexists",
          "fileset",
          "filebase64",
          "filebase64sha256",
          "filebase64sha512",
          "filemd5",
          "filesha1",
          "filesha256",
          "filesha512",
          "templatefile");

  /** The filename templatestring's templates report positions in, as Terraform names it. */
  static final String TEMPLATESTRING_FILE = "<templatestring argument>";

  private TemplateFunctions() {}

  static List<Builtin> all() {
    return List.of(
        Builtin.named("templatestring")
            .param(Param.of("template", DYNAMIC).nullable())
            .param("vars", DYNAMIC)
            .returns(STRING)
            .body(TemplateFunctions::templatestring));
  }

  private static Value templatestring(CallArgs a) throws FunctionException {
    if (!(a.get(0).unmark() instanceof StringValue template)) {
      throw new FunctionException(0, "template", "invalid template value: a string is required");
    }
    Map<String, Value> vars = variables(a.get(1));
    CallContext.Template parsed;
    try {
      parsed = a.context().parseTemplate(TEMPLATESTRING_FILE, template.value());
    } catch (FunctionException e) {
      throw new FunctionException(0, "template", "invalid template: " + e.getMessage());
    }
    return render(a, parsed, vars, false);
  }

  /**
   * The variables of a template: {@code vars} must be a map or an object whose every key is an
   * identifier (argument index 1, as in both template functions).
   */
  static Map<String, Value> variables(Value vars) throws FunctionException {
    Map<String, Value> entries = Values.entries(vars);
    if (entries == null) {
      throw new FunctionException(1, "vars", "invalid vars value: must be a map");
    }
    for (String name : entries.keySet()) {
      if (!isIdentifier(name)) {
        throw new FunctionException(
            1,
            "vars",
            "invalid template variable name \""
                + name
                + "\": must start with a letter, followed by zero or more letters, digits, and"
                + " underscores");
      }
    }
    return new LinkedHashMap<>(entries);
  }

  /** Renders and converts the result to a string, as both template functions return it. */
  static Value render(
      CallArgs a, CallContext.Template parsed, Map<String, Value> vars, boolean allowFilesystem)
      throws FunctionException {
    FunctionTable functions = forTemplates(a.context().functions(), allowFilesystem);
    Value result = a.context().renderTemplate(parsed, vars, functions);
    try {
      return Convert.convert(result, Type.STRING);
    } catch (ConversionException e) {
      throw new FunctionException("invalid template result: " + e.describe());
    }
  }

  /** HCL's identifier rule: a letter or underscore, then letters, digits, underscores, dashes. */
  static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int first = s.codePointAt(0);
    if (!Character.isUnicodeIdentifierStart(first) && first != '_') {
      return false;
    }
    for (int i = Character.charCount(first); i < s.length(); ) {
      int c = s.codePointAt(i);
      if (!Character.isUnicodeIdentifierPart(c) && c != '-') {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /**
   * {@code base} as a template sees it: the template functions (and, unless allowed, the file
   * functions) fail with Terraform's message when called.
   */
  static FunctionTable forTemplates(FunctionTable base, boolean allowFilesystem) {
    return new FunctionTable() {
      @Override
      public Function lookup(String name) {
        Function f = base.lookup(name);
        String plain = StandardFunctions.plainName(name);
        if (f == null) {
          return null;
        }
        if (TEMPLATE_FUNCTIONS.contains(plain)) {
          return refusing(
              f, "cannot recursively call " + plain + " from inside another template function");
        }
        if (!allowFilesystem && FILESYSTEM_FUNCTIONS.contains(plain)) {
          return refusing(
              f,
              "cannot use filesystem access functions like "
                  + plain
                  + " in templatestring templates; consider passing the function result as a"
                  + " template variable instead");
        }
        return f;
      }

      @Override
      public Collection<String> names() {
        return base.names();
      }
    };
  }

  private static Function refusing(Function f, String message) {
    return new Function() {
      @Override
      public String name() {
        return f.name();
      }

      @Override
      public Value call(List<Value> args, CallContext context) throws FunctionException {
        throw new FunctionException(message);
      }
    };
  }
}
