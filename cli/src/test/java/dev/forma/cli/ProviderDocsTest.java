package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.forma.cli.docs.ProviderDocs;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.Nesting;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.Type;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource documentation ({@code docs/providers/<provider>/<type>.md}): the checked-in pages
 * are what the generator writes from the schemas now, every example is valid configuration, every
 * argument and attribute is described, and a page has the registry's sections and labels.
 */
class ProviderDocsTest {
  static final Path DOCS =
      Path.of(System.getProperty("forma.project.dir", "..")).resolve("docs/providers");

  @TempDir Path dir;

  @Test
  void theCheckedInPagesAreWhatTheSchemasGiveNow() throws Exception {
    Map<String, String> pages = ProviderDocs.pages(bundled());
    assertTrue(
        pages.containsKey("alicloud/alicloud_pai_workspace_workspace.md"), "" + pages.keySet());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> page : pages.entrySet()) {
      String checkedIn;
      try {
        checkedIn = Files.readString(DOCS.resolve(page.getKey()), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        problems.add("docs/providers/" + page.getKey() + " is missing");
        continue;
      }
      if (!checkedIn.equals(page.getValue())) {
        problems.add("docs/providers/" + page.getKey() + " is stale");
      }
    }
    for (String extra : ProviderDocs.stale(DOCS, pages)) {
      problems.add("docs/providers/" + extra + " documents no resource type any more");
    }
    if (!problems.isEmpty()) {
      fail(
          String.join("\n", problems)
              + "\nThe pages are generated from the provider schemas: regenerate them from the"
              + " repository's root with\n  "
              + ProviderDocs.COMMAND
              + "\nand commit the result.");
    }
  }

  @Test
  void everyExampleIsValidConfigurationOfItsType() throws Exception {
    Providers providers = bundled();
    int checked = 0;
    for (String name : providers.names()) {
      if (name.equals("terraform")) {
        continue;
      }
      ProviderFactory f = providers.factory(name);
      for (String type : f.create().schema().resources().keySet()) {
        String example = resource(f, type, "example.tf");
        assertNotNull(example, "no forma/docs/resources/" + type + "/example.tf");
        assertTrue(
            example.contains("resource \"" + type + "\" \"example\""),
            type + ": the import section names " + type + ".example, the example must too");
        Path work = Files.createDirectories(dir.resolve(type));
        CliRun cli = new CliRun(work).write("main.tf", example);
        int code = cli.run("", "validate", "-no-color");
        assertEquals(0, code, type + "'s example:\n" + cli.out() + cli.err());
        assertTrue(cli.out().contains("Success! The configuration is valid."), cli.out());
        assertNotNull(resource(f, type, "import-id.txt"), type + " has no import-id.txt");
        checked++;
      }
    }
    assertEquals(4, checked, "the alicloud provider's four resource types");
  }

  @Test
  void everyResourceArgumentAndAttributeIsDescribed() {
    Providers providers = bundled();
    List<String> missing = new ArrayList<>();
    for (String name : providers.names()) {
      if (name.equals("terraform")) {
        continue;
      }
      for (ResourceSchema r : providers.factory(name).create().schema().resources().values()) {
        if (r.block().description().isBlank()) {
          missing.add(r.typeName());
        }
        undescribed(r.typeName(), r.block(), missing);
      }
    }
    assertEquals(List.of(), missing, "without a description in the schema");
  }

  private static void undescribed(String at, BlockSchema block, List<String> missing) {
    for (AttributeSchema a : block.attributes().values()) {
      if (a.description().isBlank()) {
        missing.add(at + "." + a.name());
      }
    }
    for (NestedBlockSchema n : block.blocks().values()) {
      undescribed(at + "." + n.typeName(), n.block(), missing);
    }
  }

  @Test
  void aPageHasTheRegistrysSectionsAndLabels() {
    BlockSchema nested =
        BlockSchema.of(
            List.of(
                AttributeSchema.builder("size", Type.NUMBER)
                    .required()
                    .description("how big")
                    .build()),
            List.of());
    BlockSchema timeouts =
        BlockSchema.of(
            List.of(
                AttributeSchema.builder("create", Type.STRING)
                    .optional()
                    .description("How long creating waits (default 5m).")
                    .build()),
            List.of());
    BlockSchema block =
        new BlockSchema(
            BlockSchema.of(
                    List.of(
                        AttributeSchema.builder("id", Type.STRING)
                            .computed()
                            .description("The ThingId.")
                            .build(),
                        AttributeSchema.builder("name", Type.STRING)
                            .required()
                            .forceNew()
                            .description("The name.")
                            .build(),
                        AttributeSchema.builder("secret", Type.map(Type.STRING))
                            .optional()
                            .sensitive()
                            .writeOnly()
                            .description("Keys.")
                            .build(),
                        AttributeSchema.builder("label", Type.STRING)
                            .optional()
                            .computed()
                            .description("A label")
                            .build(),
                        AttributeSchema.builder("status", Type.STRING)
                            .computed()
                            .description("The status.")
                            .build()),
                    List.of(
                        new NestedBlockSchema("disk", nested, Nesting.LIST, 1, 0, true),
                        new NestedBlockSchema("timeouts", timeouts, Nesting.SINGLE, 0, 1, false)))
                .attributes(),
            BlockSchema.of(
                    List.of(),
                    List.of(
                        new NestedBlockSchema("disk", nested, Nesting.LIST, 1, 0, true),
                        new NestedBlockSchema("timeouts", timeouts, Nesting.SINGLE, 0, 1, false)))
                .blocks(),
            "A thing.");
    String page =
        ProviderDocs.page(
            new ResourceSchema("x_thing", block, 0),
            "resource \"x_thing\" \"example\" {}\n",
            "t-1");
    String expected =
        """
        # x_thing

        A thing.

        ## Example Usage

        ```terraform
        resource "x_thing" "example" {}
        ```

        ## Argument Reference

        The following arguments are supported:

        * `disk` - (Required, Blocks, ForceNew) See [`disk`](#disk) below.
        * `name` - (Required, String, ForceNew) The name.
        * `label` - (Optional, String, Computed) A label.
        * `secret` - (Optional, Map of string, Sensitive, Write-only) Keys.
        * `timeouts` - (Optional) See [Timeouts](#timeouts) below.

        Write-only arguments are sent to the cloud but never read back, and never kept in state\
         in plain text: state keeps a salted fingerprint, so that a change is still planned.

        ### `disk`

        The `disk` block supports:

        * `size` - (Required, Number) How big.

        ## Attribute Reference

        In addition to all arguments above, the following attributes are exported:

        * `id` - (String) The ThingId.
        * `status` - (String) The status.

        ## Timeouts

        The `timeouts` block sets how long Forma waits for an operation to finish, as a duration\
         such as `"30s"`, `"10m"` or `"1h30m"`:

        * `create` - How long creating waits (default 5m).

        ## Import

        An existing `x_thing` is imported by its ID: the ThingId. With an `import` block:

        ```terraform
        import {
          to = x_thing.example
          id = "t-1"
        }
        ```

        or with the command:

        ```shell
        forma import x_thing.example t-1
        ```

        """;
    assertTrue(page.startsWith(expected), page);
    assertTrue(page.endsWith("-->\n"), "the note that the page is generated: " + page);
    assertFalse(
        ProviderDocs.page(new ResourceSchema("x_thing", block, 0), "", null).contains("## Import"),
        "an Import section for a type without an import ID");
  }

  /**
   * The providers the release bundles (the test class path has test providers besides, which are
   * not documented).
   */
  static Providers bundled() {
    return Providers.of(new dev.forma.provider.alicloud.AlicloudProviderFactory());
  }

  private static String resource(ProviderFactory f, String type, String file) throws Exception {
    try (InputStream in =
        f.getClass()
            .getClassLoader()
            .getResourceAsStream("forma/docs/resources/" + type + "/" + file)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
