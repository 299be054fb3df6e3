package dev.forma.state.encryption;

import dev.forma.state.StateException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The encryption of one target ({@code state} or {@code plan}): writes with its primary method,
 * reads with the primary or any fallback, in order, as OpenTofu does. A plain payload is read only
 * when one of the methods is {@code unencrypted}; a state's serial and lineage stay in clear in its
 * envelope and are checked against the decrypted state.
 */
final class TargetEncryption implements StateEncryption {
  /** What the target holds: a state (serial and lineage kept in clear) or a plan. */
  enum Kind {
    STATE("state"),
    PLAN("plan");

    final String noun;

    Kind(String noun) {
      this.noun = noun;
    }
  }

  private final Kind kind;
  private final List<Method> methods;
  private final boolean enforced;

  /** {@code methods}: the primary first, then each fallback in order. */
  TargetEncryption(Kind kind, List<Method> methods, boolean enforced) {
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("a target needs a method");
    }
    this.kind = Objects.requireNonNull(kind, "kind");
    this.methods = List.copyOf(methods);
    this.enforced = enforced;
  }

  @Override
  public boolean encrypts() {
    return !methods.getFirst().unencrypted();
  }

  @Override
  public byte[] encrypt(byte[] plain) {
    Method primary = methods.getFirst();
    if (primary.unencrypted()) {
      return plain;
    }
    Method.Sealed sealed = primary.encrypt(plain);
    Envelope.Passthrough clear =
        kind == Kind.STATE ? Envelope.passthrough(plain) : new Envelope.Passthrough(null, null);
    return new Envelope(
            clear.serial(), clear.lineage(), sealed.meta(), sealed.data(), Envelope.VERSION)
        .toBytes();
  }

  @Override
  public byte[] decrypt(byte[] stored, String where) throws StateException {
    return open(stored, where).plain();
  }

  @Override
  public Decrypted open(byte[] stored, String where) throws StateException {
    Envelope envelope = Envelope.parse(stored);
    Method primary = methods.getFirst();
    if (envelope == null) {
      for (Method m : methods) {
        if (m.unencrypted()) {
          return new Decrypted(stored, !primary.unencrypted());
        }
      }
      throw refusedPlain(where);
    }
    if (!Envelope.VERSION.equals(envelope.version())) {
      throw new StateException(
          "Unsupported encryption version",
          where
              + " is encrypted with encryption_version \""
              + envelope.version()
              + "\"; this version of Forma reads \""
              + Envelope.VERSION
              + "\" (OpenTofu 1.7 and later write it).");
    }
    List<String> failures = new ArrayList<>();
    Set<String> keyProviders = new LinkedHashSet<>();
    for (int i = 0; i < methods.size(); i++) {
      Method m = methods.get(i);
      if (m.unencrypted()) {
        continue;
      }
      if (m.keyProvider() != null) {
        keyProviders.add(m.keyProvider());
      }
      try {
        byte[] plain = m.decrypt(envelope.data(), envelope.meta());
        checkClearFields(envelope, plain, where);
        return new Decrypted(plain, i != 0);
      } catch (Method.Failure f) {
        failures.add("  - " + m.describe() + ": " + f.getMessage() + ".");
      }
    }
    throw cannotDecrypt(where, failures, keyProviders);
  }

  /** The serial and lineage in clear must be the decrypted state's: else it was tampered with. */
  private void checkClearFields(Envelope envelope, byte[] plain, String where)
      throws StateException {
    if (kind != Kind.STATE || (envelope.serial() == null && envelope.lineage() == null)) {
      return;
    }
    Envelope.Passthrough inside = Envelope.passthrough(plain);
    boolean serialDiffers =
        envelope.serial() != null
            && inside.serial() != null
            && !envelope.serial().equals(inside.serial());
    boolean lineageDiffers =
        envelope.lineage() != null
            && !envelope.lineage().isEmpty()
            && inside.lineage() != null
            && !envelope.lineage().equals(inside.lineage());
    if (serialDiffers || lineageDiffers) {
      throw new StateException(
          "Invalid encrypted state",
          where
              + " says in clear that it is serial "
              + envelope.serial()
              + " of lineage "
              + envelope.lineage()
              + ", but the encrypted state is serial "
              + inside.serial()
              + " of lineage "
              + inside.lineage()
              + ": the file was changed after it was written. Restore it from a backup.");
    }
  }

  private StateException refusedPlain(String where) {
    String what = kind == Kind.STATE ? "state" : "plan file";
    String detail =
        where
            + " is not encrypted, and the "
            + kind.noun
            + " encryption has no \"unencrypted\" method to read it with: once encryption is"
            + " configured, Forma refuses unencrypted data, which could have been tampered with.";
    if (enforced) {
      detail +=
          " Encryption of the "
              + kind.noun
              + " is enforced (enforced = true), so only encrypted data is read or written.";
    } else if (kind == Kind.STATE) {
      detail +=
          "\n\nTo encrypt an existing state, add method \"unencrypted\" \"migrate\" {} to the"
              + " encryption block and fallback { method = method.unencrypted.migrate } to its"
              + " state block, run \"forma apply\" once, then remove both.";
    } else {
      detail +=
          "\n\nMake the plan again with \"forma plan -out\", or add method \"unencrypted\""
              + " \"migrate\" {} and fallback { method = method.unencrypted.migrate } to the plan"
              + " block.";
    }
    return new StateException("Unencrypted " + what + " refused", detail + " Nothing was written.");
  }

  private StateException cannotDecrypt(
      String where, List<String> failures, Set<String> keyProviders) {
    StringBuilder detail =
        new StringBuilder(where)
            .append(" is encrypted, and no method of the ")
            .append(kind.noun)
            .append(" encryption could decrypt it:\n");
    failures.forEach(f -> detail.append(f).append('\n'));
    detail.append('\n');
    if (!keyProviders.isEmpty()) {
      detail
          .append("Check the passphrase of ")
          .append(String.join(" and ", keyProviders))
          .append(" (in the configuration, or in the TF_ENCRYPTION environment variable). ");
    }
    detail
        .append("If the passphrase or the key provider changed since this was written, keep the")
        .append(" old ones as the ")
        .append(kind.noun)
        .append(" block's fallback { method = ... } until it is written again. Nothing was")
        .append(" written.");
    return new StateException("Failed to decrypt the " + kind.noun, detail.toString());
  }
}
