package dev.forma.engine.config;

import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Body;
import dev.forma.engine.hcl.BodyItem;
import dev.forma.engine.hcl.json.JsonSchema;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Range;
import dev.forma.provider.api.diag.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Terraform block's body may contain: its arguments (required or not), its nested block
 * types with their label names, and the arguments whose JSON strings hold expressions. Decodes a
 * body with HCL's diagnostics ("Unsupported argument", "Unsupported block type", "Missing required
 * argument", label count errors) and gives the JSON reader its {@link JsonSchema}.
 */
record BlockSchema(
    Map<String, Boolean> attributes,
    Map<String, List<String>> blockLabels,
    Map<String, BlockSchema> blockBodies,
    Set<String> jsonExpressionAttributes) {

  /** What a body held, by schema: arguments by name, blocks in source order, and the rest. */
  record Content(Map<String, Attribute> attributes, List<Block> blocks, List<BodyItem> remain) {
    Attribute get(String name) {
      return attributes.get(name);
    }

    List<Block> blocks(String type) {
      return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a schema argument by argument and block by block. */
  static final class Builder {
    private final Map<String, Boolean> attributes = new LinkedHashMap<>();
    private final Map<String, List<String>> labels = new LinkedHashMap<>();
    private final Map<String, BlockSchema> bodies = new LinkedHashMap<>();
    private final Set<String> exprAttrs = new TreeSet<>();

    Builder attr(String... names) {
      for (String n : names) {
        attributes.put(n, false);
      }
      return this;
    }

    Builder required(String... names) {
      for (String n : names) {
        attributes.put(n, true);
      }
      return this;
    }

    /** Arguments whose JSON string values are native expressions, not templates. */
    Builder jsonExpr(String... names) {
      for (String n : names) {
        exprAttrs.add(n);
        attributes.putIfAbsent(n, false);
      }
      return this;
    }

    Builder block(String type, BlockSchema body, String... labelNames) {
      labels.put(type, List.of(labelNames));
      bodies.put(type, body);
      return this;
    }

    BlockSchema build() {
      return new BlockSchema(attributes, labels, bodies, exprAttrs);
    }
  }

  /**
   * This schema as override files use it: no argument is required (Terraform decodes override
   * blocks so, and requires arguments only of the merged result).
   */
  BlockSchema forOverride() {
    Map<String, Boolean> optional = new LinkedHashMap<>();
    attributes.keySet().forEach(n -> optional.put(n, false));
    return new BlockSchema(optional, blockLabels, blockBodies, jsonExpressionAttributes);
  }

  /** The schema the JSON reader reads a body of this kind with. */
  JsonSchema json() {
    Map<String, JsonSchema.BlockSpec> blocks = new LinkedHashMap<>();
    blockLabels.forEach(
        (type, l) ->
            blocks.put(type, new JsonSchema.BlockSpec(l.size(), blockBodies.get(type).json())));
    return new JsonSchema(blocks, jsonExpressionAttributes);
  }

  /**
   * Decodes {@code body}. With {@code partial}, items the schema does not name are kept in {@code
   * remain} instead of being reported. {@code missingRange} is where "Missing required argument"
   * points (the block's opening brace).
   */
  Content decode(Body body, Range missingRange, boolean partial, Diagnostics diags) {
    Map<String, Attribute> attrs = new LinkedHashMap<>();
    List<Block> blocks = new ArrayList<>();
    List<BodyItem> remain = new ArrayList<>();
    for (BodyItem item : body.items()) {
      switch (item) {
        case Attribute a -> {
          if (attributes.containsKey(a.name())) {
            attrs.putIfAbsent(a.name(), a);
          } else if (partial) {
            remain.add(a);
          } else {
            diags.add(
                Diagnostic.error(
                    "Unsupported argument",
                    "An argument named \""
                        + a.name()
                        + "\" is not expected here."
                        + Suggest.didYouMean(a.name(), attributes.keySet()),
                    a.nameRange()));
          }
        }
        case Block b -> {
          List<String> labelNames = blockLabels.get(b.type());
          if (labelNames == null) {
            if (partial) {
              remain.add(b);
            } else {
              diags.add(unsupportedBlock(b, blockLabels.keySet(), attributes.keySet()));
            }
          } else if (checkLabels(b, labelNames, diags)) {
            blocks.add(b);
          }
        }
      }
    }
    for (Map.Entry<String, Boolean> e : attributes.entrySet()) {
      if (e.getValue() && !attrs.containsKey(e.getKey())) {
        diags.add(
            Diagnostic.error(
                "Missing required argument",
                "The argument \"" + e.getKey() + "\" is required, but no definition was found.",
                missingRange));
      }
    }
    return new Content(attrs, blocks, remain);
  }

  static Diagnostic unsupportedBlock(Block b, Set<String> blockTypes, Set<String> attributes) {
    String detail = "Blocks of type \"" + b.type() + "\" are not expected here.";
    if (attributes.contains(b.type())) {
      detail +=
          " Did you mean to define argument \""
              + b.type()
              + "\"? If so, use the equals sign to assign it a value.";
    } else {
      detail += Suggest.didYouMean(b.type(), blockTypes);
    }
    return Diagnostic.error("Unsupported block type", detail, b.typeRange());
  }

  /** Checks a block's label count; false (after reporting) when it is wrong. */
  static boolean checkLabels(Block b, List<String> labelNames, Diagnostics diags) {
    int want = labelNames.size();
    int have = b.labels().size();
    String names = String.join(", ", labelNames);
    if (have < want) {
      diags.add(
          Diagnostic.error(
              "Missing " + labelNames.get(have) + " for " + b.type(),
              "All " + b.type() + " blocks must have " + want + " labels (" + names + ").",
              b.openBraceRange()));
      return false;
    }
    if (have > want) {
      diags.add(
          Diagnostic.error(
              "Extraneous label for " + b.type(),
              want == 0
                  ? "No labels are expected for " + b.type() + " blocks."
                  : "Only "
                      + want
                      + " labels ("
                      + names
                      + ") are expected for "
                      + b.type()
                      + " blocks.",
              b.labelRanges().get(want)));
      return false;
    }
    return true;
  }
}
