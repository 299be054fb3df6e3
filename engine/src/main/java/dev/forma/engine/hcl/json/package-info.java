/**
 * The JSON syntax of the configuration language ({@code .tf.json} files): read with Jackson's
 * streaming parser into the same {@link dev.forma.engine.hcl.Body} / {@link
 * dev.forma.engine.hcl.Block} / {@link dev.forma.engine.hcl.Attribute} / {@link
 * dev.forma.engine.hcl.Expr} model as the native syntax, every node with the range of its JSON
 * tokens.
 *
 * <p>Owns Terraform's JSON rules: strings are templates, {@code "//"} keys in bodies are comments,
 * blocks are recognised by a {@link dev.forma.engine.hcl.json.JsonSchema} supplied by the caller,
 * some arguments take an expression written inside a string. Must not know what Terraform's blocks
 * mean (the caller's schema says) nor evaluate anything.
 */
package dev.forma.engine.hcl.json;
