package dev.forma.state.encryption;

import dev.forma.state.encryption.EncryptionConfig.Argument;
import dev.forma.state.encryption.EncryptionConfig.KeyProviderConfig;
import dev.forma.state.encryption.EncryptionConfig.Location;
import dev.forma.state.encryption.EncryptionConfig.MethodConfig;
import dev.forma.state.encryption.EncryptionConfig.Reference;
import dev.forma.state.encryption.EncryptionConfig.TargetConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encryption configurations for tests, built as the engine would read them from HCL. Key providers
 * use sha256 and the minimum of iterations unless told otherwise, to keep derivations short.
 */
public final class Configs {
  public static final String PASSPHRASE_A = "correct horse battery staple \u2013 forma";
  public static final String PASSPHRASE_B = "a completely different passphrase";

  private final List<KeyProviderConfig> providers = new ArrayList<>();
  private final List<MethodConfig> methods = new ArrayList<>();
  private TargetConfig state;
  private TargetConfig plan;

  public static Configs config() {
    return new Configs();
  }

  /** Where test settings are "written": main.tf, line {@code line}. */
  public static Location at(int line) {
    return new Location("main.tf", line, 5);
  }

  public static Argument arg(Object value) {
    return new Argument(value instanceof Integer i ? BigDecimal.valueOf(i) : value, at(1));
  }

  public static Reference ref(String text) {
    String[] p = text.split("\\.");
    return new Reference(p[0], p[1], p[2]);
  }

  /** A pbkdf2 key provider with sha256 and 200000 iterations. */
  public Configs pbkdf2(String name, String passphrase) {
    Map<String, Argument> args = new LinkedHashMap<>();
    args.put("passphrase", arg(passphrase));
    args.put("hash_function", arg("sha256"));
    args.put("iterations", arg(200_000));
    return keyProvider("pbkdf2", name, args);
  }

  public Configs keyProvider(String type, String name, Map<String, Argument> args) {
    providers.add(new KeyProviderConfig(type, name, args, at(2)));
    return this;
  }

  public Configs aesGcm(String name, String keyProvider) {
    return method("aes_gcm", name, Map.of("keys", arg(ref("key_provider.pbkdf2." + keyProvider))));
  }

  public Configs unencrypted(String name) {
    return method("unencrypted", name, Map.of());
  }

  public Configs method(String type, String name, Map<String, Argument> args) {
    methods.add(new MethodConfig(type, name, args, at(3)));
    return this;
  }

  /** {@code state { method = M, fallback { method = F1 { fallback ... } } }}. */
  public Configs state(boolean enforced, String method, String... fallbacks) {
    state = target(enforced, method, fallbacks);
    return this;
  }

  public Configs plan(boolean enforced, String method, String... fallbacks) {
    plan = target(enforced, method, fallbacks);
    return this;
  }

  private static TargetConfig target(boolean enforced, String method, String... fallbacks) {
    TargetConfig fallback = null;
    for (int i = fallbacks.length - 1; i >= 0; i--) {
      fallback = new TargetConfig(new Argument(ref(fallbacks[i]), at(5)), fallback, null, at(5));
    }
    return new TargetConfig(
        method == null ? null : new Argument(ref(method), at(4)),
        fallback,
        enforced ? true : null,
        at(4));
  }

  public EncryptionConfig build() {
    return new EncryptionConfig(providers, methods, state, plan, null, at(1));
  }

  public Encryption encryption() throws Exception {
    return Encryption.of(build());
  }

  /** Encrypts states with method.aes_gcm.m and key_provider.pbkdf2.k from {@code passphrase}. */
  public static Encryption encrypted(String passphrase) throws Exception {
    return config()
        .pbkdf2("k", passphrase)
        .aesGcm("m", "k")
        .state(false, "method.aes_gcm.m")
        .plan(false, "method.aes_gcm.m")
        .encryption();
  }
}
