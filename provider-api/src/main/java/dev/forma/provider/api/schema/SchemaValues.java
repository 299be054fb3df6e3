package dev.forma.provider.api.schema;

import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.MapValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.SensitiveValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.TupleValue;
import dev.forma.provider.api.value.Value;
import dev.forma.provider.api.value.ValueJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Schema-driven operations on an object value of a schema's implied type: which paths the schema
 * makes sensitive, marking them, and keeping write-only attributes out of state as salted
 * fingerprints ({@code fp1:<base64 HMAC-SHA256>}, keyed with a per-state random salt) that can
 * still tell whether a configured value changed.
 */
public final class SchemaValues {
  /** The prefix of a write-only attribute's fingerprint. */
  public static final String FINGERPRINT_PREFIX = "fp1:";

  private static final SecureRandom RANDOM = new SecureRandom();

  private SchemaValues() {}

  /**
   * The paths of the attributes {@code schema} marks sensitive that are set (non-null) in {@code
   * value}, nested blocks included (a list block by index; a set block as a whole, since set
   * elements have no stable path), in schema order.
   */
  public static List<List<PathStep>> sensitivePaths(Value value, BlockSchema schema) {
    List<List<PathStep>> out = new ArrayList<>();
    collect(value, schema, new ArrayList<>(), out);
    return out;
  }

  private static void collect(
      Value value, BlockSchema schema, List<PathStep> prefix, List<List<PathStep>> out) {
    if (!(value != null && value.unmark() instanceof ObjectValue o)) {
      return;
    }
    for (AttributeSchema a : schema.attributes().values()) {
      Value v = o.get(a.name());
      if (a.sensitive() && v != null && !v.isNull()) {
        out.add(append(prefix, PathStep.attr(a.name())));
      }
    }
    for (NestedBlockSchema nb : schema.blocks().values()) {
      Value v = o.get(nb.typeName());
      if (v == null || v.isNull() || !v.isKnown()) {
        continue;
      }
      List<PathStep> here = append(prefix, PathStep.attr(nb.typeName()));
      switch (nb.nesting()) {
        case SINGLE -> collect(v, nb.block(), here, out);
        case LIST -> {
          List<Value> elems = elements(v);
          for (int i = 0; i < elems.size(); i++) {
            collect(elems.get(i), nb.block(), append(here, PathStep.index(i)), out);
          }
        }
        case SET -> {
          for (Value e : elements(v)) {
            if (!sensitivePaths(e, nb.block()).isEmpty()) {
              out.add(here);
              break;
            }
          }
        }
      }
    }
  }

  /** {@code value} with every attribute {@code schema} marks sensitive carrying the mark. */
  public static Value markSensitive(Value value, BlockSchema schema) {
    if (!(value != null && value.unmark() instanceof ObjectValue o)) {
      return value;
    }
    Map<String, Value> attrs = new LinkedHashMap<>(o.attributes());
    for (AttributeSchema a : schema.attributes().values()) {
      Value v = attrs.get(a.name());
      if (a.sensitive() && v != null) {
        attrs.put(a.name(), v.markSensitive());
      }
    }
    for (NestedBlockSchema nb : schema.blocks().values()) {
      Value v = attrs.get(nb.typeName());
      if (v != null) {
        attrs.put(nb.typeName(), mapBlocks(v, nb, e -> markSensitive(e, nb.block())));
      }
    }
    Value out = Value.object(attrs);
    return value.isSensitive() ? out.markSensitive() : out;
  }

  /**
   * {@code value} with each set (non-null, known) write-only attribute replaced by its fingerprint
   * under {@code salt}: what state keeps instead of the secret.
   */
  public static Value fingerprintWriteOnly(Value value, BlockSchema schema, byte[] salt) {
    if (!(value != null && value.unmark() instanceof ObjectValue o)) {
      return value;
    }
    Map<String, Value> attrs = new LinkedHashMap<>(o.attributes());
    for (AttributeSchema a : schema.attributes().values()) {
      Value v = attrs.get(a.name());
      if (a.writeOnly() && v != null && !v.isNull() && v.isWhollyKnown() && !isFingerprint(v)) {
        attrs.put(a.name(), Value.of(fingerprint(v, salt)));
      }
    }
    for (NestedBlockSchema nb : schema.blocks().values()) {
      Value v = attrs.get(nb.typeName());
      if (v != null) {
        attrs.put(nb.typeName(), mapBlocks(v, nb, e -> fingerprintWriteOnly(e, nb.block(), salt)));
      }
    }
    Value out = Value.object(attrs);
    return value.isSensitive() ? out.markSensitive() : out;
  }

  /**
   * The fingerprint of a known value under {@code salt}: {@code fp1:} and the base64 of HMAC-SHA256
   * over the value's type and JSON encoding (sensitive marks ignored).
   */
  public static String fingerprint(Value value, byte[] salt) {
    Value v = value.unmarkDeep();
    String text;
    try {
      text = v.type().typeExpr() + "\n" + ValueJson.encode(v);
    } catch (ValueJson.JsonException e) {
      throw new IllegalArgumentException("cannot fingerprint a value that is not known", e);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      byte[] h = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return FINGERPRINT_PREFIX + Base64.getEncoder().encodeToString(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  /**
   * True when {@code configured} (a known value) has the fingerprint {@code fingerprint} under
   * {@code salt}; compared in constant time.
   */
  public static boolean matchesFingerprint(Value configured, String fingerprint, byte[] salt) {
    if (configured == null || !configured.isWhollyKnown() || fingerprint == null) {
      return false;
    }
    byte[] a = fingerprint(configured, salt).getBytes(StandardCharsets.UTF_8);
    byte[] b = fingerprint.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(a, b);
  }

  /** True when the value is a fingerprint string ({@code fp1:...}). */
  public static boolean isFingerprint(Value v) {
    return v != null
        && v.unmark() instanceof StringValue s
        && s.value().startsWith(FINGERPRINT_PREFIX);
  }

  /** A new random salt (32 bytes) for a state's fingerprints. */
  public static byte[] newSalt() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  private static List<PathStep> append(List<PathStep> prefix, PathStep step) {
    List<PathStep> out = new ArrayList<>(prefix);
    out.add(step);
    return List.copyOf(out);
  }

  private static List<Value> elements(Value v) {
    return switch (v.unmark()) {
      case ListValue l -> l.elements();
      case SetValue s -> s.elements();
      case TupleValue t -> t.elements();
      default -> List.of();
    };
  }

  private static Value mapBlocks(
      Value v, NestedBlockSchema nb, java.util.function.UnaryOperator<Value> f) {
    if (v.isNull() || !v.isKnown()) {
      return v;
    }
    Value inner = v.unmark();
    Value out =
        switch (inner) {
          case ObjectValue o -> f.apply(o);
          case ListValue l -> Value.list(l.elementType(), l.elements().stream().map(f).toList());
          case SetValue s -> Value.set(s.elementType(), s.elements().stream().map(f).toList());
          case TupleValue t -> Value.tuple(t.elements().stream().map(f).toList());
          case MapValue m -> m;
          default -> inner;
        };
    return v instanceof SensitiveValue ? out.markSensitive() : out;
  }
}
