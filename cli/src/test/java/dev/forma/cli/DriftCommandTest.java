package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.emulator.LocalCloud;
import dev.forma.state.backend.LocalStateStore;
import dev.forma.state.backend.LockInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forma drift} against the local cloud, with objects changed and deleted "in the console"
 * (the cloud's data file edited while it is stopped): exit 0 without drift, 2 with drift of each
 * kind (changed outside, deleted outside, configuration not yet applied), each reported apart in
 * text, JSON and Markdown; the state is never written and no lock is taken.
 */
class DriftCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LocalCloud cloud;
  private int port;
  private CliRun cli;

  @BeforeEach
  void start() throws Exception {
    cloud = LocalCloud.start(dir.resolve("cloud.json"), 0);
    port = cloud.port();
    cli = new CliRun(dir.resolve("work"));
  }

  @AfterEach
  void stop() {
    cloud.close();
  }

  private static String workspace(String name, String description) {
    return "resource \"alicloud_pai_workspace_workspace\" \""
        + name
        + "\" {\n"
        + "  workspace_name = \""
        + name
        + "\"\n"
        + "  description    = \""
        + description
        + "\"\n"
        + "  env_types      = [\"prod\"]\n"
        + "}\n";
  }

  /** Changes the cloud's objects as someone in the console would: stops it, edits, restarts. */
  private void inTheConsole(Consumer<ObjectNode> edit) throws Exception {
    cloud.close();
    Path file = dir.resolve("cloud.json");
    ObjectNode data = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(data);
    Files.writeString(file, JSON.writeValueAsString(data));
    cloud = LocalCloud.start(file, port);
  }

  private String id(String name) throws Exception {
    JsonNode state = JSON.readTree(cli.dir.resolve("terraform.tfstate").toFile());
    for (JsonNode r : state.path("resources")) {
      if (r.path("name").asText().equals(name)) {
        return r.path("instances").path(0).path("attributes").path("id").asText();
      }
    }
    throw new AssertionError("no " + name + " in state");
  }

  /** Two workspaces applied: "main" and "extra". */
  private void applied() throws Exception {
    cli.write(
        "main.tf",
        LocalClouds.providerBlock(cloud) + workspace("main", "d") + workspace("extra", "e"));
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
  }

  /** The working directory's files and their bytes. */
  private List<String> files() throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(cli.dir)) {
      for (Path p : s.sorted().toList()) {
        out.add(
            p.getFileName()
                + (Files.isRegularFile(p) ? " " + new String(Files.readAllBytes(p)) : "/"));
      }
    }
    return out;
  }

  @Test
  void noDriftExitsZero() throws Exception {
    applied();
    assertEquals(0, cli.run("", "drift", "-no-color"), cli.err() + cli.out());
    assertEquals(
        "\nNo drift. The real objects match the state, and the state matches the"
            + " configuration.\n",
        cli.out());
    assertEquals(0, cli.run("", "drift", "-json"), cli.err());
    JsonNode doc = JSON.readTree(cli.out());
    assertFalse(doc.path("drift").asBoolean(true));
    assertEquals(0, doc.path("changed_outside").size());
  }

  @Test
  void anObjectEditedInTheConsoleIsReportedAttributeByAttribute() throws Exception {
    applied();
    String id = id("main");
    inTheConsole(
        d -> ((ObjectNode) d.path("workspaces").path(id)).put("Description", "changed in console"));

    assertEquals(2, cli.run("", "drift", "-no-color"), cli.err());
    assertEquals(
        """

        Drift: 1 object changed outside Forma, 0 objects deleted outside Forma, 0 changes \
        of the configuration not yet applied.

        Objects changed outside of Forma:

          # alicloud_pai_workspace_workspace.main has changed
          ~ resource "alicloud_pai_workspace_workspace" "main" {
              ~ description       = "d" -> "changed in console"
                id                = "%s"
                # (6 unchanged attributes hidden)
            }
        """
            .formatted(id),
        cli.out());

    assertEquals(2, cli.run("", "drift", "-json"), cli.err());
    JsonNode doc = JSON.readTree(cli.out());
    assertTrue(doc.path("drift").asBoolean());
    assertEquals(1, doc.path("summary").path("changed_outside").asInt());
    JsonNode changed = doc.path("changed_outside").path(0);
    assertEquals("alicloud_pai_workspace_workspace.main", changed.path("address").asText());
    assertEquals("alicloud_pai_workspace_workspace", changed.path("type").asText());
    assertEquals(
        JSON.readTree(
            "[{\"path\":[\"description\"],\"sensitive\":false,\"before\":\"d\","
                + "\"after\":\"changed in console\"}]"),
        changed.path("attributes"));
    assertEquals(0, doc.path("not_applied").size());

    assertEquals(2, cli.run("", "drift", "-markdown"), cli.err());
    Node md = Parser.builder().build().parse(cli.out());
    List<String> headings = new ArrayList<>();
    List<String> items = new ArrayList<>();
    md.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading h) {
            headings.add(text(h));
          }

          @Override
          public void visit(ListItem i) {
            items.add(text(i));
          }
        });
    assertEquals(List.of("Forma drift", "Changed outside Forma (1)"), headings);
    assertEquals(List.of("alicloud_pai_workspace_workspace.main has changed: description"), items);
    assertTrue(cli.out().contains("<summary>alicloud_pai_workspace_workspace.main has changed"));
  }

  @Test
  void targetReportsOnlyTheTargetsAndWhatTheyDependOn() throws Exception {
    applied();
    String main = id("main");
    String extra = id("extra");
    inTheConsole(
        d -> {
          ((ObjectNode) d.path("workspaces").path(main)).put("Description", "main changed");
          ((ObjectNode) d.path("workspaces").path(extra)).put("Description", "extra changed");
        });
    assertEquals(
        2,
        cli.run("", "drift", "-json", "-target=alicloud_pai_workspace_workspace.extra"),
        cli.err());
    JsonNode changed = JSON.readTree(cli.out()).path("changed_outside");
    assertEquals(1, changed.size(), cli.out());
    assertEquals(
        "alicloud_pai_workspace_workspace.extra", changed.path(0).path("address").asText());
    assertEquals(2, cli.run("", "drift", "-json"), cli.err());
    assertEquals(2, JSON.readTree(cli.out()).path("changed_outside").size());
  }

  private static String text(Node node) {
    StringBuilder sb = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            sb.append(t.getLiteral());
          }

          @Override
          public void visit(Code c) {
            sb.append(c.getLiteral());
          }
        });
    return sb.toString();
  }

  @Test
  void anObjectDeletedInTheConsoleIsReportedApart() throws Exception {
    applied();
    String extra = id("extra");
    inTheConsole(d -> ((ObjectNode) d.path("workspaces")).remove(extra));

    assertEquals(2, cli.run("", "drift", "-no-color"), cli.err());
    assertTrue(
        cli.out()
            .contains(
                "Objects deleted outside of Forma:\n\n"
                    + "  # alicloud_pai_workspace_workspace.extra has been deleted\n"),
        cli.out());
    assertFalse(cli.out().contains("Objects changed outside"), cli.out());
    // not counted again as configuration to apply: that compares with the state as recorded
    assertFalse(cli.out().contains("not yet applied:"), cli.out());

    assertEquals(2, cli.run("", "drift", "-json"), cli.err());
    JsonNode doc = JSON.readTree(cli.out());
    assertEquals(
        "alicloud_pai_workspace_workspace.extra",
        doc.path("deleted_outside").path(0).path("address").asText());
    assertEquals(0, doc.path("changed_outside").size());
  }

  @Test
  void configurationNotYetAppliedIsDrift() throws Exception {
    applied();
    cli.write(
        "main.tf",
        LocalClouds.providerBlock(cloud) + workspace("main", "new") + workspace("extra", "e"));

    assertEquals(2, cli.run("", "drift", "-no-color"), cli.err());
    String out = cli.out();
    assertTrue(
        out.contains(
            "0 objects deleted outside Forma, 1 change of the configuration not yet applied."),
        out);
    assertTrue(
        out.contains(
            "Configuration not yet applied:\n\n"
                + "  # alicloud_pai_workspace_workspace.main will be updated in-place\n"),
        out);
    assertTrue(out.contains("\nPlan: 0 to add, 1 to change, 0 to destroy.\n"), out);

    assertEquals(2, cli.run("", "drift", "-json"), cli.err());
    JsonNode pending = JSON.readTree(cli.out()).path("not_applied");
    assertEquals(1, pending.size());
    assertEquals("[\"update\"]", pending.path(0).path("actions").toString());
    assertEquals(
        JSON.readTree(
            "[{\"path\":[\"description\"],\"sensitive\":false,\"before\":\"d\",\"after\":\"new\"}]"),
        pending.path(0).path("attributes"));
  }

  @Test
  void neverWritesTheStateAndIsNotBlockedByAHeldLock() throws Exception {
    applied();
    String id = id("main");
    inTheConsole(
        d -> ((ObjectNode) d.path("workspaces").path(id)).put("Description", "changed in console"));
    List<String> before = files();
    byte[] state = Files.readAllBytes(cli.dir.resolve("terraform.tfstate"));

    LocalStateStore store =
        new LocalStateStore(cli.dir.resolve("terraform.tfstate"), "terraform.tfstate", "test");
    LockInfo held = store.lock(LockInfo.APPLY, "", Duration.ZERO);
    try {
      // a plan waits for the lock: drift does not take it
      assertEquals(1, cli.run("", "plan", "-no-color"));
      assertTrue(cli.err().contains("Error acquiring the state lock"), cli.err());
      assertEquals(2, cli.run("", "drift", "-no-color"), cli.err());
      assertTrue(cli.out().contains("has changed"), cli.out());
      assertEquals(2, cli.run("", "drift", "-json"), cli.err());
    } finally {
      store.unlock(held.id());
    }
    assertArrayEquals(state, Files.readAllBytes(cli.dir.resolve("terraform.tfstate")));
    assertEquals(before, files());
  }

  @Test
  void errorsExitOneAndJsonAndMarkdownTogetherAreRefused() throws Exception {
    // a folder without configuration (a wrong -chdir, say): every object would look unconfigured
    Files.createDirectories(cli.dir);
    assertEquals(1, cli.run("", "drift", "-no-color"));
    assertTrue(cli.err().contains("Error: No configuration files"), cli.err());
    assertTrue(cli.err().contains("Drift compares the configuration with the state"), cli.err());
    applied();
    assertEquals(1, cli.run("", "drift", "-json", "-markdown"));
    assertTrue(cli.err().contains("mutually exclusive"), cli.err());
    cli.write(
        "main.tf",
        LocalClouds.providerBlock(cloud)
            + workspace("main", "d")
            + "variable \"needed\" {\n  type = string\n}\n");
    // nobody to answer a prompt: a variable without a value is an error, on stderr
    assertEquals(1, cli.run("", "drift", "-json"));
    assertEquals("", cli.out());
    assertTrue(cli.err().contains("No value for required variable"), cli.err());
  }
}
