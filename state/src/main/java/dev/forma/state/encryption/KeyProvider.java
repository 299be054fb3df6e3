package dev.forma.state.encryption;

/**
 * Where a method's keys come from ({@code key_provider "TYPE" "NAME"}): a key to encrypt with, with
 * the metadata to store beside the payload, and the key to decrypt a payload with, given the
 * metadata stored with it.
 */
interface KeyProvider {
  /** {@code key_provider.TYPE.NAME}. */
  String address();

  /** The key under which the payload's {@code meta} holds this provider's metadata. */
  String metadataKey();

  /** The length in bytes of the keys this provider gives. */
  int keyLength();

  /** The key to encrypt with, and the metadata to store with the payload. */
  Keys encryptionKey();

  /**
   * The key that decrypts a payload stored with {@code metadata} (this provider's entry of its
   * {@code meta}); null when there is no such entry, or it is empty.
   *
   * @throws Unavailable when the metadata cannot be used, saying why
   */
  byte[] decryptionKey(byte[] metadata) throws Unavailable;

  /** An encryption key and the metadata to store beside what it encrypts. */
  record Keys(byte[] key, byte[] metadata) {}

  /** Why a provider cannot give a decryption key. */
  final class Unavailable extends Exception {
    Unavailable(String reason) {
      super(reason);
    }
  }
}
