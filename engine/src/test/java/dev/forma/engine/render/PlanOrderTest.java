package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanOrderTest {
  private static ResourceChange create(String address) {
    return new ResourceChange(
        ResourceInstanceAddress.parse(address).value(),
        null,
        ProviderConfigAddress.of("terraform"),
        Action.CREATE,
        ActionReason.NONE,
        null,
        dev.forma.provider.api.value.ObjectValue.EMPTY,
        List.of(),
        null,
        List.of(),
        false,
        null,
        null);
  }

  @Test
  void listsTheRootModuleFirstThenModuleInstancesAsTerraformDoes() {
    // the order terraform 1.11.4 printed for a root resource, module.c (count = 2) and module.d
    List<ResourceChange> changes = new ArrayList<>();
    for (String a :
        List.of(
            "module.d.terraform_data.a",
            "module.c[1].terraform_data.a",
            "terraform_data.r",
            "module.c[0].terraform_data.a",
            "module.c[10].terraform_data.a",
            "module.c[0].module.x.terraform_data.a",
            "alicloud_x.y")) {
      changes.add(create(a));
    }
    assertEquals(
        List.of(
            "alicloud_x.y",
            "terraform_data.r",
            "module.c[0].terraform_data.a",
            "module.c[1].terraform_data.a",
            "module.c[10].terraform_data.a",
            "module.d.terraform_data.a",
            "module.c[0].module.x.terraform_data.a"),
        PlanRenderer.sorted(changes).stream().map(c -> c.address().toString()).toList());
  }
}
