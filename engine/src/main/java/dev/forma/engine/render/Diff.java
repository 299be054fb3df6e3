package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.plan.Action;
import dev.forma.provider.api.value.ValueRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A computed diff of one value: how to render it, its action ({@code NO_OP}, {@code CREATE}, {@code
 * UPDATE}, {@code DELETE}) and whether it forces replacement.
 */
record Diff(Renderer renderer, Action action, boolean replace) {

  String render(int indent, Opts opts) {
    return renderer.render(this, indent, opts);
  }

  List<String> warnings(int indent, Opts opts) {
    return renderer instanceof Renderer.Sensitive s ? s.warnings(this, indent, opts) : List.of();
  }

  /** Rendering options handed down the tree, as Terraform's. */
  record Opts(
      Colorize colorize,
      boolean showUnchanged,
      boolean overrideNullSuffix,
      boolean forceForcesReplacement,
      boolean forbidForcesReplacement,
      boolean hideSymbols) {
    /** Options that show the action symbols (every plan text). */
    Opts(
        Colorize colorize,
        boolean showUnchanged,
        boolean overrideNullSuffix,
        boolean forceForcesReplacement,
        boolean forbidForcesReplacement) {
      this(
          colorize,
          showUnchanged,
          overrideNullSuffix,
          forceForcesReplacement,
          forbidForcesReplacement,
          false);
    }

    Opts showUnchanged(boolean v) {
      return new Opts(
          colorize,
          v,
          overrideNullSuffix,
          forceForcesReplacement,
          forbidForcesReplacement,
          hideSymbols);
    }

    Opts overrideNullSuffix(boolean v) {
      return new Opts(
          colorize, showUnchanged, v, forceForcesReplacement, forbidForcesReplacement, hideSymbols);
    }

    Opts forceForcesReplacement(boolean v) {
      return new Opts(
          colorize, showUnchanged, overrideNullSuffix, v, forbidForcesReplacement, hideSymbols);
    }

    Opts forbidForcesReplacement(boolean v) {
      return new Opts(
          colorize, showUnchanged, overrideNullSuffix, forceForcesReplacement, v, hideSymbols);
    }

    String color(String markup) {
      return colorize.color(markup);
    }
  }

  static String indent(int n) {
    return "    ".repeat(n);
  }

  /** The three-character symbol of an action, as colour markup. */
  static String symbolMarkup(Action a) {
    return switch (a) {
      case DELETE_THEN_CREATE -> "[red]-[reset]/[green]+[reset]";
      case CREATE_THEN_DELETE -> "[green]+[reset]/[red]-[reset]";
      case CREATE -> "  [green]+[reset]";
      case DELETE -> "  [red]-[reset]";
      case READ -> " [cyan]<=[reset]";
      case UPDATE -> "  [yellow]~[reset]";
      case NO_OP -> "   ";
      case FORGET -> " [red].[reset]";
    };
  }

  static String symbol(Action a, Opts opts) {
    if (opts.hideSymbols()) {
      return "";
    }
    return opts.color(symbolMarkup(a)) + " ";
  }

  static String nullSuffix(Action a, Opts opts) {
    return !opts.overrideNullSuffix() && a == Action.DELETE
        ? opts.color(" [dark_gray]-> null[reset]")
        : "";
  }

  static String forcesReplacement(boolean replace, Opts opts) {
    if (opts.forbidForcesReplacement()) {
      return "";
    }
    return replace || opts.forceForcesReplacement()
        ? opts.color(" [red]# forces replacement[reset]")
        : "";
  }

  static String unchanged(String keyword, int count, Opts opts) {
    return opts.color(
        "[dark_gray]# ("
            + count
            + " unchanged "
            + keyword
            + (count == 1 ? "" : "s")
            + " hidden)[reset]");
  }

  static final java.util.Set<String> IMPORTANT = java.util.Set.of("id", "name", "tags");

  /** {@code name} as is when it is an HCL identifier, quoted otherwise. */
  static String attributeName(String name) {
    if (isIdentifier(name)) {
      return name;
    }
    return ValueRenderer.quote(name);
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int first = s.codePointAt(0);
    if (!Character.isUnicodeIdentifierStart(first) && first != '_') {
      return false;
    }
    for (int i = Character.charCount(first); i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!Character.isUnicodeIdentifierPart(cp) && cp != '-') {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** The kinds of rendering a diff may need. */
  sealed interface Renderer {
    String render(Diff diff, int indent, Opts opts);

    /** A string, number, bool or null. {@code kind} is "string", "number", "bool" or "null". */
    record Primitive(JsonNode before, JsonNode after, String kind) implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        if (kind.equals("string")) {
          return renderString(diff, indent, opts);
        }
        String b = value(before, opts);
        String a = value(after, opts);
        String fr = forcesReplacement(diff.replace(), opts);
        return switch (diff.action()) {
          case CREATE -> a + fr;
          case DELETE -> b + nullSuffix(diff.action(), opts) + fr;
          case NO_OP -> b + fr;
          default -> b + " " + opts.color("[yellow]->[reset]") + " " + a + fr;
        };
      }

      private static String value(JsonNode v, Opts opts) {
        if (v == null) {
          return opts.color("[dark_gray]null[reset]");
        }
        if (v.isBoolean()) {
          return v.booleanValue() ? "true" : "false";
        }
        if (v.isNumber()) {
          java.math.BigDecimal d = v.decimalValue();
          return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return ValueRenderer.quote(v.asText());
      }

      private String renderString(Diff diff, int indent, Opts opts) {
        String fr = forcesReplacement(diff.replace(), opts);
        List<String> lines = new ArrayList<>();
        switch (diff.action()) {
          case CREATE, NO_OP -> {
            Str s = Str.of(after, opts);
            if (s.json != null) {
              return diff.action() == Action.NO_OP
                  ? renderJson(diff, indent, opts, s, s)
                  : renderJson(diff, indent, opts, Str.NONE, s);
            }
            if (!s.multiline) {
              return s.quoted() + fr;
            }
            for (String line : s.text.split("\n", -1)) {
              lines.add(indent(indent + 1) + symbol(Action.NO_OP, opts) + line);
            }
          }
          case DELETE -> {
            Str s = Str.of(before, opts);
            if (s.json != null) {
              return renderJson(diff, indent, opts, s, Str.NONE);
            }
            if (!s.multiline) {
              return s.quoted() + nullSuffix(diff.action(), opts) + fr;
            }
            for (String line : s.text.split("\n", -1)) {
              lines.add(indent(indent + 1) + symbol(Action.NO_OP, opts) + line);
            }
          }
          default -> {
            Str b = Str.of(before, opts);
            Str a = Str.of(after, opts);
            if (b.json != null && a.json != null) {
              return renderJson(diff, indent, opts, b, a);
            }
            if (b.json != null || a.json != null) {
              Diff typeChange =
                  new Diff(
                      new TypeChange(
                          new Diff(new Primitive(before, null, "string"), Action.DELETE, false),
                          new Diff(new Primitive(null, after, "string"), Action.CREATE, false)),
                      diff.action(),
                      diff.replace());
              return typeChange.render(indent, opts);
            }
            if (!b.multiline && !a.multiline) {
              return b.quoted() + " " + opts.color("[yellow]->[reset]") + " " + a.quoted() + fr;
            }
            List<String> bl = List.of(b.text.split("\n", -1));
            List<String> al = List.of(a.text.split("\n", -1));
            Slices.process(
                bl,
                al,
                x -> false,
                (bi, ai) -> {
                  if (bi < 0 || bi >= bl.size()) {
                    lines.add(indent(indent + 1) + symbol(Action.CREATE, opts) + al.get(ai));
                  } else if (ai < 0 || ai >= al.size()) {
                    lines.add(indent(indent + 1) + symbol(Action.DELETE, opts) + bl.get(bi));
                  } else {
                    lines.add(indent(indent + 1) + symbol(Action.NO_OP, opts) + bl.get(bi));
                  }
                });
          }
        }
        return "<<-EOT"
            + fr
            + "\n"
            + String.join("\n", lines)
            + "\n"
            + indent(indent)
            + symbol(Action.NO_OP, opts)
            + "EOT"
            + nullSuffix(diff.action(), opts);
      }

      private static String renderJson(Diff diff, int indent, Opts opts, Str before, Str after) {
        Diff json =
            Differ.json(
                new Change(
                    before.json,
                    after.json,
                    false,
                    false,
                    null,
                    null,
                    null,
                    PathMatcher.NONE,
                    PathMatcher.ALWAYS));
        Action action = diff.action();
        String whitespace = "";
        String replace = "";
        Opts jsonOpts = opts.overrideNullSuffix(true);
        if (json.action() == Action.NO_OP && diff.action() == Action.UPDATE) {
          whitespace =
              diff.replace() ? " # whitespace changes force replacement" : " # whitespace changes";
          jsonOpts = jsonOpts.showUnchanged(true);
          action = Action.NO_OP;
        } else {
          replace = forcesReplacement(diff.replace(), opts);
        }
        String rendered = json.render(indent + 1, jsonOpts);
        if (diff.action() == Action.CREATE || diff.action() == Action.DELETE) {
          action = Action.NO_OP;
        }
        if (rendered.contains("\n")) {
          return "jsonencode("
              + whitespace
              + "\n"
              + indent(indent + 1)
              + symbol(action, opts)
              + rendered
              + replace
              + "\n"
              + indent(indent + 1)
              + ")"
              + nullSuffix(diff.action(), opts);
        }
        return "jsonencode("
            + rendered
            + ")"
            + whitespace
            + replace
            + nullSuffix(diff.action(), opts);
      }
    }

    /** An object: attributes by name, sorted; nulls are not suffixed with "-> null". */
    record ObjectR(Map<String, Diff> attributes, boolean overrideNullSuffix) implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        if (attributes.isEmpty()) {
          return "{}" + nullSuffix(diff.action(), opts) + forcesReplacement(diff.replace(), opts);
        }
        Opts attrOpts = opts.overrideNullSuffix(overrideNullSuffix);
        int max = 0;
        for (String k : attributes.keySet()) {
          max = Math.max(max, attributeName(k).length());
        }
        int unchanged = 0;
        StringBuilder buf = new StringBuilder();
        buf.append("{").append(forcesReplacement(diff.replace(), opts)).append("\n");
        for (Map.Entry<String, Diff> e : new TreeMap<>(attributes).entrySet()) {
          Diff attr = e.getValue();
          Opts o = attrOpts;
          if (IMPORTANT.contains(e.getKey())) {
            o = attrOpts.showUnchanged(true);
          } else if (attr.action() == Action.NO_OP && !opts.showUnchanged()) {
            unchanged++;
            continue;
          }
          for (String w : attr.warnings(indent + 1, opts)) {
            buf.append(indent(indent + 1)).append(w).append("\n");
          }
          buf.append(indent(indent + 1))
              .append(symbol(attr.action(), opts))
              .append(pad(attributeName(e.getKey()), max))
              .append(" = ")
              .append(attr.render(indent + 1, o))
              .append("\n");
        }
        if (unchanged > 0) {
          buf.append(indent(indent + 1))
              .append(symbol(Action.NO_OP, opts))
              .append(unchanged("attribute", unchanged, opts))
              .append("\n");
        }
        buf.append(indent(indent))
            .append(symbol(Action.NO_OP, opts))
            .append("}")
            .append(nullSuffix(diff.action(), opts));
        return buf.toString();
      }
    }

    /** A map: quoted keys, sorted. */
    record MapR(
        Map<String, Diff> elements, boolean overrideNullSuffix, boolean overrideForcesReplacement)
        implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        boolean self = diff.replace() && !overrideForcesReplacement;
        boolean children = diff.replace() && overrideForcesReplacement;
        if (elements.isEmpty()) {
          return "{}" + nullSuffix(diff.action(), opts) + forcesReplacement(self, opts);
        }
        int max = 0;
        for (String k : elements.keySet()) {
          max = Math.max(max, ValueRenderer.quote(k).length());
        }
        Opts elemOpts =
            opts.overrideNullSuffix(diff.action() == Action.DELETE || overrideNullSuffix)
                .forceForcesReplacement(children);
        int unchanged = 0;
        StringBuilder buf = new StringBuilder();
        buf.append("{").append(forcesReplacement(self, opts)).append("\n");
        for (Map.Entry<String, Diff> e : new TreeMap<>(elements).entrySet()) {
          Diff el = e.getValue();
          if (el.action() == Action.NO_OP && !opts.showUnchanged()) {
            unchanged++;
            continue;
          }
          for (String w : el.warnings(indent + 1, opts)) {
            buf.append(indent(indent + 1)).append(w).append("\n");
          }
          String comma = el.renderer() instanceof ObjectR ? "," : "";
          buf.append(indent(indent + 1))
              .append(symbol(el.action(), elemOpts))
              .append(pad(ValueRenderer.quote(e.getKey()), max))
              .append(" = ")
              .append(el.render(indent + 1, elemOpts))
              .append(comma)
              .append("\n");
        }
        if (unchanged > 0) {
          buf.append(indent(indent + 1))
              .append(symbol(Action.NO_OP, opts))
              .append(unchanged("element", unchanged, opts))
              .append("\n");
        }
        buf.append(indent(indent))
            .append(symbol(Action.NO_OP, opts))
            .append("}")
            .append(nullSuffix(diff.action(), opts));
        return buf.toString();
      }
    }

    /** A list or tuple; with {@code context}, unchanged neighbours of a change are shown. */
    record ListR(List<Diff> elements, boolean context) implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        if (elements.isEmpty()) {
          return "[]" + nullSuffix(diff.action(), opts) + forcesReplacement(diff.replace(), opts);
        }
        Opts elemOpts = opts.overrideNullSuffix(true);
        Opts unchangedOpts = opts.showUnchanged(true);
        List<Diff> unchanged = new ArrayList<>();
        boolean renderNext = false;
        StringBuilder buf = new StringBuilder();
        buf.append("[").append(forcesReplacement(diff.replace(), opts)).append("\n");
        for (Diff el : elements) {
          if (el.action() == Action.NO_OP && !renderNext && !opts.showUnchanged()) {
            unchanged.add(el);
            continue;
          }
          renderNext = false;
          Opts o = elemOpts;
          if (context) {
            if (unchanged.size() > 1) {
              buf.append(indent(indent + 1))
                  .append(symbol(Action.NO_OP, opts))
                  .append(unchanged("element", unchanged.size() - 1, opts))
                  .append("\n");
            }
            if (!unchanged.isEmpty()) {
              Diff last = unchanged.get(unchanged.size() - 1);
              buf.append(indent(indent + 1))
                  .append(symbol(last.action(), opts))
                  .append(last.render(indent + 1, unchangedOpts))
                  .append(",\n");
            }
            unchanged.clear();
            if (el.action() == Action.NO_OP) {
              o = unchangedOpts;
            } else {
              renderNext = true;
            }
          }
          for (String w : el.warnings(indent + 1, opts)) {
            buf.append(indent(indent + 1)).append(w).append("\n");
          }
          buf.append(indent(indent + 1))
              .append(symbol(el.action(), opts))
              .append(el.render(indent + 1, o))
              .append(",\n");
        }
        if (!unchanged.isEmpty()) {
          buf.append(indent(indent + 1))
              .append(symbol(Action.NO_OP, opts))
              .append(unchanged("element", unchanged.size(), opts))
              .append("\n");
        }
        buf.append(indent(indent))
            .append(symbol(Action.NO_OP, opts))
            .append("]")
            .append(nullSuffix(diff.action(), opts));
        return buf.toString();
      }
    }

    /** A set: elements without order; unchanged ones are counted, not shown. */
    record SetR(List<Diff> elements, boolean overrideForcesReplacement) implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        boolean self = diff.replace() && !overrideForcesReplacement;
        boolean children = diff.replace() && overrideForcesReplacement;
        if (elements.isEmpty()) {
          return "[]" + nullSuffix(diff.action(), opts) + forcesReplacement(self, opts);
        }
        Opts elemOpts = opts.overrideNullSuffix(true).forceForcesReplacement(children);
        int unchanged = 0;
        StringBuilder buf = new StringBuilder();
        buf.append("[").append(forcesReplacement(self, opts)).append("\n");
        for (Diff el : elements) {
          if (el.action() == Action.NO_OP && !opts.showUnchanged()) {
            unchanged++;
            continue;
          }
          for (String w : el.warnings(indent + 1, opts)) {
            buf.append(indent(indent + 1)).append(w).append("\n");
          }
          buf.append(indent(indent + 1))
              .append(symbol(el.action(), elemOpts))
              .append(el.render(indent + 1, elemOpts))
              .append(",\n");
        }
        if (unchanged > 0) {
          buf.append(indent(indent + 1))
              .append(symbol(Action.NO_OP, opts))
              .append(unchanged("element", unchanged, opts))
              .append("\n");
        }
        buf.append(indent(indent))
            .append(symbol(Action.NO_OP, opts))
            .append("]")
            .append(nullSuffix(diff.action(), opts));
        return buf.toString();
      }
    }

    /** The nested blocks of one type in a block, with how they were recorded. */
    record BlockGroup(
        String name,
        List<Diff> diffs,
        boolean single,
        boolean replace,
        boolean beforeSensitive,
        boolean afterSensitive) {}

    /** A resource or nested block body: attributes, then nested blocks. */
    record Block(Map<String, Diff> attributes, List<BlockGroup> blocks) implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        if (attributes.isEmpty() && blocks.isEmpty()) {
          return "{}" + forcesReplacement(diff.replace(), opts);
        }
        int max = 0;
        for (String k : attributes.keySet()) {
          max = Math.max(max, attributeName(k).length());
        }
        int unchangedAttrs = 0;
        int unchangedBlocks = 0;
        StringBuilder buf = new StringBuilder();
        buf.append("{").append(forcesReplacement(diff.replace(), opts)).append("\n");
        for (Map.Entry<String, Diff> e : new TreeMap<>(attributes).entrySet()) {
          Diff attr = e.getValue();
          Opts o = opts;
          if (IMPORTANT.contains(e.getKey())) {
            o = opts.showUnchanged(true);
          } else if (attr.action() == Action.NO_OP && !opts.showUnchanged()) {
            unchangedAttrs++;
            continue;
          }
          for (String w : attr.warnings(indent + 1, opts)) {
            buf.append(indent(indent + 1)).append(w).append("\n");
          }
          buf.append(indent(indent + 1))
              .append(symbol(attr.action(), opts))
              .append(pad(attributeName(e.getKey()), max))
              .append(" = ")
              .append(attr.render(indent + 1, o))
              .append("\n");
        }
        if (unchangedAttrs > 0) {
          buf.append(indent(indent + 1))
              .append(symbol(Action.NO_OP, opts))
              .append(unchanged("attribute", unchangedAttrs, opts))
              .append("\n");
        }
        List<BlockGroup> sorted = new ArrayList<>(blocks);
        sorted.sort(java.util.Comparator.comparing(BlockGroup::name));
        for (BlockGroup g : sorted) {
          boolean found = false;
          for (Diff d : g.diffs()) {
            boolean sensitive =
                (d.action() == Action.CREATE && g.afterSensitive())
                    || (d.action() == Action.DELETE && g.beforeSensitive())
                    || ((d.action() == Action.UPDATE || d.action() == Action.NO_OP)
                        && (g.afterSensitive() || g.beforeSensitive()));
            if (sensitive) {
              Action a = d.action();
              if (a == Action.NO_OP && g.beforeSensitive() != g.afterSensitive()) {
                a = Action.UPDATE;
              }
              d = new Diff(new SensitiveBlock(), a, d.replace());
            }
            if (d.action() == Action.NO_OP && !opts.showUnchanged()) {
              unchangedBlocks++;
              continue;
            }
            if (!found && !attributes.isEmpty()) {
              buf.append("\n");
              found = true;
            }
            Opts blockOpts = opts.forceForcesReplacement(g.replace());
            buf.append(indent(indent + 1))
                .append(symbol(d.action(), opts))
                .append(attributeName(g.name()))
                .append(" ")
                .append(d.render(indent + 1, blockOpts))
                .append("\n");
          }
        }
        if (unchangedBlocks > 0) {
          buf.append("\n")
              .append(indent(indent + 1))
              .append(symbol(Action.NO_OP, opts))
              .append(unchanged("block", unchangedBlocks, opts))
              .append("\n");
        }
        buf.append(indent(indent)).append(symbol(Action.NO_OP, opts)).append("}");
        return buf.toString();
      }
    }

    /** A block whose contents are (or were) sensitive. */
    record SensitiveBlock() implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        String prefix = indent(indent) + symbol(Action.NO_OP, opts);
        return "{"
            + forcesReplacement(diff.replace(), opts)
            + "\n"
            + prefix
            + "  # At least one attribute in this block is (or was) sensitive,\n"
            + prefix
            + "  # so its contents will not be displayed.\n"
            + prefix
            + "}";
      }
    }

    /** A sensitive value: never shown. */
    record Sensitive(Diff inner, boolean beforeSensitive, boolean afterSensitive)
        implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        return "(sensitive value)"
            + nullSuffix(diff.action(), opts)
            + forcesReplacement(diff.replace(), opts);
      }

      List<String> warnings(Diff diff, int indent, Opts opts) {
        if (beforeSensitive == afterSensitive
            || inner.action() == Action.CREATE
            || inner.action() == Action.DELETE) {
          return List.of();
        }
        String w;
        if (beforeSensitive) {
          w =
              opts.color(
                      "  # [yellow]Warning[reset]: this attribute value will no longer be marked"
                          + " as sensitive\n")
                  + indent(indent)
                  + "  # after applying this change.";
        } else {
          w =
              opts.color(
                      "  # [yellow]Warning[reset]: this attribute value will be marked as"
                          + " sensitive and will not\n")
                  + indent(indent)
                  + "  # display in UI output after applying this change.";
        }
        if (inner.action() == Action.NO_OP) {
          return List.of(w + " The value is unchanged.");
        }
        return List.of(w);
      }
    }

    /** A value known only after apply; {@code before} is the old value, or null. */
    record Unknown(Diff before) implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        if (diff.action() == Action.CREATE || before == null) {
          return "(known after apply)" + forcesReplacement(diff.replace(), opts);
        }
        Opts beforeOpts = opts.overrideNullSuffix(true);
        if (diff.replace()) {
          beforeOpts = beforeOpts.forbidForcesReplacement(true);
        }
        return before.render(indent, beforeOpts)
            + " -> (known after apply)"
            + forcesReplacement(diff.replace(), opts);
      }
    }

    /** A value whose type changes: the old one, an arrow, the new one. */
    record TypeChange(Diff before, Diff after) implements Renderer {
      @Override
      public String render(Diff diff, int indent, Opts opts) {
        Opts o = opts.overrideNullSuffix(true);
        return before.render(indent, o)
            + " "
            + opts.color("[yellow]->[reset]")
            + " "
            + after.render(indent, o);
      }
    }
  }

  /** A string as the renderer sees it: JSON, multi-line (trimmed), or plain. */
  record Str(String text, JsonNode json, boolean multiline, boolean isNull) {
    static final Str NONE = new Str("", null, false, false);

    static Str of(JsonNode v, Opts opts) {
      if (v == null) {
        return new Str(opts.color("[dark_gray]null[reset]"), null, false, true);
      }
      String s = v.asText();
      if (s.startsWith("{") || s.startsWith("[")) {
        JsonNode j = Differ.parseJson(s);
        if (j != null) {
          return new Str(s, j, false, false);
        }
      }
      if (s.contains("\n")) {
        return new Str(s.strip(), null, true, false);
      }
      return new Str(s, null, false, false);
    }

    String quoted() {
      return isNull ? text : ValueRenderer.quote(text);
    }
  }
}
