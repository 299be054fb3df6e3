package dev.forma.engine.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.provider.api.value.Type;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forma's functions against Terraform's: {@code functions/terraform-functions.json} is the list
 * {@code terraform metadata functions -json} prints (made by {@code
 * tools/terraform-diff/functions.sh}, descriptions left out). Every function in it exists, with
 * Terraform's parameter names (error messages name them), types, nullability and variadic
 * parameter; Forma has none that Terraform lacks but {@code type}, which Terraform offers only in
 * its console.
 */
class TerraformFunctionListTest {
  /** Taking unevaluated expressions, these live in the evaluator, not the function table. */
  private static final Set<String> EVALUATOR_FUNCTIONS = Set.of("can", "try");

  /**
   * Terraform declares templatestring's template a string but takes the argument's expression (the
   * evaluator checks it) and refuses any value but a string without converting: so Forma's
   * parameter takes any value, null included, and its body says "a string is required".
   */
  private static final Map<String, String> DECLARED_OTHERWISE =
      Map.of("templatestring", "(template any nullable, vars any, )");

  private static JsonNode terraform;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        TerraformFunctionListTest.class.getResourceAsStream(
            "/functions/terraform-functions.json")) {
      terraform = new ObjectMapper().readTree(in);
    }
  }

  private static List<String> names() {
    List<String> out = new ArrayList<>();
    terraform.path("functions").fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theFixtureIsTerraform111sList() {
    assertTrue(terraform.path("terraform_version").asText().startsWith("1.11."));
    assertEquals(236, names().size());
  }

  @Test
  void everyTerraformFunctionExistsUnderItsNameAndItsCoreName() {
    List<String> missing = new ArrayList<>();
    for (String name : names()) {
      String plain = StandardFunctions.plainName(name);
      if (!EVALUATOR_FUNCTIONS.contains(plain) && StandardFunctions.INSTANCE.lookup(name) == null) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void formaHasNoFunctionTerraformLacksButItsConsoleOnlyType() {
    Set<String> extra = new TreeSet<>(StandardFunctions.INSTANCE.names());
    extra.removeAll(names());
    assertEquals(Set.of("type"), extra);
  }

  @Test
  void everySignatureIsTerraforms() {
    Map<String, String> differences = new LinkedHashMap<>();
    for (String name : names()) {
      if (name.contains("::") || EVALUATOR_FUNCTIONS.contains(name)) {
        continue;
      }
      Builtin b = (Builtin) StandardFunctions.INSTANCE.lookup(name);
      JsonNode sig = terraform.path("functions").path(name);
      String want = describe(sig.path("parameters"), sig.path("variadic_parameter"));
      String got = describe(b);
      if (got.equals(DECLARED_OTHERWISE.get(name))) {
        continue;
      }
      if (!want.equals(got)) {
        differences.put(name, "terraform " + want + ", forma " + got);
      }
    }
    assertEquals(Map.of(), differences);
  }

  private static String describe(JsonNode params, JsonNode variadic) {
    StringBuilder sb = new StringBuilder("(");
    for (JsonNode p : params) {
      sb.append(param(p.path("name").asText(), type(p.path("type")), p.path("is_nullable")))
          .append(", ");
    }
    if (!variadic.isNull() && !variadic.isMissingNode()) {
      sb.append(
              param(
                  variadic.path("name").asText(),
                  type(variadic.path("type")),
                  variadic.path("is_nullable")))
          .append("...");
    }
    return sb.append(")").toString();
  }

  private static String describe(Builtin b) {
    StringBuilder sb = new StringBuilder("(");
    for (Param p : b.params()) {
      sb.append(param(p)).append(", ");
    }
    if (b.variadic() != null) {
      sb.append(param(b.variadic())).append("...");
    }
    return sb.append(")").toString();
  }

  private static String param(String name, Type type, JsonNode nullable) {
    return name + " " + type.typeExpr() + (nullable.asBoolean() ? " nullable" : "");
  }

  private static String param(Param p) {
    return p.name() + " " + p.type().typeExpr() + (p.allowNull() ? " nullable" : "");
  }

  /** Terraform's JSON type notation, as in its plan and schema JSON. */
  private static Type type(JsonNode t) {
    if (t.isTextual()) {
      return switch (t.asText()) {
        case "string" -> Type.STRING;
        case "number" -> Type.NUMBER;
        case "bool" -> Type.BOOL;
        case "dynamic" -> Type.DYNAMIC;
        default -> throw new IllegalArgumentException("type " + t);
      };
    }
    String kind = t.get(0).asText();
    return switch (kind) {
      case "list" -> Type.list(type(t.get(1)));
      case "set" -> Type.set(type(t.get(1)));
      case "map" -> Type.map(type(t.get(1)));
      case "tuple" -> {
        List<Type> elements = new ArrayList<>();
        t.get(1).forEach(e -> elements.add(type(e)));
        yield Type.tuple(elements);
      }
      case "object" -> {
        Map<String, Type> attrs = new LinkedHashMap<>();
        t.get(1).fields().forEachRemaining(e -> attrs.put(e.getKey(), type(e.getValue())));
        yield Type.object(attrs);
      }
      default -> throw new IllegalArgumentException("type " + t);
    };
  }

  @Test
  void containsRefusesANullValueAsTerraformDoes() {
    // found by everySignatureIsTerraforms: Forma answered false (or true) where Terraform refuses
    F.err(
        "Invalid value for \"value\" parameter: argument must not be null.",
        "contains",
        F.tup(F.s("a")),
        F.nul(Type.STRING));
  }
}
