package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.hcl.Block;
import dev.forma.engine.hcl.Expr;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * What override files change, element by element, by Terraform's merge rules (its {@code
 * internal/configs/module_merge.go}), on the {@code config-suite} fixtures whose diagnostics {@link
 * TerraformConfigSuiteTest} checks.
 */
class OverrideFilesTest {

  private static Module load(String name) throws Exception {
    Path dir =
        Path.of(
            Objects.requireNonNull(OverrideFilesTest.class.getResource("/config-suite/" + name))
                .toURI());
    Result<Module> r = ConfigLoader.load(dir, dir);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.value();
  }

  private static Value literal(Expr e) {
    return Constants.value(e, new dev.forma.provider.api.diag.Diagnostics());
  }

  @Test
  void overrideFilesApplyInNameOrderEachSettingOnlyWhatItSets() throws Exception {
    Module m = load("valid-override-variable");
    Variable whole = m.variables().get("whole");
    assertEquals(Value.of("from b"), literal(whole.defaultExpr()));
    assertEquals("b description", whole.description());
    assertFalse(whole.nullable());
    assertEquals("string", whole.type().friendlyName());
    assertEquals("main.tf", whole.declRange().filename(), "the base declaration names it");
    Variable partly = m.variables().get("partly");
    assertEquals(Value.of("b partly"), literal(partly.defaultExpr()));
    assertEquals("base partly description", partly.description());
    assertEquals("string", partly.type().friendlyName());
  }

  @Test
  void sensitiveIsOverriddenEitherWay() throws Exception {
    Module m = load("valid-override-variable-sensitive");
    assertTrue(m.variables().get("becomes_sensitive").sensitive());
    assertFalse(m.variables().get("stops_being_sensitive").sensitive());
    assertFalse(m.variables().get("flips_twice").sensitive());
  }

  @Test
  void anOutputOverrideNeedsNoValueAndKeepsTheBasesValue() throws Exception {
    Output o = load("valid-override-output").outputs().get("address");
    assertTrue(o.sensitive());
    assertEquals(Value.of("10.0.0.1"), literal(o.value()));
    assertEquals("base", o.description());
  }

  @Test
  void aLocalIsReplacedWhole() throws Exception {
    Local l = load("valid-override-local").locals().get("region");
    assertEquals(Value.of("cn-shanghai"), literal(l.expr()));
    assertEquals("region_override.tf", l.expr().range().filename());
  }

  @Test
  void aResourceMergesArgumentsAndLifecycleSettingBySetting() throws Exception {
    Resource r =
        load("valid-override-resource")
            .resources()
            .get(ResourceAddress.managed("terraform_data", "app"));
    assertEquals(Value.of("override"), literal(r.config().attribute("input").expr()));
    assertEquals(Value.of(2), literal(r.count()));
    assertTrue(r.lifecycle().preventDestroy(), "kept from the base lifecycle block");
    assertTrue(r.lifecycle().createBeforeDestroy(), "set by the override's lifecycle block");
    assertInstanceOf(Lifecycle.IgnoreChanges.All.class, r.lifecycle().ignoreChanges());
    assertEquals("main.tf", r.declRange().filename());
  }

  @Test
  void aResourcesProviderIsOverridden() throws Exception {
    Module m = load("valid-override-resource-provider");
    assertEquals(
        "terraform.second",
        m.resources()
            .get(ResourceAddress.managed("terraform_data", "explicit"))
            .provider()
            .toString());
  }

  @Test
  void blocksReplaceDynamicBlocksOfTheirTypeAndTheOtherWayRound() throws Exception {
    Resource inBase =
        load("valid-override-dynamic-block-in-base")
            .resources()
            .get(ResourceAddress.managed("example_firewall", "fw"));
    assertEquals(List.of("rule"), inBase.config().blocks().stream().map(Block::type).toList());
    Resource inOverride =
        load("valid-override-dynamic-block-in-override")
            .resources()
            .get(ResourceAddress.managed("example_firewall", "fw"));
    assertEquals(
        List.of("dynamic"), inOverride.config().blocks().stream().map(Block::type).toList());
  }

  @Test
  void theBackendRequiredVersionAndRequiredProvidersAreReplaced() throws Exception {
    Module backend = load("valid-override-backend");
    List<TerraformSettings.Backend> backends =
        backend.terraform().stream()
            .map(TerraformSettings::backend)
            .filter(Objects::nonNull)
            .toList();
    assertEquals(1, backends.size());
    assertEquals(
        Value.of("override.tfstate"),
        literal(backends.getFirst().config().attribute("path").expr()));

    Module version = load("valid-override-required-version");
    assertEquals(
        List.of(">= 1.0.0"),
        version.terraform().stream().flatMap(t -> t.requiredVersion().stream()).toList());

    Module providers = load("valid-override-required-providers");
    List<TerraformSettings.RequiredProvider> entries =
        providers.terraform().stream().flatMap(t -> t.requiredProviders().stream()).toList();
    assertEquals(1, entries.size());
    assertEquals("~> 1.230", entries.getFirst().version());
  }

  @Test
  void aDefaultProviderConfigurationMayBeAddedByAnOverride() throws Exception {
    Module m = load("valid-override-default-provider-no-base");
    assertEquals(1, m.providers().size());
    assertNull(m.providers().getFirst().alias());
  }
}
