package dev.forma.engine.fuzz;

import dev.forma.engine.config.ModuleCallContext;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.functions.CallContext;
import dev.forma.engine.functions.Function;
import dev.forma.engine.functions.FunctionException;
import dev.forma.engine.functions.FunctionTable;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed, small scope the expression and template fuzz targets evaluate in: a few variables of
 * every kind (known, unknown, null, sensitive, nested), every standard function, and a module
 * directory of its own with a text file and two templates.
 *
 * <p>Functions that read files only read inside that directory: a fuzzer that asked for {@code
 * file("/dev/zero")} or {@code fileset("/", "**")} would find the machine's limits, not Forma's.
 */
final class FuzzScope {
  private static final Set<String> PATH_FUNCTIONS =
      Set.of(
          "file",
          "filebase64",
          "filebase64sha256",
          "filebase64sha512",
          "fileexists",
          "filemd5",
          "filesha1",
          "filesha256",
          "filesha512",
          "fileset",
          "templatefile");

  static final Path BASE = moduleDirectory();

  private FuzzScope() {}

  private static Path moduleDirectory() {
    try {
      Path dir = Files.createTempDirectory("forma-fuzz-module");
      Files.writeString(dir.resolve("hello.txt"), "Hello, world!\n");
      Files.writeString(
          dir.resolve("greeting.tpl"), "Hello, ${name}!%{ for x in list } ${x}%{ endfor }");
      // a template that renders itself: must be an error, as in Terraform, not endless recursion
      Files.writeString(dir.resolve("self.tpl"), "${templatefile(\"self.tpl\", {})}");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The context an expression is evaluated in. */
  static EvalContext context() {
    Map<String, Value> var = new LinkedHashMap<>();
    var.put("s", Value.of("hello"));
    var.put("n", Value.of(42));
    var.put("b", Value.TRUE);
    var.put("l", Value.list(Type.STRING, List.of(Value.of("a"), Value.of("b"))));
    var.put("m", Value.map(Type.NUMBER, Map.of("x", Value.of(1), "y", Value.of(2))));
    var.put(
        "o",
        Value.object(
            Map.of(
                "name", Value.of("n"),
                "tags", Value.tuple(List.of(Value.of("t"), Value.of(3))))));
    var.put("u", Value.unknown(Type.STRING));
    var.put("ud", Value.UNKNOWN);
    var.put("z", Value.nullOf(Type.STRING));
    var.put("secret", Value.of("s3cr3t").markSensitive());
    Map<String, Value> vars = new LinkedHashMap<>();
    vars.put("var", Value.object(var));
    vars.put("local", Value.object(Map.of("x", Value.of(1), "list", var.get("l"))));
    vars.put("path", Value.object(Map.of("module", Value.of("."), "root", Value.of("."))));
    vars.put("count", Value.object(Map.of("index", Value.of(0))));
    vars.put("each", Value.object(Map.of("key", Value.of("k"), "value", Value.of("v"))));
    return new EvalContext(vars, FUNCTIONS, CALL_CONTEXT);
  }

  /** The standard functions, with file reads kept inside {@link #BASE}. */
  static final FunctionTable FUNCTIONS =
      new FunctionTable() {
        @Override
        public Function lookup(String name) {
          Function f = StandardFunctions.INSTANCE.lookup(name);
          String plain = StandardFunctions.plainName(name);
          if (f != null && plain.equals("bcrypt")) {
            return costCapped(f);
          }
          if (f == null || !PATH_FUNCTIONS.contains(plain)) {
            return f;
          }
          return new Function() {
            @Override
            public String name() {
              return f.name();
            }

            @Override
            public Value call(List<Value> args, CallContext context) throws FunctionException {
              if (!args.isEmpty() && !insideBase(args.get(0))) {
                throw new FunctionException("the fuzz scope reads only files of its own directory");
              }
              return f.call(args, context);
            }
          };
        }

        @Override
        public Collection<String> names() {
          return StandardFunctions.INSTANCE.names();
        }
      };

  /**
   * bcrypt above cost 10 (Terraform's default) doubles its time per step, to hours at 31 (as in
   * Terraform): the fuzz scope keeps to what a configuration uses.
   */
  private static Function costCapped(Function f) {
    return new Function() {
      @Override
      public String name() {
        return f.name();
      }

      @Override
      public Value call(List<Value> args, CallContext context) throws FunctionException {
        if (args.size() > 1
            && args.get(1).unmarkDeep() instanceof NumberValue cost
            && cost.value().compareTo(java.math.BigDecimal.TEN) > 0) {
          throw new FunctionException("the fuzz scope hashes with a cost of at most 10");
        }
        return f.call(args, context);
      }
    };
  }

  private static boolean insideBase(Value path) {
    if (!(path.unmarkDeep() instanceof StringValue s)) {
      return true; // not a known string: the function refuses it itself
    }
    String p = s.value();
    return !p.isEmpty()
        && !p.startsWith("/")
        && !p.startsWith("~")
        && !p.contains("..")
        && !p.contains("\\")
        && !p.contains(":");
  }

  /** The module's context, with this scope's functions (file reads kept inside {@link #BASE}). */
  static final CallContext CALL_CONTEXT =
      new CallContext() {
        private final ModuleCallContext module =
            new ModuleCallContext(BASE, Instant.parse("2024-05-06T07:08:09Z"));

        @Override
        public Path baseDirectory() {
          return module.baseDirectory();
        }

        @Override
        public Instant planTimestamp() {
          return module.planTimestamp();
        }

        @Override
        public FunctionTable functions() {
          return FUNCTIONS;
        }

        @Override
        public Template parseTemplate(String filename, String text) throws FunctionException {
          return module.parseTemplate(filename, text);
        }

        @Override
        public Value renderTemplate(
            Template template, Map<String, Value> variables, FunctionTable functions)
            throws FunctionException {
          return module.renderTemplate(template, variables, functions);
        }
      };
}
