package dev.forma.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.AttributePath;
import dev.forma.state.CheckResult;
import dev.forma.state.CodePointOrder;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceObject;
import dev.forma.state.JsonTrees;
import dev.forma.state.ObjectStatus;
import dev.forma.state.OutputValue;
import dev.forma.state.PathStep;
import dev.forma.state.ResourceAddress;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceMode;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Terraform's state file format, version 4, read and written.
 *
 * <p>Reading checks {@code version} before anything else, and reports every problem it finds with
 * the file, line and column. Writing is deterministic: resources by module, mode, type and name,
 * instances by index key then deposed key, map keys (outputs, attribute values) sorted, the fixed
 * members of each record in Terraform's order, two-space indentation and Go's string escaping; so
 * equal states give identical bytes, and a state Terraform 1.11 wrote reads and writes back
 * unchanged apart from {@code terraform_version}.
 */
public final class StateCodec {
  /** The only state file format version this codec reads and writes. */
  public static final int FORMAT_VERSION = 4;

  private static final String UNSUPPORTED = "Unsupported state file format";
  private static final String INVALID = "Invalid state file";
  private static final JsonNodeFactory NODES = JsonTrees.nodes();

  private final String programVersion;

  /** A codec that stamps {@code programVersion} (Forma's version) into the states it writes. */
  public StateCodec(String programVersion) {
    this.programVersion = Objects.requireNonNull(programVersion, "programVersion");
  }

  /** The version written as {@code terraform_version}. */
  public String programVersion() {
    return programVersion;
  }

  /**
   * Reads a state file's bytes; {@code file} names it in problems (as the user wrote the path).
   *
   * @throws StateException with every problem found: not JSON, no or another {@code version},
   *     members missing or of the wrong kind
   */
  public State read(byte[] bytes, String file) throws StateException {
    try {
      return read(bytes, file, false);
    } catch (StateException e) {
      // the same problems again, now with the line and column of each
      return read(bytes, file, true);
    }
  }

  private State read(byte[] bytes, String file, boolean located) throws StateException {
    LocatedJson.Parsed parsed = LocatedJson.parse(bytes, located);
    if (parsed.error() != null) {
      LocatedJson.SyntaxError error = parsed.error();
      throw new StateException(
          List.of(
              new StateProblem(
                  UNSUPPORTED,
                  "The state file "
                      + file
                      + " could not be parsed as JSON: "
                      + error.message()
                      + " at line "
                      + error.line()
                      + ", column "
                      + error.column()
                      + ".",
                  file,
                  error.line(),
                  error.column())));
    }
    JsonNode root = parsed.root();
    if (!root.isObject()) {
      throw new StateException(
          List.of(
              new StateProblem(
                  UNSUPPORTED,
                  "The state file "
                      + file
                      + " must hold a JSON object, not "
                      + Decoder.kind(root)
                      + ".",
                  file,
                  1,
                  1)));
    }
    checkVersion((ObjectNode) root, parsed, file);
    Decoder d = new Decoder(file, parsed, INVALID, 0);
    State state = decodeState(d, (ObjectNode) root);
    if (!d.problems.isEmpty()) {
      throw new StateException(d.problems);
    }
    return state;
  }

  private void checkVersion(ObjectNode root, LocatedJson.Parsed parsed, String file)
      throws StateException {
    JsonNode version = root.get("version");
    if (version == null) {
      throw new StateException(
          List.of(
              new StateProblem(
                  UNSUPPORTED,
                  "The state file "
                      + file
                      + " does not have a \"version\" attribute, which is required to identify the"
                      + " format version.",
                  file,
                  1,
                  1)));
    }
    int[] at = parsed.field(root, "version");
    Long number = Decoder.wholeNumber(version);
    if (number == null) {
      throw new StateException(
          List.of(
              new StateProblem(
                  UNSUPPORTED,
                  "The state file "
                      + file
                      + " has a \"version\" attribute that is not a whole number ("
                      + Decoder.kind(version)
                      + "), so its format version cannot be identified.",
                  file,
                  at[0],
                  at[1])));
    }
    if (number != FORMAT_VERSION) {
      JsonNode writer = root.get("terraform_version");
      String createdBy =
          writer != null && writer.isTextual()
              ? " This state file was created by Terraform " + writer.textValue() + "."
              : "";
      String advice =
          number < FORMAT_VERSION
              ? " Forma reads format version 4, written by Terraform 0.12 and later: upgrade the"
                  + " state by running terraform apply or terraform refresh with Terraform 0.12"
                  + " or later."
              : "";
      throw new StateException(
          List.of(
              new StateProblem(
                  UNSUPPORTED,
                  "The state file "
                      + file
                      + " uses format version "
                      + number
                      + ", which is not supported by Forma "
                      + programVersion
                      + "."
                      + createdBy
                      + advice,
                  file,
                  at[0],
                  at[1])));
    }
  }

  private State decodeState(Decoder d, ObjectNode root) {
    String terraformVersion = d.string(root, "terraform_version", false);
    Long serial = d.wholeNumber(root, "serial", false);
    String lineage = d.string(root, "lineage", false);
    TreeMap<String, OutputValue> outputs = new TreeMap<>(CodePointOrder.COMPARATOR);
    ObjectNode outputsNode = d.object(root, "outputs", false);
    if (outputsNode != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = outputsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        OutputValue output = decodeOutput(d, outputsNode, entry.getKey(), entry.getValue());
        if (output != null) {
          outputs.put(entry.getKey(), output);
        }
      }
    }
    State.Builder builder =
        new State(
                serial == null ? 0 : serial,
                lineage == null ? "" : lineage,
                terraformVersion == null ? "" : terraformVersion,
                outputs,
                new TreeMap<>())
            .toBuilder();
    ArrayNode resources = d.array(root, "resources", false);
    if (resources != null) {
      TreeMap<ResourceAddress, int[]> seen = new TreeMap<>();
      for (int i = 0; i < resources.size(); i++) {
        JsonNode resource = resources.get(i);
        if (!resource.isObject()) {
          d.problem(
              d.element(resources, i),
              "a resource must be an object, not " + Decoder.kind(resource));
          continue;
        }
        ResourceState decoded = decodeResource(d, (ObjectNode) resource);
        if (decoded == null) {
          continue;
        }
        if (seen.containsKey(decoded.address())) {
          d.problem(d.at(resource), "the resource " + decoded.address() + " appears twice");
          continue;
        }
        seen.put(decoded.address(), d.at(resource));
        builder.putResource(decoded);
      }
    }
    builder.apply(new StateChange.SetCheckResults(decodeCheckResults(d, root)));
    return builder.build();
  }

  private OutputValue decodeOutput(Decoder d, ObjectNode outputs, String name, JsonNode node) {
    if (!node.isObject()) {
      d.problem(
          d.field(outputs, name),
          "the output \"" + name + "\" must be an object, not " + Decoder.kind(node));
      return null;
    }
    ObjectNode output = (ObjectNode) node;
    JsonNode value = output.get("value");
    JsonNode type = d.member(output, "type", true);
    boolean sensitive = d.bool(output, "sensitive");
    if (type == null) {
      return null;
    }
    return new OutputValue(value == null ? NODES.nullNode() : value, type, sensitive);
  }

  private ResourceState decodeResource(Decoder d, ObjectNode resource) {
    String module = d.string(resource, "module", false);
    String modeName = d.string(resource, "mode", true);
    String type = d.string(resource, "type", true);
    String name = d.string(resource, "name", true);
    String provider = d.string(resource, "provider", true);
    ResourceMode mode = null;
    if (modeName != null) {
      mode = ResourceMode.fromJsonName(modeName);
      if (mode == null) {
        d.problem(
            d.field(resource, "mode"),
            "the resource mode \"" + modeName + "\" is neither \"managed\" nor \"data\"");
      }
    }
    ArrayNode instances = d.array(resource, "instances", true);
    if (mode == null || type == null || name == null || provider == null || instances == null) {
      return null;
    }
    ResourceAddress address = new ResourceAddress(module == null ? "" : module, mode, type, name);
    TreeMap<IndexKey, ResourceInstance> byKey = new TreeMap<>();
    for (int i = 0; i < instances.size(); i++) {
      JsonNode instance = instances.get(i);
      if (!instance.isObject()) {
        d.problem(
            d.element(instances, i),
            "an instance must be an object, not " + Decoder.kind(instance));
        continue;
      }
      decodeInstance(d, address, (ObjectNode) instance, byKey);
    }
    return new ResourceState(address, provider, byKey);
  }

  private void decodeInstance(
      Decoder d,
      ResourceAddress address,
      ObjectNode instance,
      TreeMap<IndexKey, ResourceInstance> byKey) {
    IndexKey key = decodeIndexKey(d, instance);
    String deposed = d.string(instance, "deposed", false);
    InstanceObject object = decodeObject(d, instance);
    if (key == null || object == null) {
      return;
    }
    ResourceInstance old = byKey.get(key);
    TreeMap<String, InstanceObject> deposedObjects = new TreeMap<>(CodePointOrder.COMPARATOR);
    InstanceObject current = null;
    if (old != null) {
      deposedObjects.putAll(old.deposed());
      current = old.current();
    }
    String duplicate = null;
    if (deposed == null) {
      if (current != null) {
        duplicate = "the instance " + address.instance(key) + " appears twice";
      }
      current = object;
    } else {
      if (deposedObjects.containsKey(deposed)) {
        duplicate =
            "the deposed object " + deposed + " of " + address.instance(key) + " appears twice";
      }
      deposedObjects.put(deposed, object);
    }
    if (duplicate != null) {
      d.problem(d.at(instance), duplicate);
      return;
    }
    byKey.put(key, new ResourceInstance(key, current, deposedObjects));
  }

  private static IndexKey decodeIndexKey(Decoder d, ObjectNode instance) {
    JsonNode key = instance.get("index_key");
    if (key == null || key.isNull()) {
      return IndexKey.NONE;
    }
    if (key.isTextual()) {
      return IndexKey.of(key.textValue());
    }
    Long index = Decoder.wholeNumber(key);
    if (index == null || index < 0) {
      d.problem(
          d.field(instance, "index_key"),
          "\"index_key\" must be a non-negative whole number or a string, not "
              + Decoder.kind(key));
      return null;
    }
    return IndexKey.of(index);
  }

  /** Decodes the members of an instance object (shared with the journal). */
  static InstanceObject decodeObject(Decoder d, ObjectNode instance) {
    int problemsBefore = d.problems.size();
    String statusName = d.string(instance, "status", false);
    ObjectStatus status = ObjectStatus.READY;
    if (statusName != null) {
      if (statusName.equals("tainted")) {
        status = ObjectStatus.TAINTED;
      } else {
        d.problem(
            d.field(instance, "status"),
            "the instance status \"" + statusName + "\" is not \"tainted\"");
      }
    }
    Long schemaVersion = d.wholeNumber(instance, "schema_version", false);
    JsonNode attributes = instance.get("attributes");
    if (attributes == null && instance.has("attributes_flat")) {
      d.problem(
          d.field(instance, "attributes_flat"),
          "\"attributes_flat\" (a state written by Terraform 0.11 or earlier) is not supported:"
              + " upgrade the state with Terraform 0.12 or later first");
    } else if (attributes == null) {
      attributes = NODES.objectNode();
    }
    List<AttributePath> sensitive = new ArrayList<>();
    JsonNode sensitiveNode = instance.get("sensitive_attributes");
    if (sensitiveNode != null && !sensitiveNode.isNull()) {
      decodeSensitivePaths(d, instance, sensitiveNode, sensitive);
    }
    String privateData = d.string(instance, "private", false);
    if (privateData != null) {
      try {
        Base64.getDecoder().decode(privateData);
      } catch (IllegalArgumentException notBase64) {
        d.problem(d.field(instance, "private"), "\"private\" must be base64 data");
      }
    }
    List<String> dependencies = new ArrayList<>();
    ArrayNode dependencyNodes = d.array(instance, "dependencies", false);
    if (dependencyNodes != null) {
      for (int i = 0; i < dependencyNodes.size(); i++) {
        JsonNode dependency = dependencyNodes.get(i);
        if (dependency.isTextual()) {
          dependencies.add(dependency.textValue());
        } else {
          d.problem(
              d.element(dependencyNodes, i),
              "a dependency must be a resource address string, not " + Decoder.kind(dependency));
        }
      }
    }
    boolean createBeforeDestroy = d.bool(instance, "create_before_destroy");
    if (d.problems.size() > problemsBefore) {
      return null;
    }
    return new InstanceObject(
        schemaVersion == null ? 0 : schemaVersion,
        attributes,
        sensitive,
        privateData,
        dependencies,
        createBeforeDestroy,
        status);
  }

  private static void decodeSensitivePaths(
      Decoder d, ObjectNode instance, JsonNode node, List<AttributePath> into) {
    if (!node.isArray()) {
      d.problem(
          d.field(instance, "sensitive_attributes"),
          "\"sensitive_attributes\" must be an array of paths, not " + Decoder.kind(node));
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode path = node.get(i);
      if (!path.isArray()) {
        d.problem(
            d.element(node, i),
            "a sensitive attribute path must be an array, not " + Decoder.kind(path));
        continue;
      }
      List<PathStep> steps = new ArrayList<>();
      for (int j = 0; j < path.size(); j++) {
        PathStep step = decodeStep(d, path, j);
        if (step != null) {
          steps.add(step);
        }
      }
      into.add(new AttributePath(steps));
    }
  }

  private static PathStep decodeStep(Decoder d, JsonNode path, int index) {
    JsonNode step = path.get(index);
    int[] at = d.element(path, index);
    if (!step.isObject()) {
      d.problem(at, "a path step must be an object, not " + Decoder.kind(step));
      return null;
    }
    String type = d.string((ObjectNode) step, "type", true);
    JsonNode value = step.get("value");
    if (type == null) {
      return null;
    }
    switch (type) {
      case "get_attr" -> {
        if (value == null || !value.isTextual()) {
          d.problem(at, "a \"get_attr\" step needs a string \"value\"");
          return null;
        }
        return new PathStep.GetAttr(value.textValue());
      }
      case "index" -> {
        if (value == null || !value.isObject() || !value.has("value") || !value.has("type")) {
          d.problem(at, "an \"index\" step needs a \"value\" object with \"value\" and \"type\"");
          return null;
        }
        return new PathStep.Index(value.get("value"), value.get("type"));
      }
      default -> {
        d.problem(at, "the path step type \"" + type + "\" is neither \"get_attr\" nor \"index\"");
        return null;
      }
    }
  }

  /**
   * The {@code check_results} of a state file (null or absent: none); an entry without the members
   * Terraform always writes is a problem and left out.
   */
  static List<CheckResult> decodeCheckResults(Decoder d, ObjectNode root) {
    List<CheckResult> out = new ArrayList<>();
    ArrayNode results = d.array(root, "check_results", false);
    if (results == null) {
      return out;
    }
    for (int i = 0; i < results.size(); i++) {
      if (!(results.get(i) instanceof ObjectNode r)) {
        d.problem(d.element(results, i), "a check result must be an object");
        continue;
      }
      String kind = d.string(r, "object_kind", true);
      String config = d.string(r, "config_addr", true);
      String status = d.string(r, "status", true);
      List<CheckResult.CheckObject> objects = null;
      ArrayNode objectsNode = d.array(r, "objects", false);
      if (objectsNode != null) {
        objects = new ArrayList<>();
        for (int j = 0; j < objectsNode.size(); j++) {
          if (!(objectsNode.get(j) instanceof ObjectNode o)) {
            d.problem(d.element(objectsNode, j), "a check result object must be an object");
            continue;
          }
          String addr = d.string(o, "object_addr", true);
          String objectStatus = d.string(o, "status", true);
          List<String> messages = null;
          ArrayNode messagesNode = d.array(o, "failure_messages", false);
          if (messagesNode != null) {
            messages = new ArrayList<>();
            for (JsonNode m : messagesNode) {
              messages.add(m.asText());
            }
          }
          if (addr != null && objectStatus != null) {
            objects.add(new CheckResult.CheckObject(addr, objectStatus, messages));
          }
        }
      }
      if (kind != null && config != null && status != null) {
        out.add(new CheckResult(kind, config, status, objects));
      }
    }
    return out;
  }

  /** The {@code check_results} member as Terraform writes it: null when there are none. */
  static JsonNode encodeCheckResults(List<CheckResult> results) {
    if (results.isEmpty()) {
      return NODES.nullNode();
    }
    ArrayNode out = NODES.arrayNode();
    for (CheckResult r : results) {
      ObjectNode node = out.addObject();
      node.put("object_kind", r.objectKind());
      node.put("config_addr", r.configAddr());
      node.put("status", r.status());
      if (r.objects() == null) {
        node.putNull("objects");
      } else {
        ArrayNode objects = node.putArray("objects");
        for (CheckResult.CheckObject o : r.objects()) {
          ObjectNode on = objects.addObject();
          on.put("object_addr", o.objectAddr());
          on.put("status", o.status());
          if (o.failureMessages() != null && !o.failureMessages().isEmpty()) {
            ArrayNode messages = on.putArray("failure_messages");
            o.failureMessages().forEach(messages::add);
          }
        }
      }
    }
    return out;
  }

  /** Writes {@code state} as Terraform writes it, stamped with this codec's program version. */
  public byte[] write(State state) {
    ObjectNode root = NODES.objectNode();
    root.put("version", FORMAT_VERSION);
    root.put("terraform_version", programVersion);
    root.put("serial", state.serial());
    root.put("lineage", state.lineage());
    ObjectNode outputs = root.putObject("outputs");
    for (Map.Entry<String, OutputValue> output : state.outputs().entrySet()) {
      outputs.set(output.getKey(), encodeOutput(output.getValue()));
    }
    ArrayNode resources = root.putArray("resources");
    for (ResourceState resource : state.resources().values()) {
      resources.add(encodeResource(resource));
    }
    root.set("check_results", encodeCheckResults(state.checkResults()));
    return (GoJson.indented(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** An output as {@code {"value", "type", "sensitive"}}. */
  static ObjectNode encodeOutput(OutputValue output) {
    ObjectNode node = NODES.objectNode();
    node.set("value", output.value());
    node.set("type", output.type());
    if (output.sensitive()) {
      node.put("sensitive", true);
    }
    return node;
  }

  private static ObjectNode encodeResource(ResourceState resource) {
    ObjectNode node = NODES.objectNode();
    ResourceAddress address = resource.address();
    if (!address.module().isEmpty()) {
      node.put("module", address.module());
    }
    node.put("mode", address.mode().jsonName());
    node.put("type", address.type());
    node.put("name", address.name());
    node.put("provider", resource.provider());
    ArrayNode instances = node.putArray("instances");
    for (ResourceInstance instance : resource.instances().values()) {
      if (instance.current() != null) {
        instances.add(encodeInstance(instance.key(), null, instance.current()));
      }
      for (Map.Entry<String, InstanceObject> deposed : instance.deposed().entrySet()) {
        instances.add(encodeInstance(instance.key(), deposed.getKey(), deposed.getValue()));
      }
    }
    return node;
  }

  private static ObjectNode encodeInstance(IndexKey key, String deposed, InstanceObject object) {
    ObjectNode node = NODES.objectNode();
    switch (key) {
      case IndexKey.NoKey none -> {}
      case IndexKey.IntKey index -> node.put("index_key", index.value());
      case IndexKey.StringKey name -> node.put("index_key", name.value());
    }
    encodeObject(node, object, deposed);
    return node;
  }

  /** Appends the members of an instance object, in Terraform's order (shared with the journal). */
  static void encodeObject(ObjectNode node, InstanceObject object, String deposed) {
    if (object.status() == ObjectStatus.TAINTED) {
      node.put("status", "tainted");
    }
    if (deposed != null) {
      node.put("deposed", deposed);
    }
    node.put("schema_version", object.schemaVersion());
    node.set("attributes", object.attributes());
    ArrayNode sensitive = node.putArray("sensitive_attributes");
    for (AttributePath path : object.sensitiveAttributes()) {
      ArrayNode steps = sensitive.addArray();
      for (PathStep step : path.steps()) {
        ObjectNode stepNode = steps.addObject();
        switch (step) {
          case PathStep.GetAttr attr -> {
            stepNode.put("type", "get_attr");
            stepNode.put("value", attr.name());
          }
          case PathStep.Index index -> {
            stepNode.put("type", "index");
            ObjectNode value = stepNode.putObject("value");
            value.set("value", index.value());
            value.set("type", index.type());
          }
        }
      }
    }
    if (object.privateData() != null) {
      node.put("private", object.privateData());
    }
    if (!object.dependencies().isEmpty()) {
      ArrayNode dependencies = node.putArray("dependencies");
      object.dependencies().forEach(dependencies::add);
    }
    if (object.createBeforeDestroy()) {
      node.put("create_before_destroy", true);
    }
  }
}
