package dev.forma.engine.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Unified diffs in the shape {@code terraform fmt -diff} prints (checked against it). */
class UnifiedDiffTest {
  @Test
  void equalTextsHaveNoDiff() {
    assertEquals("", UnifiedDiff.of("old/a", "new/a", "x\n", "x\n"));
  }

  @Test
  void oneChangedLine() {
    assertEquals(
        "--- old/main.tf\n+++ new/main.tf\n@@ -1 +1 @@\n-a=1\n+a = 1\n",
        UnifiedDiff.of("old/main.tf", "new/main.tf", "a=1\n", "a = 1\n"));
  }

  @Test
  void contextAroundAChangeAndMissingFinalNewlines() {
    assertEquals(
        "--- old/t\n+++ new/t\n@@ -1,3 +1,3 @@\n run \"x\" {\n-command=plan\n+  command = plan\n"
            + " }\n\\ No newline at end of file\n",
        UnifiedDiff.of(
            "old/t", "new/t", "run \"x\" {\ncommand=plan\n}", "run \"x\" {\n  command = plan\n}"));
  }

  @Test
  void distantChangesMakeSeparateHunks() {
    String before = "a=1\n2\n3\n4\n5\n6\n7\n8\n9\nb=1\n";
    String after = "a = 1\n2\n3\n4\n5\n6\n7\n8\n9\nb = 1\n";
    assertEquals(
        "--- o\n+++ n\n@@ -1,4 +1,4 @@\n-a=1\n+a = 1\n 2\n 3\n 4\n"
            + "@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-b=1\n+b = 1\n",
        UnifiedDiff.of("o", "n", before, after));
  }
}
