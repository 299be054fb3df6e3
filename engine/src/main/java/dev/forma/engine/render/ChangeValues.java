package dev.forma.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource change's values in the JSON plan's terms: before and after (after null when wholly
 * unknown), after_unknown, before_sensitive and after_sensitive, with the schema's sensitive
 * attributes marked.
 */
record ChangeValues(
    JsonNode before,
    JsonNode after,
    JsonNode afterUnknown,
    JsonNode beforeSensitive,
    JsonNode afterSensitive) {

  static ChangeValues of(ResourceChange rc, ResourceSchema schema) {
    BlockSchema block = schema == null ? null : schema.block();
    Value before = JsonValues.markSchemaSensitive(rc.before(), block);
    Value after = JsonValues.markSchemaSensitive(rc.after(), block);
    return of(before, after);
  }

  static ChangeValues of(Value before, Value after) {
    return new ChangeValues(
        JsonValues.value(before),
        JsonValues.value(after),
        after == null || after.isWhollyKnown()
            ? JsonValues.F.objectNode()
            : JsonValues.unknownMask(after),
        JsonValues.sensitiveMask(before),
        JsonValues.sensitiveMask(after));
  }

  Change toChange(PathMatcher replace, PathMatcher relevant) {
    return new Change(
        before,
        after,
        false,
        false,
        afterUnknown,
        beforeSensitive,
        afterSensitive,
        replace,
        relevant);
  }

  /** A path as the differ's matchers step through it. */
  static List<Object> steps(List<PathStep> path) {
    List<Object> out = new ArrayList<>();
    for (PathStep s : path) {
      switch (s) {
        case PathStep.Attr a -> out.add(a.name());
        case PathStep.Index i -> {
          if (i.key() instanceof StringValue str) {
            out.add(str.value());
          } else {
            out.add(Integer.valueOf(i.key().toString()));
          }
        }
      }
    }
    return out;
  }

  static PathMatcher replaceMatcher(ResourceChange rc) {
    List<List<Object>> paths = new ArrayList<>();
    for (List<PathStep> p : rc.replacePaths()) {
      paths.add(steps(p));
    }
    return PathMatcher.of(paths, false);
  }
}
