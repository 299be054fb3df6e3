package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The human text of a plan, as {@code terraform plan} prints it (with "Forma" for "Terraform"): the
 * drift section, the legend of the symbols used, one block per resource change, the {@code Plan:}
 * summary, the output changes, or the "No changes" texts. Text only: what a CLI prints around it
 * (refresh progress, the saved-plan note) is not part of it.
 */
public final class PlanRenderer {
  private PlanRenderer() {}

  /** The plan's text, without relevant attributes (so a normal plan shows no drift). */
  public static String render(Plan plan, SchemaSource schemas, RenderOptions options) {
    return render(plan, schemas, options, List.of());
  }

  /** The plan's text; drift in the {@code relevant} attributes is shown before the changes. */
  public static String render(
      Plan plan, SchemaSource schemas, RenderOptions options, List<RelevantAttribute> relevant) {
    return new Writer(plan, schemas, options, relevant).write();
  }

  /** Terraform's rule between sections: a newline, then a line of "─" one short of the width. */
  public static String horizontalRule(RenderOptions options) {
    if (options.width() <= 1) {
      return "\n";
    }
    return new Colorize(options.color()).color("[dark_gray]\n" + "─".repeat(options.width() - 1));
  }

  /**
   * Changes in Terraform's order: by module instance (the root module first, then shorter paths,
   * then call by call), then by the address text within the module, the current object before
   * deposed ones.
   */
  static List<ResourceChange> sorted(List<ResourceChange> changes) {
    // each address printed once, not once per comparison
    record Keyed(ModuleInstance module, String address, String deposed, ResourceChange change) {}
    List<Keyed> keyed = new ArrayList<>(changes.size());
    for (ResourceChange c : changes) {
      keyed.add(
          new Keyed(
              c.address().module(),
              c.address().in(ModuleInstance.ROOT).toString(),
              c.deposedKey() == null ? "" : c.deposedKey(),
              c));
    }
    keyed.sort(
        Comparator.comparing(Keyed::module)
            .thenComparing(Keyed::address)
            .thenComparing(Keyed::deposed));
    List<ResourceChange> out = new ArrayList<>(keyed.size());
    keyed.forEach(k -> out.add(k.change()));
    return out;
  }

  /** The schema of a change's resource type, or a dynamic one made from its values. */
  static BlockSchema blockSchema(SchemaSource schemas, ResourceChange rc) {
    ResourceSchema s =
        schemas.schema(rc.address().resource().mode(), rc.address().resource().type());
    if (s != null) {
      return s.block();
    }
    TreeMap<String, AttributeSchema> attrs = new TreeMap<>();
    for (var v : new dev.forma.provider.api.value.Value[] {rc.before(), rc.after()}) {
      if (v != null && v.unmark() instanceof dev.forma.provider.api.value.ObjectValue o) {
        for (String k : o.attributes().keySet()) {
          attrs.put(k, AttributeSchema.builder(k, Type.DYNAMIC).optional().build());
        }
      }
    }
    return BlockSchema.of(attrs.values(), List.of());
  }

  static ResourceSchema schema(SchemaSource schemas, ResourceChange rc) {
    return schemas.schema(rc.address().resource().mode(), rc.address().resource().type());
  }

  /** Greedy word wrap as Terraform's: lines that start with a space are left alone. */
  static String wordWrap(String s, int width) {
    if (width <= 1) {
      return s;
    }
    int lim = width - 1;
    StringBuilder out = new StringBuilder();
    String[] lines = s.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      String line = lines[i];
      if (line.startsWith(" ")) {
        out.append(line);
        continue;
      }
      int len = 0;
      boolean first = true;
      for (String word : line.split(" ", -1)) {
        if (!first && len + 1 + word.length() > lim) {
          out.append('\n').append(word);
          len = word.length();
        } else {
          if (!first) {
            out.append(' ');
            len++;
          }
          out.append(word);
          len += word.length();
        }
        first = false;
      }
    }
    return out.toString();
  }

  /**
   * What the {@code Plan:} line counts: the changes per action (data sources' deletions, forgets
   * and no-ops left out) and the imports.
   */
  record Counts(Map<Action, Integer> byAction, int importing, int adopting) {
    int add() {
      return byAction.getOrDefault(Action.CREATE, 0) + replace();
    }

    int change() {
      return byAction.getOrDefault(Action.UPDATE, 0);
    }

    int destroy() {
      return byAction.getOrDefault(Action.DELETE, 0) + replace();
    }

    private int replace() {
      return byAction.getOrDefault(Action.DELETE_THEN_CREATE, 0)
          + byAction.getOrDefault(Action.CREATE_THEN_DELETE, 0);
    }

    /** The summary line as the plan text has it, without colour. */
    String line() {
      return "Plan: "
          + (importing > 0 ? importing + " to import, " : "")
          + (adopting > 0 ? adopting + " to adopt, " : "")
          + add()
          + " to add, "
          + change()
          + " to change, "
          + destroy()
          + " to destroy.";
    }
  }

  /** The counts of the plan's {@code Plan:} line. */
  static Counts counts(Plan plan) {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    int importing = 0;
    int adopting = 0;
    for (ResourceChange rc : plan.changes()) {
      Action a = rc.action();
      boolean imp = rc.importId() != null;
      if (Plan.adopts(rc)) {
        adopting++;
      }
      if (a == Action.FORGET
          || (a == Action.NO_OP && !imp)
          || (a == Action.DELETE && rc.address().resource().mode() != ResourceMode.MANAGED)) {
        continue;
      }
      if (imp) {
        importing++;
      }
      if (a != Action.NO_OP) {
        counts.merge(a, 1, Integer::sum);
      }
    }
    return new Counts(counts, importing, adopting);
  }

  /**
   * The text of one change as the plan shows it, without colour: a planned change, or with {@code
   * drift} a change found outside Forma (all its attributes relevant, as a refresh-only plan shows
   * them); null when the plan would show nothing for it.
   */
  static String changeText(Plan plan, SchemaSource schemas, ResourceChange rc, boolean drift) {
    return changeText(plan, schemas, rc, drift, RenderOptions.PLAIN);
  }

  /** As {@link #changeText(Plan, SchemaSource, ResourceChange, boolean)}, rendered per options. */
  static String changeText(
      Plan plan, SchemaSource schemas, ResourceChange rc, boolean drift, RenderOptions options) {
    Writer w = new Writer(plan, schemas, options, List.of());
    return w.renderChange(drift ? w.renderedDrift(rc, PathMatcher.ALWAYS) : w.rendered(rc), drift);
  }

  /** The plan's output changes as its "Changes to Outputs" shows them, without colour. */
  static String outputsText(Plan plan) {
    return outputsText(plan, RenderOptions.PLAIN);
  }

  /** The plan's output changes as its "Changes to Outputs" shows them. */
  static String outputsText(Plan plan, RenderOptions options) {
    return new Writer(plan, (mode, type) -> null, options, List.of()).outputsText();
  }

  private record Rendered(ResourceChange change, Diff diff) {}

  private static final class Writer {
    private final Plan plan;
    private final SchemaSource schemas;
    private final RenderOptions options;
    private final List<RelevantAttribute> relevant;
    private final Colorize c;
    private final StringBuilder out = new StringBuilder();

    Writer(Plan plan, SchemaSource schemas, RenderOptions options, List<RelevantAttribute> rel) {
      this.plan = plan;
      this.schemas = schemas;
      this.options = options;
      this.relevant = rel;
      this.c = new Colorize(options.color());
    }

    private String wrap(String s) {
      return wordWrap(s, options.width());
    }

    private Diff.Opts opts() {
      return new Diff.Opts(c, false, false, false, false);
    }

    String write() {
      List<Rendered> changes = new ArrayList<>();
      // a no-op shows nothing: only changes and imports are diffed (a no-op plan of 10,000
      // resources would otherwise diff every object to print "No changes.")
      List<ResourceChange> shownChanges = new ArrayList<>();
      for (ResourceChange rc : plan.changes()) {
        if (plan.shows(rc)) {
          shownChanges.add(rc);
        }
      }
      for (ResourceChange rc : sorted(shownChanges)) {
        changes.add(rendered(rc));
      }
      List<Rendered> drift = new ArrayList<>();
      for (ResourceChange rc : sorted(plan.drift())) {
        PathMatcher matcher;
        if (plan.mode() == Plan.Mode.REFRESH_ONLY) {
          matcher = PathMatcher.ALWAYS;
        } else {
          List<List<Object>> paths = new ArrayList<>();
          for (RelevantAttribute r : relevant) {
            if (r.resource() == null || r.resource().equals(rc.address())) {
              paths.add(ChangeValues.steps(r.path()));
            }
          }
          if (paths.isEmpty()) {
            continue;
          }
          matcher = PathMatcher.of(paths, true);
        }
        drift.add(renderedDrift(rc, matcher));
      }
      Map<String, Diff> outputs = outputDiffs();

      boolean empty =
          changes.stream().allMatch(r -> r.diff().action() == Action.NO_OP)
              && outputs.values().stream().allMatch(d -> d.action() == Action.NO_OP);
      boolean haveRefreshChanges = renderDrift(drift, empty);

      Counts totals = counts(plan);
      Map<Action, Integer> counts = totals.byAction();
      boolean willPrintResourceChanges = !counts.isEmpty();
      List<Rendered> shown = new ArrayList<>();
      for (Rendered r : changes) {
        if (r.change().action() == Action.FORGET) {
          // shown, under the legend (which has no symbol for it), but not counted
          shown.add(r);
          willPrintResourceChanges = true;
          continue;
        }
        shown.add(r); // what the plan shows: Plan.shows chose them
      }
      String renderedOutputs = renderOutputs(outputs);
      boolean errored = !plan.complete();

      if (shown.isEmpty() && renderedOutputs.isEmpty()) {
        if (errored) {
          if (haveRefreshChanges) {
            out.append(horizontalRule(options)).append("\n");
          }
          out.append(
              c.color(
                  "\n[reset][bold][red]Planning failed.[reset][bold] Forma encountered an error"
                      + " while generating this plan.[reset]\n\n"));
        } else {
          switch (plan.mode()) {
            case REFRESH_ONLY -> {
              if (haveRefreshChanges) {
                return out.toString();
              }
              out.append(
                  c.color(
                      "\n[reset][bold][green]No changes.[reset][bold] Your infrastructure still"
                          + " matches the configuration.[reset]\n\n"));
              out.append(
                      wrap(
                          "Forma has checked that the real remote objects still match the result"
                              + " of your most recent changes, and found no differences."))
                  .append("\n");
            }
            case DESTROY -> {
              if (haveRefreshChanges) {
                out.append(horizontalRule(options)).append("\n");
              }
              out.append(
                  c.color(
                      "\n[reset][bold][green]No changes.[reset][bold] No objects need to be"
                          + " destroyed.[reset]\n\n"));
              out.append(
                      wrap(
                          "Either you have not created any objects yet or the existing objects"
                              + " were already deleted outside of Forma."))
                  .append("\n");
            }
            case NORMAL -> {
              if (haveRefreshChanges) {
                out.append(horizontalRule(options)).append("\n");
              }
              out.append(
                  c.color(
                      "\n[reset][bold][green]No changes.[reset][bold] Your infrastructure matches"
                          + " the configuration.[reset]\n\n"));
              if (haveRefreshChanges) {
                out.append(
                        wrap(
                            "Your configuration already matches the changes detected above. If"
                                + " you'd like to update the Forma state to match, create and"
                                + " apply a refresh-only plan:\n  forma apply -refresh-only"))
                    .append("\n");
                return out.toString();
              }
              out.append(
                      wrap(
                          "Forma has compared your real infrastructure against your configuration"
                              + " and found no differences, so no changes are needed."))
                  .append("\n");
            }
          }
        }
      }

      if (haveRefreshChanges) {
        out.append(horizontalRule(options)).append("\n");
      }

      if (willPrintResourceChanges) {
        out.append(
                wrap(
                    "\nForma used the selected providers to generate the following execution plan."
                        + " Resource actions are indicated with the following symbols:"))
            .append("\n");
        for (Action a :
            List.of(
                Action.CREATE,
                Action.UPDATE,
                Action.DELETE,
                Action.DELETE_THEN_CREATE,
                Action.CREATE_THEN_DELETE,
                Action.READ)) {
          if (counts.getOrDefault(a, 0) > 0) {
            out.append(c.color(actionDescription(a))).append("\n");
          }
        }
      }

      if (!shown.isEmpty()) {
        out.append(
            errored
                ? "\nForma planned the following actions, but then encountered a problem:\n"
                : "\nForma will perform the following actions:\n");
        for (Rendered r : shown) {
          out.append("\n").append(renderChange(r, false)).append("\n");
        }
        out.append(
            c.color("\n[bold]Plan:[reset]" + totals.line().substring("Plan:".length()) + "\n"));
      }

      if (!renderedOutputs.isEmpty()) {
        out.append("\nChanges to Outputs:\n").append(renderedOutputs).append("\n");
        if (counts.isEmpty()) {
          out.append(
                  wrap(
                      "\nYou can apply this plan to save these new output values to the Forma"
                          + " state, without changing any real infrastructure."))
              .append("\n");
        }
      }
      return out.toString();
    }

    /** A planned change diffed as the plan shows it. */
    Rendered rendered(ResourceChange rc) {
      Change ch =
          ChangeValues.of(rc, schema(schemas, rc))
              .toChange(ChangeValues.replaceMatcher(rc), PathMatcher.ALWAYS);
      if (rc.action() == Action.FORGET) {
        ch = ch.asNoOp();
      }
      return new Rendered(rc, Differ.block(ch, blockSchema(schemas, rc)));
    }

    /** A change found outside Forma, diffed in the attributes {@code matcher} finds relevant. */
    Rendered renderedDrift(ResourceChange rc, PathMatcher matcher) {
      Change ch =
          ChangeValues.of(rc, schema(schemas, rc))
              .toChange(ChangeValues.replaceMatcher(rc), matcher);
      return new Rendered(rc, Differ.block(ch, blockSchema(schemas, rc)));
    }

    private Map<String, Diff> outputDiffs() {
      Map<String, Diff> outputs = new TreeMap<>();
      for (OutputChange oc : plan.outputs()) {
        outputs.put(oc.name(), Differ.json(outputChange(oc)));
      }
      return outputs;
    }

    String outputsText() {
      return renderOutputs(outputDiffs());
    }

    private Change outputChange(OutputChange oc) {
      ChangeValues v =
          ChangeValues.of(
              oc.before() == null ? null : oc.before().markSensitiveIf(oc.sensitive()),
              oc.after() == null ? null : oc.after().markSensitiveIf(oc.sensitive()));
      JsonNode after = oc.after() == null ? JsonValues.F.nullNode() : v.after();
      JsonNode before = oc.before() == null ? JsonValues.F.nullNode() : v.before();
      return new Change(
          before,
          after,
          false,
          false,
          v.afterUnknown(),
          v.beforeSensitive(),
          v.afterSensitive(),
          PathMatcher.NONE,
          PathMatcher.ALWAYS);
    }

    private String renderOutputs(Map<String, Diff> outputs) {
      int max = 0;
      for (String k : outputs.keySet()) {
        max = Math.max(max, Diff.attributeName(k).length());
      }
      List<String> lines = new ArrayList<>();
      for (Map.Entry<String, Diff> e : outputs.entrySet()) {
        Diff d = e.getValue();
        if (d.action() == Action.NO_OP) {
          continue;
        }
        String name = Diff.attributeName(e.getKey());
        lines.add(
            c.color(Diff.symbolMarkup(d.action()))
                + " "
                + name
                + " ".repeat(max - name.length())
                + " = "
                + d.render(0, opts()));
      }
      return String.join("\n", lines);
    }

    private boolean renderDrift(List<Rendered> drift, boolean empty) {
      List<Rendered> drs = new ArrayList<>();
      for (Rendered r : drift) {
        if (plan.mode() == Plan.Mode.REFRESH_ONLY || r.diff().action() != Action.NO_OP) {
          drs.add(r);
        }
      }
      if (drs.isEmpty()) {
        return false;
      }
      if (empty && plan.mode() != Plan.Mode.REFRESH_ONLY) {
        return false;
      }
      out.append(
          c.color("\n[bold][cyan]Note:[reset][bold] Objects have changed outside of Forma\n"));
      out.append("\n");
      out.append(
          wrap(
              "Forma detected the following changes made outside of Forma since the last \"forma"
                  + " apply\" which may have affected this plan:\n"));
      for (Rendered r : drs) {
        String text = renderChange(r, true);
        if (text != null) {
          out.append("\n").append(text).append("\n");
        }
      }
      if (plan.mode() == Plan.Mode.REFRESH_ONLY) {
        out.append(
                wrap(
                    "\n\nThis is a refresh-only plan, so Forma will not take any actions to undo"
                        + " these. If you were expecting these changes then you can apply this"
                        + " plan to record the updated values in the Forma state without changing"
                        + " any remote objects."))
            .append("\n");
      } else {
        out.append(
                wrap(
                    "\n\nUnless you have made equivalent changes to your configuration, or"
                        + " ignored the relevant attributes using ignore_changes, the following"
                        + " plan may include actions to undo or respond to these changes."))
            .append("\n");
      }
      return true;
    }

    private String renderChange(Rendered r, boolean drift) {
      ResourceChange rc = r.change();
      Action action = rc.action() == Action.FORGET ? Action.FORGET : rc.action();
      boolean importing = rc.importId() != null;
      String from =
          rc.deposedKey() != null
              ? null
              : plan.previousAddress(rc.address()).map(Object::toString).orElse(null);
      boolean adopting = Plan.adopts(rc);
      if (action == Action.NO_OP && !importing && !adopting && from == null) {
        return null;
      }
      Diff.Opts opts = opts().showUnchanged(importing || adopting);
      String comment = comment(rc, action, drift);
      if (from != null && action == Action.NO_OP && !importing) {
        comment = "[bold]  # " + from + "[reset] has moved to [bold]" + rc.address() + "[reset]\n";
      } else if (from != null) {
        if (rc.reason() == ActionReason.DELETE_BECAUSE_NO_MOVE_TARGET) {
          comment =
              comment
                  + "  # (because "
                  + from
                  + " was moved to "
                  + rc.address()
                  + ", which is not in configuration)\n";
        }
        comment = comment + "  # [reset](moved from " + from + ")\n";
      }
      String symbol =
          from != null && action == Action.NO_OP ? "   " : c.color(Diff.symbolMarkup(action));
      return c.color(comment) + symbol + " " + header(rc) + " " + r.diff().render(0, opts);
    }

    private static String header(ResourceChange rc) {
      String mode = rc.address().resource().mode() == ResourceMode.MANAGED ? "resource" : "data";
      return mode
          + " \""
          + rc.address().resource().type()
          + "\" \""
          + rc.address().resource().name()
          + "\"";
    }

    private static String comment(ResourceChange rc, Action action, boolean drift) {
      StringBuilder buf = new StringBuilder();
      String addr = rc.address().toString();
      if (rc.deposedKey() != null) {
        addr = addr + " (deposed object " + rc.deposedKey() + ")";
      }
      boolean printedImported = false;
      switch (action) {
        case CREATE -> buf.append("[bold]  # ").append(addr).append("[reset] will be created");
        case READ -> {
          buf.append("[bold]  # ").append(addr).append("[reset] will be read during apply");
          if (rc.reason() == ActionReason.READ_BECAUSE_CONFIG_UNKNOWN) {
            buf.append("\n  # (config refers to values not yet known)");
          } else if (rc.reason() == ActionReason.READ_BECAUSE_DEPENDENCY_PENDING) {
            buf.append("\n  # (depends on a resource or a module with changes pending)");
          }
        }
        case UPDATE ->
            buf.append("[bold]  # ")
                .append(addr)
                .append(drift ? "[reset] has changed" : "[reset] will be updated in-place");
        case CREATE_THEN_DELETE, DELETE_THEN_CREATE -> {
          switch (rc.reason()) {
            case REPLACE_BECAUSE_TAINTED ->
                buf.append("[bold]  # ")
                    .append(addr)
                    .append("[reset] is tainted, so must be [bold][red]replaced[reset]");
            case REPLACE_BY_REQUEST ->
                buf.append("[bold]  # ")
                    .append(addr)
                    .append("[reset] will be [bold][red]replaced[reset], as requested");
            case REPLACE_BY_TRIGGERS ->
                buf.append("[bold]  # ")
                    .append(addr)
                    .append(
                        "[reset] will be [bold][red]replaced[reset] due to changes in"
                            + " replace_triggered_by");
            default ->
                buf.append("[bold]  # ")
                    .append(addr)
                    .append("[reset] must be [bold][red]replaced[reset]");
          }
        }
        case FORGET -> {
          if (rc.deposedKey() != null) {
            buf.append("[bold] # ")
                .append(addr)
                .append(
                    "[reset] will be removed from Forma state, but [bold][red]will not be"
                        + " destroyed[reset]");
            buf.append(
                "\n[bold] # (left over from a partially-failed replacement of this instance)");
          } else {
            buf.append("[bold] # ")
                .append(addr)
                .append(
                    "[reset] will no longer be managed by Forma, but [bold][red]will not be"
                        + " destroyed[reset]");
          }
          buf.append("\n # (destroy = false is set in the configuration)");
        }
        case DELETE -> {
          buf.append("[bold]  # ")
              .append(addr)
              .append(
                  drift
                      ? "[reset] has been deleted"
                      : "[reset] will be [bold][red]destroyed[reset]");
          switch (rc.reason()) {
            case DELETE_BECAUSE_NO_RESOURCE_CONFIG ->
                buf.append("\n  # (because ")
                    .append(rc.address().resource().type())
                    .append(".")
                    .append(rc.address().resource().name())
                    .append(" is not in configuration)");
            case DELETE_BECAUSE_NO_MODULE ->
                buf.append("\n  # (because ")
                    .append(rc.address().resource().module())
                    .append(" is not in configuration)");
            case DELETE_BECAUSE_WRONG_REPETITION ->
                buf.append(
                    switch (rc.address().key()) {
                      case InstanceKey.NoKey n -> "\n  # (because resource uses count or for_each)";
                      case InstanceKey.IntKey i -> "\n  # (because resource does not use count)";
                      case InstanceKey.StringKey s ->
                          "\n  # (because resource does not use for_each)";
                    });
            case DELETE_BECAUSE_COUNT_INDEX ->
                buf.append("\n  # (because index ")
                    .append(rc.address().key().suffix())
                    .append(" is out of range for count)");
            case DELETE_BECAUSE_EACH_KEY ->
                buf.append("\n  # (because key ")
                    .append(rc.address().key().suffix())
                    .append(" is not in for_each map)");
            default -> {}
          }
          if (rc.deposedKey() != null) {
            buf.append("\n  # (left over from a partially-failed replacement of this instance)");
          }
        }
        case NO_OP -> {
          if (rc.importId() != null) {
            buf.append("[bold]  # ").append(addr).append("[reset] will be imported");
            printedImported = true;
          } else if (Plan.adopts(rc)) {
            buf.append("[bold]  # ").append(addr).append("[reset] will be adopted");
          }
        }
      }
      buf.append("\n");
      if (rc.importId() != null && !printedImported) {
        buf.append("  # [reset](imported from \"").append(rc.importId()).append("\")\n");
      }
      if (rc.importId() != null && action.isReplace()) {
        buf.append("  # [reset][yellow]Warning: this will destroy the imported resource[reset]\n");
      }
      if (Plan.adopts(rc)) {
        buf.append(
            action == Action.NO_OP
                ? "  # [reset](found after an interrupted create)\n"
                : "  # [reset](found after an interrupted create; it will be adopted)\n");
      }
      if (rc.repair() != null && !drift) {
        buf.append("  # [reset](").append(rc.repair()).append(")\n");
      }
      return buf.toString();
    }

    private static String actionDescription(Action a) {
      return switch (a) {
        case CREATE -> "  [green]+[reset] create";
        case DELETE -> "  [red]-[reset] destroy";
        case UPDATE -> "  [yellow]~[reset] update in-place";
        case CREATE_THEN_DELETE ->
            "[green]+[reset]/[red]-[reset] create replacement and then destroy";
        case DELETE_THEN_CREATE ->
            "[red]-[reset]/[green]+[reset] destroy and then create replacement";
        case READ -> " [cyan]<=[reset] read (data resources)";
        case NO_OP, FORGET -> "";
      };
    }
  }
}
