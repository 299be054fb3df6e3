package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.call;
import static dev.forma.engine.functions.F.err;
import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.provider.api.value.StringValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bcrypt, rsadecrypt, uuidv5: results and errors as Terraform 1.11.4's. */
class CryptoFunctionsTest {

  @Test
  void blowfishSubkeysAreTheDigitsOfPi() {
    int[] k = Bcrypt.initialSubkeys();
    assertEquals(0x243F6A88, k[0]);
    assertEquals(0x85A308D3, k[1]);
    assertEquals(0x8979FB1B, k[17]);
    assertEquals(0xD1310BA6, k[18]);
    assertEquals(0x3AC372E6, k[k.length - 1]);
  }

  /** Hashes Terraform's bcrypt made (with random salts): the same salt must give the same hash. */
  @Test
  void bcryptReproducesTerraformsHashesFromTheirSalts() {
    assertReproduces("hello", "$2a$04$ktopVUM.s/M0QyoCRT0xlOn6CfMGVG3luQD8FMYxxQG5NDLku2HUK");
    assertReproduces("", "$2a$05$de6j9ul/ZN5UZl0LImzBte9iXoxTOck/xoOanotvKaJ1vU5TkQURm");
    assertReproduces(
        "ünïcødé pässwörd that is long enough to matter 123",
        "$2a$06$8wlksoMZysvzzxJat2Bs1.u8G3t4xsrmcAcxpRj/PtXnZozkPk0yK");
  }

  private static void assertReproduces(String password, String hash) {
    int cost = Integer.parseInt(hash.substring(4, 6));
    byte[] salt = Bcrypt.decode(hash.substring(7, 29), 16);
    assertEquals(hash, Bcrypt.hash(password.getBytes(StandardCharsets.UTF_8), salt, cost));
  }

  @Test
  void bcryptUsesCostTenByDefaultAndARandomSalt() throws Exception {
    String first = ((StringValue) call("bcrypt", s("p4ss"))).value();
    String second = ((StringValue) call("bcrypt", s("p4ss"))).value();
    assertTrue(first.startsWith("$2a$10$"), first);
    assertEquals(60, first.length());
    assertNotEquals(first, second);
    // both verify: hashing again with each one's salt gives it back
    assertReproduces("p4ss", first);
    assertReproduces("p4ss", second);
    // a cost below bcrypt's minimum means the default, as in Go's bcrypt
    assertTrue(((StringValue) call("bcrypt", s("x"), n(3))).value().startsWith("$2a$10$"));
    assertTrue(((StringValue) call("bcrypt", s("x"), n(4))).value().startsWith("$2a$04$"));
  }

  @Test
  void bcryptRefusesWhatGoRefuses() {
    err(
        "Call to function \"bcrypt\" failed: error occured generating password crypto/bcrypt:"
            + " cost 32 is outside allowed range (4,31).",
        "bcrypt",
        s("x"),
        n(32));
    err(
        "Call to function \"bcrypt\" failed: value must be a whole number, between"
            + " -9223372036854775808 and 9223372036854775807.",
        "bcrypt",
        s("x"),
        n("4.5"));
    err(
        "Call to function \"bcrypt\" failed: error occured generating password bcrypt: password"
            + " length exceeds 72 bytes.",
        "bcrypt",
        s("a".repeat(73)),
        n(4));
    err(
        "Call to function \"bcrypt\" failed: bcrypt() takes no more than two arguments.",
        "bcrypt",
        s("x"),
        n(4),
        n(5));
  }

  @Test
  void uuidv5NamesInTheStandardOrAGivenNamespace() {
    ok(s("a5008fae-b28c-5ba5-96cd-82b4c53552d6"), "uuidv5", s("dns"), s("www.terraform.io"));
    ok(
        s("9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"),
        "uuidv5",
        s("url"),
        s("https://www.terraform.io/"));
    ok(s("42d5e23b-3a02-5135-85c6-52d1102f1f00"), "uuidv5", s("oid"), s("1.2.3"));
    ok(s("a951fb6d-5aab-5a72-8e2e-9aa8df8d1f8f"), "uuidv5", s("x500"), s("cn=x"));
    for (String ns :
        new String[] {
          "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
          "6ba7b8109dad11d180b400c04fd430c8",
          "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}",
          "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"
        }) {
      ok(s("4f3f2898-69e3-5a0d-820a-c4e87987dbce"), "uuidv5", s(ns), s("a"));
    }
    err(
        "Call to function \"uuidv5\" failed: uuidv5() doesn't support namespace bogus (invalid"
            + " UUID length: 5).",
        "uuidv5",
        s("bogus"),
        s("x"));
    err(
        "Call to function \"uuidv5\" failed: uuidv5() doesn't support namespace"
            + " 6ba7b810x9dad-11d1-80b4-00c04fd430c8 (invalid UUID format).",
        "uuidv5",
        s("6ba7b810x9dad-11d1-80b4-00c04fd430c8"),
        s("x"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CryptoFunctionsTest.class.getResourceAsStream("/functions/rsa/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void rsadecryptReadsPkcs1Pkcs8AndOpensshKeys() throws Exception {
    String secret = resource("secret-message.b64").trim();
    ok(s("secret message"), "rsadecrypt", s(secret), s(resource("pkcs1.pem")));
    ok(s("secret message"), "rsadecrypt", s(secret), s(resource("pkcs8.pem")));
    ok(
        s("from openssh"),
        "rsadecrypt",
        s(resource("from-openssh.b64").trim()),
        s(resource("openssh.pem")));
  }

  @Test
  void rsadecryptSaysWhatIsWrongWithItsArguments() throws Exception {
    String secret = resource("secret-message.b64").trim();
    err(
        "Invalid value for \"privatekey\" parameter: invalid private key: ssh: unsupported key"
            + " type \"PUBLIC KEY\".",
        "rsadecrypt",
        s(secret),
        s(resource("public.pem")));
    err(
        "Invalid value for \"privatekey\" parameter: invalid private key: ssh: no key found.",
        "rsadecrypt",
        s(secret),
        s("nope"));
    err(
        "Call to function \"rsadecrypt\" failed: failed to decrypt: crypto/rsa: decryption"
            + " error.",
        "rsadecrypt",
        s(resource("from-openssh.b64").trim()),
        s(resource("pkcs1.pem")));
    err(
        "Invalid value for \"ciphertext\" parameter: failed to decode input \"!!\": cipher text"
            + " must be base64-encoded.",
        "rsadecrypt",
        s("!!"),
        s(resource("pkcs1.pem")));
  }
}
