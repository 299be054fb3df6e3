package dev.forma.state.encryption;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenTofu's {@code aes_gcm} method: AES in Galois/Counter Mode (NIST SP 800-38D) with a random
 * 12-byte nonce per payload and a 16-byte tag; the stored data is the nonce followed by the
 * ciphertext and tag. The optional {@code aad} is authenticated, not stored: decrypting needs the
 * same.
 */
final class AesGcmMethod implements Method {
  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String address;
  private final KeyProvider keys;
  private final byte[] aad;

  AesGcmMethod(String address, KeyProvider keys, byte[] aad) {
    this.address = address;
    this.keys = keys;
    this.aad = aad.clone();
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String keyProvider() {
    return keys.address();
  }

  @Override
  public boolean unencrypted() {
    return false;
  }

  @Override
  public String describe() {
    return address + " (keys from " + keys.address() + ")";
  }

  @Override
  public Sealed encrypt(byte[] plain) {
    KeyProvider.Keys k = keys.encryptionKey();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, k.key(), nonce);
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      Map<String, byte[]> meta = new TreeMap<>();
      meta.put(keys.metadataKey(), k.metadata());
      return new Sealed(out, meta);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] data, Map<String, byte[]> meta) throws Failure {
    byte[] key;
    try {
      key = keys.decryptionKey(meta.get(keys.metadataKey()));
    } catch (KeyProvider.Unavailable e) {
      throw new Failure(e.getMessage());
    }
    if (key == null) {
      String others = meta.isEmpty() ? "none" : String.join(", ", meta.keySet());
      throw new Failure(
          "it holds no key metadata for "
              + keys.metadataKey()
              + " (it has metadata for: "
              + others
              + "): it was encrypted with another key provider. If the key provider was"
              + " renamed, keep the old name in a fallback method, or set"
              + " encrypted_metadata_alias");
    }
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new Failure(
          "its metadata asks for a "
              + key.length
              + "-byte key, and AES-GCM takes 16, 24 or 32 bytes");
    }
    if (data.length == 0) {
      throw new Failure("its encrypted data is empty");
    }
    if (data.length < NONCE_BYTES) {
      throw new Failure("its encrypted data is too short (damaged?)");
    }
    byte[] nonce = java.util.Arrays.copyOfRange(data, 0, NONCE_BYTES);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
      return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new Failure(
          "the key from "
              + keys.address()
              + " does not open it: the passphrase is wrong, or the data was changed");
    } catch (GeneralSecurityException e) {
      throw new Failure("AES-GCM failed: " + e.getMessage());
    }
  }

  private Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    if (aad.length > 0) {
      cipher.updateAAD(aad);
    }
    return cipher;
  }
}
