/**
 * The HCL native syntax: scanner, tokens, recursive-descent parser and the syntax tree.
 *
 * <p>Owns turning source text into {@link dev.forma.engine.hcl.ConfigFile} (a {@link
 * dev.forma.engine.hcl.Body} of attributes and blocks whose values are unevaluated {@link
 * dev.forma.engine.hcl.Expr} trees), every node with its source range, and every syntax error as a
 * diagnostic. Must not evaluate anything nor know what Terraform's blocks mean.
 */
package dev.forma.engine.hcl;
