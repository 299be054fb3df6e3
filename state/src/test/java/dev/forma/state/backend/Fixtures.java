package dev.forma.state.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.JsonTrees;
import dev.forma.state.ResourceAddress;

/** Small builders shared by the backend tests and the helper process. */
final class Fixtures {
  static final String PROVIDER = "provider[\"terraform.io/builtin/terraform\"]";
  static final ResourceAddress DATA = ResourceAddress.managed("terraform_data", "d");

  private Fixtures() {}

  static InstanceAddress instance(int index) {
    return DATA.instance(IndexKey.of(index));
  }

  /** An object shaped like a terraform_data instance, about 200 bytes of JSON. */
  static InstanceObject object(String id) {
    ObjectNode attributes = JsonTrees.nodes().objectNode();
    attributes.put("id", id);
    ObjectNode input = attributes.putObject("input");
    input.put("value", "value-of-" + id);
    input.put("type", "string");
    ObjectNode output = attributes.putObject("output");
    output.put("value", "value-of-" + id);
    output.put("type", "string");
    attributes.putNull("triggers_replace");
    return InstanceObject.of(attributes);
  }
}
