/**
 * Resource and provider schemas: what arguments and nested blocks a resource type takes, their
 * types, and whether each is required, optional, computed, ForceNew, sensitive or write-only.
 *
 * <p>Owns the schema records and the value rules driven by them ({@link
 * dev.forma.provider.api.schema.SchemaValues}: sensitive paths and marks, write-only fingerprints).
 * Decoding a configuration body against a schema is the engine's ({@code
 * dev.forma.engine.eval.SchemaDecoder}), as is all diffing (DESIGN decision 8). Must not talk to
 * providers or the state, nor know the language.
 */
package dev.forma.provider.api.schema;
