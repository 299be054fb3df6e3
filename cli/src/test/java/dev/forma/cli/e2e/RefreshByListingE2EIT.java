package dev.forma.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.cli.CloudApi;
import dev.forma.cli.e2e.E2E.Run;
import dev.forma.emulator.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, refresh by listing: 1,000 connections of one workspace applied by Forma, then some
 * edited and some deleted in the console; the next plan refreshes them with ListConnections pages
 * (counted by the local cloud) and finds exactly that drift, no more and no less.
 */
class RefreshByListingE2EIT {
  private static final int CONNECTIONS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private LocalCloud cloud;

  @BeforeEach
  void startCloud() throws Exception {
    cloud = E2E.startReadyCloud(tmp);
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  private Run ok(Path dir, String... args) throws Exception {
    Run r =
        E2E.exec(
            tmp,
            dir,
            Map.of(
                "FORMA_ALICLOUD_LOCAL_URL", cloud.url(), "NO_COLOR", "1", "TF_IN_AUTOMATION", "1"),
            E2E.forma(args));
    assertEquals(0, r.exit(), () -> String.join(" ", args) + "\n" + r.all());
    return r;
  }

  @Test
  void aThousandConnectionsAreRefreshedInAFewListCallsFindingExactlyTheDrift() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("many"));
    Files.writeString(
        dir.resolve("main.tf"),
        """
        provider "alicloud" {
          region   = "cn-hangzhou"
          endpoint = "local"
        }

        resource "alicloud_pai_workspace_workspace" "w" {
          workspace_name = "many_connections"
          description    = "refresh by listing"
          display_name   = "many"
          env_types      = ["prod"]
        }

        resource "alicloud_pai_workspace_connection" "c" {
          count           = %d
          workspace_id    = alicloud_pai_workspace_workspace.w.id
          connection_name = "c-${count.index}"
          connection_type = "DashScopeConnection"
          accessibility   = "PUBLIC"
          description     = "managed"
          configs = {
            base_url = "https://dashscope.example/v${count.index}"
          }
        }
        """
            .formatted(CONNECTIONS));
    ok(dir, "apply", "-auto-approve");

    Map<Integer, String> ids = new TreeMap<>();
    for (JsonNode r : JSON.readTree(dir.resolve("terraform.tfstate").toFile()).path("resources")) {
      if (r.path("type").asText().equals("alicloud_pai_workspace_connection")) {
        for (JsonNode i : r.path("instances")) {
          ids.put(i.path("index_key").asInt(), i.path("attributes").path("id").asText());
        }
      }
    }
    assertEquals(CONNECTIONS, ids.size());

    // drift made in the console: spread over the pages, first and last included
    CloudApi api = new CloudApi(cloud);
    TreeSet<String> edited = new TreeSet<>();
    for (int i : new int[] {0, 99, 100, 350, 517, 998}) {
      api.describeConnection(ids.get(i), "edited in the console");
      edited.add("alicloud_pai_workspace_connection.c[" + i + "]");
    }
    TreeSet<String> deleted = new TreeSet<>();
    for (int i : new int[] {1, 250, 501, 999}) {
      api.deleteConnection(ids.get(i));
      deleted.add("alicloud_pai_workspace_connection.c[" + i + "]");
    }

    long before = api.receivedAll();
    long listsBefore = api.received("ListConnections");
    long getsBefore = api.received("GetConnection");
    ok(dir, "plan", "-out=tfplan");
    long calls = api.receivedAll() - before;
    long lists = api.received("ListConnections") - listsBefore;
    long gets = api.received("GetConnection") - getsBefore;
    assertEquals(10, lists, "996 connections left: 10 pages of 100");
    assertEquals(
        deleted.size(), gets, "only the connections the list does not show are read alone");
    assertTrue(calls <= 20, "the refresh of 1,000 connections took " + calls + " calls");

    JsonNode plan = JSON.readTree(ok(dir, "show", "-json", "tfplan").out());
    TreeSet<String> driftUpdated = new TreeSet<>();
    TreeSet<String> driftDeleted = new TreeSet<>();
    for (JsonNode d : plan.path("resource_drift")) {
      String action = d.path("change").path("actions").toString();
      (action.equals("[\"delete\"]") ? driftDeleted : driftUpdated).add(d.path("address").asText());
      if (!action.equals("[\"delete\"]")) {
        assertEquals("[\"update\"]", action, d.toString());
        assertEquals(
            "edited in the console",
            d.path("change").path("after").path("description").asText(),
            d.toString());
      }
    }
    assertEquals(edited, driftUpdated, "every edit found, nothing else");
    assertEquals(deleted, driftDeleted, "every deletion found, nothing else");
    TreeSet<String> updates = new TreeSet<>();
    TreeSet<String> creates = new TreeSet<>();
    for (JsonNode c : plan.path("resource_changes")) {
      String action = c.path("change").path("actions").toString();
      if (action.equals("[\"update\"]")) {
        updates.add(c.path("address").asText());
      } else if (action.equals("[\"create\"]")) {
        creates.add(c.path("address").asText());
      } else {
        assertEquals("[\"no-op\"]", action, c.toString());
      }
    }
    assertEquals(edited, updates, "the edits are put back");
    assertEquals(deleted, creates, "the deleted connections are made again");
  }
}
