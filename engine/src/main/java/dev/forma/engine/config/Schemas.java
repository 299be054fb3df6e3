package dev.forma.engine.config;

/** Terraform's block structure, as far as the loader knows it (provider bodies aside). */
final class Schemas {
  private Schemas() {}

  static final BlockSchema CHECK_RULE =
      BlockSchema.builder().required("condition", "error_message").build();

  static final BlockSchema VARIABLE =
      BlockSchema.builder()
          .attr("description", "default", "sensitive", "nullable", "ephemeral")
          .jsonExpr("type")
          .block("validation", CHECK_RULE)
          .build();

  static final BlockSchema LOCALS = BlockSchema.builder().build();

  static final BlockSchema OUTPUT =
      BlockSchema.builder()
          .required("value")
          .attr("description", "sensitive", "ephemeral")
          .jsonExpr("depends_on")
          .block("precondition", CHECK_RULE)
          .build();

  static final BlockSchema PROVIDER = BlockSchema.builder().attr("alias", "version").build();

  static final BlockSchema LIFECYCLE =
      BlockSchema.builder()
          .attr("create_before_destroy", "prevent_destroy")
          .jsonExpr("ignore_changes", "replace_triggered_by")
          .block("precondition", CHECK_RULE)
          .block("postcondition", CHECK_RULE)
          .build();

  static final BlockSchema OPEN = BlockSchema.builder().build();

  static final BlockSchema DYNAMIC =
      BlockSchema.builder().attr("for_each", "iterator", "labels").block("content", OPEN).build();

  static final BlockSchema RESOURCE =
      BlockSchema.builder()
          .attr("count", "for_each")
          .jsonExpr("depends_on", "provider")
          .block("lifecycle", LIFECYCLE)
          .block("connection", OPEN)
          .block("provisioner", OPEN, "type")
          .block("dynamic", DYNAMIC, "type")
          .build();

  static final BlockSchema DATA =
      BlockSchema.builder()
          .attr("count", "for_each")
          .jsonExpr("depends_on", "provider")
          .block("lifecycle", LIFECYCLE)
          .block("dynamic", DYNAMIC, "type")
          .build();

  static final BlockSchema IMPORT =
      BlockSchema.builder()
          .required("to", "id")
          .attr("for_each")
          .jsonExpr("to", "provider")
          .build();

  static final BlockSchema MOVED =
      BlockSchema.builder().required("from", "to").jsonExpr("from", "to").build();

  static final BlockSchema REMOVED_LIFECYCLE = BlockSchema.builder().attr("destroy").build();

  static final BlockSchema REMOVED =
      BlockSchema.builder()
          .required("from")
          .jsonExpr("from")
          .block("lifecycle", REMOVED_LIFECYCLE)
          .block("provisioner", OPEN, "type")
          .block("connection", OPEN)
          .build();

  static final BlockSchema TERRAFORM =
      BlockSchema.builder()
          .attr("required_version", "experiments", "language")
          .block("required_providers", OPEN)
          .block("backend", OPEN, "type")
          .block("cloud", OPEN)
          .block("provider_meta", OPEN, "provider")
          .block("encryption", EncryptionSettings.SCHEMA)
          .build();

  static final BlockSchema CHECK =
      BlockSchema.builder().block("data", DATA, "type", "name").block("assert", CHECK_RULE).build();

  static final BlockSchema MODULE =
      BlockSchema.builder()
          .required("source")
          .attr("version", "count", "for_each")
          .jsonExpr("depends_on", "providers")
          .block("lifecycle", OPEN)
          .build();

  static final BlockSchema ROOT =
      BlockSchema.builder()
          .block("terraform", TERRAFORM)
          .block("provider", PROVIDER, "name")
          .block("variable", VARIABLE, "name")
          .block("locals", LOCALS)
          .block("output", OUTPUT, "name")
          .block("module", MODULE, "name")
          .block("resource", RESOURCE, "type", "name")
          .block("data", DATA, "type", "name")
          .block("ephemeral", RESOURCE, "type", "name")
          .block("moved", MOVED)
          .block("import", IMPORT)
          .block("removed", REMOVED)
          .block("check", CHECK, "name")
          .build();
}
