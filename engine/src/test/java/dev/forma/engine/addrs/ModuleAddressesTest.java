package dev.forma.engine.addrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.diag.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleAddressesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "module.a.x.c",
        "module.a[\"x\"].module.b[0].terraform_data.c[\"k\"]",
        "module.a[3].data.alicloud_zones.all",
        "module.module.x.y",
        "module.a.module.b.module.c.x.y[0]"
      })
  void resourceInstanceAddressesInModulesPrintBackExactly(String text) {
    Result<ResourceInstanceAddress> r = ResourceInstanceAddress.parse(text);
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    assertEquals(text, r.value().toString());
  }

  @Test
  void moduleInstancePathsParseIntoSteps() {
    ModuleInstance m = ModuleInstance.parse("module.a[\"x\"].module.b[0]").value();
    assertEquals(
        ModuleInstance.ROOT.child("a", InstanceKey.of("x")).child("b", InstanceKey.of(0)), m);
    assertEquals("module.a[\"x\"].module.b[0]", m.toString());
    assertEquals("module.a.module.b", m.module().toString());
    assertEquals("a.b", m.module().manifestKey());
    assertEquals("module.a[\"x\"]", m.parent().toString());
    assertEquals(ModuleInstance.ROOT, ModuleInstance.parse("").value());
    assertEquals("", ModuleInstance.ROOT.toString());
    assertTrue(m.parent().contains(m));
    assertTrue(!m.contains(m.parent()));
  }

  @Test
  void aResourceInAModuleCarriesItsModuleInstance() {
    ResourceInstanceAddress a =
        ResourceInstanceAddress.parse("module.a[\"x\"].data.t.n[1]").value();
    assertEquals(ModuleInstance.ROOT.child("a", InstanceKey.of("x")), a.module());
    assertEquals(ResourceAddress.data("t", "n").in(a.module()), a.resource());
    assertEquals(ResourceAddress.data("t", "n"), a.resource().local());
    // a dependency is the resource in its module without instance keys
    assertEquals("module.a.data.t.n", a.resource().config().toString());
    // root-relative factories are unchanged and equal to what the parser gives
    assertEquals(ResourceAddress.managed("x", "y"), ResourceAddress.parse("x.y").value());
    assertEquals(ModuleInstance.ROOT, ResourceAddress.managed("x", "y").module());
  }

  @Test
  void providerConfigurationsBelongToModulePaths() {
    ProviderConfigAddress p = ProviderConfigAddress.parse("module.net.alicloud.west").value();
    assertEquals(new ProviderConfigAddress(ModulePath.ROOT.child("net"), "alicloud", "west"), p);
    assertEquals("module.net.alicloud.west", p.toString());
    assertEquals(ProviderConfigAddress.parse("alicloud.west").value(), p.local());
    Result<ProviderConfigAddress> keyed = ProviderConfigAddress.parse("module.net[0].alicloud");
    assertNull(keyed.value());
    assertEquals(
        "Invalid provider configuration address",
        keyed.diagnostics().asList().getFirst().summary());
  }

  @Test
  void outputAddressesNameTheirModuleInstance() {
    assertEquals("output.id", OutputAddress.root("id").toString());
    assertEquals(
        "module.a[0].output.id",
        new OutputAddress(ModuleInstance.ROOT.child("a", InstanceKey.of(0)), "id").toString());
  }

  @Test
  void rejectsModuleAddressesWithTerraformsTexts() {
    assertEquals(
        "Prefix \"module.\" must be followed by a module name.",
        ResourceInstanceAddress.parse("module").diagnostics().asList().getFirst().detail());
    assertEquals(
        "Resource specification must include a resource type and name.",
        ResourceInstanceAddress.parse("module.a").diagnostics().asList().getFirst().detail());
    assertEquals(
        "Resource specification must include a resource type and name.",
        ResourceInstanceAddress.parse("module.a.b").diagnostics().asList().getFirst().detail());
    assertEquals(
        "Index brackets must contain either a literal number or a literal string.",
        ModuleInstance.parse("module.a[x]").diagnostics().asList().getFirst().detail());
    assertEquals(
        "Unexpected extra operators after address.",
        ModuleInstance.parse("module.a.b").diagnostics().asList().getFirst().detail());
  }

  @Test
  void sortsAsTerraformSortsAddresses() {
    // Terraform: root first, then shorter module paths, then module by module (name, key)
    List<ResourceInstanceAddress> list = new ArrayList<>();
    for (String s :
        List.of(
            "module.b.a.a",
            "module.a[\"x\"].a.a",
            "module.a.module.c.a.a",
            "z.z",
            "module.a[10].a.a",
            "module.a[2].a.a",
            "module.a.a.a")) {
      list.add(ResourceInstanceAddress.parse(s).value());
    }
    list.sort(null);
    assertEquals(
        "[z.z, module.a.a.a, module.a[2].a.a, module.a[10].a.a, module.a[\"x\"].a.a,"
            + " module.b.a.a, module.a.module.c.a.a]",
        list.toString());
  }
}
