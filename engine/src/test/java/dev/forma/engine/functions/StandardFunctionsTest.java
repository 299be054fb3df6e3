package dev.forma.engine.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The table holds every built-in the configuration language offers, and nothing of the evaluator's.
 */
class StandardFunctionsTest {
  private static final List<String> REQUIRED =
      List.of(
          "abs",
          "ceil",
          "floor",
          "log",
          "max",
          "min",
          "parseint",
          "pow",
          "signum",
          "chomp",
          "endswith",
          "format",
          "formatlist",
          "indent",
          "join",
          "lower",
          "regex",
          "regexall",
          "replace",
          "split",
          "startswith",
          "strcontains",
          "strrev",
          "substr",
          "title",
          "trim",
          "trimprefix",
          "trimsuffix",
          "trimspace",
          "upper",
          "alltrue",
          "anytrue",
          "chunklist",
          "coalesce",
          "coalescelist",
          "compact",
          "concat",
          "contains",
          "distinct",
          "element",
          "flatten",
          "index",
          "keys",
          "length",
          "lookup",
          "merge",
          "one",
          "range",
          "reverse",
          "setintersection",
          "setproduct",
          "setsubtract",
          "setunion",
          "slice",
          "sort",
          "sum",
          "transpose",
          "values",
          "zipmap",
          "base64decode",
          "base64encode",
          "csvdecode",
          "jsondecode",
          "jsonencode",
          "urlencode",
          "yamldecode",
          "yamlencode",
          "abspath",
          "basename",
          "dirname",
          "file",
          "fileexists",
          "fileset",
          "pathexpand",
          "templatefile",
          "formatdate",
          "timeadd",
          "timestamp",
          "plantimestamp",
          "md5",
          "sha1",
          "sha256",
          "sha512",
          "base64sha256",
          "uuid",
          "tobool",
          "tolist",
          "tomap",
          "tonumber",
          "toset",
          "tostring",
          "type",
          "sensitive",
          "nonsensitive",
          "issensitive");

  @Test
  void holdsEveryRequiredFunction() {
    Set<String> missing = new TreeSet<>(REQUIRED);
    missing.removeAll(StandardFunctions.INSTANCE.names());
    assertEquals(Set.of(), missing);
    for (String name : StandardFunctions.INSTANCE.names()) {
      assertEquals(name, StandardFunctions.INSTANCE.lookup(name).name());
    }
  }

  @Test
  void leavesCanAndTryToTheEvaluator() {
    assertNull(StandardFunctions.INSTANCE.lookup("can"));
    assertNull(StandardFunctions.INSTANCE.lookup("try"));
    assertNull(StandardFunctions.INSTANCE.lookup("nope"));
  }
}
