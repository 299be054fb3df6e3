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

class AddressesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alicloud_pai_workspace_connection.default",
        "x.c[0]",
        "x.c[\"k\"]",
        "x.c[\"a \\\"quoted\\\" \\\\ key\\n\"]",
        "data.alicloud_zones.all",
        "data.alicloud_zones.all[12]",
        "terraform_data.with-dash[\"\"]"
      })
  void resourceInstanceAddressesPrintBackExactly(String text) {
    Result<ResourceInstanceAddress> r = ResourceInstanceAddress.parse(text);
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    assertEquals(text, r.value().toString());
  }

  @Test
  void parsesPartsIntoTypedRecords() {
    ResourceInstanceAddress a = ResourceInstanceAddress.parse("data.x.c[\"k\"]").value();
    assertEquals(
        new ResourceInstanceAddress(ResourceAddress.data("x", "c"), InstanceKey.of("k")), a);
    assertEquals(
        ResourceAddress.managed("x", "c").instance(InstanceKey.of(3)),
        ResourceInstanceAddress.parse("x.c[3]").value());
    assertEquals("alicloud", ResourceAddress.managed("alicloud_pai_x", "d").impliedProvider());
  }

  @Test
  void providerConfigAddressesRoundTrip() {
    assertEquals("alicloud.west", ProviderConfigAddress.parse("alicloud.west").value().toString());
    assertEquals(
        ProviderConfigAddress.of("alicloud"), ProviderConfigAddress.parse("alicloud").value());
    Result<ProviderConfigAddress> bad = ProviderConfigAddress.parse("a.b.c");
    assertNull(bad.value());
    assertEquals(
        "Invalid provider configuration reference",
        bad.diagnostics().asList().getFirst().summary());
  }

  @Test
  void rejectsMalformedAddressesWithTerraformsTexts() {
    assertEquals(
        "Resource specification must include a resource type and name.",
        ResourceInstanceAddress.parse("foo").diagnostics().asList().getFirst().detail());
    assertEquals(
        "Index brackets must contain either a literal number or a literal string.",
        ResourceInstanceAddress.parse("foo.b[x]").diagnostics().asList().getFirst().detail());
    assertEquals(
        "Unexpected extra operators after address.",
        ResourceInstanceAddress.parse("foo.b[0].c").diagnostics().asList().getFirst().detail());
    assertEquals(
        "Resource instance keys not allowed",
        ResourceAddress.parse("foo.b[0]").diagnostics().asList().getFirst().summary());
  }

  @Test
  void sortsByModeTypeNameThenKey() {
    List<ResourceInstanceAddress> list = new ArrayList<>();
    for (String s : List.of("b.a[\"x\"]", "data.a.a", "a.b", "b.a[10]", "b.a[2]", "b.a")) {
      list.add(ResourceInstanceAddress.parse(s).value());
    }
    list.sort(null);
    assertEquals("[a.b, b.a, b.a[2], b.a[10], b.a[\"x\"], data.a.a]", list.toString());
  }
}
