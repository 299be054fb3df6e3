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
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.DiagnosticJson;
import dev.forma.provider.api.diag.DiagnosticRenderer;
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
 * Terraform's machine-readable UI ({@code -json}, UI version 1.2): one JSON object a line, each
 * with {@code @level}, {@code @message}, {@code @module} ({@code terraform.ui}), {@code
 * @timestamp}, then its payload and {@code type} with the keys in alphabetical order, as
 * Terraform's logger writes them. The types: {@code version}, {@code log}, {@code diagnostic},
 * {@code resource_drift}, {@code planned_change}, {@code change_summary}, {@code outputs}, {@code
 * refresh_start}, {@code refresh_complete}, {@code apply_start}, {@code apply_progress}, {@code
 * apply_complete} and {@code apply_errored}. Forma has no provisioners, so never {@code
 * provision_*}. Thread-safe: each line is written whole.
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
    diagnostic(d, null, sources);
  }

  /**
   * A diagnostic; about the object at {@code address} (its {@code address} field) when not null.
   */
  void diagnostic(
      Diagnostic d, ResourceInstanceAddress address, DiagnosticRenderer.Sources sources) {
    ObjectNode n =
        line(
            d.isError() ? "error" : "warn",
            (d.isError() ? "Error: " : "Warning: ") + d.summary(),
            "diagnostic");
    ObjectNode body = DiagnosticJson.toJson(d, sources);
    if (address != null) {
      // Terraform's field order: severity, summary, detail, address, range, snippet
      ObjectNode ordered = F.objectNode();
      body.fields()
          .forEachRemaining(
              e -> {
                ordered.set(e.getKey(), e.getValue());
                if (e.getKey().equals("detail")) {
                  ordered.put("address", address.toString());
                }
              });
      body = ordered;
    }
    n.set("diagnostic", body);
    emit(n);
  }

  /** A message for the reader, Terraform's {@code log} type (interrupts, for one). */
  void log(String message) {
    emit(line("info", message, "log"));
  }

  /**
   * The plan as Terraform streams it: {@code resource_drift} for each object changed outside (moves
   * only in a refresh-only plan, where they are the plan's content), {@code planned_change} for
   * each change that does something (a move or an import counts), the {@code change_summary}, and
   * the root module's {@code outputs} when it has any.
   */
  void plan(Plan plan) {
    for (ResourceChange c : plan.drift()) {
      if (c.action() != Action.NO_OP || plan.mode() == Plan.Mode.REFRESH_ONLY) {
        ObjectNode n = F.objectNode();
        String action = change(plan, c, n);
        emit(
            with(
                line("info", c.address() + ": Drift detected (" + action + ")", "resource_drift"),
                "change",
                n));
      }
    }
    int add = 0;
    int change = 0;
    int remove = 0;
    int imported = 0;
    for (ResourceChange c : plan.changes()) {
      if (c.importId() != null) {
        imported++;
      }
      switch (c.action()) {
        case CREATE -> add++;
        case UPDATE -> change++;
        case DELETE -> remove++;
        case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> {
          add++;
          remove++;
        }
        case NO_OP, READ, FORGET -> {}
      }
      var from = c.deposedKey() == null ? plan.previousAddress(c.address()).orElse(null) : null;
      if (c.action() == Action.NO_OP && c.importId() == null && from == null) {
        continue;
      }
      ObjectNode n = F.objectNode();
      String action = change(plan, c, n);
      emit(with(line("info", c.address() + ": Plan to " + action, "planned_change"), "change", n));
    }
    changeSummary("plan", add, change, remove, imported);
    plannedOutputs(plan);
  }

  /**
   * Fills {@code into} with Terraform's description of change {@code c}: the resource, where it
   * moved from, the action (a no-op that moves is a {@code move}, one that imports an {@code
   * import}), the reason, the import's ID. Returns the action.
   */
  private static String change(Plan plan, ResourceChange c, ObjectNode into) {
    var from = c.deposedKey() == null ? plan.previousAddress(c.address()).orElse(null) : null;
    String action = action(c.action());
    if (c.action() == Action.NO_OP && from != null) {
      action = "move";
    } else if (c.action() == Action.NO_OP && c.importId() != null) {
      action = "import";
    }
    into.set("resource", resource(c.address()));
    if (from != null) {
      into.set("previous_resource", resource(from));
    }
    into.put("action", action);
    String reason = reason(c.reason());
    if (reason != null) {
      into.put("reason", reason);
    }
    if (c.importId() != null) {
      into.putObject("importing").put("id", c.importId());
    }
    return action;
  }

  /** Terraform's name of a reason; null for none (and for Forma's that Terraform shows as none). */
  private static String reason(dev.forma.engine.plan.ActionReason r) {
    return switch (r) {
      case NONE, CREATE_BECAUSE_GONE -> null;
      case REPLACE_BECAUSE_TAINTED -> "tainted";
      case REPLACE_BY_REQUEST -> "requested";
      case REPLACE_BY_TRIGGERS -> "replace_triggered_by";
      case REPLACE_BECAUSE_CANNOT_UPDATE -> "cannot_update";
      case DELETE_BECAUSE_NO_RESOURCE_CONFIG,
          DELETE_BECAUSE_WRONG_REPETITION,
          DELETE_BECAUSE_COUNT_INDEX,
          DELETE_BECAUSE_EACH_KEY,
          DELETE_BECAUSE_NO_MOVE_TARGET,
          DELETE_BECAUSE_NO_MODULE,
          READ_BECAUSE_CONFIG_UNKNOWN,
          READ_BECAUSE_DEPENDENCY_PENDING,
          // Forma's own: a change that repairs an object, one that adopts an interrupted create
          REPAIR,
          ADOPT_AFTER_INTERRUPTED_CREATE ->
          r.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static ObjectNode with(ObjectNode line, String field, JsonNode value) {
    line.set(field, value);
    return line;
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

  /** The root module's output values after an apply: always, also none ({@code Outputs: 0}). */
  void outputs(Map<String, OutputValue> values) {
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
  public void postRefresh(ObjectTarget target, boolean succeeded, String newId) {
    if (!succeeded) {
      return; // as Terraform: a failed read says so in its diagnostics only
    }
    ObjectNode n =
        line(
            "info",
            target + ": Refresh complete" + (newId == null ? "" : " [id=" + newId + "]"),
            "refresh_complete");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(target.address()));
    if (newId != null) {
      hook.put("id_key", "id");
      hook.put("id_value", newId);
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
  public void stillApplying(
      ObjectTarget target, Operation operation, Duration elapsed, String status) {
    String verb =
        switch (operation) {
          case CREATE -> "creating";
          case UPDATE -> "modifying";
          case DELETE -> "destroying";
        };
    ObjectNode n =
        line(
            "info",
            target.address()
                + ": Still "
                + verb
                + "... ["
                + ProgressPrinter.formatElapsed(elapsed)
                + " elapsed]",
            "apply_progress");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(target.address()));
    hook.put("action", hookAction(operation));
    hook.put("elapsed_seconds", elapsed.toSeconds());
    emit(n);
  }

  @Override
  public void postApply(
      ObjectTarget target, Operation operation, boolean succeeded, String newId, Duration elapsed) {
    String noun =
        switch (operation) {
          case CREATE -> "Creation";
          case UPDATE -> "Modifications";
          case DELETE -> "Destruction";
        };
    String took = ProgressPrinter.formatElapsed(elapsed);
    // Terraform logs both at level info; a failure's diagnostics come after the apply
    ObjectNode n =
        line(
            "info",
            target.address()
                + ": "
                + noun
                + (succeeded ? " complete after " : " errored after ")
                + took
                + (succeeded && newId != null ? " [id=" + newId + "]" : ""),
            succeeded ? "apply_complete" : "apply_errored");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(target.address()));
    hook.put("action", hookAction(operation));
    if (succeeded && newId != null) {
      hook.put("id_key", "id");
      hook.put("id_value", newId);
    }
    hook.put("elapsed_seconds", elapsed.toSeconds());
    emit(n);
  }

  /**
   * A data source read (while planning, or during the apply when its configuration was not known
   * before): Terraform streams it as an apply step of action {@code read}, worded "Refreshing...".
   */
  @Override
  public void preRead(ResourceInstanceAddress address) {
    ObjectNode n = line("info", address + ": Refreshing...", "apply_start");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(address));
    hook.put("action", "read");
    emit(n);
  }

  @Override
  public void postRead(
      ResourceInstanceAddress address, boolean succeeded, String id, Duration elapsed) {
    ObjectNode n =
        line(
            "info",
            address
                + (succeeded ? ": Refresh complete after " : ": Refresh errored after ")
                + ProgressPrinter.formatElapsed(elapsed)
                + (succeeded && id != null ? " [id=" + id + "]" : ""),
            succeeded ? "apply_complete" : "apply_errored");
    ObjectNode hook = n.putObject("hook");
    hook.set("resource", resource(address));
    hook.put("action", "read");
    if (succeeded && id != null) {
      hook.put("id_key", "id");
      hook.put("id_value", id);
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
    r.put("module", a.module().isRoot() ? "" : a.module().toString());
    r.put("resource", a.resource().local().instance(a.key()).toString());
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
    n.put("type", type);
    return n;
  }

  private void emit(ObjectNode n) {
    // Terraform's logger writes the @ fields first, then the others in alphabetical order
    synchronized (out) {
      // stamped under the lock, so that the stream's times never go back
      n.put("@timestamp", TIME.format(Instant.now(clock)));
      ObjectNode ordered = F.objectNode();
      java.util.List<String> keys = new java.util.ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      java.util.Collections.sort(keys); // "@" sorts before letters
      for (String k : keys) {
        ordered.set(k, n.get(k));
      }
      out.println(Json.compact(ordered));
      out.flush();
    }
  }
}
