package dev.forma.engine.statebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import dev.forma.state.AttributePath;
import dev.forma.state.InstanceObject;
import dev.forma.state.ObjectStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateBridgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** terraform_data's implied type: id string, input/output/triggers_replace dynamic. */
  private static final Type.ObjectType DATA =
      Type.object(
          Map.of(
              "id", Type.STRING,
              "input", Type.DYNAMIC,
              "output", Type.DYNAMIC,
              "triggers_replace", Type.DYNAMIC));

  /** The attributes Terraform 1.11.4 wrote for {@code input = {name = "x", n = 3, pw = var.pw}}. */
  private static final String TERRAFORM_ATTRIBUTES =
      """
      {"id":"e515585c-8dfa-f62e-4aa9-4d47a56f2a03",
       "input":{"value":{"n":3,"name":"x","pw":"s3cret"},
                "type":["object",{"n":"number","name":"string","pw":"string"}]},
       "output":{"value":{"n":3,"name":"x","pw":"s3cret"},
                 "type":["object",{"n":"number","name":"string","pw":"string"}]},
       "triggers_replace":null}
      """;

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void readsTerraformDynamicAttributesWithTheirRecordedTypes() throws Exception {
    AttributePath pw =
        AttributePath.of(
            dev.forma.state.PathStep.attr("input"), dev.forma.state.PathStep.attr("pw"));
    InstanceObject o =
        new InstanceObject(
            0, json(TERRAFORM_ATTRIBUTES), List.of(pw), null, List.of(), false, ObjectStatus.READY);
    StoredObject s = StateBridge.read(o, DATA);
    ObjectValue v = (ObjectValue) s.value();
    ObjectValue input = (ObjectValue) v.get("input");
    assertEquals(Value.of("x"), input.get("name"));
    assertEquals(Value.of(3), input.get("n"));
    assertTrue(input.get("pw").isSensitive());
    assertEquals(Value.nullOf(Type.DYNAMIC), v.get("triggers_replace"));
    assertEquals(false, s.tainted());
  }

  @Test
  void writesBackTheSameJsonAndSensitivePaths() throws Exception {
    AttributePath pw =
        AttributePath.of(
            dev.forma.state.PathStep.attr("input"), dev.forma.state.PathStep.attr("pw"));
    InstanceObject o =
        new InstanceObject(
            0,
            json(TERRAFORM_ATTRIBUTES),
            List.of(pw),
            null,
            List.of("terraform_data.z"),
            false,
            ObjectStatus.TAINTED);
    InstanceObject back = StateBridge.write(StateBridge.read(o, DATA), DATA);
    assertEquals(o, back);
  }

  @Test
  void dependenciesAreReadAsTypedAddressesInTheirModules() throws Exception {
    InstanceObject o =
        new InstanceObject(
            0,
            json(TERRAFORM_ATTRIBUTES),
            List.of(),
            null,
            List.of("module.net.terraform_data.a", "terraform_data.z"),
            false,
            ObjectStatus.READY);
    StoredObject s = StateBridge.read(o, DATA);
    assertEquals(
        List.of(
            ResourceAddress.managed("terraform_data", "a")
                .in(dev.forma.engine.addrs.ModuleInstance.parse("module.net").value()),
            ResourceAddress.managed("terraform_data", "z")),
        s.dependencies());
    assertEquals(o, StateBridge.write(s, DATA));
  }

  @Test
  void aDependencyThatIsNoAddressIsRefusedNotDropped() throws Exception {
    InstanceObject o =
        new InstanceObject(
            0,
            json(TERRAFORM_ATTRIBUTES),
            List.of(),
            null,
            List.of("terraform_data"),
            false,
            ObjectStatus.READY);
    StateDataException e = assertThrows(StateDataException.class, () -> StateBridge.read(o, DATA));
    assertEquals(
        "The state records a dependency on \"terraform_data\", which is not a resource address:"
            + " Resource specification must include a resource type and name.",
        e.getMessage());
  }

  @Test
  void typedAttributesReadByTheSchemaNotByJsonShape() throws Exception {
    Type t =
        Type.object(
            Map.of(
                "tags", Type.map(Type.STRING),
                "ports", Type.set(Type.NUMBER),
                "names", Type.list(Type.STRING),
                "missing", Type.BOOL));
    Value v =
        StateValues.fromJson(
            json("{\"tags\":{\"b\":\"2\",\"a\":\"1\"},\"ports\":[443,80,80],\"names\":[\"x\"]}"),
            t);
    ObjectValue o = (ObjectValue) v;
    assertEquals(
        Value.map(Type.STRING, Map.of("a", Value.of("1"), "b", Value.of("2"))), o.get("tags"));
    assertEquals(Value.set(Type.NUMBER, List.of(Value.of(80), Value.of(443))), o.get("ports"));
    assertEquals(Value.list(Type.STRING, List.of(Value.of("x"))), o.get("names"));
    assertEquals(Value.nullOf(Type.BOOL), o.get("missing"));
    assertEquals(
        json(
            "{\"tags\":{\"a\":\"1\",\"b\":\"2\"},\"ports\":[80,443],\"names\":[\"x\"],\"missing\":null}"),
        StateValues.toJson(v, t));
  }

  @Test
  void providerPrivateDataIsBase64InStateAsTerraformKeepsIt() throws Exception {
    InstanceObject o =
        new InstanceObject(
            0,
            json(TERRAFORM_ATTRIBUTES),
            List.of(),
            "eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==",
            List.of(),
            false,
            ObjectStatus.READY);
    StoredObject read = StateBridge.read(o, DATA);
    assertEquals("{\"schema_version\":\"1\"}", read.privateData());
    assertEquals(o, StateBridge.write(read, DATA));
  }

  @Test
  void aWriteOnlyMapKeptAsItsFingerprintReadsBackAsTheFingerprint() throws Exception {
    Type t = Type.object(Map.of("secrets", Type.map(Type.STRING)));
    Value v = StateValues.fromJson(json("{\"secrets\":\"fp1:AAAA\"}"), t);
    assertEquals(Value.of("fp1:AAAA"), ((ObjectValue) v).get("secrets"));
    assertThrows(
        StateDataException.class, () -> StateValues.fromJson(json("{\"secrets\":\"plain\"}"), t));
  }

  @Test
  void wrongShapeIsAnErrorNamingThePath() throws Exception {
    Type t = Type.object(Map.of("tags", Type.map(Type.NUMBER)));
    StateDataException e =
        assertThrows(
            StateDataException.class,
            () -> StateValues.fromJson(json("{\"tags\":{\"a\":[1]}}"), t));
    assertEquals(".tags[\"a\"]", e.path());
  }

  @Test
  void unknownValuesNeverGoToState() {
    Value v = Value.object(Map.of("id", Value.unknown(Type.STRING)));
    assertThrows(
        IllegalArgumentException.class,
        () -> StateValues.toJson(v, Type.object(Map.of("id", Type.STRING))));
  }

  @Test
  void sensitiveMarksBecomePathsAndBack() {
    Value v =
        Value.object(
            Map.of(
                "a", Value.of("x").markSensitive(),
                "l", Value.list(Type.STRING, List.of(Value.of("p"), Value.of("q").markSensitive())),
                "m", Value.map(Type.STRING, Map.of("k", Value.of("v").markSensitive()))));
    List<AttributePath> paths = StateValues.sensitivePaths(v);
    assertEquals(3, paths.size());
    assertEquals(List.of(PathStep.attr("a")), Paths.fromState(paths.get(0)));
    assertEquals(List.of(PathStep.attr("l"), PathStep.index(1)), Paths.fromState(paths.get(1)));
    assertEquals(List.of(PathStep.attr("m"), PathStep.key("k")), Paths.fromState(paths.get(2)));
    assertEquals(v, StateValues.markPaths(v.unmarkDeep(), paths));
  }

  @Test
  void outputsRoundTripWithTheirTypes() throws Exception {
    Value v = Value.tuple(List.of(Value.of("a"), Value.of(1))).markSensitive();
    var out = StateBridge.writeOutput(v, false);
    assertTrue(out.sensitive());
    assertEquals(json("[\"tuple\",[\"string\",\"number\"]]"), out.type());
    assertEquals(v, StateBridge.readOutput(out));
  }

  @Test
  void addressesAndKeysConvertBothWays() {
    ResourceInstanceAddress a =
        ResourceAddress.managed("terraform_data", "b").instance(InstanceKey.of("k\"1"));
    assertEquals("terraform_data.b[\"k\\\"1\"]", StateAddresses.toState(a).toString());
    assertEquals(a, StateAddresses.fromState(StateAddresses.toState(a)));
    ResourceInstanceAddress d = ResourceAddress.data("x_y", "z").instance(InstanceKey.of(3));
    assertEquals(d, StateAddresses.fromState(StateAddresses.toState(d)));
  }

  @Test
  void providerStringsAsTerraformWritesThem() {
    assertEquals(
        "provider[\"terraform.io/builtin/terraform\"]",
        StateProvider.of(ProviderConfigAddress.of("terraform"), (String) null).toString());
    StateProvider p =
        StateProvider.of(new ProviderConfigAddress("alicloud", "west"), "aliyun/alicloud");
    assertEquals("provider[\"registry.terraform.io/aliyun/alicloud\"].west", p.toString());
    assertEquals(p, StateProvider.parse(p.toString()));
    assertEquals(new ProviderConfigAddress("alicloud", "west"), p.configAddress());
    assertNull(StateProvider.parse("alicloud"));
  }
}
