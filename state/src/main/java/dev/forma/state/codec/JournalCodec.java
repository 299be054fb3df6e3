package dev.forma.state.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.IndexKey;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.JsonTrees;
import dev.forma.state.OutputValue;
import dev.forma.state.ResourceAddress;
import dev.forma.state.ResourceMode;
import dev.forma.state.StateChange;
import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The line format of a state journal: one JSON object per line, {@code "op"} first. Operations:
 * {@code begin} (operation, serial, lineage), {@code intent} (address, token), {@code forget}
 * (address), {@code set} (address, optional deposed key, provider, object: the instance object as
 * the state file writes it), {@code remove} (address, optional deposed key), {@code depose}
 * (address, deposed key), {@code undepose} (address, deposed key), {@code output} (name, and value
 * or {@code "removed": true}), {@code commit}. An address is {@code {"module", "mode", "type",
 * "name", "index_key"}} with {@code module} and {@code index_key} left out when absent.
 */
public final class JournalCodec {
  private static final JsonNodeFactory NODES = JsonTrees.nodes();
  private static final String CORRUPT = "Corrupt state journal";

  private JournalCodec() {}

  /** The record as one line of UTF-8 JSON, ending with a newline. */
  public static byte[] encode(JournalRecord record) {
    ObjectNode node = NODES.objectNode();
    switch (record) {
      case JournalRecord.Begin begin -> {
        node.put("op", "begin");
        node.put("operation", begin.operation());
        node.put("serial", begin.serial());
        node.put("lineage", begin.lineage());
      }
      case JournalRecord.Commit commit -> node.put("op", "commit");
      case JournalRecord.Change change -> encodeChange(node, change.change());
    }
    return (GoJson.compact(node) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void encodeChange(ObjectNode node, StateChange change) {
    switch (change) {
      case StateChange.Intent intent -> {
        node.put("op", "intent");
        node.set("address", address(intent.address()));
        node.put("token", intent.token());
      }
      case StateChange.ForgetIntent forget -> {
        node.put("op", "forget");
        node.set("address", address(forget.address()));
      }
      case StateChange.SetCurrent set -> {
        node.put("op", "set");
        node.set("address", address(set.address()));
        node.put("provider", set.provider());
        StateCodec.encodeObject(node.putObject("object"), set.object(), null);
      }
      case StateChange.SetDeposed set -> {
        node.put("op", "set");
        node.set("address", address(set.address()));
        node.put("deposed", set.deposedKey());
        node.put("provider", set.provider());
        StateCodec.encodeObject(node.putObject("object"), set.object(), null);
      }
      case StateChange.RemoveCurrent remove -> {
        node.put("op", "remove");
        node.set("address", address(remove.address()));
      }
      case StateChange.RemoveDeposed remove -> {
        node.put("op", "remove");
        node.set("address", address(remove.address()));
        node.put("deposed", remove.deposedKey());
      }
      case StateChange.Depose depose -> {
        node.put("op", "depose");
        node.set("address", address(depose.address()));
        node.put("deposed", depose.deposedKey());
      }
      case StateChange.Undepose undepose -> {
        node.put("op", "undepose");
        node.set("address", address(undepose.address()));
        node.put("deposed", undepose.deposedKey());
      }
      case StateChange.SetOutput set -> {
        node.put("op", "output");
        node.put("name", set.name());
        node.set("value", StateCodec.encodeOutput(set.value()));
      }
      case StateChange.RemoveOutput remove -> {
        node.put("op", "output");
        node.put("name", remove.name());
        node.put("removed", true);
      }
      case StateChange.Move move -> {
        node.put("op", "move");
        node.set("address", address(move.from()));
        node.set("to", address(move.to()));
      }
      case StateChange.SetCheckResults set -> {
        node.put("op", "checks");
        node.set("check_results", StateCodec.encodeCheckResults(set.results()));
      }
    }
  }

  private static ObjectNode address(InstanceAddress address) {
    ObjectNode node = NODES.objectNode();
    ResourceAddress resource = address.resource();
    if (!resource.module().isEmpty()) {
      node.put("module", resource.module());
    }
    node.put("mode", resource.mode().jsonName());
    node.put("type", resource.type());
    node.put("name", resource.name());
    switch (address.key()) {
      case IndexKey.NoKey none -> {}
      case IndexKey.IntKey index -> node.put("index_key", index.value());
      case IndexKey.StringKey key -> node.put("index_key", key.value());
    }
    return node;
  }

  /**
   * Decodes one line (without its newline) of the journal {@code file}, line number {@code
   * lineNumber} (1-based).
   *
   * @throws StateException if the line is not a well-formed record, naming file, line and column
   */
  public static JournalRecord decode(byte[] line, String file, int lineNumber)
      throws StateException {
    try {
      return decode(line, file, lineNumber, false);
    } catch (StateException e) {
      // the same problems again, now with the line and column of each
      return decode(line, file, lineNumber, true);
    }
  }

  private static JournalRecord decode(byte[] line, String file, int lineNumber, boolean located)
      throws StateException {
    LocatedJson.Parsed parsed = LocatedJson.parse(line, located);
    if (parsed.error() != null) {
      LocatedJson.SyntaxError error = parsed.error();
      int at = error.line() + lineNumber - 1;
      throw new StateException(
          List.of(
              new StateProblem(
                  CORRUPT,
                  "The state journal "
                      + file
                      + " could not be parsed as JSON: "
                      + error.message()
                      + " at line "
                      + at
                      + ", column "
                      + error.column()
                      + ".",
                  file,
                  at,
                  error.column())));
    }
    Decoder d = new Decoder(file, parsed, CORRUPT, lineNumber - 1);
    if (!parsed.root().isObject()) {
      d.problem(
          new int[] {1, 1},
          "a journal record must be an object, not " + Decoder.kind(parsed.root()));
      throw new StateException(d.problems);
    }
    ObjectNode node = (ObjectNode) parsed.root();
    JournalRecord record = decodeRecord(d, node);
    if (!d.problems.isEmpty() || record == null) {
      if (d.problems.isEmpty()) {
        d.problem(d.at(node), "the record is incomplete");
      }
      throw new StateException(d.problems);
    }
    return record;
  }

  private static JournalRecord decodeRecord(Decoder d, ObjectNode node) {
    String op = d.string(node, "op", true);
    if (op == null) {
      return null;
    }
    switch (op) {
      case "begin" -> {
        String operation = d.string(node, "operation", true);
        Long serial = d.wholeNumber(node, "serial", true);
        String lineage = d.string(node, "lineage", true);
        return operation == null || serial == null || lineage == null
            ? null
            : new JournalRecord.Begin(operation, serial, lineage);
      }
      case "commit" -> {
        return new JournalRecord.Commit();
      }
      case "checks" -> {
        return new JournalRecord.Change(
            new StateChange.SetCheckResults(StateCodec.decodeCheckResults(d, node)));
      }
      case "output" -> {
        String name = d.string(node, "name", true);
        if (name == null) {
          return null;
        }
        if (d.bool(node, "removed")) {
          return new JournalRecord.Change(new StateChange.RemoveOutput(name));
        }
        ObjectNode value = d.object(node, "value", true);
        if (value == null) {
          return null;
        }
        JsonNode type = d.member(value, "type", true);
        JsonNode v = value.get("value");
        return type == null
            ? null
            : new JournalRecord.Change(
                new StateChange.SetOutput(
                    name,
                    new OutputValue(
                        v == null ? NODES.nullNode() : v, type, d.bool(value, "sensitive"))));
      }
      default -> {}
    }
    InstanceAddress address = decodeAddress(d, d.object(node, "address", true));
    if (address == null) {
      return null;
    }
    StateChange change =
        switch (op) {
          case "intent" -> {
            String token = d.string(node, "token", true);
            yield token == null ? null : new StateChange.Intent(address, token);
          }
          case "forget" -> new StateChange.ForgetIntent(address);
          case "set" -> {
            String deposed = d.string(node, "deposed", false);
            String provider = d.string(node, "provider", true);
            ObjectNode objectNode = d.object(node, "object", true);
            InstanceObject object =
                objectNode == null ? null : StateCodec.decodeObject(d, objectNode);
            if (provider == null || object == null) {
              yield null;
            }
            yield deposed == null
                ? new StateChange.SetCurrent(address, provider, object)
                : new StateChange.SetDeposed(address, deposed, provider, object);
          }
          case "remove" -> {
            String deposed = d.string(node, "deposed", false);
            yield deposed == null
                ? new StateChange.RemoveCurrent(address)
                : new StateChange.RemoveDeposed(address, deposed);
          }
          case "depose" -> {
            String deposed = d.string(node, "deposed", true);
            yield deposed == null ? null : new StateChange.Depose(address, deposed);
          }
          case "undepose" -> {
            String deposed = d.string(node, "deposed", true);
            yield deposed == null ? null : new StateChange.Undepose(address, deposed);
          }
          case "move" -> {
            InstanceAddress to = decodeAddress(d, d.object(node, "to", true));
            yield to == null ? null : new StateChange.Move(address, to);
          }
          default -> {
            d.problem(d.field(node, "op"), "unknown journal operation \"" + op + "\"");
            yield null;
          }
        };
    return change == null ? null : new JournalRecord.Change(change);
  }

  private static InstanceAddress decodeAddress(Decoder d, ObjectNode node) {
    if (node == null) {
      return null;
    }
    String module = d.string(node, "module", false);
    String modeName = d.string(node, "mode", true);
    String type = d.string(node, "type", true);
    String name = d.string(node, "name", true);
    ResourceMode mode = modeName == null ? null : ResourceMode.fromJsonName(modeName);
    if (modeName != null && mode == null) {
      d.problem(
          d.field(node, "mode"),
          "the resource mode \"" + modeName + "\" is neither \"managed\" nor \"data\"");
    }
    JsonNode keyNode = node.get("index_key");
    IndexKey key = IndexKey.NONE;
    if (keyNode != null && keyNode.isTextual()) {
      key = IndexKey.of(keyNode.textValue());
    } else if (keyNode != null && !keyNode.isNull()) {
      Long index = Decoder.wholeNumber(keyNode);
      if (index == null) {
        d.problem(d.field(node, "index_key"), "\"index_key\" must be a whole number or a string");
        return null;
      }
      key = IndexKey.of(index);
    }
    if (mode == null || type == null || name == null) {
      return null;
    }
    return new ResourceAddress(module == null ? "" : module, mode, type, name).instance(key);
  }
}
