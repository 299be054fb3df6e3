package dev.forma.state;

import java.util.Arrays;
import java.util.List;

/** A path into an instance's attributes, such as {@code input.pw} or {@code tags["k"]}. */
public record AttributePath(List<PathStep> steps) {
  public AttributePath {
    steps = List.copyOf(steps);
  }

  /** A path of the given steps. */
  public static AttributePath of(PathStep... steps) {
    return new AttributePath(Arrays.asList(steps));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (PathStep step : steps) {
      switch (step) {
        case PathStep.GetAttr a -> out.append(out.isEmpty() ? "" : ".").append(a.name());
        case PathStep.Index i -> out.append('[').append(i.value()).append(']');
      }
    }
    return out.toString();
  }
}
