package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Range;
import java.util.List;

/**
 * {@code type "label" label { body }}. {@code range} runs from the type to the closing brace;
 * {@code labelRanges} match {@code labels} one for one.
 */
public record Block(
    String type,
    List<String> labels,
    Body body,
    Range typeRange,
    List<Range> labelRanges,
    Range openBraceRange,
    Range closeBraceRange,
    Range range)
    implements BodyItem {
  public Block {
    labels = List.copyOf(labels);
    labelRanges = List.copyOf(labelRanges);
  }

  /** From the type through the last label: what a diagnostic about the whole block points at. */
  public Range defRange() {
    return labelRanges.isEmpty() ? typeRange : typeRange.to(labelRanges.getLast());
  }
}
