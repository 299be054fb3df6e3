package dev.forma.state.encryption;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code terraform { encryption { ... } }} block (or the {@code TF_ENCRYPTION} environment
 * variable) as plain data, its expressions already evaluated: what {@link Encryption#of} builds the
 * state and plan encryption from. The engine reads it from the configuration; this module decides
 * what it means (OpenTofu's key providers, methods and targets) and reports mistakes with their
 * {@link Location}.
 *
 * @param keyProviders the {@code key_provider "TYPE" "NAME"} blocks, in order
 * @param methods the {@code method "TYPE" "NAME"} blocks, in order
 * @param state the {@code state} block, or null
 * @param plan the {@code plan} block, or null
 * @param remoteStateDataSources the {@code remote_state_data_sources} block, or null (accepted as
 *     OpenTofu does; Forma has no {@code terraform_remote_state} data source that would use it)
 * @param location where the block is
 */
public record EncryptionConfig(
    List<KeyProviderConfig> keyProviders,
    List<MethodConfig> methods,
    TargetConfig state,
    TargetConfig plan,
    RemoteConfig remoteStateDataSources,
    Location location) {
  public EncryptionConfig {
    keyProviders = List.copyOf(keyProviders);
    methods = List.copyOf(methods);
  }

  /** Where something was written: file (or {@code TF_ENCRYPTION}), line and column, 1-based. */
  public record Location(String file, int line, int column) {
    /** Somewhere without a position, such as a configuration made in code. */
    public static final Location NOWHERE = new Location(null, 0, 0);

    @Override
    public String toString() {
      return file == null ? "(unknown)" : file + ":" + line + "," + column;
    }
  }

  /**
   * A reference such as {@code key_provider.pbkdf2.mykey} or {@code method.aes_gcm.mymethod}:
   * {@code root} is {@code key_provider} or {@code method}.
   */
  public record Reference(String root, String type, String name) {
    public Reference {
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return root + "." + type + "." + name;
    }
  }

  /**
   * One argument's value and where it was written. The value is a {@link String}, a {@link
   * BigDecimal}, a {@link Boolean}, a {@link List} of such values, or a {@link Reference}.
   */
  public record Argument(Object value, Location location) {
    public Argument {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(location, "location");
    }
  }

  /** A {@code key_provider "TYPE" "NAME" { ... }} block. */
  public record KeyProviderConfig(
      String type, String name, Map<String, Argument> arguments, Location location) {
    public KeyProviderConfig {
      arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** {@code key_provider.TYPE.NAME}, as references and messages name it. */
    public String address() {
      return "key_provider." + type + "." + name;
    }
  }

  /** A {@code method "TYPE" "NAME" { ... }} block. */
  public record MethodConfig(
      String type, String name, Map<String, Argument> arguments, Location location) {
    public MethodConfig {
      arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** {@code method.TYPE.NAME}, as references and messages name it. */
    public String address() {
      return "method." + type + "." + name;
    }
  }

  /**
   * A {@code state}, {@code plan} or {@code fallback} block: the method (a {@link Reference} to a
   * method, or null when not set), the fallback tried when it cannot decrypt, and {@code enforced}
   * (null when not set; only {@code state} and {@code plan} take it).
   */
  public record TargetConfig(
      Argument method, TargetConfig fallback, Boolean enforced, Location location) {}

  /** A {@code remote_state_data_sources} block: {@code default} and the named data sources. */
  public record RemoteConfig(TargetConfig defaultTarget, Map<String, TargetConfig> dataSources) {
    public RemoteConfig {
      dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
    }
  }

  /**
   * This configuration with {@code override} merged over it, as OpenTofu merges {@code
   * TF_ENCRYPTION} over the configuration's block: key providers and methods of the same type and
   * name have their arguments merged (the override's win), others are added; a target's method and
   * fallback are the override's when it sets them; {@code enforced} holds if either sets it.
   */
  public EncryptionConfig merge(EncryptionConfig override) {
    if (override == null) {
      return this;
    }
    List<KeyProviderConfig> providers = new ArrayList<>(keyProviders);
    for (KeyProviderConfig o : override.keyProviders) {
      int i = indexOf(providers, p -> p.type().equals(o.type()) && p.name().equals(o.name()));
      if (i < 0) {
        providers.add(o);
      } else {
        KeyProviderConfig base = providers.get(i);
        providers.set(
            i,
            new KeyProviderConfig(
                base.type(), base.name(), merged(base.arguments(), o.arguments()), o.location()));
      }
    }
    List<MethodConfig> ms = new ArrayList<>(methods);
    for (MethodConfig o : override.methods) {
      int i = indexOf(ms, m -> m.type().equals(o.type()) && m.name().equals(o.name()));
      if (i < 0) {
        ms.add(o);
      } else {
        MethodConfig base = ms.get(i);
        ms.set(
            i,
            new MethodConfig(
                base.type(), base.name(), merged(base.arguments(), o.arguments()), o.location()));
      }
    }
    return new EncryptionConfig(
        providers,
        ms,
        mergeTarget(state, override.state),
        mergeTarget(plan, override.plan),
        mergeRemote(remoteStateDataSources, override.remoteStateDataSources),
        override.location);
  }

  private static <T> int indexOf(List<T> list, java.util.function.Predicate<T> matches) {
    for (int i = 0; i < list.size(); i++) {
      if (matches.test(list.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, Argument> merged(
      Map<String, Argument> base, Map<String, Argument> override) {
    Map<String, Argument> out = new LinkedHashMap<>(base);
    out.putAll(override);
    return out;
  }

  private static TargetConfig mergeTarget(TargetConfig base, TargetConfig override) {
    if (base == null) {
      return override;
    }
    if (override == null) {
      return base;
    }
    Boolean enforced =
        base.enforced() == null && override.enforced() == null
            ? null
            : Boolean.TRUE.equals(base.enforced()) || Boolean.TRUE.equals(override.enforced());
    return new TargetConfig(
        override.method() != null ? override.method() : base.method(),
        override.fallback() != null ? override.fallback() : base.fallback(),
        enforced,
        override.location());
  }

  private static RemoteConfig mergeRemote(RemoteConfig base, RemoteConfig override) {
    if (base == null) {
      return override;
    }
    if (override == null) {
      return base;
    }
    Map<String, TargetConfig> sources = new LinkedHashMap<>(base.dataSources());
    override
        .dataSources()
        .forEach((name, t) -> sources.merge(name, t, (a, b) -> mergeTarget(a, b)));
    return new RemoteConfig(mergeTarget(base.defaultTarget(), override.defaultTarget()), sources);
  }
}
