package dev.forma.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the list blocks of *.tfquery.hcl files, and the mistakes named where they are. */
class QueryFilesTest {
  @TempDir Path dir;

  @Test
  void readsListBlocksWithProviderLimitAndConfig() throws Exception {
    Files.writeString(
        dir.resolve("adopt.tfquery.hcl"),
        """
        list "alicloud_pai_workspace_connection" "all" {
          provider = alicloud.west
          limit    = 500
          config {
            workspace_id    = var.workspace
            connection_type = "MilvusConnection"
          }
        }
        """);
    Files.writeString(dir.resolve("main.tf"), "list \"ignored\" \"x\" {}\n");
    Result<QueryFiles> r = QueryFiles.load(dir);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    List<ListBlock> blocks = r.value().blocks();
    assertEquals(1, blocks.size());
    ListBlock b = blocks.get(0);
    assertEquals("list.alicloud_pai_workspace_connection.all", b.address());
    assertEquals("alicloud.west", b.provider().toString());
    assertEquals(List.of("workspace_id", "connection_type"), List.copyOf(b.config().keySet()));
    assertEquals(3, b.limit().range().start().line());
  }

  @Test
  void otherBlocksCountWithForEachAndDuplicatesAreErrorsAtTheirTokens() throws Exception {
    Files.writeString(
        dir.resolve("q.tfquery.hcl"),
        """
        variable "x" {}
        list "alicloud_pai_workspace_workspace" "both" {
          count    = 2
          for_each = toset(["a"])
        }
        list "alicloud_pai_workspace_workspace" "all" {}
        list "alicloud_pai_workspace_workspace" "all" {}
        """);
    Result<QueryFiles> r = QueryFiles.load(dir);
    List<Diagnostic> ds = r.diagnostics().asList();
    assertEquals(3, ds.size(), ds.toString());
    assertEquals("Unsupported block type", ds.get(0).summary());
    assertEquals(1, ds.get(0).subject().start().line());
    assertEquals("Invalid combination of \"count\" and \"for_each\"", ds.get(1).summary());
    assertEquals(4, ds.get(1).subject().start().line());
    assertEquals("Duplicate list block", ds.get(2).summary());
    assertEquals(7, ds.get(2).subject().start().line());
  }

  @Test
  void noQueryFilesMeansNoBlocks() {
    Result<QueryFiles> r = QueryFiles.load(dir);
    assertFalse(r.hasErrors());
    assertTrue(r.value().blocks().isEmpty());
    assertNull(r.value().sources().text("main.tf"));
  }
}
