package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Pos;

/**
 * Names the top-level block a source position lies in, as diagnostics show it: {@code locals},
 * {@code resource "terraform_data" "a"}, {@code variable "v"}.
 */
public final class BlockContext {
  private BlockContext() {}

  /**
   * The header of the top-level block of {@code file} that holds the byte before {@code pos} (the
   * start of a diagnostic's subject), or null.
   */
  public static String headerAt(ConfigFile file, Pos pos) {
    if (file == null || file.body() == null) {
      return null;
    }
    for (Block b : file.body().blocks()) {
      // As Terraform decides it: the block holding the byte just before the subject, so that a
      // subject starting at the block's own first byte (the whole declaration) is in none.
      int at = pos.byteOffset() - 1;
      if (b.range().start().byteOffset() <= at && at < b.range().end().byteOffset()) {
        return header(b);
      }
    }
    return null;
  }

  /** {@code type "label" "label"} */
  public static String header(Block b) {
    StringBuilder sb = new StringBuilder(b.type());
    for (String l : b.labels()) {
      sb.append(" \"").append(l).append('"');
    }
    return sb.toString();
  }
}
