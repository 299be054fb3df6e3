package dev.forma.state.encryption;

import java.util.Map;

/**
 * An encryption method ({@code method "TYPE" "NAME"}): encrypts a payload, giving the metadata to
 * store beside it, and decrypts one given the metadata stored with it.
 */
interface Method {
  /** {@code method.TYPE.NAME}. */
  String address();

  /** The key provider this method takes its keys from ({@code key_provider.TYPE.NAME}), or null. */
  String keyProvider();

  /** Whether this is the {@code unencrypted} method: payloads stay plain. */
  boolean unencrypted();

  /** What an error says this method was, such as "method.aes_gcm.m (keys from ...)". */
  String describe();

  /** The encrypted form of {@code plain}, and the key providers' metadata for the envelope. */
  Sealed encrypt(byte[] plain);

  /**
   * The plain form of {@code data}, stored with the key providers' {@code meta}.
   *
   * @throws Failure saying why it cannot (the key does not open it, no metadata for the key, ...)
   */
  byte[] decrypt(byte[] data, Map<String, byte[]> meta) throws Failure;

  /** An encrypted payload and the metadata to store beside it, by metadata key. */
  record Sealed(byte[] data, Map<String, byte[]> meta) {}

  /** Why a method could not decrypt a payload, in words for the user. */
  final class Failure extends Exception {
    Failure(String reason) {
      super(reason);
    }
  }
}
