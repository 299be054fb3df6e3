package dev.forma.state.encryption;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.JsonTrees;
import dev.forma.state.codec.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * OpenTofu's envelope around an encrypted payload: one JSON object with {@code meta} (each key
 * provider's metadata, such as the PBKDF2 salt, by its metadata key, as the base64 of its JSON),
 * {@code encrypted_data} (base64), {@code encryption_version} ({@code "v0"}) and, for a state, its
 * {@code serial} and {@code lineage} in clear. Written as Go's {@code json.Marshal} writes it, in
 * that field order: {@code serial}, {@code lineage}, {@code meta}, {@code encrypted_data}, {@code
 * encryption_version}.
 *
 * @param serial the state's serial in clear, or null
 * @param lineage the state's lineage in clear, or null
 * @param meta the key providers' metadata by metadata key ({@code key_provider.pbkdf2.NAME})
 * @param data the encrypted payload
 * @param version {@code encryption_version}
 */
record Envelope(
    Long serial, String lineage, Map<String, byte[]> meta, byte[] data, String version) {
  /** The only envelope version there is. */
  static final String VERSION = "v0";

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Set<String> FIELDS =
      Set.of("serial", "lineage", "meta", "encrypted_data", "encryption_version");

  Envelope {
    meta = Collections.unmodifiableMap(new TreeMap<>(meta));
  }

  /** The envelope's bytes: compact JSON, as OpenTofu writes it. */
  byte[] toBytes() {
    ObjectNode root = JsonTrees.nodes().objectNode();
    if (serial != null || lineage != null) {
      if (serial == null) {
        root.putNull("serial");
      } else {
        root.put("serial", serial);
      }
      root.put("lineage", lineage == null ? "" : lineage);
    }
    ObjectNode m = root.putObject("meta");
    // Go writes map keys sorted; the TreeMap keeps them so.
    meta.forEach((k, v) -> m.put(k, Base64.getEncoder().encodeToString(v)));
    root.put("encrypted_data", Base64.getEncoder().encodeToString(data));
    root.put("encryption_version", version);
    return GoJson.compact(root).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The envelope {@code bytes} hold, or null when they are not one: not a JSON object, a field an
   * envelope does not have (a plain state starts with {@code "version"}, so this stops at once), or
   * no {@code encryption_version}. Only the top level is looked at.
   */
  static Envelope parse(byte[] bytes) {
    Long serial = null;
    String lineage = null;
    Map<String, byte[]> meta = new TreeMap<>();
    byte[] data = null;
    String version = null;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        if (!FIELDS.contains(field)) {
          return null;
        }
        JsonToken value = p.nextToken();
        switch (field) {
          case "serial" -> serial = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
          case "lineage" -> lineage = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "encryption_version" ->
              version = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "encrypted_data" -> {
            if (value != JsonToken.VALUE_STRING) {
              return null;
            }
            data = base64(p.getText());
          }
          case "meta" -> {
            if (value == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                  meta.put(key, base64(p.getText()));
                } else {
                  p.skipChildren();
                }
              }
            } else if (value != JsonToken.VALUE_NULL) {
              return null;
            }
          }
          default -> throw new IllegalStateException(field);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    if (version == null || version.isEmpty()) {
      return null;
    }
    return new Envelope(serial, lineage, meta, data == null ? new byte[0] : data, version);
  }

  /** Whether {@code bytes} are an encrypted payload in OpenTofu's envelope. */
  static boolean isEnvelope(byte[] bytes) {
    return parse(bytes) != null;
  }

  /**
   * The top-level {@code serial} and {@code lineage} of a plain JSON state (or journal record),
   * read without parsing the rest; either is null when absent, both when not a JSON object.
   */
  static Passthrough passthrough(byte[] plain) {
    Long serial = null;
    String lineage = null;
    try (JsonParser p = JSON.createParser(plain)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new Passthrough(null, null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME && (serial == null || lineage == null)) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("serial") && value == JsonToken.VALUE_NUMBER_INT) {
          serial = p.getLongValue();
        } else if (field.equals("lineage") && value == JsonToken.VALUE_STRING) {
          lineage = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      // not JSON, or cut short: whatever was found before
    }
    return new Passthrough(serial, lineage);
  }

  /** The fields of a state kept in clear beside its encrypted form. */
  record Passthrough(Long serial, String lineage) {}

  private static byte[] base64(String text) {
    // Go's decoder skips line breaks; Java's strict one does not.
    return Base64.getDecoder().decode(text.replace("\r", "").replace("\n", ""));
  }
}
