package dev.forma.state.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.AttributePath;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.ObjectStatus;
import dev.forma.state.OutputValue;
import dev.forma.state.PathStep;
import dev.forma.state.ResourceAddress;
import dev.forma.state.ResourceMode;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUILTIN = "provider[\"terraform.io/builtin/terraform\"]";

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = StateCodecTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "terraform-1.11.4-basic.tfstate",
        "terraform-1.11.4-full.tfstate",
        "terraform-1.11.4-empty.tfstate"
      })
  void terraformStateReadsAndWritesBackByteForByte(String name) throws Exception {
    byte[] original = fixture(name);
    State state = new StateCodec("1.11.4").read(original, name);
    assertEquals("1.11.4", state.terraformVersion());
    assertEquals(
        new String(original, StandardCharsets.UTF_8),
        new String(new StateCodec("1.11.4").write(state), StandardCharsets.UTF_8));
    assertArrayEquals(original, new StateCodec("1.11.4").write(state));
  }

  @Test
  void writingStampsFormasVersionAndChangesNothingElse() throws Exception {
    byte[] original = fixture("terraform-1.11.4-full.tfstate");
    State state = new StateCodec("0.1.0").read(original, "full.tfstate");
    String written = new String(new StateCodec("0.1.0").write(state), StandardCharsets.UTF_8);
    String expected =
        new String(original, StandardCharsets.UTF_8)
            .replace("\"terraform_version\": \"1.11.4\"", "\"terraform_version\": \"0.1.0\"");
    assertEquals(expected, written);
  }

  @Test
  void readsEveryPartOfTheModel() throws Exception {
    State state =
        new StateCodec("0.1.0").read(fixture("terraform-1.11.4-full.tfstate"), "full.tfstate");
    assertEquals("1.11.4", state.terraformVersion());
    assertTrue(state.serial() > 0);
    assertTrue(state.outputs().get("pw").sensitive());
    assertEquals("s3cr3t", state.outputs().get("pw").value().textValue());
    assertEquals("string", state.outputs().get("pw").type().textValue());
    assertFalse(state.outputs().get("ids").sensitive());

    ResourceAddress data = ResourceAddress.data("terraform_remote_state", "other");
    assertEquals(ResourceMode.DATA, state.resource(data).orElseThrow().address().mode());
    assertEquals(BUILTIN, state.resource(data).orElseThrow().provider());

    InstanceObject bad =
        state
            .currentObject(ResourceAddress.managed("terraform_data", "bad").instance())
            .orElseThrow();
    assertEquals(ObjectStatus.TAINTED, bad.status());

    InstanceObject eachA =
        state
            .currentObject(
                ResourceAddress.managed("terraform_data", "each").instance(IndexKey.of("a")))
            .orElseThrow();
    assertEquals(List.of("terraform_data.counted"), eachA.dependencies());
    assertEquals(
        List.of(AttributePath.of(PathStep.attr("input"), PathStep.attr("pw"))),
        eachA.sensitiveAttributes());

    InstanceObject paths =
        state
            .currentObject(ResourceAddress.managed("terraform_data", "paths").instance())
            .orElseThrow();
    assertEquals(
        List.of(
            AttributePath.of(PathStep.attr("input"), PathStep.attr("m"), PathStep.index("k")),
            AttributePath.of(PathStep.attr("input"), PathStep.attr("l"), PathStep.index(1))),
        paths.sensitiveAttributes());

    InstanceObject single =
        state
            .currentObject(ResourceAddress.managed("terraform_data", "single").instance())
            .orElseThrow();
    assertTrue(single.createBeforeDestroy());

    ResourceAddress inner =
        new ResourceAddress("module.m", ResourceMode.MANAGED, "terraform_data", "inner");
    assertEquals(11, state.resource(inner).orElseThrow().instances().size());
    assertEquals("module.m.terraform_data.inner[10]", inner.instance(IndexKey.of(10)).toString());
    ResourceAddress z =
        new ResourceAddress("module.z[\"x\"]", ResourceMode.MANAGED, "terraform_data", "inner");
    assertTrue(state.currentObject(z.instance(IndexKey.of(0))).isPresent());
  }

  @Test
  void sortsResourcesAndInstancesAsTerraformDoes() throws Exception {
    InstanceObject object = InstanceObject.of(JSON.readTree("{\"id\":\"x\"}"));
    State.Builder builder = State.empty("lin").toBuilder();
    ResourceAddress b = ResourceAddress.managed("t", "b");
    ResourceAddress a = ResourceAddress.managed("t", "a");
    ResourceAddress data = ResourceAddress.data("t", "z");
    ResourceAddress module = new ResourceAddress("module.m", ResourceMode.MANAGED, "a", "a");
    for (InstanceAddress address :
        List.of(
            module.instance(),
            b.instance(IndexKey.of(10)),
            b.instance(IndexKey.of(2)),
            a.instance(IndexKey.of("b")),
            a.instance(IndexKey.of("a")),
            data.instance())) {
      builder.setCurrent(address, "p", object);
    }
    String written =
        new String(new StateCodec("0.1.0").write(builder.build()), StandardCharsets.UTF_8);
    JsonNode tree = JSON.readTree(written);
    List<String> order = List.of("data t z", "managed t a", "managed t b", "module.m managed a a");
    for (int i = 0; i < order.size(); i++) {
      JsonNode resource = tree.get("resources").get(i);
      String got =
          (resource.has("module") ? resource.get("module").textValue() + " " : "")
              + resource.get("mode").textValue()
              + " "
              + resource.get("type").textValue()
              + " "
              + resource.get("name").textValue();
      assertEquals(order.get(i), got);
    }
    assertEquals(
        "a", tree.get("resources").get(1).get("instances").get(0).get("index_key").textValue());
    assertEquals(
        2, tree.get("resources").get(2).get("instances").get(0).get("index_key").intValue());
    assertEquals(
        10, tree.get("resources").get(2).get("instances").get(1).get("index_key").intValue());
  }

  @Test
  void equalStatesGiveIdenticalBytesWhateverTheOrderOfKeysAndNumbers() throws Exception {
    JsonNode one = JSON.readTree("{\"b\": 1.50, \"a\": {\"y\": 2, \"x\": [1, 2.0]}}");
    JsonNode two = JSON.readTree("{\"a\": {\"x\": [1, 2], \"y\": 2.000}, \"b\": 1.5}");
    InstanceAddress address = ResourceAddress.managed("t", "n").instance();
    State first =
        State.empty("l").toBuilder().setCurrent(address, "p", InstanceObject.of(one)).build();
    State second =
        State.empty("l").toBuilder().setCurrent(address, "p", InstanceObject.of(two)).build();
    assertEquals(first, second);
    StateCodec codec = new StateCodec("0.1.0");
    assertArrayEquals(codec.write(first), codec.write(second));
    assertTrue(
        new String(codec.write(first), StandardCharsets.UTF_8)
            .contains(
                "\"a\": {\n"
                    + "              \"x\": [\n"
                    + "                1,\n"
                    + "                2\n"
                    + "              ],"));
  }

  @Test
  void writesDeposedObjectsAfterTheCurrentOneWithTheirKey() throws Exception {
    InstanceAddress address = ResourceAddress.managed("t", "n").instance();
    State state =
        State.empty("l").toBuilder()
            .setCurrent(address, "p", InstanceObject.of(JSON.readTree("{\"id\":\"new\"}")))
            .apply(
                new dev.forma.state.StateChange.SetDeposed(
                    address, "00000001", "p", InstanceObject.of(JSON.readTree("{\"id\":\"old\"}"))))
            .build();
    StateCodec codec = new StateCodec("0.1.0");
    byte[] bytes = codec.write(state);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(
        text.contains(
            "        {\n          \"deposed\": \"00000001\",\n          \"schema_version\": 0,"),
        text);
    assertTrue(text.indexOf("\"new\"") < text.indexOf("\"old\""));
    State back = codec.read(bytes, "t.tfstate");
    assertEquals(state.resources(), back.resources());
  }

  static List<StateProblem> problems(String text) {
    StateException e =
        assertThrows(
            StateException.class,
            () ->
                new StateCodec("0.1.0")
                    .read(text.getBytes(StandardCharsets.UTF_8), "terraform.tfstate"));
    return e.problems();
  }

  @Test
  void truncatedFileIsAnErrorNamingFileLineAndColumn() throws Exception {
    String full = new String(fixture("terraform-1.11.4-basic.tfstate"), StandardCharsets.UTF_8);
    List<StateProblem> problems = problems(full.substring(0, 300));
    assertEquals(1, problems.size());
    StateProblem problem = problems.get(0);
    assertEquals("Unsupported state file format", problem.summary());
    assertEquals("terraform.tfstate", problem.file());
    assertEquals(13, problem.line());
    assertEquals(17, problem.column());
    assertEquals(
        "The state file terraform.tfstate could not be parsed as JSON: the file ends in the middle"
            + " of a value (is it truncated?) at line 13, column 17.",
        problem.detail());
  }

  @Test
  void malformedJsonNamesTheExactPlace() {
    StateProblem problem = problems("{\n  \"version\": 4,\n  \"serial\" 3\n}").get(0);
    assertEquals(3, problem.line());
    assertEquals(12, problem.column());
    assertTrue(
        problem
            .detail()
            .startsWith(
                "The state file terraform.tfstate could not be parsed as JSON: unexpected"
                    + " character"),
        problem.detail());
  }

  @Test
  void emptyFileIsAnError() {
    StateProblem problem = problems("").get(0);
    assertEquals(
        "The state file terraform.tfstate could not be parsed as JSON: the file is empty at line 1,"
            + " column 1.",
        problem.detail());
  }

  @Test
  void versionIsCheckedBeforeAnythingElse() {
    StateProblem problem =
        problems("{\"version\": 5, \"terraform_version\": \"1.99.0\", \"serial\": \"oops\"}")
            .get(0);
    assertEquals("Unsupported state file format", problem.summary());
    assertEquals(
        "The state file terraform.tfstate uses format version 5, which is not supported by Forma"
            + " 0.1.0. This state file was created by Terraform 1.99.0.",
        problem.detail());
    assertEquals(1, problem.line());
    assertEquals(13, problem.column());
  }

  @Test
  void olderVersionsSayHowToUpgrade() {
    StateProblem problem = problems("{\"version\": 3, \"terraform_version\": \"0.11.14\"}").get(0);
    assertEquals(
        "The state file terraform.tfstate uses format version 3, which is not supported by Forma"
            + " 0.1.0. This state file was created by Terraform 0.11.14. Forma reads format version"
            + " 4, written by Terraform 0.12 and later: upgrade the state by running terraform"
            + " apply or terraform refresh with Terraform 0.12 or later.",
        problem.detail());
  }

  @Test
  void missingVersionIsTerraformsError() {
    StateProblem problem = problems("{\"serial\": 1}").get(0);
    assertEquals(
        "The state file terraform.tfstate does not have a \"version\" attribute, which is required"
            + " to identify the format version.",
        problem.detail());
  }

  @Test
  void everyStructuralProblemIsReportedWithItsPosition() {
    List<StateProblem> problems =
        problems(
            """
            {
              "version": 4,
              "serial": "seven",
              "resources": [
                {"mode": "managed", "type": "t", "name": "a", "provider": "p",
                 "instances": [{"index_key": 1.5, "attributes": {}}]},
                {"mode": "other", "type": "t", "name": "b", "provider": "p", "instances": []}
              ]
            }
            """);
    assertEquals(3, problems.size(), problems.toString());
    assertEquals(
        "In terraform.tfstate at line 3, column 13: \"serial\" must be a non-negative whole number,"
            + " not a string.",
        problems.get(0).detail());
    assertEquals("Invalid state file", problems.get(0).summary());
    assertEquals(6, problems.get(1).line());
    assertEquals(34, problems.get(1).column());
    assertEquals(
        "In terraform.tfstate at line 7, column 14: the resource mode \"other\" is neither"
            + " \"managed\" nor \"data\".",
        problems.get(2).detail());
  }

  @Test
  void duplicateInstancesAreAnError() {
    List<StateProblem> problems =
        problems(
            "{\"version\": 4, \"resources\": [{\"mode\": \"managed\", \"type\": \"t\", \"name\":"
                + " \"a\", \"provider\": \"p\", \"instances\": [{\"attributes\": {}},"
                + " {\"attributes\": {}}]}]}");
    assertEquals(
        "In terraform.tfstate at line 1, column 127: the instance t.a appears twice.",
        problems.get(0).detail());
  }

  @Test
  void goEscapingOfStrings() {
    ObjectNode node = JSON.createObjectNode();
    node.put("s", "<a>&\u2028\u2029\u0001\b\f\t\n\r\"\\é🎉\ud800");
    assertEquals(
        "{\"s\":\"\\u003ca\\u003e\\u0026\\u2028\\u2029\\u0001"
            + "\\b\\f\\t\\n\\r\\\"\\\\é🎉\\ufffd\"}",
        GoJson.compact(node));
  }

  @Test
  void outputsWithoutSensitiveOmitTheFlag() throws Exception {
    State state =
        State.empty("l").toBuilder()
            .setOutput("o", new OutputValue(JSON.readTree("1"), JSON.readTree("\"number\""), false))
            .build();
    String text = new String(new StateCodec("0.1.0").write(state), StandardCharsets.UTF_8);
    assertTrue(
        text.contains("\"o\": {\n      \"value\": 1,\n      \"type\": \"number\"\n    }"), text);
  }
}
