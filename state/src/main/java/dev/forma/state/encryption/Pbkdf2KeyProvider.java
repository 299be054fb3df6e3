package dev.forma.state.encryption;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.state.JsonTrees;
import dev.forma.state.codec.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * OpenTofu's {@code pbkdf2} key provider: a key derived from a passphrase with PBKDF2 (HMAC-SHA-256
 * or HMAC-SHA-512). Each payload's metadata holds the salt, iterations, hash function and key
 * length it was derived with, so a payload decrypts whatever the settings are now. One salt (and
 * key) per provider serves every payload this process encrypts, as in OpenTofu; keys derived for
 * reading are kept, since a derivation takes a good part of a second by design.
 */
final class Pbkdf2KeyProvider implements KeyProvider {
  static final int MIN_PASSPHRASE_BYTES = 16;
  static final int MIN_ITERATIONS = 200_000;
  static final int DEFAULT_ITERATIONS = 600_000;
  static final int DEFAULT_KEY_LENGTH = 32;
  static final int DEFAULT_SALT_LENGTH = 32;
  static final String DEFAULT_HASH = "sha512";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Derived keys by a digest of everything they were derived from, across providers. */
  private static final Map<String, byte[]> DERIVED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > 64;
        }
      };

  private final String address;
  private final String metadataKey;
  private final String passphrase;
  private final int keyLength;
  private final int iterations;
  private final int saltLength;
  private final String hash;
  private Keys encryption;

  /**
   * A provider named {@code address} ({@code key_provider.pbkdf2.NAME}) whose metadata is stored
   * under {@code metadataKey} (the address, or its {@code encrypted_metadata_alias}).
   */
  Pbkdf2KeyProvider(
      String address,
      String metadataKey,
      String passphrase,
      int keyLength,
      int iterations,
      int saltLength,
      String hash) {
    this.address = address;
    this.metadataKey = metadataKey;
    this.passphrase = passphrase;
    this.keyLength = keyLength;
    this.iterations = iterations;
    this.saltLength = saltLength;
    this.hash = hash;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String metadataKey() {
    return metadataKey;
  }

  @Override
  public int keyLength() {
    return keyLength;
  }

  @Override
  public synchronized Keys encryptionKey() {
    if (encryption == null) {
      byte[] salt = new byte[saltLength];
      RANDOM.nextBytes(salt);
      byte[] key = derive(salt, iterations, hash, keyLength);
      encryption = new Keys(key, metadata(salt, iterations, hash, keyLength));
    }
    return encryption;
  }

  @Override
  public byte[] decryptionKey(byte[] metadata) throws KeyProvider.Unavailable {
    if (metadata == null) {
      return null;
    }
    Metadata m = Metadata.parse(metadata);
    if (m == null) {
      throw new KeyProvider.Unavailable("its metadata for " + address + " is not valid JSON");
    }
    if (m.salt().length == 0 || m.iterations() == 0 || m.hash().isEmpty() || m.keyLength() == 0) {
      return null;
    }
    if (m.iterations() < 0) {
      throw new KeyProvider.Unavailable(
          "its metadata for " + address + " has an invalid number of iterations");
    }
    if (m.keyLength() < 0) {
      throw new KeyProvider.Unavailable(
          "its metadata for " + address + " has an invalid key length");
    }
    if (!m.hash().equals("sha256") && !m.hash().equals("sha512")) {
      throw new KeyProvider.Unavailable(
          "its metadata for " + address + " names an unknown hash function: " + m.hash());
    }
    return derive(m.salt(), m.iterations(), m.hash(), m.keyLength());
  }

  /**
   * {@code {"salt":...,"iterations":...,"hash_function":...,"key_length":...}}, as Go writes it.
   */
  static byte[] metadata(byte[] salt, int iterations, String hash, int keyLength) {
    ObjectNode n = JsonTrees.nodes().objectNode();
    n.put("salt", Base64.getEncoder().encodeToString(salt));
    n.put("iterations", iterations);
    n.put("hash_function", hash);
    n.put("key_length", keyLength);
    return GoJson.compact(n).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] derive(byte[] salt, int rounds, String hashName, int length) {
    String id = cacheKey(salt, rounds, hashName, length);
    synchronized (DERIVED) {
      byte[] known = DERIVED.get(id);
      if (known != null) {
        return known.clone();
      }
    }
    byte[] key;
    try {
      SecretKeyFactory factory =
          SecretKeyFactory.getInstance(
              hashName.equals("sha256") ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA512");
      // The JDK turns the characters into UTF-8 bytes, as Go's []byte(passphrase) is.
      PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), salt, rounds, length * 8);
      try {
        key = factory.generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is part of every JDK", e);
    }
    synchronized (DERIVED) {
      DERIVED.put(id, key.clone());
    }
    return key;
  }

  private String cacheKey(byte[] salt, int rounds, String hashName, int length) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(passphrase.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(salt);
      d.update((":" + rounds + ":" + hashName + ":" + length).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A payload's PBKDF2 metadata. */
  record Metadata(byte[] salt, int iterations, String hash, int keyLength) {
    static Metadata parse(byte[] json) {
      byte[] salt = new byte[0];
      int iterations = 0;
      String hash = "";
      int keyLength = 0;
      try (JsonParser p = JSON.createParser(json)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "salt" -> {
              if (value == JsonToken.VALUE_STRING) {
                salt = Base64.getDecoder().decode(p.getText());
              }
            }
            case "iterations" -> iterations = value.isNumeric() ? p.getIntValue() : 0;
            case "hash_function" -> hash = value == JsonToken.VALUE_STRING ? p.getText() : "";
            case "key_length" -> keyLength = value.isNumeric() ? p.getIntValue() : 0;
            default -> p.skipChildren();
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        return null;
      }
      return new Metadata(salt, iterations, hash, keyLength);
    }
  }
}
