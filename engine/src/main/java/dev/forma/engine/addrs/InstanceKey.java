package dev.forma.engine.addrs;

/**
 * Which instance of a resource: none (a resource without {@code count} or {@code for_each}), an
 * integer ({@code [0]}, from {@code count}) or a string ({@code ["k"]}, from {@code for_each}).
 */
public sealed interface InstanceKey extends Comparable<InstanceKey>
    permits InstanceKey.NoKey, InstanceKey.IntKey, InstanceKey.StringKey {

  NoKey NONE = new NoKey();

  /** The key as written after the resource address: empty, {@code [0]} or {@code ["k"]}. */
  String suffix();

  static IntKey of(int i) {
    return new IntKey(i);
  }

  static StringKey of(String s) {
    return new StringKey(s);
  }

  @Override
  default int compareTo(InstanceKey o) {
    int r = Integer.compare(rank(this), rank(o));
    if (r != 0) {
      return r;
    }
    return switch (this) {
      case NoKey n -> 0;
      case IntKey i -> Integer.compare(i.value(), ((IntKey) o).value());
      case StringKey s -> s.value().compareTo(((StringKey) o).value());
    };
  }

  private static int rank(InstanceKey k) {
    return switch (k) {
      case NoKey n -> 0;
      case IntKey i -> 1;
      case StringKey s -> 2;
    };
  }

  /** The key of a resource that has a single instance. */
  record NoKey() implements InstanceKey {
    @Override
    public String suffix() {
      return "";
    }

    @Override
    public String toString() {
      return "";
    }
  }

  /** An index from {@code count}. */
  record IntKey(int value) implements InstanceKey {
    @Override
    public String suffix() {
      return "[" + value + "]";
    }

    @Override
    public String toString() {
      return suffix();
    }
  }

  /** A key from {@code for_each}. */
  record StringKey(String value) implements InstanceKey {
    public StringKey {
      java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String suffix() {
      return "[" + AddressParser.quote(value) + "]";
    }

    @Override
    public String toString() {
      return suffix();
    }
  }
}
