package dev.forma.engine.functions;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Terraform's built-in functions (all but {@code can} and {@code try}, which take unevaluated
 * expressions and belong to the evaluator).
 */
public final class StandardFunctions implements FunctionTable {
  public static final StandardFunctions INSTANCE = new StandardFunctions();

  private final Map<String, Function> functions;

  private StandardFunctions() {
    TreeMap<String, Function> m = new TreeMap<>();
    for (List<Builtin> group :
        List.of(
            NumericFunctions.all(),
            StringFunctions.all(),
            CollectionFunctions.all(),
            ConversionFunctions.all(),
            CryptoFunctions.all(),
            EncodingFunctions.all(),
            FilesystemFunctions.all(),
            TemplateFunctions.all(),
            NetworkFunctions.all(),
            TextEncodingFunctions.all(),
            DateFunctions.all())) {
      for (Builtin b : group) {
        if (m.put(b.name(), b) != null) {
          throw new IllegalStateException("duplicate function " + b.name());
        }
      }
    }
    functions = java.util.Collections.unmodifiableMap(m);
  }

  /** The namespace Terraform gives its built-in functions: {@code core::upper} is {@code upper}. */
  public static final String CORE_NAMESPACE = "core::";

  @Override
  public Function lookup(String name) {
    return functions.get(plainName(name));
  }

  /** The name without the {@code core::} namespace, as Terraform also accepts it. */
  public static String plainName(String name) {
    return name.startsWith(CORE_NAMESPACE) ? name.substring(CORE_NAMESPACE.length()) : name;
  }

  @Override
  public Collection<String> names() {
    return functions.keySet();
  }
}
