package dev.forma.provider.api.schema;

import dev.forma.provider.api.value.Type;

/**
 * One argument or attribute of a resource type.
 *
 * <p>{@code required}: configuration must set it. {@code optional}: configuration may set it.
 * {@code computed}: the provider sets it (when also optional, only when configuration does not).
 * {@code forceNew}: a change replaces the object. {@code sensitive}: never shown. {@code
 * writeOnly}: sent to the provider but never read back nor kept in state in plain text (state holds
 * a salted fingerprint to detect change). {@code blockFormAccepted}: a map attribute that
 * configuration may also write as a block ({@code configs { uri = "..." }}), whose arguments become
 * the map's entries; the decoder warns and shows the {@code configs = { ... }} form. Terraform
 * rejects that form; a provider sets it only where its published examples use it.
 */
public record AttributeSchema(
    String name,
    Type type,
    String description,
    boolean required,
    boolean optional,
    boolean computed,
    boolean forceNew,
    boolean sensitive,
    boolean writeOnly,
    boolean blockFormAccepted) {

  /** An attribute that is written only with {@code =} (the usual case). */
  public AttributeSchema(
      String name,
      Type type,
      String description,
      boolean required,
      boolean optional,
      boolean computed,
      boolean forceNew,
      boolean sensitive,
      boolean writeOnly) {
    this(
        name,
        type,
        description,
        required,
        optional,
        computed,
        forceNew,
        sensitive,
        writeOnly,
        false);
  }

  public static Builder builder(String name, Type type) {
    return new Builder(name, type);
  }

  /** Fluent construction for provider code: {@code builder("name", STRING).required().build()}. */
  public static final class Builder {
    private final String name;
    private final Type type;
    private String description = "";
    private boolean required;
    private boolean optional;
    private boolean computed;
    private boolean forceNew;
    private boolean sensitive;
    private boolean writeOnly;
    private boolean blockFormAccepted;

    private Builder(String name, Type type) {
      this.name = name;
      this.type = type;
    }

    public Builder description(String d) {
      this.description = d;
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder optional() {
      this.optional = true;
      return this;
    }

    public Builder computed() {
      this.computed = true;
      return this;
    }

    public Builder forceNew() {
      this.forceNew = true;
      return this;
    }

    public Builder sensitive() {
      this.sensitive = true;
      return this;
    }

    public Builder writeOnly() {
      this.writeOnly = true;
      return this;
    }

    /**
     * Accepts the block form {@code name { key = value }} for this map attribute besides {@code
     * name = { key = value }}, with a warning showing the latter.
     */
    public Builder acceptBlockForm() {
      this.blockFormAccepted = true;
      return this;
    }

    public AttributeSchema build() {
      if (!required && !optional && !computed) {
        throw new IllegalStateException(name + ": one of required, optional, computed is needed");
      }
      if (required && (optional || computed)) {
        throw new IllegalStateException(name + ": required excludes optional and computed");
      }
      if (blockFormAccepted && !(type instanceof Type.MapType)) {
        throw new IllegalStateException(name + ": only a map attribute can accept the block form");
      }
      return new AttributeSchema(
          name,
          type,
          description,
          required,
          optional,
          computed,
          forceNew,
          sensitive,
          writeOnly,
          blockFormAccepted);
    }
  }
}
