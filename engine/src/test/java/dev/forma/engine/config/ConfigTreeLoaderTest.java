package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ModulePath;
import dev.forma.engine.modules.ModuleDirectories;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTreeLoaderTest {
  @TempDir Path dir;

  private void write(String file, String text) throws Exception {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private Result<ConfigTree> load(ModuleDirectories dirs) {
    return ConfigTreeLoader.load(dir, dir, dirs);
  }

  @Test
  void loadsNestedLocalModulesIntoATreeAskingByManifestKey() throws Exception {
    write(
        "main.tf",
        """
        module "net" {
          source = "./modules/net"
          cidr   = "10.0.0.0/8"
        }
        """);
    write(
        "modules/net/main.tf",
        """
        variable "cidr" {}
        module "sub" {
          source  = "../sub"
          version = "1.0.0"
        }
        """);
    write("modules/sub/main.tf", "output \"x\" {\n  value = 1\n}\n");
    List<String> asked = new ArrayList<>();
    ModuleDirectories recording =
        (key, source, version, parent) -> {
          asked.add(key + " " + source + " " + version + " " + dir.relativize(parent));
          return ModuleDirectories.LOCAL_ONLY.directory(key, source, version, parent);
        };
    Result<ConfigTree> r = load(recording);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    ConfigTree root = r.value();
    assertEquals(List.of("net ./modules/net null ", "net.sub ../sub 1.0.0 modules/net"), asked);
    assertEquals(
        List.of("", "module.net", "module.net.module.sub"),
        root.all().stream().map(t -> t.path().toString()).toList());
    ConfigTree sub = root.descendant(ModulePath.ROOT.child("net").child("sub"));
    assertEquals("modules/sub", sub.relativeDirectory(root));
    assertEquals(".", root.relativeDirectory(root));
    assertEquals("sub", sub.call().name());
    assertTrue(sub.module().outputs().containsKey("x"));
  }

  @Test
  void pathModuleIsTheModuleDirectoryRelativeToTheRoot() throws Exception {
    write("main.tf", "module \"a\" {\n  source = \"./modules/a\"\n}\n");
    write("modules/a/main.tf", "");
    ConfigTree root = load(ModuleDirectories.LOCAL_ONLY).value();
    ModuleEvaluator.Environment env =
        new ModuleEvaluator.Environment(dir, dir, "default", Instant.EPOCH);
    ConfigTree a = root.descendant(ModulePath.ROOT.child("a"));
    ObjectValue path = (ObjectValue) env.forModule(a, root).pathValue();
    assertEquals(Value.of("modules/a"), path.get("module"));
    assertEquals(Value.of("."), path.get("root"));
    assertEquals(Value.of("."), ((ObjectValue) env.pathValue()).get("module"));
  }

  @Test
  void aModuleThatCallsItselfThroughAChildIsOneErrorNotAStackOverflow() throws Exception {
    write("main.tf", "module \"a\" {\n  source = \"./a\"\n}\n");
    write("a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\n");
    write("b/main.tf", "module \"again\" {\n  source = \"../a\"\n}\n");
    Result<ConfigTree> r = load(ModuleDirectories.LOCAL_ONLY);
    List<Diagnostic> errors = r.diagnostics().asList();
    assertEquals(1, errors.size(), errors.toString());
    assertEquals("Module calls itself", errors.getFirst().summary());
    assertTrue(
        errors
            .getFirst()
            .detail()
            .startsWith(
                "Module \"again\" loads a, which is already being" + " loaded as module.a:"),
        errors.getFirst().detail());
    assertEquals("b/main.tf", errors.getFirst().subject().filename());
  }

  @Test
  void aRemoteSourceWithoutAnInstallerIsNotInstalled() throws Exception {
    write("main.tf", "module \"r\" {\n  source = \"git::https://example.com/x.git\"\n}\n");
    Result<ConfigTree> r = load(ModuleDirectories.LOCAL_ONLY);
    assertEquals("Module not installed", r.diagnostics().asList().getFirst().summary());
    assertTrue(r.value().children().isEmpty());
    assertEquals(
        Optional.empty(), ModuleDirectories.LOCAL_ONLY.directory("r", "hashicorp/x/y", null, dir));
  }

  @Test
  void checksInputsAgainstTheChildsVariables() throws Exception {
    write(
        "main.tf",
        """
        module "a" {
          source = "./m"
          regoin = "x"
        }
        """);
    write(
        "m/main.tf",
        """
        variable "region" {}
        variable "zone" {
          default = "z"
        }
        """);
    List<Diagnostic> d = load(ModuleDirectories.LOCAL_ONLY).diagnostics().asList();
    assertEquals(2, d.size(), d.toString());
    assertEquals("Missing required argument", d.get(0).summary());
    assertEquals(
        "The argument \"region\" is required, but no definition was found.", d.get(0).detail());
    assertEquals("Unsupported argument", d.get(1).summary());
    assertEquals(
        "An argument named \"regoin\" is not expected here. Did you mean \"region\"?",
        d.get(1).detail());
    assertEquals(3, d.get(1).subject().start().line());
  }

  @Test
  void aModuleBlockIsReadIntoACallWithItsMetaArguments() throws Exception {
    write(
        "main.tf",
        """
        provider "alicloud" {
          alias = "west"
        }
        module "a" {
          source     = "./m"
          for_each   = toset(["x"])
          depends_on = [terraform_data.z]
          providers = {
            alicloud = alicloud.west
          }
          name = each.key
        }
        resource "terraform_data" "z" {}
        """);
    write("m/main.tf", "variable \"name\" {}\n");
    Result<ConfigTree> r = load(ModuleDirectories.LOCAL_ONLY);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    ModuleCall c = r.value().module().calls().get("a");
    assertEquals("./m", c.source());
    assertNull(c.version());
    assertNull(c.count());
    assertEquals(List.of("name"), List.copyOf(c.inputs().keySet()));
    assertEquals(1, c.dependsOn().size());
    assertEquals("alicloud", c.providers().getFirst().child().toString());
    assertEquals("alicloud.west", c.providers().getFirst().parent().toString());
  }
}
