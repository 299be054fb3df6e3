package dev.forma.state.encryption;

import dev.forma.state.StateException;

/**
 * How the bytes that hold state are protected at rest, whichever backend stores them: the state
 * itself, its backup, the journal's records and saved plans. A store passes every payload it writes
 * through {@link #encrypt} and every payload it reads through {@link #decrypt}; {@link #NONE}
 * leaves them as they are. Implementations follow OpenTofu's envelope (docs/encryption.md) so that
 * a state OpenTofu encrypted opens in Forma.
 */
public interface StateEncryption {
  /** No encryption: payloads are stored as they are, and read only if they are not encrypted. */
  StateEncryption NONE =
      new StateEncryption() {
        @Override
        public byte[] encrypt(byte[] plain) {
          return plain;
        }

        @Override
        public byte[] decrypt(byte[] stored, String where) {
          return stored;
        }
      };

  /** The payload to store for {@code plain}. */
  byte[] encrypt(byte[] plain) throws StateException;

  /**
   * The plain payload of {@code stored}, read from {@code where} (named in errors).
   *
   * @throws StateException when it cannot be decrypted (a wrong or missing key, named by its key
   *     provider), or is not encrypted while encryption is enforced
   */
  byte[] decrypt(byte[] stored, String where) throws StateException;
}
