package dev.forma.engine.planfile;

import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SensitiveValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts the sensitive values back into a saved plan read from a file: each redacted value (a
 * fingerprint) is taken from the same place in a plan made again from the same configuration, state
 * and inputs, and kept only if its fingerprint matches. Everything that is not sensitive stays as
 * saved.
 */
final class SensitiveRestorer {
  private final byte[] salt;

  /** Where the first value that could not be restored is, as a user reads it; null when none. */
  String mismatch;

  SensitiveRestorer(byte[] salt) {
    this.salt = salt;
  }

  /** True when {@code v} holds a redacted value anywhere. */
  static boolean redacted(Value v) {
    return v != null && v.containsSensitive();
  }

  Plan restore(Plan saved, Plan fresh) {
    Map<String, ResourceChange> freshChanges = new HashMap<>();
    for (ResourceChange c : fresh.changes()) {
      freshChanges.put(key(c), c);
    }
    List<ResourceChange> changes = new ArrayList<>();
    for (ResourceChange c : saved.changes()) {
      if (!redacted(c.before()) && !redacted(c.after())) {
        changes.add(c);
        continue;
      }
      ResourceChange f = freshChanges.get(key(c));
      String where =
          c.address() + (c.deposedKey() == null ? "" : " (deposed " + c.deposedKey() + ")");
      Value before = value(c.before(), f == null ? null : f.before(), where);
      Value after = value(c.after(), f == null ? null : f.after(), where);
      changes.add(
          new ResourceChange(
              c.address(),
              c.deposedKey(),
              c.provider(),
              c.action(),
              c.reason(),
              before,
              after,
              c.replacePaths(),
              c.importId(),
              c.dependencies(),
              c.createBeforeDestroy(),
              c.priorPrivate(),
              c.plannedPrivate()));
    }
    Map<String, OutputChange> freshOutputs = new HashMap<>();
    fresh.outputs().forEach(o -> freshOutputs.put(o.name(), o));
    List<OutputChange> outputs = new ArrayList<>();
    for (OutputChange o : saved.outputs()) {
      if (!redacted(o.before()) && !redacted(o.after())) {
        outputs.add(o);
        continue;
      }
      OutputChange f = freshOutputs.get(o.name());
      String where = "output." + o.name();
      outputs.add(
          new OutputChange(
              o.name(),
              o.action(),
              value(o.before(), f == null ? null : f.before(), where),
              value(o.after(), f == null ? null : f.after(), where),
              o.sensitive()));
    }
    Map<String, Value> variables = new LinkedHashMap<>();
    saved
        .variables()
        .forEach(
            (k, v) ->
                variables.put(k, redacted(v) ? value(v, fresh.variables().get(k), "var." + k) : v));
    return new Plan(
        saved.mode(),
        changes,
        saved.drift().stream().filter(d -> !redacted(d.before()) && !redacted(d.after())).toList(),
        outputs,
        variables,
        saved.priorSerial(),
        saved.priorLineage(),
        saved.timestamp(),
        saved.complete(),
        saved.priorState(),
        saved.moves());
  }

  private static String key(ResourceChange c) {
    return c.address() + "\u0000" + Objects.toString(c.deposedKey(), "");
  }

  private Value value(Value saved, Value fresh, String where) {
    if (saved == null || !redacted(saved)) {
      return saved;
    }
    Value out = restore(saved, fresh);
    if (out == null && mismatch == null) {
      mismatch = where;
    }
    return out == null ? saved : out;
  }

  /** The restored value, or null when {@code fresh} does not match {@code saved}. */
  private Value restore(Value saved, Value fresh) {
    if (fresh == null) {
      return null;
    }
    if (saved instanceof SensitiveValue s) {
      if (s.inner() instanceof StringValue fp) {
        Value f = fresh.unmark();
        boolean ok =
            fresh.containsSensitive()
                && f.isWhollyKnown()
                && SchemaValues.matchesFingerprint(f, fp.value(), salt);
        return ok ? fresh : null;
      }
      // Not wholly known when saved: nothing secret was kept to compare with.
      return fresh.isSensitive() && !fresh.isWhollyKnown() ? fresh : null;
    }
    if (fresh.isSensitive()) {
      return null;
    }
    return switch (saved) {
      case ListValue l when fresh instanceof ListValue fl ->
          elements(l.elements(), fl.elements()) instanceof List<Value> e
              ? new ListValue(l.elementType(), e)
              : null;
      case SetValue s when fresh instanceof SetValue fs ->
          elements(s.elements(), fs.elements()) instanceof List<Value> e
              ? new SetValue(s.elementType(), e)
              : null;
      case TupleValue t when fresh instanceof TupleValue ft ->
          elements(t.elements(), ft.elements()) instanceof List<Value> e ? new TupleValue(e) : null;
      case MapValue m when fresh instanceof MapValue fm -> {
        if (!m.entries().keySet().equals(fm.entries().keySet())) {
          yield null;
        }
        TreeMap<String, Value> out = new TreeMap<>();
        for (var e : m.entries().entrySet()) {
          Value r = restoreOrKeep(e.getValue(), fm.entries().get(e.getKey()));
          if (r == null) {
            yield null;
          }
          out.put(e.getKey(), r);
        }
        yield new MapValue(m.elementType(), out);
      }
      case ObjectValue o when fresh instanceof ObjectValue fo -> {
        if (!o.attributes().keySet().equals(fo.attributes().keySet())) {
          yield null;
        }
        LinkedHashMap<String, Value> out = new LinkedHashMap<>();
        for (var e : o.attributes().entrySet()) {
          Value r = restoreOrKeep(e.getValue(), fo.attributes().get(e.getKey()));
          if (r == null) {
            yield null;
          }
          out.put(e.getKey(), r);
        }
        yield new ObjectValue(out);
      }
      default -> null;
    };
  }

  private Value restoreOrKeep(Value saved, Value fresh) {
    return redacted(saved) ? restore(saved, fresh) : saved;
  }

  private List<Value> elements(List<Value> saved, List<Value> fresh) {
    if (saved.size() != fresh.size()) {
      return null;
    }
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < saved.size(); i++) {
      Value r = restoreOrKeep(saved.get(i), fresh.get(i));
      if (r == null) {
        return null;
      }
      out.add(r);
    }
    return out;
  }
}
