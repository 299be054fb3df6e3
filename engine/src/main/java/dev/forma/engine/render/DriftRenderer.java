package dev.forma.engine.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ResourceMode;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.DriftReport;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A drift check ({@code forma drift}) as text for a person and as one JSON document for a program:
 * the objects changed outside Forma (attribute by attribute), the objects deleted outside Forma,
 * and the configuration not yet applied, each in its own part. Sensitive values are masked in the
 * text and left out of the JSON (which says that they changed); the Markdown form is {@link
 * PlanMarkdown#drift}.
 */
public final class DriftRenderer {
  /** The version of the JSON document's shape (docs/gitops.md, "forma drift"). */
  public static final String FORMAT_VERSION = "1.0";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DriftRenderer() {}

  /**
   * One line that says what was found: "No drift. ..." or "Drift: N objects changed outside Forma,
   * ...".
   */
  public static String summaryLine(DriftReport report) {
    if (!report.hasDrift()) {
      return "No drift. The real objects match the state, and the state matches the"
          + " configuration.";
    }
    int changed = report.changedOutside().size();
    int deleted = report.deletedOutside().size();
    int pending = notApplied(report.pending());
    return "Drift: "
        + count(changed, "object")
        + " changed outside Forma, "
        + count(deleted, "object")
        + " deleted outside Forma, "
        + count(pending, "change")
        + " of the configuration not yet applied.";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** The changes (resources and outputs) a plan would make. */
  private static int notApplied(Plan plan) {
    int n = PlanMarkdown.shownChanges(plan).size();
    for (OutputChange o : plan.outputs()) {
      if (o.action() != Action.NO_OP) {
        n++;
      }
    }
    return n;
  }

  /** The report as text: the summary line, then each part with the plan text's diffs. */
  public static String render(DriftReport report, SchemaSource schemas, RenderOptions options) {
    Colorize c = new Colorize(options.color());
    StringBuilder out = new StringBuilder();
    if (!report.hasDrift()) {
      out.append(c.color("\n[reset][bold][green]No drift.[reset][bold]"))
          .append(summaryLine(report).substring("No drift.".length()))
          .append(c.color("[reset]\n"));
      return out.toString();
    }
    out.append(c.color("\n[reset][bold][yellow]" + summaryLine(report) + "[reset]\n"));
    List<ResourceChange> changed = report.changedOutside();
    if (!changed.isEmpty()) {
      out.append(c.color("\n[bold]Objects changed outside of Forma:[reset]\n"));
      for (ResourceChange rc : changed) {
        out.append("\n")
            .append(PlanRenderer.changeText(report.refreshOnly(), schemas, rc, true, options))
            .append("\n");
      }
    }
    List<ResourceChange> deleted = report.deletedOutside();
    if (!deleted.isEmpty()) {
      out.append(c.color("\n[bold]Objects deleted outside of Forma:[reset]\n\n"));
      for (ResourceChange rc : deleted) {
        out.append("  # ").append(rc.address()).append(" has been deleted\n");
      }
    }
    Plan pending = report.pending();
    if (pending.hasChanges()) {
      out.append(c.color("\n[bold]Configuration not yet applied:[reset]\n"));
      List<ResourceChange> shown = PlanMarkdown.shownChanges(pending);
      for (ResourceChange rc : shown) {
        String text = PlanRenderer.changeText(pending, schemas, rc, false, options);
        if (text != null) {
          out.append("\n").append(text).append("\n");
        }
      }
      if (!shown.isEmpty()) {
        String line = PlanRenderer.counts(pending).line();
        out.append(c.color("\n[bold]Plan:[reset]" + line.substring("Plan:".length()) + "\n"));
      }
      String outputs = PlanRenderer.outputsText(pending, options);
      if (!outputs.isEmpty()) {
        out.append("\nChanges to Outputs:\n").append(outputs).append("\n");
      }
    }
    return out.toString();
  }

  /**
   * The report as one JSON document (docs/gitops.md, "forma drift"): {@code drift}, a {@code
   * summary} of counts, and the objects {@code changed_outside}, {@code deleted_outside} and {@code
   * not_applied}, each with its address parts and its changed attributes (path, before, after;
   * sensitive values left out, unknown ones flagged), and the {@code output_changes}.
   */
  public static String json(DriftReport report, SchemaSource schemas, String formaVersion) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("forma_version", formaVersion);
    root.put("drift", report.hasDrift());
    ObjectNode summary = root.putObject("summary");
    summary.put("changed_outside", report.changedOutside().size());
    summary.put("deleted_outside", report.deletedOutside().size());
    summary.put("not_applied", notApplied(report.pending()));
    ArrayNode changed = root.putArray("changed_outside");
    for (ResourceChange rc : report.changedOutside()) {
      ObjectNode o = object(changed, rc);
      attributes(o, rc, schemas);
    }
    ArrayNode deleted = root.putArray("deleted_outside");
    for (ResourceChange rc : report.deletedOutside()) {
      object(deleted, rc);
    }
    ArrayNode pending = root.putArray("not_applied");
    Plan plan = report.pending();
    for (ResourceChange rc : PlanMarkdown.shownChanges(plan)) {
      ObjectNode o = object(pending, rc);
      o.set("actions", PlanJson.actions(rc.action()));
      plan.previousAddress(rc.address()).ifPresent(a -> o.put("previous_address", a.toString()));
      if (rc.importId() != null) {
        o.putObject("importing").put("id", rc.importId());
      }
      if (!rc.replacePaths().isEmpty()) {
        ArrayNode paths = o.putArray("replace_paths");
        rc.replacePaths().forEach(p -> paths.add(path(ChangeValues.steps(p))));
      }
      attributes(o, rc, schemas);
    }
    ArrayNode outputs = root.putArray("output_changes");
    for (OutputChange oc : plan.outputs()) {
      if (oc.action() == Action.NO_OP) {
        continue;
      }
      ObjectNode o = outputs.addObject();
      o.put("name", oc.name());
      o.set("actions", PlanJson.actions(oc.action()));
      boolean sensitive =
          oc.sensitive()
              || (oc.before() != null && oc.before().containsSensitive())
              || (oc.after() != null && oc.after().containsSensitive());
      o.put("sensitive", sensitive);
      if (!sensitive) {
        AttributeChanges.Changed whole =
            new AttributeChanges.Changed(List.of(), oc.before(), oc.after(), false, false);
        values(o, whole);
      }
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode object(ArrayNode into, ResourceChange rc) {
    ObjectNode o = into.addObject();
    o.put("address", rc.address().toString());
    if (!rc.address().module().isRoot()) {
      o.put("module_address", rc.address().module().toString());
    }
    o.put("mode", rc.address().resource().mode() == ResourceMode.MANAGED ? "managed" : "data");
    o.put("type", rc.address().resource().type());
    o.put("name", rc.address().resource().name());
    switch (rc.address().key()) {
      case InstanceKey.NoKey n -> {}
      case InstanceKey.IntKey i -> o.put("index", i.value());
      case InstanceKey.StringKey s -> o.put("index", s.value());
    }
    if (rc.deposedKey() != null) {
      o.put("deposed", rc.deposedKey());
    }
    return o;
  }

  private static void attributes(ObjectNode o, ResourceChange rc, SchemaSource schemas) {
    ArrayNode attrs = o.putArray("attributes");
    for (AttributeChanges.Changed c : AttributeChanges.of(rc, PlanRenderer.schema(schemas, rc))) {
      ObjectNode a = attrs.addObject();
      a.set("path", path(c.path()));
      a.put("sensitive", c.sensitive());
      if (!c.sensitive()) {
        values(a, c);
      }
      if (c.unknown()) {
        a.put("after_unknown", true);
      }
    }
  }

  /** {@code before} and {@code after} as JSON (absent sides as null, unknown after left out). */
  private static void values(ObjectNode o, AttributeChanges.Changed c) {
    o.set(
        "before",
        c.before() == null ? JsonValues.F.nullNode() : JsonValues.value(c.before().unmarkDeep()));
    if (c.after() == null) {
      o.set("after", JsonValues.F.nullNode());
    } else if (c.after().isWhollyKnown()) {
      o.set("after", JsonValues.value(c.after().unmarkDeep()));
    }
  }

  private static ArrayNode path(List<Object> steps) {
    ArrayNode arr = JsonValues.F.arrayNode();
    for (Object s : steps) {
      if (s instanceof Integer i) {
        arr.add(i);
      } else {
        arr.add(s.toString());
      }
    }
    return arr;
  }
}
