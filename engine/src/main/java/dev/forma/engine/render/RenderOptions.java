package dev.forma.engine.render;

/**
 * How to render human text: with Terraform's ANSI colours or without, and the width paragraphs are
 * wrapped to (Terraform uses the terminal's width, or 78 columns when it has none).
 */
public record RenderOptions(boolean color, int width) {
  /** No colour, 78 columns: what Terraform prints when its output is not a terminal. */
  public static final RenderOptions PLAIN = new RenderOptions(false, 78);

  /** Colour, 78 columns. */
  public static final RenderOptions COLOR = new RenderOptions(true, 78);
}
