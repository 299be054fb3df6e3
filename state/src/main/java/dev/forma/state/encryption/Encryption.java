package dev.forma.state.encryption;

import dev.forma.state.StateException;
import dev.forma.state.StateProblem;
import dev.forma.state.encryption.EncryptionConfig.Argument;
import dev.forma.state.encryption.EncryptionConfig.KeyProviderConfig;
import dev.forma.state.encryption.EncryptionConfig.Location;
import dev.forma.state.encryption.EncryptionConfig.MethodConfig;
import dev.forma.state.encryption.EncryptionConfig.Reference;
import dev.forma.state.encryption.EncryptionConfig.TargetConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The encryption an {@link EncryptionConfig} describes, built and checked as OpenTofu 1.7+ does:
 * key provider {@code pbkdf2}; methods {@code aes_gcm} and {@code unencrypted}; the {@code state}
 * and {@code plan} targets with their fallbacks and {@code enforced}. Gives the {@link
 * StateEncryption} of states (every store's state, backup and journal) and of saved plans, each
 * {@link StateEncryption#NONE} when its target is not configured.
 */
public final class Encryption {
  /** No encryption configured. */
  public static final Encryption DISABLED =
      new Encryption(StateEncryption.NONE, StateEncryption.NONE, List.of());

  private static final Set<String> PBKDF2_ARGUMENTS =
      Set.of(
          "passphrase",
          "key_length",
          "iterations",
          "salt_length",
          "hash_function",
          "encrypted_metadata_alias",
          "chain");
  private static final Set<String> AES_GCM_ARGUMENTS = Set.of("keys", "aad");

  private final StateEncryption state;
  private final StateEncryption plan;
  private final List<StateProblem> warnings;

  private Encryption(StateEncryption state, StateEncryption plan, List<StateProblem> warnings) {
    this.state = state;
    this.plan = plan;
    this.warnings = List.copyOf(warnings);
  }

  /** The encryption of states (state files, backups, journals, remote states). */
  public StateEncryption state() {
    return state;
  }

  /** The encryption of saved plans. */
  public StateEncryption plan() {
    return plan;
  }

  /** What is worth a warning, such as an {@code unencrypted} method being configured. */
  public List<StateProblem> warnings() {
    return warnings;
  }

  /**
   * Builds the encryption {@code config} describes ({@link #DISABLED} for null).
   *
   * @throws StateException with every mistake found, each at its location
   */
  public static Encryption of(EncryptionConfig config) throws StateException {
    if (config == null) {
      return DISABLED;
    }
    return new Builder(config).build();
  }

  private static final class Builder {
    private final EncryptionConfig config;
    private final List<StateProblem> problems = new ArrayList<>();
    private final List<StateProblem> warnings = new ArrayList<>();
    private final Map<String, KeyProvider> keyProviders = new LinkedHashMap<>();
    private final Map<String, Method> methods = new LinkedHashMap<>();

    Builder(EncryptionConfig config) {
      this.config = config;
    }

    Encryption build() throws StateException {
      for (KeyProviderConfig kp : config.keyProviders()) {
        if (keyProviders.containsKey(kp.address())) {
          error("Duplicate key_provider", "Found multiple instances of " + kp.address() + ".", kp);
          continue;
        }
        // null when its mistakes are reported: methods using it then report nothing more
        keyProviders.put(kp.address(), keyProvider(kp));
      }
      for (MethodConfig m : config.methods()) {
        if (methods.containsKey(m.address())) {
          error("Duplicate method", "Found multiple instances of " + m.address() + ".", m);
          continue;
        }
        methods.put(m.address(), method(m));
        if (m.type().equals("unencrypted")) {
          warnings.add(
              problem(
                  "Unencrypted method configured",
                  "Method unencrypted is present in configuration. This is a security risk and"
                      + " should only be enabled during migrations.",
                  m.location()));
        }
      }
      StateEncryption state = target(TargetEncryption.Kind.STATE, config.state());
      StateEncryption plan = target(TargetEncryption.Kind.PLAN, config.plan());
      if (config.remoteStateDataSources() != null) {
        EncryptionConfig.RemoteConfig remote = config.remoteStateDataSources();
        if (remote.defaultTarget() != null) {
          methods(remote.defaultTarget(), "remote_state_data_sources.default", false);
        }
        remote
            .dataSources()
            .forEach(
                (name, t) ->
                    methods(
                        t, "remote_state_data_sources.remote_state_data_source." + name, false));
      }
      if (!problems.isEmpty()) {
        throw new StateException(problems);
      }
      return new Encryption(state, plan, warnings);
    }

    private StateEncryption target(TargetEncryption.Kind kind, TargetConfig target) {
      if (target == null) {
        return StateEncryption.NONE;
      }
      boolean enforced = Boolean.TRUE.equals(target.enforced());
      List<Method> chain = methods(target, kind.noun, enforced);
      if (chain == null || chain.isEmpty()) {
        return StateEncryption.NONE;
      }
      return new TargetEncryption(kind, chain, enforced);
    }

    /** The methods of a target and its fallbacks, primary first; null after reporting mistakes. */
    private List<Method> methods(TargetConfig target, String name, boolean enforced) {
      List<Method> chain = new ArrayList<>();
      boolean failed = false;
      String targetName = name;
      for (TargetConfig t = target; t != null; t = t.fallback()) {
        if (t.method() == null) {
          error(
              "Missing encryption method",
              "undefined or null method used for \""
                  + targetName
                  + "\": set method = method.TYPE.NAME, naming a method block of the encryption"
                  + " configuration.",
              t.location());
          failed = true;
        } else if (!(t.method().value() instanceof Reference ref) || !ref.root().equals("method")) {
          error(
              "Invalid encryption method identifier",
              "Expected method of form method.<type>.<name>.",
              t.method().location());
          failed = true;
        } else if (!methods.containsKey(ref.toString())) {
          error(
              "Undefined encryption method",
              "Can not find \"" + ref + "\" for \"" + targetName + "\".",
              t.method().location());
          failed = true;
        } else if (methods.get(ref.toString()) == null) {
          failed = true; // its own mistakes are reported already
        } else {
          Method m = methods.get(ref.toString());
          if (enforced && m.unencrypted()) {
            error(
                "Unencrypted method is forbidden",
                "Unable to use `unencrypted` method since the `enforced` flag is used.",
                t.method().location());
            failed = true;
          }
          chain.add(m);
        }
        targetName = targetName + ".fallback";
      }
      return failed ? null : chain;
    }

    private Method method(MethodConfig m) {
      switch (m.type()) {
        case "unencrypted" -> {
          for (Map.Entry<String, Argument> a : m.arguments().entrySet()) {
            unsupportedArgument(a.getKey(), a.getValue(), Set.of());
          }
          return new UnencryptedMethod(m.address());
        }
        case "aes_gcm" -> {
          boolean ok = true;
          for (Map.Entry<String, Argument> a : m.arguments().entrySet()) {
            ok &= unsupportedArgument(a.getKey(), a.getValue(), AES_GCM_ARGUMENTS);
          }
          Argument keys = m.arguments().get("keys");
          if (keys == null) {
            error(
                "Missing required argument",
                "The argument \"keys\" is required, but no definition was found: set keys ="
                    + " key_provider.TYPE.NAME in "
                    + m.address()
                    + ".",
                m.location());
            return null;
          }
          if (!(keys.value() instanceof Reference ref) || !ref.root().equals("key_provider")) {
            error(
                "Invalid keys",
                "keys of " + m.address() + " must name a key provider: key_provider.TYPE.NAME.",
                keys.location());
            return null;
          }
          if (!keyProviders.containsKey(ref.toString())) {
            error(
                "Undefined Key Provider",
                "Key provider "
                    + ref.type()
                    + "."
                    + ref.name()
                    + " is missing from the encryption configuration.",
                keys.location());
            return null;
          }
          KeyProvider provider = keyProviders.get(ref.toString());
          if (provider == null) {
            return null; // its own mistakes are reported already
          }
          int length = provider.keyLength();
          if (length != 16 && length != 24 && length != 32) {
            error(
                "Unable to build encryption method",
                m.address()
                    + ": AES-GCM requires the key length to be one of: 16, 24, 32, received "
                    + length
                    + " bytes in the encryption key of "
                    + provider.address()
                    + ". Set its key_length to 16, 24 or 32.",
                keys.location());
            return null;
          }
          byte[] aad = aad(m.arguments().get("aad"), m);
          if (!ok || aad == null) {
            return null;
          }
          return new AesGcmMethod(m.address(), provider, aad);
        }
        default -> {
          error(
              "Unknown encryption method type",
              "Forma has the encryption methods \"aes_gcm\" and \"unencrypted\", not \""
                  + m.type()
                  + "\" ("
                  + m.address()
                  + ").",
              m.location());
          return null;
        }
      }
    }

    private byte[] aad(Argument a, MethodConfig m) {
      if (a == null) {
        return new byte[0];
      }
      if (!(a.value() instanceof List<?> items)) {
        error(
            "Invalid aad",
            "aad of " + m.address() + " must be a list of bytes (numbers from 0 to 255).",
            a.location());
        return null;
      }
      byte[] out = new byte[items.size()];
      for (int i = 0; i < items.size(); i++) {
        Integer b = items.get(i) instanceof BigDecimal n ? intValue(n) : null;
        if (b == null || b < 0 || b > 255) {
          error(
              "Invalid aad",
              "aad of " + m.address() + " must be a list of bytes (numbers from 0 to 255).",
              a.location());
          return null;
        }
        out[i] = (byte) (int) b;
      }
      return out;
    }

    private KeyProvider keyProvider(KeyProviderConfig kp) {
      if (!kp.type().equals("pbkdf2")) {
        error(
            "Unknown key_provider type",
            "Forma has the key provider \"pbkdf2\"; it cannot find \""
                + kp.type()
                + "\" ("
                + kp.address()
                + "). OpenTofu's key management services are not supported: derive the key from"
                + " a passphrase with pbkdf2, which can come from a variable.",
            kp.location());
        return null;
      }
      int before = problems.size();
      for (Map.Entry<String, Argument> a : kp.arguments().entrySet()) {
        unsupportedArgument(a.getKey(), a.getValue(), PBKDF2_ARGUMENTS);
      }
      Map<String, Argument> args = kp.arguments();
      if (args.containsKey("chain")) {
        error(
            "Unsupported argument",
            "Forma's pbkdf2 key provider takes its passphrase from the passphrase argument; it"
                + " cannot chain another key provider.",
            args.get("chain").location());
      }
      String passphrase = string(args.get("passphrase"), kp);
      String hash = string(args.get("hash_function"), kp);
      String alias = string(args.get("encrypted_metadata_alias"), kp);
      Integer keyLength = integer(args.get("key_length"), kp);
      Integer iterations = integer(args.get("iterations"), kp);
      Integer saltLength = integer(args.get("salt_length"), kp);
      if (problems.size() > before) {
        return null;
      }
      int length = keyLength == null ? Pbkdf2KeyProvider.DEFAULT_KEY_LENGTH : keyLength;
      int rounds = iterations == null ? Pbkdf2KeyProvider.DEFAULT_ITERATIONS : iterations;
      int salt = saltLength == null ? Pbkdf2KeyProvider.DEFAULT_SALT_LENGTH : saltLength;
      String function = hash == null ? Pbkdf2KeyProvider.DEFAULT_HASH : hash;
      String failure = null;
      Location at = kp.location();
      if (passphrase == null || passphrase.isEmpty()) {
        failure =
            "no passphrase provided: set passphrase (at least "
                + Pbkdf2KeyProvider.MIN_PASSPHRASE_BYTES
                + " characters), for example from a variable given by TF_VAR_NAME, or give the"
                + " key provider in the TF_ENCRYPTION environment variable";
      } else if (passphrase.getBytes(StandardCharsets.UTF_8).length
          < Pbkdf2KeyProvider.MIN_PASSPHRASE_BYTES) {
        failure =
            "passphrase is too short (minimum "
                + Pbkdf2KeyProvider.MIN_PASSPHRASE_BYTES
                + " characters)";
        at = args.get("passphrase").location();
      } else if (length <= 0) {
        failure = "the key length must be larger than zero";
        at = args.get("key_length").location();
      } else if (rounds <= 0) {
        failure = "the number of iterations must be larger than zero";
        at = args.get("iterations").location();
      } else if (rounds < Pbkdf2KeyProvider.MIN_ITERATIONS) {
        failure =
            "the number of iterations is dangerously low (<"
                + Pbkdf2KeyProvider.MIN_ITERATIONS
                + "), refusing to generate key";
        at = args.get("iterations").location();
      } else if (salt <= 0) {
        failure = "the salt length must be larger than zero";
        at = args.get("salt_length").location();
      } else if (!function.equals("sha256") && !function.equals("sha512")) {
        failure =
            "invalid hash function name: " + function + " (pbkdf2 takes \"sha256\" or \"sha512\")";
        at = args.get("hash_function").location();
      } else if (alias != null && alias.isEmpty()) {
        failure = "encrypted_metadata_alias must not be empty";
        at = args.get("encrypted_metadata_alias").location();
      }
      if (failure != null) {
        error(
            "Unable to build encryption key data",
            kp.address() + " failed with error: " + failure + ".",
            at);
        return null;
      }
      return new Pbkdf2KeyProvider(
          kp.address(),
          alias == null ? kp.address() : alias,
          passphrase,
          length,
          rounds,
          salt,
          function);
    }

    private String string(Argument a, KeyProviderConfig kp) {
      if (a == null) {
        return null;
      }
      if (a.value() instanceof String s) {
        return s;
      }
      if (a.value() instanceof BigDecimal || a.value() instanceof Boolean) {
        return a.value().toString();
      }
      error(
          "Incorrect attribute value type",
          "Inappropriate value for an argument of " + kp.address() + ": string required.",
          a.location());
      return null;
    }

    private Integer integer(Argument a, KeyProviderConfig kp) {
      if (a == null) {
        return null;
      }
      Integer n = null;
      if (a.value() instanceof BigDecimal d) {
        n = intValue(d);
      } else if (a.value() instanceof String s) {
        try {
          n = intValue(new BigDecimal(s.strip()));
        } catch (NumberFormatException e) {
          n = null;
        }
      }
      if (n == null) {
        error(
            "Incorrect attribute value type",
            "Inappropriate value for an argument of "
                + kp.address()
                + ": a whole number is required.",
            a.location());
      }
      return n;
    }

    private static Integer intValue(BigDecimal d) {
      try {
        return d.intValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }

    private boolean unsupportedArgument(String name, Argument a, Set<String> allowed) {
      if (allowed.contains(name)) {
        return true;
      }
      error(
          "Unsupported argument",
          "An argument named \"" + name + "\" is not expected here.",
          a.location());
      return false;
    }

    private void error(String summary, String detail, KeyProviderConfig at) {
      error(summary, detail, at.location());
    }

    private void error(String summary, String detail, MethodConfig at) {
      error(summary, detail, at.location());
    }

    private void error(String summary, String detail, Location at) {
      problems.add(problem(summary, detail, at));
    }

    private static StateProblem problem(String summary, String detail, Location at) {
      if (at == null || at.file() == null) {
        return StateProblem.of(summary, detail);
      }
      return new StateProblem(summary, detail, at.file(), at.line(), at.column());
    }
  }
}
