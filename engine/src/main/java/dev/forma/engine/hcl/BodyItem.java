package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Range;

/** An element of a body: an attribute or a block. */
public sealed interface BodyItem permits Attribute, Block {
  Range range();
}
