package dev.forma.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.forma.engine.config.TypeConstraints;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.ConfigFile;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.json.JsonSchema;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs HashiCorp's HCL specification suite ({@code shared/conformance/hcl-specsuite}): for every
 * {@code NAME.t}, parses {@code NAME.hcl} (or {@code NAME.hcl.json}), decodes it with the {@code
 * hcldec} spec in {@code NAME.hcldec}, and checks the result, its type and the error ranges the
 * {@code .t} file expects.
 *
 * <p>This is our own small interpreter of the hcldec spec language, with the spec kinds the suite
 * uses: {@code literal}, {@code object}, {@code attr}, {@code block}, {@code block_list}, {@code
 * block_map}, and a {@code variables} block for the evaluation context.
 *
 * <p>Numbers: the suite's reference implementation computes with 512-bit binary floats, so its
 * expected {@code 11 % 5.1} carries a binary rounding error at the 154th decimal place; Forma
 * computes exactly in decimal. Numbers therefore compare equal when they agree to 100 significant
 * digits, far beyond anything a configuration can observe.
 */
class SpecSuiteTest {

  static Path suiteDir() {
    return SharedDir.hclSpecSuite();
  }

  @TestFactory
  Stream<DynamicTest> specSuite() throws IOException {
    Path dir = suiteDir();
    assertTrue(Files.isDirectory(dir), "spec suite not found at " + dir);
    List<Path> cases;
    try (Stream<Path> s = Files.walk(dir)) {
      cases = s.filter(p -> p.toString().endsWith(".t")).sorted().toList();
    }
    assertFalse(cases.isEmpty(), "no test cases in " + dir);
    return cases.stream()
        .map(t -> DynamicTest.dynamicTest(dir.relativize(t).toString(), () -> runCase(t)));
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static Body parse(Path p) throws IOException {
    String src = read(p);
    Result<ConfigFile> r =
        p.toString().endsWith(".json")
            ? JsonSyntax.parse(p.getFileName().toString(), src, JsonSchema.ATTRIBUTES)
            : Parser.parseFile(p.getFileName().toString(), src);
    assertFalse(r.hasErrors(), () -> "syntax errors in " + p + ": " + r.diagnostics());
    return r.value().body();
  }

  private static EvalContext context(Map<String, Value> vars) {
    return new EvalContext(vars, StandardFunctions.INSTANCE, null);
  }

  private void runCase(Path tFile) throws IOException {
    String base = tFile.toString().substring(0, tFile.toString().length() - 2);
    Body test = parse(tFile);
    Body spec = parse(Path.of(base + ".hcldec"));
    Path hcl = Path.of(base + ".hcl");
    Path json = Path.of(base + ".hcl.json");

    List<Path> inputs = new ArrayList<>();
    if (Files.exists(hcl)) {
      inputs.add(hcl);
    }
    if (Files.exists(json)) {
      inputs.add(json);
    }
    assertFalse(inputs.isEmpty(), "no input file for " + tFile);
    for (Path input : inputs) {
      runInput(input, test, spec);
    }
  }

  private void runInput(Path input, Body test, Body spec) throws IOException {
    String src = read(input);
    String name = input.getFileName().toString();
    Result<ConfigFile> parsed =
        name.endsWith(".json")
            ? JsonSyntax.parse(name, src, JsonSchema.ATTRIBUTES)
            : Parser.parseFile(name, src);
    Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());

    Map<String, Value> vars = new HashMap<>();
    Block varsBlock = first(spec, "variables");
    if (varsBlock != null) {
      for (Attribute a : varsBlock.body().attributes()) {
        vars.put(a.name(), eval(a));
      }
    }
    Block root = null;
    for (Block b : spec.blocks()) {
      if (!b.type().equals("variables")) {
        root = b;
      }
    }
    Value result = null;
    if (!parsed.hasErrors() && root != null) {
      result = decode(root, parsed.value().body(), context(vars), diags);
    }

    Block expectedDiags = first(test, "diagnostics");
    if (expectedDiags != null) {
      List<String> want = new ArrayList<>();
      for (Block e : expectedDiags.body().blocks("error")) {
        want.add(rangeKey(e.body()));
      }
      List<String> got = new ArrayList<>();
      for (Diagnostic d : diags) {
        if (d.isError() && d.subject() != null) {
          got.add(rangeKey(d.subject()));
        }
      }
      assertEquals(
          new TreeSet<>(want), new TreeSet<>(got), name + ": error ranges (from-to line:col:byte)");
      return;
    }
    assertFalse(diags.hasErrors(), () -> name + ": unexpected errors: " + diags);

    Attribute resultType = test.attribute("result_type");
    Attribute expected = test.attribute("result");
    if (resultType != null) {
      var tc = TypeConstraints.parse(resultType.expr());
      assertFalse(tc.hasErrors(), () -> "bad result_type: " + tc.diagnostics());
      Type want = tc.value().type();
      if (want.isKnownType()) {
        assertEquals(want, result.type(), name + ": result type");
      }
      if (expected != null) {
        Value exp;
        try {
          exp = Convert.convert(eval(expected), want);
        } catch (ConversionException e) {
          throw new AssertionError("expected result does not fit result_type: " + e.describe());
        }
        assertValueEquals(exp, result, name);
      }
    } else if (expected != null) {
      assertValueEquals(eval(expected), result, name);
    }
  }

  private static Value eval(Attribute a) {
    Result<Value> r = Evaluator.evaluate(a.expr(), context(Map.of()));
    assertFalse(r.hasErrors(), () -> "cannot evaluate " + a.name() + ": " + r.diagnostics());
    return r.value();
  }

  private static Block first(Body body, String type) {
    List<Block> bs = body.blocks(type);
    return bs.isEmpty() ? null : bs.getFirst();
  }

  private static String rangeKey(Body errorBlock) {
    return pos(first(errorBlock, "from").body()) + "-" + pos(first(errorBlock, "to").body());
  }

  private static String pos(Body b) {
    return num(b, "line") + ":" + num(b, "column") + ":" + num(b, "byte");
  }

  private static String num(Body b, String name) {
    return eval(b.attribute(name)).toString();
  }

  private static String rangeKey(Range r) {
    return r.start().line()
        + ":"
        + r.start().column()
        + ":"
        + r.start().byteOffset()
        + "-"
        + r.end().line()
        + ":"
        + r.end().column()
        + ":"
        + r.end().byteOffset();
  }

  // ---- the hcldec spec interpreter

  /** Decodes {@code body} with one spec block; names of the object it makes come from labels. */
  private Value decode(Block spec, Body body, EvalContext ctx, Diagnostics diags) {
    return switch (spec.type()) {
      case "literal" -> eval(spec.body().attribute("value"));
      case "object" -> decodeObject(spec.body(), body, ctx, diags);
      case "block" -> {
        String type = blockType(spec);
        List<Block> found = body.blocks(type);
        Block inner = innerSpec(spec);
        checkOnly(body, Set.of(), Set.of(type), diags);
        if (found.isEmpty()) {
          yield Value.nullOf(Type.DYNAMIC);
        }
        if (found.size() > 1) {
          diags.error(
              "Duplicate " + type + " block", "Only one is allowed.", found.get(1).defRange());
        }
        yield decode(inner, found.getFirst().body(), ctx, diags);
      }
      default -> throw new AssertionError("unsupported spec kind " + spec.type());
    };
  }

  private static String blockType(Block spec) {
    Attribute bt = spec.body().attribute("block_type");
    if (bt != null) {
      return eval(bt).toString();
    }
    return spec.labels().getFirst();
  }

  private static Block innerSpec(Block spec) {
    return spec.body().blocks().isEmpty() ? null : spec.body().blocks().getFirst();
  }

  private Value decodeObject(Body specBody, Body body, EvalContext ctx, Diagnostics diags) {
    Set<String> attrs = new TreeSet<>();
    Set<String> blocks = new TreeSet<>();
    for (Block child : specBody.blocks()) {
      String n = child.type().equals("attr") ? child.labels().getFirst() : blockType(child);
      (child.type().equals("attr") ? attrs : blocks).add(n);
    }
    checkOnly(body, attrs, blocks, diags);
    Map<String, Value> out = new LinkedHashMap<>();
    for (Block child : specBody.blocks()) {
      String key = child.labels().isEmpty() ? blockType(child) : child.labels().getFirst();
      switch (child.type()) {
        case "attr" -> out.put(key, decodeAttr(child, body, ctx, diags));
        case "block" -> {
          List<Block> found = body.blocks(blockType(child));
          out.put(
              key,
              found.isEmpty()
                  ? Value.nullOf(Type.DYNAMIC)
                  : decode(innerSpec(child), found.getFirst().body(), ctx, diags));
        }
        case "block_list" -> {
          List<Value> items = new ArrayList<>();
          for (Block b : body.blocks(blockType(child))) {
            if (innerSpec(child) != null) {
              items.add(decode(innerSpec(child), b.body(), ctx, diags));
            }
          }
          out.put(key, Value.tuple(items));
        }
        case "block_map" -> {
          Map<String, Value> items = new TreeMap<>();
          for (Block b : body.blocks(blockType(child))) {
            items.put(b.labels().getFirst(), decode(innerSpec(child), b.body(), ctx, diags));
          }
          List<Type> types = new ArrayList<>();
          items.values().forEach(v -> types.add(v.type()));
          Type et = items.isEmpty() ? Type.DYNAMIC : Convert.unify(types);
          out.put(key, Value.map(et, items));
        }
        default -> throw new AssertionError("unsupported spec kind " + child.type());
      }
    }
    return new ObjectValue(out);
  }

  private Value decodeAttr(Block spec, Body body, EvalContext ctx, Diagnostics diags) {
    Attribute a = body.attribute(spec.labels().getFirst());
    Attribute typeAttr = spec.body().attribute("type");
    Type want = Type.DYNAMIC;
    if (typeAttr != null) {
      want = TypeConstraints.parse(typeAttr.expr()).value().type();
    }
    if (a == null) {
      return Value.nullOf(want);
    }
    Result<Value> r = Evaluator.evaluate(a.expr(), ctx);
    diags.addAll(r.diagnostics());
    try {
      return Convert.convert(r.value(), want);
    } catch (ConversionException e) {
      diags.error("Incorrect attribute value type", e.describe(), a.expr().range());
      return Value.unknown(want);
    }
  }

  private static void checkOnly(
      Body body, Set<String> attrs, Set<String> blocks, Diagnostics diags) {
    for (Attribute a : body.attributes()) {
      if (!attrs.contains(a.name())) {
        diags.error(
            "Unsupported argument",
            "An argument named \"" + a.name() + "\" is not expected here.",
            a.nameRange());
      }
    }
    for (Block b : body.blocks()) {
      if (!blocks.contains(b.type())) {
        diags.error(
            "Unsupported block type",
            "Blocks of type \"" + b.type() + "\" are not expected here.",
            b.typeRange());
      }
    }
  }

  // ---- comparison

  private static void assertValueEquals(Value want, Value got, String where) {
    if (!same(want, got)) {
      fail(where + ": result differs\nexpected: " + want + "\nactual:   " + got);
    }
  }

  private static boolean same(Value a, Value b) {
    if (a instanceof NumberValue na && b instanceof NumberValue nb) {
      java.math.MathContext mc = new java.math.MathContext(100);
      BigDecimal x = na.value().round(mc);
      BigDecimal y = nb.value().round(mc);
      return x.compareTo(y) == 0;
    }
    if (a instanceof ObjectValue oa && b instanceof ObjectValue ob) {
      return sameMaps(oa.attributes(), ob.attributes());
    }
    if (a instanceof MapValue ma && b instanceof MapValue mb) {
      return sameMaps(ma.entries(), mb.entries());
    }
    if (a instanceof ListValue la && b instanceof ListValue lb) {
      return sameLists(la.elements(), lb.elements());
    }
    if (a instanceof TupleValue ta && b instanceof TupleValue tb) {
      return sameLists(ta.elements(), tb.elements());
    }
    if (a instanceof SetValue sa && b instanceof SetValue sb) {
      return sameLists(sa.elements(), sb.elements());
    }
    return a.equals(b);
  }

  private static boolean sameMaps(Map<String, Value> a, Map<String, Value> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (String k : a.keySet()) {
      if (!same(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameLists(List<Value> a, List<Value> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
