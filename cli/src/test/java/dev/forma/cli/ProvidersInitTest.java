package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forma providers}, {@code providers schema -json} and {@code init}, as Terraform's. */
class ProvidersInitTest {
  @TempDir Path dir;

  private static final String ALICLOUD =
      """
      terraform {
        required_providers {
          alicloud = {
            source = "aliyun/alicloud"
          }
        }
      }
      resource "terraform_data" "a" {}
      resource "alicloud_pai_workspace_workspace" "w" {
        workspace_name = "w"
        description    = "d"
        display_name   = "w"
        env_types      = ["prod"]
      }
      """;

  @Test
  void providersPrintsTheRequirementTreeAsTerraform() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "providers", "-no-color"));
    // Terraform 1.11.4's text for the same configuration.
    assertEquals(
        "\nProviders required by configuration:\n.\n"
            + "└── provider[terraform.io/builtin/terraform]\n\n",
        cli.out());
  }

  @Test
  void providersListsRequiredProvidersWithConstraintsAndTheState() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                terraform {
                  required_providers {
                    foo = {
                      source  = "acme/foo"
                      version = ">= 1.0"
                    }
                  }
                }
                resource "terraform_data" "a" {}
                """);
    cli.write("terraform.tfstate", ShowCommandTest.fixture("terraform.tfstate"));
    assertEquals(0, cli.run("", "providers"));
    assertEquals(
        "\nProviders required by configuration:\n.\n"
            + "├── provider[registry.terraform.io/acme/foo] >= 1.0.0\n"
            + "└── provider[terraform.io/builtin/terraform]\n\n"
            + "Providers required by state:\n\n"
            + "    provider[terraform.io/builtin/terraform]\n\n",
        cli.out());
  }

  @Test
  void providersSchemaJsonHasTerraformsShape() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", ALICLOUD);
    assertEquals(0, cli.run("", "providers", "schema", "-json"), cli.err());
    JsonNode root = new ObjectMapper().readTree(cli.out());
    assertEquals("1.0", root.get("format_version").asText());
    JsonNode td =
        root.at(
            "/provider_schemas/terraform.io~1builtin~1terraform/resource_schemas/terraform_data");
    // As Terraform 1.11.4 prints terraform_data's schema.
    assertEquals(
        "{\"version\":0,\"block\":{\"attributes\":{"
            + "\"id\":{\"type\":\"string\",\"description_kind\":\"plain\",\"computed\":true},"
            + "\"input\":{\"type\":\"dynamic\",\"description_kind\":\"plain\",\"optional\":true},"
            + "\"output\":{\"type\":\"dynamic\",\"description_kind\":\"plain\",\"computed\":true},"
            + "\"triggers_replace\":{\"type\":\"dynamic\",\"description_kind\":\"plain\","
            + "\"optional\":true}},\"description_kind\":\"plain\"}}",
        td.toString());
    JsonNode ali = root.at("/provider_schemas/registry.terraform.io~1aliyun~1alicloud");
    assertFalse(ali.isMissingNode(), root.toString());
    JsonNode conn = ali.at("/resource_schemas/alicloud_pai_workspace_connection/block");
    assertTrue(conn.at("/attributes/secrets/sensitive").asBoolean(), conn.toString());
    assertTrue(conn.at("/attributes/secrets/write_only").asBoolean(), conn.toString());
    assertEquals("[\"map\",\"string\"]", conn.at("/attributes/secrets/type").toString());
    assertEquals("single", conn.at("/block_types/resource_meta/nesting_mode").asText());
    assertTrue(ali.at("/provider/block/attributes/secret_key/sensitive").asBoolean());
  }

  @Test
  void providersSchemaRequiresJson() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", ALICLOUD);
    assertEquals(1, cli.run("", "providers", "schema"));
    assertTrue(
        cli.err().startsWith("The `forma providers schema` command requires the `-json` flag."));
  }

  @Test
  void initUsesTheBuiltInProvidersAndWritesNothing() throws Exception {
    CliRun cli = new CliRun(dir).write("main.tf", ALICLOUD);
    assertEquals(0, cli.run("", "init", "-no-color"), cli.err());
    assertEquals(
        "Initializing the backend...\n"
            + "Initializing provider plugins...\n"
            + "- Using built-in provider aliyun/alicloud v0.1.0\n"
            + "- terraform.io/builtin/terraform is built in to Forma\n"
            + "\n"
            + "Forma has been successfully initialized!\n"
            + "\n"
            + "You may now begin working with Forma. Try running \"forma plan\" to see\n"
            + "any changes that are required for your infrastructure. All Forma commands\n"
            + "should now work.\n"
            + "\n"
            + "If you ever set or change modules or backend configuration for Forma,\n"
            + "rerun this command to reinitialize your working directory. If you forget, other\n"
            + "commands will detect it and remind you to do so if necessary.\n",
        cli.out());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "init wrote nothing beside main.tf");
    }
  }

  @Test
  void initOfAnUnknownProviderNamesThoseAvailable() throws Exception {
    CliRun cli =
        new CliRun(dir)
            .write(
                "main.tf",
                """
                terraform {
                  required_providers {
                    foo = {
                      source  = "acme/foo"
                    }
                  }
                }
                """);
    assertEquals(1, cli.run("", "init", "-no-color"));
    assertTrue(cli.err().contains("Error: Provider not available"), cli.err());
    assertTrue(
        cli.err().contains("Forma has no provider registry.terraform.io/acme/foo"), cli.err());
    assertTrue(cli.err().contains("aliyun/alicloud v0.1.0"), cli.err());
  }

  @Test
  void initInAnEmptyDirectory() {
    CliRun cli = new CliRun(dir);
    assertEquals(0, cli.run("", "init", "-no-color"));
    assertEquals(
        "Forma initialized in an empty directory!\n\n"
            + "The directory has no Forma configuration files. You may begin working\n"
            + "with Forma immediately by creating Forma configuration files.\n",
        cli.out());
  }
}
