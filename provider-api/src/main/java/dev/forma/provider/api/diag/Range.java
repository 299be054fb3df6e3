package dev.forma.provider.api.diag;

/**
 * A span of a source file, from {@code start} (inclusive) to {@code end} (exclusive). The file is
 * named as the user would name it (relative to the working directory when possible).
 */
public record Range(String filename, Pos start, Pos end) {

  /** A zero-width range at one position. */
  public static Range at(String filename, Pos pos) {
    return new Range(filename, pos, pos);
  }

  /** The smallest range that covers both {@code a} and {@code b} (same file assumed). */
  public static Range between(Range a, Range b) {
    Pos s = a.start.compareTo(b.start) <= 0 ? a.start : b.start;
    Pos e = a.end.compareTo(b.end) >= 0 ? a.end : b.end;
    return new Range(a.filename, s, e);
  }

  /** A range covering this one through {@code other}. */
  public Range to(Range other) {
    return between(this, other);
  }

  public boolean contains(Pos p) {
    return p.byteOffset() >= start.byteOffset() && p.byteOffset() < end.byteOffset();
  }

  @Override
  public String toString() {
    if (start.line() == end.line()) {
      return filename + ":" + start.line() + "," + start.column() + "-" + end.column();
    }
    return filename + ":" + start + "-" + end;
  }
}
