package dev.forma.engine.render;

import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.DriftReport;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan, or a drift check, as Markdown for a pull request comment, an issue or a chat message
 * (GitHub-flavoured: tables, and {@code <details>} blocks that open on a click).
 *
 * <p>A plan: the summary line as the plan text has it, a table of the changes by action and
 * resource type, the resources to destroy (first) and to replace (with the attributes that force
 * it), the objects changed outside Forma, the output changes, and the full diff of each resource
 * (the plan text's own, without colour) in a collapsed block. Sensitive values are masked as the
 * plan text masks them; attribute names and paths are shown, values never.
 *
 * <p>It fits a budget ({@link #GITHUB_COMMENT_LIMIT} characters, a GitHub comment's limit): when
 * the whole would not, the diffs are left out from the least important up (imports, moves and
 * forgets, then data source reads, then updates and drift, then creates, then replacements, then
 * deletions; within each, from the last one up), then the lists (outputs, drift, replacements,
 * deletions); a note under the summary says what was left out.
 */
public final class PlanMarkdown {
  /** The most characters a GitHub comment may hold. */
  public static final int GITHUB_COMMENT_LIMIT = 65_535;

  private PlanMarkdown() {}

  /** The plan as Markdown within {@link #GITHUB_COMMENT_LIMIT} characters. */
  public static String render(Plan plan, SchemaSource schemas) {
    return render(plan, schemas, GITHUB_COMMENT_LIMIT);
  }

  /** The plan as Markdown within {@code budget} characters. */
  public static String render(Plan plan, SchemaSource schemas, int budget) {
    Doc doc = new Doc();
    String mode =
        switch (plan.mode()) {
          case NORMAL -> "";
          case DESTROY -> " (destroy)";
          case REFRESH_ONLY -> " (refresh-only)";
        };
    doc.fixed("## Forma plan" + mode + "\n\n**" + text(summaryLine(plan)) + "**\n\n");
    doc.note();
    List<ResourceChange> shown = shownChanges(plan);
    table(doc, shown);
    destroyed(doc, plan, schemas, shown);
    replaced(doc, shown);
    List<ResourceChange> drift = new ArrayList<>();
    for (ResourceChange rc : plan.drift()) {
      if (rc.action() != Action.NO_OP) {
        drift.add(rc);
      }
    }
    if (!drift.isEmpty()) {
      doc.fixed("### Changed outside Forma (" + drift.size() + ")\n\n");
      outside(doc, drift, schemas, "objects changed outside Forma");
      details(doc, plan, schemas, drift, true);
    }
    outputs(doc, plan);
    if (!shown.isEmpty()) {
      List<Group> all = doc.heading("### Changes\n\n");
      all.addAll(details(doc, plan, schemas, byImportance(shown), false));
    }
    return doc.finish(budget, "`forma show` of the saved plan prints it whole.");
  }

  /** A drift check as Markdown within {@link #GITHUB_COMMENT_LIMIT} characters. */
  public static String drift(DriftReport report, SchemaSource schemas) {
    return drift(report, schemas, GITHUB_COMMENT_LIMIT);
  }

  /** A drift check as Markdown within {@code budget} characters. */
  public static String drift(DriftReport report, SchemaSource schemas, int budget) {
    Doc doc = new Doc();
    List<ResourceChange> changed = report.changedOutside();
    List<ResourceChange> deleted = report.deletedOutside();
    Plan pending = report.pending();
    List<ResourceChange> shown = shownChanges(pending);
    doc.fixed("## Forma drift\n\n**" + text(DriftRenderer.summaryLine(report)) + "**\n\n");
    doc.note();
    if (!changed.isEmpty()) {
      doc.fixed("### Changed outside Forma (" + changed.size() + ")\n\n");
      outside(doc, changed, schemas, "objects changed outside Forma");
      details(doc, report.refreshOnly(), schemas, changed, true);
    }
    if (!deleted.isEmpty()) {
      doc.fixed("### Deleted outside Forma (" + deleted.size() + ")\n\n");
      outside(doc, deleted, schemas, "objects deleted outside Forma");
    }
    if (pending.hasChanges()) {
      doc.fixed("### Not yet applied\n\n**" + text(summaryLine(pending)) + "**\n\n");
      table(doc, shown);
      destroyed(doc, pending, schemas, shown);
      replaced(doc, shown);
      outputs(doc, pending);
      if (!shown.isEmpty()) {
        details(doc, pending, schemas, byImportance(shown), false);
      }
    }
    return doc.finish(budget, "`forma drift` prints it whole.");
  }

  /**
   * The plan's summary line as its text has it: {@code Plan: ...} when it shows changes, else the
   * line that says there are none (or that only outputs or outside objects changed).
   */
  static String summaryLine(Plan plan) {
    if (!plan.complete()) {
      return "Planning failed. Forma encountered an error while generating this plan.";
    }
    PlanRenderer.Counts counts = PlanRenderer.counts(plan);
    if (!shownChanges(plan).isEmpty()) {
      return counts.line();
    }
    if (plan.outputs().stream().anyMatch(o -> o.action() != Action.NO_OP)) {
      return "Changes to Outputs: you can apply this plan to save these new output values to the"
          + " Forma state, without changing any real infrastructure.";
    }
    return switch (plan.mode()) {
      case REFRESH_ONLY ->
          plan.drift().stream().anyMatch(d -> d.action() != Action.NO_OP)
              ? "Note: Objects have changed outside of Forma"
              : "No changes. Your infrastructure still matches the configuration.";
      case DESTROY -> "No changes. No objects need to be destroyed.";
      case NORMAL -> "No changes. Your infrastructure matches the configuration.";
    };
  }

  // ------------------------------------------------------------------ sections

  /**
   * The changes the plan text shows, in its order: all but the no-ops that neither import nor move
   * and the deletions of data sources.
   */
  static List<ResourceChange> shownChanges(Plan plan) {
    List<ResourceChange> out = new ArrayList<>();
    for (ResourceChange rc : PlanRenderer.sorted(plan.changes())) {
      if (plan.shows(rc)) {
        out.add(rc);
      }
    }
    return out;
  }

  /**
   * The rows of the table, most important first; {@code rank} orders what is left out when the
   * whole does not fit (lower first).
   */
  private enum Kind {
    DESTROY("destroy", "resources to destroy", 6),
    REPLACE("replace", "resources to replace", 5),
    CREATE("create", "resources to create", 4),
    UPDATE("update", "resources to update in place", 3),
    READ("read", "data sources to read", 2),
    IMPORT("import", "resources to import", 1),
    ADOPT("adopt", "resources to adopt after an interrupted create", 1),
    MOVE("move", "resources to move", 1),
    FORGET("forget", "resources to forget", 1);

    final String word;
    final String plural;
    final int rank;

    Kind(String word, String plural, int rank) {
      this.word = word;
      this.plural = plural;
      this.rank = rank;
    }
  }

  private static void table(Doc doc, List<ResourceChange> shown) {
    if (shown.isEmpty()) {
      return;
    }
    Map<Kind, Map<String, Integer>> rows = new TreeMap<>();
    for (ResourceChange rc : shown) {
      Kind k = kindOf(rc);
      String type =
          (rc.address().resource().mode() == ResourceMode.MANAGED ? "" : "data.")
              + rc.address().resource().type();
      rows.computeIfAbsent(k, x -> new TreeMap<>()).merge(type, 1, Integer::sum);
    }
    StringBuilder sb =
        new StringBuilder("| Action | Resource type | Count |\n| --- | --- | ---: |\n");
    rows.forEach(
        (k, types) ->
            types.forEach(
                (type, n) ->
                    sb.append("| ")
                        .append(k.word)
                        .append(" | ")
                        .append(code(type))
                        .append(" | ")
                        .append(n)
                        .append(" |\n")));
    doc.fixed(sb.append('\n').toString());
  }

  /** The kind of a shown change (moves are the no-ops that {@link #shownChanges} kept). */
  private static Kind kindOf(ResourceChange rc) {
    return switch (rc.action()) {
      case DELETE -> Kind.DESTROY;
      case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> Kind.REPLACE;
      case CREATE -> Kind.CREATE;
      case UPDATE -> Kind.UPDATE;
      case READ -> Kind.READ;
      case FORGET -> Kind.FORGET;
      case NO_OP -> rc.importId() != null ? Kind.IMPORT : Plan.adopts(rc) ? Kind.ADOPT : Kind.MOVE;
    };
  }

  private static void destroyed(
      Doc doc, Plan plan, SchemaSource schemas, List<ResourceChange> shown) {
    List<ResourceChange> deletes = shown.stream().filter(rc -> kindOf(rc) == Kind.DESTROY).toList();
    if (deletes.isEmpty()) {
      return;
    }
    doc.fixed("### To destroy (" + deletes.size() + ")\n\n");
    Group g = doc.list("the list of resources to destroy", 14, "- ");
    for (ResourceChange rc : deletes) {
      // the plan text's own reasons: "(because ... is not in configuration)" and the like
      List<String> why = new ArrayList<>();
      String diff = doc.changeText(plan, schemas, rc, false);
      if (diff != null) {
        diff.lines()
            .skip(1)
            .map(String::strip)
            .takeWhile(l -> l.startsWith("# "))
            .forEach(l -> why.add(l.substring(2)));
      }
      doc.item(
          g,
          "- " + code(name(rc)) + (why.isEmpty() ? "" : " " + text(String.join(" ", why))) + "\n",
          rc.address().toString());
    }
    doc.endList(g, "\n");
  }

  private static void replaced(Doc doc, List<ResourceChange> shown) {
    List<ResourceChange> replaces =
        shown.stream().filter(rc -> kindOf(rc) == Kind.REPLACE).toList();
    if (replaces.isEmpty()) {
      return;
    }
    doc.fixed("### To replace (" + replaces.size() + ")\n\n");
    Group g = doc.list("the list of resources to replace", 13, "- ");
    for (ResourceChange rc : replaces) {
      doc.item(g, "- " + code(name(rc)) + ": " + replaceReason(rc) + "\n", rc.address().toString());
    }
    doc.endList(g, "\n");
  }

  /** Why a replacement: the attributes that force it, or the reason the plan text gives. */
  private static String replaceReason(ResourceChange rc) {
    return switch (rc.reason()) {
      case REPLACE_BECAUSE_TAINTED -> "tainted";
      case REPLACE_BY_REQUEST -> "as requested (" + code("-replace") + ")";
      case REPLACE_BY_TRIGGERS -> "due to changes in " + code("replace_triggered_by");
      default -> {
        if (rc.replacePaths().isEmpty()) {
          yield "the provider cannot update it in place";
        }
        List<String> paths = new ArrayList<>();
        for (var p : rc.replacePaths()) {
          paths.add(code(AttributeChanges.pathText(ChangeValues.steps(p))));
        }
        yield "forced by " + String.join(", ", paths);
      }
    };
  }

  /** The bullet list of objects found changed or gone outside Forma, with the attributes. */
  private static void outside(
      Doc doc, List<ResourceChange> drift, SchemaSource schemas, String what) {
    Group g = doc.list("the list of " + what, 12, "- ");
    for (ResourceChange rc : drift) {
      String line;
      if (rc.action() == Action.DELETE) {
        line = "- " + code(name(rc)) + " has been deleted\n";
      } else {
        List<String> paths = new ArrayList<>();
        for (AttributeChanges.Changed c :
            AttributeChanges.of(rc, PlanRenderer.schema(schemas, rc))) {
          paths.add(code(c.text()));
        }
        line = "- " + code(name(rc)) + " has changed: " + String.join(", ", paths) + "\n";
      }
      doc.item(g, line, rc.address().toString());
    }
    doc.endList(g, "\n");
  }

  private static void outputs(Doc doc, Plan plan) {
    List<OutputChange> changed =
        plan.outputs().stream().filter(o -> o.action() != Action.NO_OP).toList();
    String text = PlanRenderer.outputsText(plan);
    if (changed.isEmpty() || text.isEmpty()) {
      return;
    }
    doc.fixed("### Output changes (" + changed.size() + ")\n\n");
    String fence = fence(text);
    doc.fixed(fence + "\n");
    Group g = doc.list("the output changes", 11, "");
    // one item per output: its line ("  + name = ..."), and the deeper lines of a value after it
    List<String> items = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!items.isEmpty() && line.startsWith("    ")) {
        items.set(items.size() - 1, items.getLast() + line + "\n");
      } else {
        items.add(line + "\n");
      }
    }
    for (String item : items) {
      doc.item(g, item, null);
    }
    doc.endList(g, fence + "\n\n");
  }

  /** The shown changes in the order a reviewer reads them: deletions first. */
  private static List<ResourceChange> byImportance(List<ResourceChange> shown) {
    Map<Kind, List<ResourceChange>> by = new TreeMap<>();
    for (ResourceChange rc : shown) {
      by.computeIfAbsent(kindOf(rc), k -> new ArrayList<>()).add(rc);
    }
    List<ResourceChange> out = new ArrayList<>();
    by.values().forEach(out::addAll);
    return out;
  }

  /** A collapsed block per change with the plan text's diff; the groups of blocks made. */
  private static List<Group> details(
      Doc doc, Plan plan, SchemaSource schemas, List<ResourceChange> changes, boolean drift) {
    Map<Kind, Group> groups = new LinkedHashMap<>();
    for (ResourceChange rc : changes) {
      String text = doc.changeText(plan, schemas, rc, drift);
      if (text == null) {
        continue;
      }
      Kind kind = drift ? Kind.UPDATE : kindOf(rc);
      Group g =
          groups.computeIfAbsent(
              kind,
              k ->
                  doc.details(
                      drift ? "objects changed outside Forma" : k.plural, drift ? 3 : k.rank));
      String first = text.strip().lines().findFirst().orElse("");
      first = first.replaceFirst("^#\\s*", "");
      String fence = fence(text);
      doc.item(
          g,
          "<details><summary>"
              + html(first)
              + "</summary>\n\n"
              + fence
              + "\n"
              + text.stripTrailing()
              + "\n"
              + fence
              + "\n\n</details>\n\n",
          rc.address().toString());
    }
    groups.values().forEach(g -> doc.endList(g, ""));
    return new ArrayList<>(groups.values());
  }

  // ------------------------------------------------------------------ text

  private static String name(ResourceChange rc) {
    return rc.address()
        + (rc.deposedKey() == null ? "" : " (deposed object " + rc.deposedKey() + ")");
  }

  /** A code span that holds {@code s} whatever backticks it has. */
  static String code(String s) {
    int longest = longestRun(s, '`');
    String ticks = "`".repeat(longest + 1);
    String pad = s.startsWith("`") || s.endsWith("`") || longest > 0 ? " " : "";
    return ticks + pad + s + pad + ticks;
  }

  /** A code fence longer than any run of backticks in {@code s} (at least three). */
  private static String fence(String s) {
    return "`".repeat(Math.max(3, longestRun(s, '`') + 1));
  }

  private static int longestRun(String s, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  /** Plain text with Markdown's punctuation escaped, on one line. */
  static String text(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.replace('\n', ' ').toCharArray()) {
      if ("\\`*_[]<>|~&#!".indexOf(ch) >= 0) {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  /** Text for inside an HTML tag. */
  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String number(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  // ------------------------------------------------------------------ the budget

  /** Cuttable pieces of one kind: the diffs of one action, or one list's items. */
  private static final class Group {
    final String what;
    final int rank;
    final String bullet;
    int total;
    int cut;
    String firstCut;

    /** {@code bullet} is null for diffs, else what starts a list's items. */
    Group(String what, int rank, String bullet) {
      this.what = what;
      this.rank = rank;
      this.bullet = bullet;
    }

    /** What the document says in place of a list's cut items. */
    String marker() {
      return bullet != null && cut > 0 ? bullet + "… and " + number(cut) + " more\n" : "";
    }

    /** What the note says was left out of this group. */
    String leftOut() {
      String of = cut == total ? "all " + number(total) : number(cut) + " of " + number(total);
      String from = cut < total && firstCut != null ? " (from " + code(firstCut) + " on)" : "";
      return (bullet != null ? of + " entries of " : "the diffs of " + of + " ") + what + from;
    }
  }

  /**
   * One run of text: fixed, an item of a group, the end of a group, or the note's place; {@code
   * guards} the groups a heading heads (left out when all their items are).
   */
  private record Piece(
      String text, Group group, String address, boolean end, boolean note, List<Group> guards) {
    Piece(String text, Group group, String address, boolean end, boolean note) {
      this(text, group, address, end, note, List.of());
    }

    boolean headsNothing() {
      return !guards.isEmpty() && guards.stream().allMatch(g -> g.cut == g.total);
    }
  }

  /** The document as pieces, some of which may be left out to fit. */
  private static final class Doc {
    private final List<Piece> pieces = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final Map<ResourceChange, String> texts = new java.util.IdentityHashMap<>();
    private int budget;

    /** The plan text of one change (each rendered once). */
    String changeText(Plan plan, SchemaSource schemas, ResourceChange rc, boolean drift) {
      if (drift) {
        return PlanRenderer.changeText(plan, schemas, rc, true);
      }
      return texts.computeIfAbsent(rc, c -> PlanRenderer.changeText(plan, schemas, c, false));
    }

    void fixed(String text) {
      pieces.add(new Piece(text, null, null, false, false));
    }

    /** A heading left out when every item of the groups added to the returned list is. */
    List<Group> heading(String text) {
      List<Group> guards = new ArrayList<>();
      pieces.add(new Piece(text, null, null, false, false, guards));
      return guards;
    }

    void note() {
      pieces.add(new Piece("", null, null, false, true));
    }

    Group list(String what, int rank, String bullet) {
      Group g = new Group(what, rank, bullet);
      groups.add(g);
      return g;
    }

    Group details(String what, int rank) {
      Group g = new Group(what, rank, null);
      groups.add(g);
      return g;
    }

    void item(Group g, String text, String address) {
      g.total++;
      pieces.add(new Piece(text, g, address, false, false));
    }

    void endList(Group g, String text) {
      pieces.add(new Piece(text, g, null, true, false));
    }

    /** The note on what was left out (empty when nothing was). */
    private String noteText(String whole) {
      List<String> parts = new ArrayList<>();
      for (Group g : groups) {
        if (g.cut > 0) {
          parts.add(g.leftOut());
        }
      }
      if (parts.isEmpty()) {
        return "";
      }
      return "> **Left out to fit in "
          + number(budget)
          + " characters:** "
          + String.join("; ", parts)
          + ". "
          + whole
          + "\n\n";
    }

    /** The document, its items left out least important first until it fits {@code budget}. */
    String finish(int budget, String whole) {
      this.budget = budget;
      long length = 0;
      for (Piece p : pieces) {
        length += p.text().length();
      }
      // the cuttable items, least important first: by rank, then from the last one up
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < pieces.size(); i++) {
        if (pieces.get(i).group() != null && !pieces.get(i).end()) {
          order.add(i);
        }
      }
      order.sort(
          (a, b) -> {
            int r = Integer.compare(pieces.get(a).group().rank, pieces.get(b).group().rank);
            return r != 0 ? r : Integer.compare(b, a);
          });
      boolean[] cut = new boolean[pieces.size()];
      int next = 0;
      while (length + extra(whole) > budget - 1 && next < order.size()) {
        int i = order.get(next++);
        Piece p = pieces.get(i);
        cut[i] = true;
        length -= p.text().length();
        p.group().cut++;
        if (p.address() != null) {
          p.group().firstCut = p.address();
        }
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < pieces.size(); i++) {
        Piece p = pieces.get(i);
        if (cut[i] || p.headsNothing()) {
          continue;
        }
        if (p.note()) {
          sb.append(noteText(whole));
        } else if (p.end()) {
          sb.append(p.group().marker()).append(p.text());
        } else {
          sb.append(p.text());
        }
      }
      return sb.toString().stripTrailing() + "\n";
    }

    /** The characters the note and the lists' markers add. */
    private int extra(String whole) {
      int n = noteText(whole).length();
      for (Group g : groups) {
        n += g.marker().length();
      }
      return n;
    }
  }
}
