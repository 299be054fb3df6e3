package dev.forma.engine.eval;

import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Traverser;
import dev.forma.engine.hcl.json.JsonSyntax;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Pos;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.diag.Suggest;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.value.ConversionException;
import dev.forma.provider.api.value.Convert;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a resource, data source or provider body into a value of its schema's implied type, with
 * HCL's and Terraform's diagnostics for bodies that do not fit the schema ("Unsupported argument",
 * "Missing required argument", "Unsupported block type", "Too many x blocks", "Incorrect attribute
 * value type", ...). Meta-arguments ({@code count}, {@code for_each}, {@code depends_on}, {@code
 * provider}) and meta-blocks ({@code lifecycle}, {@code provisioner}, {@code connection}) of the
 * top-level body are skipped; {@code dynamic} blocks are expanded.
 *
 * <p>Also maps an attribute path to the narrowest source range of a body, as Terraform does for
 * provider diagnostics ({@link #rangeOf}, {@link #toDiagnostic}).
 */
public final class SchemaDecoder {
  /** Meta-arguments of a resource body: never provider arguments. */
  public static final Set<String> META_ARGUMENTS =
      Set.of("count", "for_each", "depends_on", "provider");

  /** Meta-blocks of a resource body: never provider blocks. */
  public static final Set<String> META_BLOCKS = Set.of("lifecycle", "provisioner", "connection");

  private final EvalContext ctx;
  private final Predicate<Expr> skip;
  private final Diagnostics diags = new Diagnostics();

  private SchemaDecoder(EvalContext ctx, Predicate<Expr> skip) {
    this.ctx = ctx;
    this.skip = skip;
  }

  private SchemaDecoder(EvalContext ctx) {
    this(ctx, e -> false);
  }

  private SchemaDecoder child(EvalContext c) {
    return new SchemaDecoder(c, skip);
  }

  /**
   * Decodes {@code body} against {@code schema}, evaluating its expressions in {@code ctx}. The
   * value is an object of {@code schema.impliedType()} (attributes that failed are unknown), also
   * when there are errors.
   */
  public static Result<Value> decode(Body body, BlockSchema schema, EvalContext ctx) {
    return decode(body, schema, ctx, e -> false);
  }

  /**
   * {@link #decode(Body, BlockSchema, EvalContext)}, leaving unevaluated (unknown) the expressions
   * {@code skip} names: those in which an earlier check already found an error.
   */
  public static Result<Value> decode(
      Body body, BlockSchema schema, EvalContext ctx, Predicate<Expr> skip) {
    SchemaDecoder d = new SchemaDecoder(ctx, skip);
    Value v = d.body(body, schema, true);
    return new Result<>(v, d.diags);
  }

  /**
   * The structural errors of {@code body} against {@code schema} without evaluating anything:
   * unsupported arguments and blocks, missing required arguments, unconfigurable attributes, and
   * block counts (dynamic blocks count as unknown).
   */
  public static Diagnostics checkStructure(Body body, BlockSchema schema) {
    SchemaDecoder d = new SchemaDecoder(null);
    d.body(body, schema, true);
    return d.diags;
  }

  /** One block to decode with where its diagnostics point. */
  private record Item(Body body, Range defRange, Range openBrace) {}

  /** The blocks of one nested type found in a body: static and expanded, or unknown. */
  private static final class Found {
    final List<Item> items = new ArrayList<>();
    final List<Value> dynamicValues = new ArrayList<>();
    boolean unknown;
  }

  private Value body(Body body, BlockSchema schema, boolean top) {
    Map<String, Attribute> attrs = new LinkedHashMap<>();
    Map<String, Found> blocks = new LinkedHashMap<>();
    Map<String, Block> blockForms = new LinkedHashMap<>();
    schema.blocks().keySet().forEach(n -> blocks.put(n, new Found()));
    for (BodyItem item : body.items()) {
      switch (item) {
        case Attribute a -> attribute(a, schema, top, attrs, blocks);
        case Block b -> block(b, schema, top, blocks, blockForms);
      }
    }
    Range missing = missingRange(body);
    Map<String, Value> out = new LinkedHashMap<>();
    for (AttributeSchema as : schema.attributes().values()) {
      Attribute a = attrs.get(as.name());
      Block form = blockForms.get(as.name());
      if (form != null) {
        if (a != null) {
          diags.add(
              Diagnostic.error(
                  "Attribute redefined",
                  "The argument \""
                      + as.name()
                      + "\" was already set at "
                      + a.nameRange()
                      + ". Each argument may be set only once.",
                  form.typeRange()));
          out.put(as.name(), Value.unknown(as.type()));
        } else {
          out.put(as.name(), blockFormValue(form, as));
        }
      } else if (a == null) {
        if (as.required()) {
          diags.add(
              Diagnostic.error(
                  "Missing required argument",
                  "The argument \"" + as.name() + "\" is required, but no definition was found.",
                  missing));
        }
        out.put(as.name(), Value.nullOf(as.type()));
      } else {
        out.put(as.name(), attributeValue(a, as));
      }
    }
    for (NestedBlockSchema nb : schema.blocks().values()) {
      out.put(nb.typeName(), nested(nb, blocks.get(nb.typeName()), missing));
    }
    return Value.object(out);
  }

  private void attribute(
      Attribute a,
      BlockSchema schema,
      boolean top,
      Map<String, Attribute> attrs,
      Map<String, Found> blocks) {
    if (top && META_ARGUMENTS.contains(a.name())) {
      return;
    }
    AttributeSchema as = schema.attributes().get(a.name());
    if (as != null) {
      Attribute prev = attrs.get(a.name());
      if (prev != null) {
        diags.add(duplicate(a, prev));
        return;
      }
      if (as.computed() && !as.optional()) {
        diags.add(
            Diagnostic.error(
                "Value for unconfigurable attribute",
                "Can't configure a value for \""
                    + a.name()
                    + "\": its value will be decided automatically based on the result of"
                    + " applying this configuration.",
                a.expr().range()));
        return;
      }
      attrs.put(a.name(), a);
      return;
    }
    NestedBlockSchema nb = schema.blocks().get(a.name());
    if (nb != null && JsonSyntax.isJson(a.range())) {
      Result<List<Block>> r = JsonSyntax.blocksOf(a);
      diags.addAll(r.diagnostics());
      for (Block b : r.value()) {
        blocks.get(nb.typeName()).items.add(new Item(b.body(), b.defRange(), b.openBraceRange()));
      }
      return;
    }
    String hint = Suggest.didYouMean(a.name(), schema.attributes().keySet());
    if (hint.isEmpty() && nb != null) {
      hint = " Did you mean to define a block of type \"" + a.name() + "\"?";
    }
    diags.add(
        Diagnostic.error(
            "Unsupported argument",
            "An argument named \"" + a.name() + "\" is not expected here." + hint,
            a.nameRange()));
  }

  private Diagnostic duplicate(Attribute a, Attribute prev) {
    if (JsonSyntax.isJson(a.range())) {
      return Diagnostic.error(
          "Duplicate argument",
          "The argument \"" + a.name() + "\" was already set at " + prev.nameRange() + ".",
          a.nameRange());
    }
    return Diagnostic.error(
        "Attribute redefined",
        "The argument \""
            + a.name()
            + "\" was already set at "
            + prev.nameRange()
            + ". Each argument may be set only once.",
        a.nameRange());
  }

  private void block(
      Block b,
      BlockSchema schema,
      boolean top,
      Map<String, Found> blocks,
      Map<String, Block> blockForms) {
    if (top && META_BLOCKS.contains(b.type())) {
      return;
    }
    if (b.type().equals("dynamic") && !schema.blocks().containsKey("dynamic")) {
      dynamic(b, schema, blocks);
      return;
    }
    NestedBlockSchema nb = schema.blocks().get(b.type());
    AttributeSchema form = schema.attributes().get(b.type());
    if (nb == null && form != null && form.blockFormAccepted()) {
      blockForm(b, blockForms);
      return;
    }
    if (nb == null) {
      String detail = "Blocks of type \"" + b.type() + "\" are not expected here.";
      if (schema.attributes().containsKey(b.type())) {
        detail +=
            " Did you mean to define argument \""
                + b.type()
                + "\"? If so, use the equals sign to assign it a value.";
      } else {
        detail += Suggest.didYouMean(b.type(), schema.blocks().keySet());
      }
      diags.add(Diagnostic.error("Unsupported block type", detail, b.typeRange()));
      return;
    }
    if (!b.labels().isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Extraneous label for " + b.type(),
              "No labels are expected for " + b.type() + " blocks.",
              b.labelRanges().getFirst()));
      return;
    }
    blocks.get(b.type()).items.add(new Item(b.body(), b.defRange(), b.openBraceRange()));
  }

  /** Records {@code configs { ... }} written for a map attribute that accepts the block form. */
  private void blockForm(Block b, Map<String, Block> blockForms) {
    if (!b.labels().isEmpty()) {
      diags.add(
          Diagnostic.error(
              "Extraneous label for " + b.type(),
              "No labels are expected for " + b.type() + " blocks.",
              b.labelRanges().getFirst()));
      return;
    }
    Block prev = blockForms.get(b.type());
    if (prev != null) {
      diags.add(
          Diagnostic.error(
              "Attribute redefined",
              "The argument \""
                  + b.type()
                  + "\" was already set at "
                  + prev.typeRange()
                  + ". Each argument may be set only once.",
              b.typeRange()));
      return;
    }
    blockForms.put(b.type(), b);
    StringBuilder form = new StringBuilder("  ").append(b.type()).append(" = {");
    List<String> keys = new ArrayList<>();
    for (BodyItem item : b.body().items()) {
      if (item instanceof Attribute a) {
        keys.add(a.name());
      }
    }
    if (keys.isEmpty()) {
      form.append("}");
    } else {
      int width = keys.stream().mapToInt(String::length).max().orElse(0);
      for (String k : keys) {
        form.append("\n    ").append(k).append(" ".repeat(width - k.length())).append(" = ...");
      }
      form.append("\n  }");
    }
    Range r = b.typeRange();
    diags.add(
        Diagnostic.warning(
            "Argument written as a block",
            "\""
                + b.type()
                + "\" is a map argument, written here as a block. Forma accepts this form because"
                + " the provider's published example uses it, but Terraform rejects it. Write it as"
                + " an argument instead:\n\n"
                + form,
            r));
  }

  /** The map a block-form attribute's block stands for: each of its arguments is one entry. */
  private Value blockFormValue(Block b, AttributeSchema as) {
    Type element = as.type().elementType();
    Map<String, Value> entries = new LinkedHashMap<>();
    Map<String, Attribute> seen = new LinkedHashMap<>();
    boolean failed = false;
    for (BodyItem item : b.body().items()) {
      switch (item) {
        case Block inner -> {
          diags.add(
              Diagnostic.error(
                  "Unsupported block type",
                  "Blocks of type \"" + inner.type() + "\" are not expected here.",
                  inner.typeRange()));
          failed = true;
        }
        case Attribute a -> {
          Attribute prev = seen.put(a.name(), a);
          if (prev != null) {
            diags.add(duplicate(a, prev));
            failed = true;
            continue;
          }
          if (ctx == null || skip.test(a.expr())) {
            failed = true;
            continue;
          }
          Result<Value> r = Evaluator.evaluate(a.expr(), ctx);
          diags.addAll(r.diagnostics());
          if (r.hasErrors()) {
            failed = true;
            continue;
          }
          try {
            entries.put(a.name(), Convert.convert(r.value(), element));
          } catch (ConversionException e) {
            diags.add(
                Diagnostic.error(
                        "Incorrect attribute value type",
                        "Inappropriate value for attribute \""
                            + as.name()
                            + "\": element \""
                            + a.name()
                            + "\": "
                            + e.describe()
                            + ".",
                        a.expr().range())
                    .withContext(a.nameRange().to(a.expr().range())));
            failed = true;
          }
        }
      }
    }
    return failed ? Value.unknown(as.type()) : Value.map(element, entries);
  }

  /**
   * The names of the top-level attributes of {@code body} written in block form ({@code configs {
   * ... }}) that {@code schema} accepts so: a provider may treat what such a block lacks more
   * leniently than what an {@code =} map lacks.
   */
  public static Set<String> blockFormAttributes(Body body, BlockSchema schema) {
    Set<String> out = new java.util.TreeSet<>();
    for (BodyItem item : body.items()) {
      if (item instanceof Block b
          && !schema.blocks().containsKey(b.type())
          && schema.attributes().get(b.type()) != null
          && schema.attributes().get(b.type()).blockFormAccepted()) {
        out.add(b.type());
      }
    }
    return out;
  }

  /**
   * Expands {@code dynamic "type" { for_each, iterator, labels, content {} }} into one block per
   * element of {@code for_each}, with the iterator ({@code type} unless named) bound to {@code
   * {key, value}} in the content.
   */
  private void dynamic(Block b, BlockSchema schema, Map<String, Found> blocks) {
    if (b.labels().size() != 1) {
      if (b.labels().isEmpty()) {
        diags.add(
            Diagnostic.error(
                "Missing name for dynamic",
                "All dynamic blocks must have 1 labels (name).",
                b.openBraceRange()));
      } else {
        diags.add(
            Diagnostic.error(
                "Extraneous label for dynamic",
                "Only 1 labels (name) are expected for dynamic blocks.",
                b.labelRanges().get(1)));
      }
      return;
    }
    String type = b.labels().getFirst();
    NestedBlockSchema nb = schema.blocks().get(type);
    if (nb == null) {
      diags.add(
          Diagnostic.error(
              "Unsupported block type",
              "Blocks of type \"" + type + "\" are not expected here.",
              b.labelRanges().getFirst()));
      return;
    }
    Attribute forEach = null;
    Attribute iterator = null;
    Attribute labels = null;
    Block content = null;
    for (BodyItem item : b.body().items()) {
      switch (item) {
        case Attribute a -> {
          switch (a.name()) {
            case "for_each" -> forEach = a;
            case "iterator" -> iterator = a;
            case "labels" -> labels = a;
            default ->
                diags.add(
                    Diagnostic.error(
                        "Unsupported argument",
                        "An argument named \""
                            + a.name()
                            + "\" is not expected here."
                            + Suggest.didYouMean(
                                a.name(), List.of("for_each", "iterator", "labels")),
                        a.nameRange()));
          }
        }
        case Block c -> {
          if (!c.type().equals("content")) {
            diags.add(
                Diagnostic.error(
                    "Unsupported block type",
                    "Blocks of type \""
                        + c.type()
                        + "\" are not expected here."
                        + Suggest.didYouMean(c.type(), List.of("content")),
                    c.typeRange()));
          } else if (content != null) {
            diags.add(
                Diagnostic.error(
                    "Duplicate nested content block",
                    "Only one nested content block is allowed for each dynamic block. Another was"
                        + " defined at "
                        + content.typeRange()
                        + ".",
                    c.typeRange()));
          } else {
            content = c;
          }
        }
      }
    }
    Found found = blocks.get(type);
    if (forEach == null) {
      diags.add(
          Diagnostic.error(
              "Missing required argument",
              "The argument \"for_each\" is required, but no definition was found.",
              b.openBraceRange()));
      return;
    }
    if (content == null) {
      diags.add(
          Diagnostic.error(
              "Missing dynamic content block",
              "A dynamic block must have a nested block of type \"content\" to describe the body"
                  + " of each generated block.",
              b.openBraceRange()));
      return;
    }
    String iterName = type;
    if (iterator != null) {
      if (iterator.expr() instanceof Expr.ScopeTraversal t && t.traversal().size() == 1) {
        iterName = ((Traverser.Root) t.traversal().getFirst()).name();
      } else {
        diags.add(
            Diagnostic.error(
                "Invalid dynamic iterator name",
                "Dynamic iterator must be a single variable name.",
                iterator.expr().range()));
        return;
      }
    }
    if (labels != null && !isEmptyTuple(labels.expr())) {
      diags.add(
          Diagnostic.error(
              "Extraneous label for " + type,
              "No labels are expected for " + type + " blocks.",
              labels.expr().range()));
      return;
    }
    Block contentBlock = content;
    if (ctx == null) {
      // structure only: check the content once, as one block of unknown count
      SchemaDecoder inner = new SchemaDecoder(null);
      inner.body(content.body(), nb.block(), false);
      diags.addAll(inner.diags);
      found.unknown = true;
      return;
    }
    if (skip.test(forEach.expr())) {
      found.unknown = true;
      return;
    }
    Result<Value> fe = Evaluator.evaluate(forEach.expr(), ctx);
    diags.addAll(fe.diagnostics());
    if (fe.hasErrors()) {
      found.unknown = true;
      return;
    }
    Value coll = fe.value().unmarkDeep();
    if (coll.isNull()) {
      diags.add(
          Diagnostic.error(
              "Invalid dynamic for_each value",
              "Cannot use a null value in for_each.",
              forEach.expr().range()));
      return;
    }
    if (!coll.isKnown()) {
      found.unknown = true;
      return;
    }
    List<Value[]> pairs = new ArrayList<>();
    switch (coll) {
      case ListValue l -> {
        for (int i = 0; i < l.elements().size(); i++) {
          pairs.add(new Value[] {Value.of(i), l.elements().get(i)});
        }
      }
      case TupleValue t -> {
        for (int i = 0; i < t.elements().size(); i++) {
          pairs.add(new Value[] {Value.of(i), t.elements().get(i)});
        }
      }
      case SetValue s -> s.elements().forEach(e -> pairs.add(new Value[] {e, e}));
      case MapValue m -> m.entries().forEach((k, v) -> pairs.add(new Value[] {Value.of(k), v}));
      case ObjectValue o ->
          o.attributes().forEach((k, v) -> pairs.add(new Value[] {Value.of(k), v}));
      default -> {
        diags.add(
            Diagnostic.error(
                "Invalid dynamic for_each value",
                "Cannot use a "
                    + coll.type().friendlyName()
                    + " value in for_each. An iterable collection is required.",
                forEach.expr().range()));
        return;
      }
    }
    for (Value[] kv : pairs) {
      EvalContext child =
          ctx.child(Map.of(iterName, Value.object(Map.of("key", kv[0], "value", kv[1]))));
      SchemaDecoder inner = child(child);
      Value v = inner.body(contentBlock.body(), nb.block(), false);
      diags.addAll(inner.diags);
      found.items.add(null);
      found.dynamicValues.add(v);
    }
    // keep source ranges for count errors: the dynamic block stands for each generated block
    int n = pairs.size();
    for (int i = found.items.size() - n; i < found.items.size(); i++) {
      found.items.set(i, new Item(null, b.defRange(), contentBlock.openBraceRange()));
    }
  }

  private static boolean isEmptyTuple(Expr e) {
    return e instanceof Expr.TupleCons t && t.elements().isEmpty();
  }

  private Value nested(NestedBlockSchema nb, Found found, Range missing) {
    Type inner = nb.block().impliedType();
    List<Value> values = new ArrayList<>();
    int dyn = 0;
    for (Item it : found.items) {
      if (it.body() == null) {
        values.add(found.dynamicValues.get(dyn++));
      } else if (ctx == null) {
        SchemaDecoder d = new SchemaDecoder(null);
        values.add(d.body(it.body(), nb.block(), false));
        diags.addAll(d.diags);
      } else {
        SchemaDecoder d = child(ctx);
        values.add(d.body(it.body(), nb.block(), false));
        diags.addAll(d.diags);
      }
    }
    int count = found.items.size();
    switch (nb.nesting()) {
      case SINGLE -> {
        if (found.unknown) {
          return Value.unknown(inner);
        }
        if (count > 1) {
          diags.add(
              Diagnostic.error(
                  "Duplicate " + nb.typeName() + " block",
                  "Only one block of type \""
                      + nb.typeName()
                      + "\" is allowed. Previous definition was at "
                      + found.items.getFirst().defRange()
                      + ".",
                  found.items.get(1).defRange()));
        }
        if (count == 0) {
          if (nb.minItems() >= 1) {
            diags.add(
                Diagnostic.error(
                    "Missing " + nb.typeName() + " block",
                    "A block of type \"" + nb.typeName() + "\" is required here.",
                    missing));
          }
          return Value.nullOf(inner);
        }
        return values.getFirst();
      }
      case LIST, SET -> {
        if (found.unknown) {
          return Value.unknown(nb.nesting() == Nesting.LIST ? Type.list(inner) : Type.set(inner));
        }
        if (count < nb.minItems()) {
          diags.add(
              Diagnostic.error(
                  "Insufficient " + nb.typeName() + " blocks",
                  "At least " + nb.minItems() + " \"" + nb.typeName() + "\" blocks are required.",
                  missing));
        } else if (nb.maxItems() > 0 && count > nb.maxItems()) {
          diags.add(
              Diagnostic.error(
                  "Too many " + nb.typeName() + " blocks",
                  "No more than " + nb.maxItems() + " \"" + nb.typeName() + "\" blocks are allowed",
                  found.items.get(nb.maxItems()).openBrace()));
        }
        if (nb.nesting() == Nesting.SET) {
          return Value.set(inner, values);
        }
        return inner.isKnownType() ? Value.list(inner, values) : Value.tuple(values);
      }
    }
    throw new AssertionError(nb.nesting());
  }

  private Value attributeValue(Attribute a, AttributeSchema as) {
    if (ctx == null || skip.test(a.expr())) {
      return Value.unknown(as.type());
    }
    Result<Value> r = Evaluator.evaluate(a.expr(), ctx);
    diags.addAll(r.diagnostics());
    if (r.hasErrors()) {
      return Value.unknown(as.type());
    }
    try {
      return Convert.convert(r.value(), as.type());
    } catch (ConversionException e) {
      diags.add(
          Diagnostic.error(
                  "Incorrect attribute value type",
                  "Inappropriate value for attribute \"" + as.name() + "\": " + e.describe() + ".",
                  a.expr().range())
              .withContext(a.nameRange().to(a.expr().range())));
      return Value.unknown(as.type());
    }
  }

  /**
   * Where "Missing required argument" points, as Terraform: the body's opening brace (the whole
   * body's start, zero width, when the body has no brace, as a file).
   */
  static Range missingRange(Body body) {
    Range r = body.range();
    Pos s = r.start();
    if (body.endRange() == null) {
      return Range.at(r.filename(), s);
    }
    return new Range(r.filename(), s, new Pos(s.line(), s.column() + 1, s.byteOffset() + 1));
  }

  /**
   * The narrowest source range in {@code body} for an attribute path, as Terraform elaborates a
   * provider diagnostic: an attribute's expression (or, for one index step further, the element of
   * a list or the value of a map key written literally), a nested block's type and labels; null
   * when the path does not lead anywhere in the body (the caller falls back to the whole resource).
   */
  public static Range rangeOf(Body body, List<PathStep> path) {
    Range ret = null;
    Body current = body;
    int i = 0;
    while (i < path.size()) {
      if (!(path.get(i) instanceof PathStep.Attr step)) {
        return ret;
      }
      PathStep.Index next =
          i + 1 < path.size() && path.get(i + 1) instanceof PathStep.Index x ? x : null;
      Attribute attr = current.attribute(step.name());
      if (attr != null) {
        return next == null ? attr.expr().range() : indexRange(attr, next);
      }
      List<Block> blocks = current.blocks(step.name());
      if (blocks.isEmpty()) {
        return ret;
      }
      Block chosen;
      if (next == null) {
        chosen = blocks.getFirst();
        i += 1;
      } else if (next.key().unmark() instanceof NumberValue n) {
        int idx = n.value().intValue();
        if (idx < 0 || idx >= blocks.size()) {
          return ret;
        }
        chosen = blocks.get(idx);
        i += 2;
      } else {
        return blocks.getFirst().defRange();
      }
      ret = chosen.defRange();
      current = chosen.body();
    }
    return ret;
  }

  private static Range indexRange(Attribute attr, PathStep.Index step) {
    Expr e = attr.expr();
    switch (step.key().unmark()) {
      case NumberValue n -> {
        if (!(e instanceof Expr.TupleCons t)) {
          return e.range();
        }
        int idx = n.value().intValue();
        return idx < 0 || idx >= t.elements().size()
            ? attr.nameRange()
            : t.elements().get(idx).range();
      }
      case StringValue s -> {
        if (!(e instanceof Expr.ObjectCons o)) {
          return e.range();
        }
        for (Expr.ObjectItem item : o.items()) {
          Result<Value> k = Evaluator.evaluate(item.key(), EMPTY_CONTEXT);
          if (k.hasErrors() || !(k.value().unmark() instanceof StringValue ks)) {
            return e.range();
          }
          if (ks.value().equals(s.value())) {
            return item.value().range();
          }
        }
        return attr.nameRange();
      }
      default -> {
        return e.range();
      }
    }
  }

  private static final EvalContext EMPTY_CONTEXT =
      new EvalContext(Map.of(), dev.forma.engine.functions.StandardFunctions.INSTANCE, null);

  /**
   * A provider's diagnostic as a configuration diagnostic: its path mapped to a range of {@code
   * body} by {@link #rangeOf}, or {@code fallback} (typically the resource block's declaration)
   * when the path is empty or leads nowhere.
   */
  public static Diagnostic toDiagnostic(ProviderDiagnostic pd, Body body, Range fallback) {
    Range r = body == null ? null : rangeOf(body, pd.attributePath());
    return new Diagnostic(pd.severity(), pd.summary(), pd.detail(), r != null ? r : fallback, null);
  }
}
