package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.NUMBER;
import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** md5, sha1, sha256, sha512, base64sha256, base64sha512, bcrypt, rsadecrypt, uuid, uuidv5. */
final class CryptoFunctions {
  /** Made on first use: seeding it costs start-up time that most runs do not need. */
  private static final class Random {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  private CryptoFunctions() {}

  static List<Builtin> all() {
    return List.of(
        hex("md5", "MD5"),
        hex("sha1", "SHA-1"),
        hex("sha256", "SHA-256"),
        hex("sha512", "SHA-512"),
        b64("base64sha256", "SHA-256"),
        b64("base64sha512", "SHA-512"),
        Builtin.named("uuid").returns(STRING).body(a -> Value.of(uuid())),
        Builtin.named("uuidv5")
            .param("namespace", STRING)
            .param("name", STRING)
            .returns(STRING)
            .body(a -> Value.of(uuidv5(a.string(0), a.string(1)))),
        Builtin.named("bcrypt")
            .param("str", STRING)
            .variadic(Param.of("cost", NUMBER))
            .returns(STRING)
            .body(CryptoFunctions::bcrypt),
        Builtin.named("rsadecrypt")
            .param("ciphertext", STRING)
            .param("privatekey", STRING)
            .returns(STRING)
            .body(a -> Value.of(RsaKeys.decrypt(a.string(0), a.string(1)))));
  }

  private static Value bcrypt(CallArgs a) throws FunctionException {
    int cost = Bcrypt.DEFAULT_COST;
    if (a.size() > 1) {
      Long c = Values.toLong(a.number(1));
      if (c == null) {
        throw new FunctionException(Values.WHOLE_NUMBER);
      }
      if (a.size() > 2) {
        throw new FunctionException("bcrypt() takes no more than two arguments");
      }
      if (c > Bcrypt.MAX_COST) {
        throw new FunctionException(
            "error occured generating password crypto/bcrypt: cost "
                + c
                + " is outside allowed range ("
                + Bcrypt.MIN_COST
                + ","
                + Bcrypt.MAX_COST
                + ")");
      }
      cost = c < Bcrypt.MIN_COST ? Bcrypt.DEFAULT_COST : c.intValue();
    }
    byte[] password = utf8(a.string(0));
    if (password.length > Bcrypt.MAX_PASSWORD_BYTES) {
      throw new FunctionException(
          "error occured generating password bcrypt: password length exceeds 72 bytes");
    }
    byte[] salt = new byte[16];
    Random.RANDOM.nextBytes(salt);
    return Value.of(Bcrypt.hash(password, salt, cost));
  }

  private static final Map<String, String> UUID_NAMESPACES =
      Map.of(
          "dns", "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
          "url", "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
          "oid", "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
          "x500", "6ba7b814-9dad-11d1-80b4-00c04fd430c8");

  /** A name-based (SHA-1) UUID, RFC 4122 version 5, in a named or given namespace. */
  static String uuidv5(String namespace, String name) throws FunctionException {
    String ns = UUID_NAMESPACES.getOrDefault(namespace, namespace);
    byte[] nsBytes;
    try {
      nsBytes = parseUuid(ns);
    } catch (IllegalArgumentException e) {
      throw new FunctionException(
          "uuidv5() doesn't support namespace " + namespace + " (" + e.getMessage() + ")");
    }
    byte[] data = new byte[16 + utf8(name).length];
    System.arraycopy(nsBytes, 0, data, 0, 16);
    System.arraycopy(utf8(name), 0, data, 16, data.length - 16);
    byte[] h = digest("SHA-1", data);
    h[6] = (byte) ((h[6] & 0x0F) | 0x50);
    h[8] = (byte) ((h[8] & 0x3F) | 0x80);
    String hex = HexFormat.of().formatHex(h, 0, 16);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }

  /**
   * A UUID's 16 bytes from the forms Go's {@code google/uuid} reads: 36 characters with dashes, the
   * same in braces or after {@code urn:uuid:}, or 32 hexadecimal digits.
   */
  static byte[] parseUuid(String text) {
    byte[] s = utf8(text);
    byte[] out = new byte[16];
    int from;
    switch (s.length) {
      case 36 -> from = 0;
      case 45 -> {
        String prefix = new String(s, 0, 9, StandardCharsets.UTF_8);
        if (!prefix.equalsIgnoreCase("urn:uuid:")) {
          throw new IllegalArgumentException("invalid urn prefix: \"" + prefix + "\"");
        }
        from = 9;
      }
      case 38 -> from = 1;
      case 32 -> {
        for (int i = 0; i < 16; i++) {
          out[i] = hexByte(s, 2 * i);
        }
        return out;
      }
      default -> throw new IllegalArgumentException("invalid UUID length: " + s.length);
    }
    if (s[from + 8] != '-' || s[from + 13] != '-' || s[from + 18] != '-' || s[from + 23] != '-') {
      throw new IllegalArgumentException("invalid UUID format");
    }
    int[] at = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
    for (int i = 0; i < 16; i++) {
      out[i] = hexByte(s, from + at[i]);
    }
    return out;
  }

  private static byte hexByte(byte[] s, int i) {
    int hi = Character.digit(s[i] & 0xFF, 16);
    int lo = Character.digit(s[i + 1] & 0xFF, 16);
    if (hi < 0 || lo < 0 || (s[i] & 0xFF) > 'f' || (s[i + 1] & 0xFF) > 'f') {
      throw new IllegalArgumentException("invalid UUID format");
    }
    return (byte) (hi << 4 | lo);
  }

  private static Builtin hex(String name, String algorithm) {
    return Builtin.named(name)
        .param("str", STRING)
        .returns(STRING)
        .body(a -> Value.of(HexFormat.of().formatHex(digest(algorithm, utf8(a.string(0))))));
  }

  private static Builtin b64(String name, String algorithm) {
    return Builtin.named(name)
        .param("str", STRING)
        .returns(STRING)
        .body(
            a ->
                Value.of(Base64.getEncoder().encodeToString(digest(algorithm, utf8(a.string(0))))));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /** A random UUID written as Terraform writes it: 32 random hex digits in 8-4-4-4-12 groups. */
  static String uuid() {
    byte[] b = new byte[16];
    Random.RANDOM.nextBytes(b);
    String h = HexFormat.of().formatHex(b);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20);
  }
}
