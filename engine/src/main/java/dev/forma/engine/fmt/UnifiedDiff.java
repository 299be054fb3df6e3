package dev.forma.engine.fmt;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, in the shape {@code diff -u} prints with labels
 * ({@code terraform fmt -diff} shows that): {@code ---}/{@code +++} headers, hunks with three lines
 * of context, removals before additions within a change, and {@code \ No newline at end of file}.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private enum Op {
    KEEP,
    REMOVE,
    ADD
  }

  private record Edit(Op op, int oldLine, int newLine) {}

  private UnifiedDiff() {}

  /** The diff from {@code before} to {@code after}; empty when they are equal. */
  public static String of(String oldLabel, String newLabel, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Edit> edits = reorder(edits(a, b));
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(oldLabel).append('\n');
    sb.append("+++ ").append(newLabel).append('\n');
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).op == Op.KEEP) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // Extend over changes closer than two contexts apart.
      while (true) {
        while (end < edits.size() && edits.get(end).op != Op.KEEP) {
          end++;
        }
        int next = end;
        while (next < edits.size() && edits.get(next).op == Op.KEEP) {
          next++;
        }
        if (next < edits.size() && next - end <= 2 * CONTEXT) {
          end = next;
        } else {
          end = Math.min(edits.size(), end + CONTEXT);
          break;
        }
      }
      hunk(sb, edits.subList(start, end), a, b);
      i = end;
    }
    return sb.toString();
  }

  private static void hunk(StringBuilder sb, List<Edit> hunk, List<String> a, List<String> b) {
    int oldStart = -1;
    int newStart = -1;
    int oldCount = 0;
    int newCount = 0;
    for (Edit e : hunk) {
      if (e.op != Op.ADD) {
        oldCount++;
        if (oldStart < 0) {
          oldStart = e.oldLine;
        }
      }
      if (e.op != Op.REMOVE) {
        newCount++;
        if (newStart < 0) {
          newStart = e.newLine;
        }
      }
    }
    Edit first = hunk.getFirst();
    if (oldStart < 0) {
      oldStart = first.oldLine;
    }
    if (newStart < 0) {
      newStart = first.newLine;
    }
    sb.append("@@ -").append(range(oldStart, oldCount));
    sb.append(" +").append(range(newStart, newCount)).append(" @@\n");
    for (Edit e : hunk) {
      String line =
          switch (e.op) {
            case KEEP -> " " + a.get(e.oldLine);
            case REMOVE -> "-" + a.get(e.oldLine);
            case ADD -> "+" + b.get(e.newLine);
          };
      sb.append(line);
      if (!line.endsWith("\n")) {
        sb.append("\n\\ No newline at end of file\n");
      }
    }
  }

  /**
   * {@code start} is 0-based; unified diffs count from 1 and name the line before an empty range.
   */
  private static String range(int start, int count) {
    if (count == 0) {
      return start + ",0";
    }
    return count == 1 ? String.valueOf(start + 1) : (start + 1) + "," + count;
  }

  /** The lines of a text, each with its line ending (the last one may have none). */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < text.length()) {
      out.add(text.substring(from));
    }
    return out;
  }

  /** A shortest edit script (Myers' algorithm), in order. */
  private static List<Edit> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = n + m;
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      trace.add(v.clone());
      for (int k = -d; k <= d; k += 2) {
        int x =
            (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                ? v[offset + k + 1]
                : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    List<Edit> out = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = found; d >= 0; d--) {
      int[] vd = trace.get(d);
      int k = x - y;
      int prevK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1;
      int prevX = d == 0 ? 0 : vd[offset + prevK];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
        out.add(new Edit(Op.KEEP, x, y));
      }
      if (d > 0) {
        if (x == prevX) {
          out.add(new Edit(Op.ADD, x, prevY));
        } else {
          out.add(new Edit(Op.REMOVE, prevX, y));
        }
        x = prevX;
        y = prevY;
      }
    }
    return out.reversed();
  }

  /** Within each run of changes, the removals first, then the additions. */
  private static List<Edit> reorder(List<Edit> edits) {
    List<Edit> out = new ArrayList<>();
    List<Edit> adds = new ArrayList<>();
    for (Edit e : edits) {
      switch (e.op) {
        case KEEP -> {
          out.addAll(adds);
          adds.clear();
          out.add(e);
        }
        case REMOVE -> out.add(e);
        case ADD -> adds.add(e);
      }
    }
    out.addAll(adds);
    return out;
  }
}
