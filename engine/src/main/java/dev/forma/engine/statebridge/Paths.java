package dev.forma.engine.statebridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.forma.provider.api.value.BoolValue;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import dev.forma.state.AttributePath;
import java.util.ArrayList;
import java.util.List;

/** Attribute paths between the engine's {@link PathStep}s and the state's {@link AttributePath}. */
public final class Paths {
  private Paths() {}

  /** The state form of an engine path. */
  public static AttributePath toState(List<PathStep> path) {
    List<dev.forma.state.PathStep> out = new ArrayList<>();
    for (PathStep step : path) {
      out.add(
          switch (step) {
            case PathStep.Attr a -> dev.forma.state.PathStep.attr(a.name());
            case PathStep.Index i ->
                switch (i.key().unmark()) {
                  case NumberValue n ->
                      new dev.forma.state.PathStep.Index(
                          JsonNodeFactory.withExactBigDecimals(true).numberNode(n.value()),
                          JsonNodeFactory.instance.textNode("number"));
                  case StringValue s -> dev.forma.state.PathStep.index(s.value());
                  case BoolValue b ->
                      new dev.forma.state.PathStep.Index(
                          JsonNodeFactory.instance.booleanNode(b.value()),
                          JsonNodeFactory.instance.textNode("bool"));
                  default ->
                      throw new IllegalArgumentException("not a path key: " + i.key().type());
                };
          });
    }
    return new AttributePath(out);
  }

  /** The engine form of a state path. */
  public static List<PathStep> fromState(AttributePath path) {
    List<PathStep> out = new ArrayList<>();
    for (dev.forma.state.PathStep step : path.steps()) {
      out.add(
          switch (step) {
            case dev.forma.state.PathStep.GetAttr a -> PathStep.attr(a.name());
            case dev.forma.state.PathStep.Index i -> new PathStep.Index(key(i.value()));
          });
    }
    return out;
  }

  private static Value key(JsonNode v) {
    if (v.isNumber()) {
      return Value.of(v.decimalValue());
    }
    if (v.isBoolean()) {
      return Value.of(v.booleanValue());
    }
    return Value.of(v.asText());
  }
}
