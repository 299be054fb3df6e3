package dev.forma.state.encryption;

import dev.forma.state.StateException;

/**
 * How the bytes that hold state are protected at rest, whichever backend stores them: the state
 * itself, its backup, the journal's records and saved plans. A store passes every payload it writes
 * through {@link #encrypt} and every payload it reads through {@link #decrypt} (or {@link #open},
 * which also says whether the payload should be written again); {@link #NONE} leaves them as they
 * are. Implementations follow OpenTofu's envelope (docs/encryption.md) so that a state OpenTofu
 * encrypted opens in Forma. {@link Encryption#of} makes them from an {@link EncryptionConfig}.
 *
 * <p>Bytes in, bytes out: a payload is a JSON document (a state, a journal record, a plan) and its
 * encrypted form is one line of JSON, so a store can keep either where it kept the plain one.
 */
public interface StateEncryption {
  /**
   * No encryption: payloads are stored as they are, and read only if they are not encrypted (an
   * encrypted one is an error that says which key provider it needs).
   */
  StateEncryption NONE =
      new StateEncryption() {
        @Override
        public byte[] encrypt(byte[] plain) {
          return plain;
        }

        @Override
        public byte[] decrypt(byte[] stored, String where) throws StateException {
          Envelope envelope = Envelope.parse(stored);
          if (envelope != null) {
            String providers =
                envelope.meta().isEmpty()
                    ? ""
                    : ", with metadata for " + String.join(", ", envelope.meta().keySet());
            throw new StateException(
                "Encrypted data, but no encryption configured",
                where
                    + " is encrypted (OpenTofu's encryption format"
                    + providers
                    + "), but no encryption is configured to decrypt it. Add the terraform {"
                    + " encryption { ... } } block it was encrypted with (its key_provider, method"
                    + " and state or plan block), or give it in the TF_ENCRYPTION environment"
                    + " variable. Nothing was written.");
          }
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

  /**
   * As {@link #decrypt}, and whether {@code stored} is outdated: not in the form {@link #encrypt}
   * writes now (plain while the primary method encrypts, decrypted by a fallback method, or
   * encrypted while the primary method is {@code unencrypted}), so a store writes it again with the
   * primary method at its next write even if the state did not change: that is how a migration or a
   * key rotation completes.
   */
  default Decrypted open(byte[] stored, String where) throws StateException {
    return new Decrypted(decrypt(stored, where), false);
  }

  /**
   * Whether {@link #encrypt} encrypts (false for {@link #NONE} and an {@code unencrypted} primary).
   */
  default boolean encrypts() {
    return false;
  }

  /** Whether {@code stored} is an encrypted payload (OpenTofu's envelope). */
  static boolean isEncrypted(byte[] stored) {
    return Envelope.isEnvelope(stored);
  }

  /**
   * Whether {@code stored} is an encrypted state: an envelope with the state's lineage in clear (an
   * encrypted plan has none).
   */
  static boolean isEncryptedState(byte[] stored) {
    Envelope e = Envelope.parse(stored);
    return e != null && e.lineage() != null;
  }

  /** A decrypted payload, and whether its stored form is outdated (see {@link #open}). */
  record Decrypted(byte[] plain, boolean outdated) {}
}
