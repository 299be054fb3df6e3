/**
 * The configuration model and its loading: a directory of {@code *.tf} and {@code *.tf.json} files
 * becomes a {@link dev.forma.engine.config.Module} of variables, locals, outputs, provider
 * configurations, resources and the other top-level blocks, each with its source ranges; input
 * variable values are gathered and checked; locals and outputs are evaluated for {@code validate}
 * and {@code console}.
 *
 * <p>Owns Terraform's block structure and its diagnostics (unsupported blocks, duplicates,
 * meta-argument misuse, reference checking). Must not parse syntax itself (it asks {@code hcl} and
 * {@code hcl.json}), nor know any provider's schema: a resource body is kept as an unevaluated
 * {@link dev.forma.engine.hcl.Body} for the schema step. The one exception is {@link
 * dev.forma.engine.config.ModuleEvaluator}'s {@code validate}, which is that step for {@code
 * validate}: it asks the providers for their schemas and checks through {@code
 * dev.forma.engine.providers}, never a provider's classes.
 */
package dev.forma.engine.config;
