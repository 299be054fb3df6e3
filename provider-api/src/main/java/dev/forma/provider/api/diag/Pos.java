package dev.forma.provider.api.diag;

/**
 * A position in a source file: 1-based line, 1-based column (counted in Unicode code points),
 * 0-based byte offset into the UTF-8 encoding of the file.
 */
public record Pos(int line, int column, int byteOffset) implements Comparable<Pos> {
  public static final Pos START = new Pos(1, 1, 0);

  @Override
  public int compareTo(Pos o) {
    return Integer.compare(byteOffset, o.byteOffset);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
