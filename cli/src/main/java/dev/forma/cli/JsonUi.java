package dev.forma.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.apply.ApplyHooks;
import dev.forma.engine.apply.ApplySummary;
import dev.forma.engine.apply.ObjectTarget;
import dev.forma.engine.apply.Operation;
import dev.forma.engine.apply.ProgressPrinter;
import dev.forma.engine.diag.Diagnostic;
import dev.forma.engine.diag.DiagnosticJson;
import dev.forma.engine.diag.DiagnosticRenderer;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.state.OutputValue;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Terraform's machine-readable UI ({@code -json}): one JSON object a line, each with {@code
 * @level}, {@code @message}, {@code @module} ({@code terraform.ui}), {@code @timestamp} and a
 * {@code type}: {@code version}, {@code refresh_start}, {@code planned_change}, {@code
 * change_summary}, {@code outputs}, {@code apply_start}, {@code apply_complete}, {@code
 * apply_errored}, {@code diagnostic}. Thread-safe: each line is written whole.
 */
final class JsonUi implements ApplyHooks {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;

  JsonUi(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  void version() {
    ObjectNode n = line("info", "Forma " + Main.VERSION, "version");
    n.put("terraform", Main.VERSION);
    n.put("ui", "1.2");
    emit(n);
  }

  void diagnostic(Diagnostic d, DiagnosticRenderer.Sources sources) {
    ObjectNode n =
        line(
            d.isError() ? "error" : "warn",
            (d.isError() ? "Error: " : "Warning: ") + d.summary(),
            "diagnostic");
    n.set("diagnostic", DiagnosticJson.toJson(d, sources));
    emit(n);
  }

  void plannedChanges(Plan plan) {
    for (ResourceChange c : plan.changes()) {
      var from = c.deposedKey() == null ? plan.previousAddress(c.address()).orElse(null) : null;
      if (c.action() == Action.NO_OP && c.importId() == null && from == null) {
        continue;
      }
      String action = c.action() == Action.NO_OP && from != null ? "move" : action(c.action());
      ObjectNode n = line("info", c.address() + ": Plan to " + action, "planned_change");
      ObjectNode change = n.putObject("change");
      change.set("resource", resource(c.address()));
      if (from != null) {
        change.set("previous_resource", resource(from));
      }
      change.put("action", action);
      if (c.reason() != dev.forma.engine.plan.ActionReason.NONE) {
        change.put("reason", c.reason().name().toLowerCase(java.util.Locale.ROOT));
      }
      emit(n);
    }
  }

  void changeSummary(String operation, int add, int change, int remove, int imported) {
    String message =
        switch (operation) {
          case "plan" ->
              "Plan: "
                  + (imported > 0 ? imported + " to import, " : "")
                  + add
                  + " to add, "
                  + change
                  + " to change, "
                  + remove
                  + " to destroy.";
          case "destroy" -> "Destroy complete! Resources: " + remove + " destroyed.";
          default ->
              "Apply complete! Resources: "
                  + (imported > 0 ? imported + " imported, " : "")
                  + add
                  + " added, "
                  + change
                  + " changed, "
                  + remove
                  + " destroyed.";
        };
    ObjectNode n = line("info", message, "change_summary");
    ObjectNode c = n.putObject("changes");
    c.put("add", add);
    c.put("change", change);
    c.put("import", imported);
    c.put("remove", remove);
    c.put("operation", operation);
    emit(n);
  }

  void plannedOutputs(Plan plan) {
    if (plan.outputs().isEmpty()) {
      return;
    }
    ObjectNode n = line("info", "Outputs: " + plan.outputs().size(), "outputs");
    ObjectNode outs = n.putObject("outputs");
    for (OutputChange o : plan.outputs()) {
      ObjectNode on = outs.putObject(o.name());
      on.put("sensitive", o.sensitive());
      on.put("action", action(o.action()));
    }
    emit(n);
  }

  void outputs(Map<String, OutputValue> values) {
    if (values.isEmpty()) {
      return;
    }
    ObjectNode n = line("info", "Outputs: " + values.size(), "outputs");
    ObjectNode outs = n.putObject("outputs");
    new TreeMap<>(values)
        .forEach(
            (name, v) -> {
              ObjectNode on = outs.putObject(name);
              on.put("sensitive", v.sensitive());
              on.set("type", v.type());
              if (!v.sensitive()) {
                on.set("value", v.value());
              }
            });
    emit(n);
  }

  @Override
  public void preRefresh(ObjectTarget target, String priorId) {
    ObjectNode n =
        line(
            "info",
            target + ": Refreshing state..." + (priorId == null ? "" : " [id=" + priorId + "]"),
            "refresh_start");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(target.address()));
    if (priorId != null) {
      hook.put("id_key", "id");
      hook.put("id_value", priorId);
    }
    emit(n);
  }

  @Override
  public void preApply(ObjectTarget target, Operation operation, String priorId) {
    String verb =
        switch (operation) {
          case CREATE -> "Creating...";
          case UPDATE -> "Modifying...";
          case DELETE -> "Destroying...";
        };
    ObjectNode n =
        line(
            "info",
            target + ": " + verb + (priorId == null ? "" : " [id=" + priorId + "]"),
            "apply_start");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(target.address()));
    hook.put("action", hookAction(operation));
    if (priorId != null) {
      hook.put("id_key", "id");
      hook.put("id_value", priorId);
    }
    emit(n);
  }

  @Override
  public void postApply(
      ObjectTarget target, Operation operation, boolean succeeded, String newId, Duration elapsed) {
    String took = ProgressPrinter.formatElapsed(elapsed);
    String message =
        !succeeded
            ? target + ": " + hookAction(operation) + " errored after " + took
            : target
                + ": "
                + switch (operation) {
                  case CREATE -> "Creation complete after ";
                  case UPDATE -> "Modifications complete after ";
                  case DELETE -> "Destruction complete after ";
                }
                + took
                + (newId == null ? "" : " [id=" + newId + "]");
    ObjectNode n =
        line(succeeded ? "info" : "error", message, succeeded ? "apply_complete" : "apply_errored");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(target.address()));
    hook.put("action", hookAction(operation));
    if (newId != null) {
      hook.put("id_key", "id");
      hook.put("id_value", newId);
    }
    hook.put("elapsed_seconds", elapsed.toSeconds());
    emit(n);
  }

  @Override
  public void applyFinished(ApplySummary s) {
    if (s.succeeded()) {
      changeSummary(
          s.mode() == Plan.Mode.DESTROY ? "destroy" : "apply",
          s.added(),
          s.changed(),
          s.destroyed(),
          s.imported());
    }
  }

  private static String hookAction(Operation operation) {
    return switch (operation) {
      case CREATE -> "create";
      case UPDATE -> "update";
      case DELETE -> "delete";
    };
  }

  static String action(Action a) {
    return switch (a) {
      case NO_OP -> "noop";
      case CREATE -> "create";
      case READ -> "read";
      case UPDATE -> "update";
      case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "replace";
      case DELETE -> "delete";
      case FORGET -> "remove";
    };
  }

  private static JsonNode resource(ResourceInstanceAddress a) {
    ObjectNode r = F.objectNode();
    r.put("addr", a.toString());
    r.put("module", "");
    r.put("resource", a.toString());
    r.put("implied_provider", a.resource().impliedProvider());
    r.put("resource_type", a.resource().type());
    r.put("resource_name", a.resource().name());
    switch (a.key()) {
      case InstanceKey.NoKey k -> r.putNull("resource_key");
      case InstanceKey.IntKey k -> r.put("resource_key", k.value());
      case InstanceKey.StringKey k -> r.put("resource_key", k.value());
    }
    return r;
  }

  private ObjectNode line(String level, String message, String type) {
    ObjectNode n = F.objectNode();
    n.put("@level", level);
    n.put("@message", message);
    n.put("@module", "terraform.ui");
    n.put("@timestamp", TIME.format(Instant.now(clock)));
    n.put("type", type);
    return n;
  }

  private void emit(ObjectNode n) {
    // Terraform writes the type last; keep its field order: move "type" after the payload.
    JsonNode type = n.remove("type");
    n.set("type", type);
    synchronized (out) {
      out.println(Json.compact(n));
      out.flush();
    }
  }
}
