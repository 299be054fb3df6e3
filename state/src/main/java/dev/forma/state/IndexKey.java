package dev.forma.state;

import java.util.Objects;

/**
 * The key of one instance of a resource: none (no {@code count} or {@code for_each}), an integer
 * ({@code count}) or a string ({@code for_each}). Keys sort as Terraform writes them: no key first,
 * then integers in numeric order, then strings in code point order.
 */
public sealed interface IndexKey extends Comparable<IndexKey> {
  /** The key of a resource with neither {@code count} nor {@code for_each}. */
  IndexKey NONE = new NoKey();

  /** An integer key, as {@code count} gives. */
  static IndexKey of(long index) {
    return new IntKey(index);
  }

  /** A string key, as {@code for_each} gives. */
  static IndexKey of(String key) {
    return new StringKey(key);
  }

  /** The absent key. */
  record NoKey() implements IndexKey {
    @Override
    public String toString() {
      return "";
    }
  }

  /** An integer key; prints as {@code [3]}. */
  record IntKey(long value) implements IndexKey {
    @Override
    public String toString() {
      return "[" + value + "]";
    }
  }

  /** A string key; prints as {@code ["a"]} with the string quoted as in HCL. */
  record StringKey(String value) implements IndexKey {
    public StringKey {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("[\"");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> out.append(c);
        }
      }
      return out.append("\"]").toString();
    }
  }

  private int rank() {
    return switch (this) {
      case NoKey n -> 0;
      case IntKey i -> 1;
      case StringKey s -> 2;
    };
  }

  @Override
  default int compareTo(IndexKey other) {
    int byRank = Integer.compare(rank(), other.rank());
    if (byRank != 0) {
      return byRank;
    }
    return switch (this) {
      case NoKey n -> 0;
      case IntKey i -> Long.compare(i.value(), ((IntKey) other).value());
      case StringKey s -> CodePointOrder.compare(s.value(), ((StringKey) other).value());
    };
  }
}
