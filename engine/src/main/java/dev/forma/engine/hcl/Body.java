package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * A body: the attributes and blocks of a file or of a block, in source order. {@code range} covers
 * the whole body; for a block body, {@code endRange} is the closing brace.
 */
public record Body(List<BodyItem> items, Range range, Range endRange) {
  public Body {
    items = List.copyOf(items);
  }

  public List<Attribute> attributes() {
    List<Attribute> out = new ArrayList<>();
    for (BodyItem i : items) {
      if (i instanceof Attribute a) {
        out.add(a);
      }
    }
    return out;
  }

  public List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    for (BodyItem i : items) {
      if (i instanceof Block b) {
        out.add(b);
      }
    }
    return out;
  }

  /** The attribute of that name, or null. */
  public Attribute attribute(String name) {
    for (BodyItem i : items) {
      if (i instanceof Attribute a && a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** The blocks of that type, in source order. */
  public List<Block> blocks(String type) {
    List<Block> out = new ArrayList<>();
    for (BodyItem i : items) {
      if (i instanceof Block b && b.type().equals(type)) {
        out.add(b);
      }
    }
    return out;
  }
}
