package dev.forma.engine.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.modules.ModuleSource.Kind;
import dev.forma.engine.modules.ModuleSource.Local;
import dev.forma.engine.modules.ModuleSource.Registry;
import dev.forma.engine.modules.ModuleSource.Remote;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Module source addresses, parsed as Terraform parses them. */
class ModuleSourceTest {

  static Stream<Arguments> sources() {
    return Stream.of(
        Arguments.of("./modules/x", new Local("./modules/x")),
        Arguments.of("../shared", new Local("../shared")),
        Arguments.of("./a/../b/", new Local("./b")),
        Arguments.of("..\\win", new Local("../win")),
        Arguments.of(
            "hashicorp/consul/aws",
            new Registry("registry.terraform.io", "hashicorp", "consul", "aws", "")),
        Arguments.of(
            "Example.com/ns/name/prov//modules/a",
            new Registry("example.com", "ns", "name", "prov", "modules/a")),
        Arguments.of(
            "localhost:8080/ns/name/prov",
            new Registry("localhost:8080", "ns", "name", "prov", "")),
        Arguments.of(
            "git::https://example.com/repo.git?ref=v1.2.0",
            new Remote(Kind.GIT, "git::https://example.com/repo.git?ref=v1.2.0", "")),
        Arguments.of(
            "git::file:///tmp/repo.git//sub/dir?ref=main",
            new Remote(Kind.GIT, "git::file:///tmp/repo.git?ref=main", "sub/dir")),
        Arguments.of(
            "git::ssh://git@example.com/org/repo.git",
            new Remote(Kind.GIT, "git::ssh://git@example.com/org/repo.git", "")),
        Arguments.of(
            "git::git@example.com:org/repo.git//x",
            new Remote(Kind.GIT, "git::git@example.com:org/repo.git", "x")),
        Arguments.of(
            "git@github.com:org/repo.git",
            new Remote(Kind.GIT, "git::git@github.com:org/repo.git", "")),
        Arguments.of(
            "github.com/org/repo",
            new Remote(Kind.GIT, "git::https://github.com/org/repo.git", "")),
        Arguments.of(
            "github.com/org/repo/modules/vpc?ref=v2",
            new Remote(Kind.GIT, "git::https://github.com/org/repo.git?ref=v2", "modules/vpc")),
        Arguments.of(
            "https://example.com/m.tar.gz//sub",
            new Remote(Kind.ARCHIVE, "https://example.com/m.tar.gz", "sub")),
        Arguments.of(
            "https://example.com/get?archive=zip",
            new Remote(Kind.ARCHIVE, "https://example.com/get?archive=zip", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void parsesAsTerraformDoes(String raw, ModuleSource expected) {
    ModuleSource.Parsed p = ModuleSource.parse(raw);
    assertNull(p.error());
    assertEquals(expected, p.source());
  }

  @Test
  void displaysTheAddressTheManifestRecords() {
    assertEquals(
        "git::file:///tmp/repo.git//sub?ref=v1",
        ModuleSource.parse("git::file:///tmp/repo.git//sub?ref=v1").source().display());
    assertEquals(
        "registry.terraform.io/hashicorp/consul/aws",
        ModuleSource.parse("hashicorp/consul/aws").source().display());
    assertEquals(
        "example.com/ns/name/prov//sub",
        ModuleSource.parse("example.com/ns/name/prov//sub").source().display());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "foo/bar",
            "Terraform failed to determine your intended installation method for remote module"
                + " package \"foo/bar\""),
        Arguments.of(
            "hg::https://example.com/repo", "cannot install module packages with \"hg::\""),
        Arguments.of("git::example.com/repo", "needs a URL with a scheme"),
        Arguments.of("/abs/path", "is an absolute path"),
        Arguments.of("https://example.com/module", "only from archives"),
        Arguments.of("git::https://example.com/r.git//../up", "leads outside the module package"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void saysWhyASourceIsNotOne(String raw, String why) {
    ModuleSource.Parsed p = ModuleSource.parse(raw);
    assertNull(p.source());
    assertTrue(p.error().contains(why), p.error());
  }

  static Stream<Arguments> registryErrors() {
    return Stream.of(
        Arguments.of(
            "./missing", "can't use local directory \"./missing\" as a module registry address"),
        Arguments.of(
            "git::file:///tmp/repo.git",
            "a module registry source address must have either three or four slash-separated"
                + " components"),
        Arguments.of(
            "github.com/org/repo/x",
            "can't use \"github.com\" as a module registry host, because it's reserved for"
                + " installing directly from version control repositories"),
        Arguments.of("ns/-bad/prov", "invalid module name \"-bad\""),
        Arguments.of("ns/name/pro-v", "invalid target system \"pro-v\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("registryErrors")
  void saysWhyARegistryAddressIsNotOne(String raw, String why) {
    ModuleSource.Parsed p = ModuleSource.parseRegistry(raw);
    assertNull(p.source());
    assertTrue(p.error().startsWith(why), p.error());
  }
}
