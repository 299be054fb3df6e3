package dev.forma.engine.functions;

import static dev.forma.engine.value.Type.STRING;

import dev.forma.engine.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** md5, sha1, sha256, sha512, base64sha256, base64sha512, uuid. */
final class CryptoFunctions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CryptoFunctions() {}

  static List<Builtin> all() {
    return List.of(
        hex("md5", "MD5"),
        hex("sha1", "SHA-1"),
        hex("sha256", "SHA-256"),
        hex("sha512", "SHA-512"),
        b64("base64sha256", "SHA-256"),
        b64("base64sha512", "SHA-512"),
        Builtin.named("uuid").returns(STRING).body(a -> Value.of(uuid())));
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
    RANDOM.nextBytes(b);
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
