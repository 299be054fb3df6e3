package dev.forma.engine.hcl;

import dev.forma.provider.api.diag.Range;

/**
 * One token of HCL native syntax: its kind, its exact source text and where it is. Concatenating
 * the texts of all tokens with the whitespace between them (recoverable from the ranges' byte
 * offsets) gives back the source.
 */
public record Token(TokenKind kind, String text, Range range) {}
